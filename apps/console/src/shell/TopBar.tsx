import type { Application, Diagnostic } from '@netcanvas/model';
import type { ReactNode } from 'react';
import { useControllers } from '../deploy/useControllers.ts';
import { useHealth } from '../useHealth.ts';
import { Logo } from './Logo.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import type { Theme } from './useTheme.ts';

/** Where the design being edited is stored, for the breadcrumb. */
export interface DesignLocation {
  readonly tenant: string;
  /** the link back to the tenant's app list; absent in live mode */
  readonly listHref?: string;
  /** the stored version the editor holds; undefined for a template */
  readonly version: number | undefined;
}

interface Props {
  readonly app: Application | undefined;
  readonly location: DesignLocation;
  readonly diagnostics: readonly Diagnostic[];
  /** the design has changes not saved to the server (they are kept in this browser) */
  readonly dirty: boolean;
  readonly onDiscard: () => void;
  /** opens the save dialog; undefined when the user may not save (or nothing can be saved) */
  readonly onSave: (() => void) | undefined;
  /** why Save is not offered, as its tooltip */
  readonly saveTitle: string;
  /** what the read-only pill says when Save is not offered */
  readonly readOnlyText?: string;
  readonly theme: Theme;
  readonly onTheme: () => void;
  /** status shown before the design's, e.g. the live stream's or the deploy summary */
  readonly extra?: ReactNode;
  /** the Apply button (deploy/) */
  readonly actions?: ReactNode;
  /** the user menu */
  readonly user?: ReactNode;
}

/** Product name, where you are, design status, controller status, Save and Apply. */
export function TopBar({
  app,
  location,
  diagnostics,
  dirty,
  onDiscard,
  onSave,
  saveTitle,
  readOnlyText = 'Read-only',
  theme,
  onTheme,
  extra,
  actions,
  user,
}: Props) {
  const health = useHealth();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const controller = health.data?.controller;
  const connected = controller !== undefined && controller.kind !== 'none';
  // the tenant's own OVN sites, when it has any, rather than the server's default
  const sites = useControllers(location.tenant)
    .data?.filter((c) => c.kind === 'ovn')
    .map((c) => c.name)
    .join(', ');
  const status = health.isError
    ? { tone: 'bad', text: 'Server unreachable' }
    : !controller
      ? { tone: 'muted', text: 'Checking…' }
      : sites
        ? { tone: 'good', text: `OVN: ${sites}` }
        : connected
          ? {
              tone: 'good',
              text: controller.kind === 'ovn' ? 'OVN connected' : 'Sandbox controller',
            }
          : { tone: 'muted', text: 'No controller' };
  return (
    <header className="topbar">
      <a className="brand" href={location.listHref ?? '#/apps'} title="All applications">
        <Logo />
        <span className="brand-name">netcanvas</span>
      </a>
      <nav className="crumbs" aria-label="location">
        {location.listHref ? (
          <a className="crumb-link" href={location.listHref} data-testid="crumb-tenant">
            {location.tenant}
          </a>
        ) : (
          <span>{location.tenant}</span>
        )}
        <span className="crumb-sep">/</span>
        <span className="crumb-current" data-testid="app-name">
          {app?.name ?? 'No application'}
        </span>
        {app && (
          <span className="version-tag" data-testid="version">
            {location.version === undefined ? `draft · v${app.version}` : `v${location.version}`}
          </span>
        )}
        {dirty && (
          <span
            className="unsaved"
            data-testid="unsaved"
            title="Kept in this browser until the design is saved"
          >
            Unsaved changes
            <button type="button" className="link-btn" onClick={onDiscard} data-testid="discard">
              Discard
            </button>
          </span>
        )}
      </nav>
      <div className="topbar-right">
        {extra}
        {app && (
          <span
            className={`pill ${errors ? 'pill-bad' : warnings ? 'pill-warn' : 'pill-good'}`}
            data-testid="design-status"
          >
            <span className="dot" />
            {errors
              ? `${errors} error${errors === 1 ? '' : 's'}`
              : warnings
                ? `${warnings} warning${warnings === 1 ? '' : 's'}`
                : 'Valid design'}
          </span>
        )}
        <span
          className={`pill pill-${status.tone}`}
          title={controller?.detail}
          data-testid="controller-status"
        >
          <span className="dot" />
          {status.text}
        </span>
        <ThemeToggle theme={theme} onTheme={onTheme} />
        {onSave && (
          <button
            type="button"
            className="btn"
            disabled={!dirty}
            onClick={onSave}
            title={dirty ? 'Save as a new version' : 'Nothing to save'}
            data-testid="save"
          >
            Save
          </button>
        )}
        {!onSave && location.version !== undefined && (
          <span className="readonly-tag" title={saveTitle} data-testid="read-only">
            {readOnlyText}
          </span>
        )}
        {actions}
        {user}
      </div>
    </header>
  );
}
