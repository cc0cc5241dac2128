import type { ReactNode } from 'react';
import type { ListedApp } from '../api/apps.ts';
import { relativeTime } from './when.ts';

interface Props {
  readonly apps: readonly ListedApp[];
  readonly total: number | undefined;
  readonly status: 'loading' | 'error' | 'ready';
  readonly error: string | undefined;
  readonly query: string;
  readonly editable: boolean;
  readonly hrefOf: (appId: string) => string;
  readonly onNew: () => void;
  /** per-row actions (snapshot), in a last column */
  readonly actions?: (app: ListedApp) => ReactNode;
}

/** One row per application: name and id, version, who saved it last, when and why. */
export function AppTable({
  apps,
  total,
  status,
  error,
  query,
  editable,
  hrefOf,
  onNew,
  actions,
}: Props) {
  if (status === 'error') {
    return (
      <div className="list-empty" role="alert">
        <strong>Could not load the applications.</strong>
        <span>{error}</span>
      </div>
    );
  }
  if (status === 'loading') return <div className="list-empty">Loading applications…</div>;
  if (total === 0) {
    return (
      <div className="list-empty">
        <strong>No applications yet.</strong>
        {editable ? (
          <>
            <span>Start from a template, or import a network a controller already holds.</span>
            <button type="button" className="btn btn-primary" onClick={onNew}>
              New application
            </button>
          </>
        ) : (
          <span>A designer of this tenant creates them.</span>
        )}
      </div>
    );
  }
  if (apps.length === 0) {
    return <div className="list-empty">No application matches “{query}”.</div>;
  }
  return (
    <table className="app-table" data-testid="app-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Version</th>
          <th>Last saved by</th>
          <th>When</th>
          <th>Message</th>
          {actions && <th aria-label="actions" />}
        </tr>
      </thead>
      <tbody>
        {apps.map((a) => (
          <tr key={a.id} data-testid={`app-row-${a.id}`}>
            <td>
              <a className="app-link" href={hrefOf(a.id)}>
                {a.name}
              </a>
              <span className="app-id mono">{a.id}</span>
            </td>
            <td>
              <span className="version-tag" data-testid="app-version">
                v{a.version}
              </span>
            </td>
            <td>{a.author}</td>
            <td title={new Date(a.createdAt).toLocaleString()}>{relativeTime(a.createdAt)}</td>
            <td className="app-message">{a.message || <span className="muted">—</span>}</td>
            {actions && <td className="app-actions">{actions(a)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
