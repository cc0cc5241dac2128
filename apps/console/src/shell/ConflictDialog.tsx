import { useQuery } from '@tanstack/react-query';
import { fetchAppVersion, type VersionConflict } from '../api/apps.ts';
import { relativeTime } from '../apps/when.ts';
import { changeText, summarizeChanges } from '../source/conflict.ts';
import { Modal } from './Modal.tsx';

interface Props {
  readonly tenant: string;
  readonly appId: string;
  readonly conflict: VersionConflict;
  readonly busy: boolean;
  readonly error: string | undefined;
  readonly onKeepMine: () => void;
  readonly onTakeTheirs: () => void;
  readonly onCancel: () => void;
}

/** What the versions saved since yours changed, read from the server. */
function useTheirChanges(tenant: string, appId: string, conflict: VersionConflict) {
  return useQuery({
    queryKey: ['conflict-diff', tenant, appId, conflict.yours, conflict.current],
    enabled: conflict.yours > 0,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const [base, theirs] = await Promise.all([
        fetchAppVersion(tenant, appId, conflict.yours),
        fetchAppVersion(tenant, appId, conflict.current),
      ]);
      return summarizeChanges(base.design, theirs.design);
    },
  });
}

/**
 * Someone saved since the version you edited: who, which versions, when, what they
 * changed; then reload theirs, keep yours on top, or cancel. Never a silent overwrite.
 */
export function ConflictDialog({
  tenant,
  appId,
  conflict,
  busy,
  error,
  onKeepMine,
  onTakeTheirs,
  onCancel,
}: Props) {
  const changes = useTheirChanges(tenant, appId, conflict);
  return (
    <Modal
      title="Someone else saved this application"
      subtitle={
        conflict.yours > 0
          ? `You edited v${conflict.yours}; the server is now at v${conflict.current}.`
          : `The server is now at v${conflict.current}.`
      }
      onClose={onCancel}
      wide
      testId="conflict-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger-ghost"
            onClick={onTakeTheirs}
            disabled={busy}
            data-testid="take-theirs"
          >
            Reload theirs (discard mine)
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={onKeepMine}
            disabled={busy}
            data-testid="keep-mine"
          >
            Keep mine on top of theirs
          </button>
        </>
      }
    >
      <ul className="conflict-versions">
        {conflict.since.map((v) => (
          <li key={v.version} data-testid="conflict-version">
            <span className="version-tag">v{v.version}</span>
            <strong>{v.author}</strong>
            <span className="muted" title={new Date(v.createdAt).toLocaleString()}>
              {relativeTime(v.createdAt)}
            </span>
            {v.message && <span className="conflict-message">“{v.message}”</span>}
          </li>
        ))}
      </ul>
      <h3 className="conflict-h">What they changed</h3>
      {changes.isPending && conflict.yours > 0 && <p className="muted">Comparing versions…</p>}
      {changes.isError && <p className="form-error">{changes.error.message}</p>}
      {changes.data?.length === 0 && <p className="muted">Nothing in the design itself.</p>}
      {changes.data && changes.data.length > 0 && (
        <ul className="change-list" data-testid="conflict-changes">
          {changes.data.map((c) => (
            <li key={changeText(c)} className={`change change-${c.op}`}>
              <span className="change-op">{c.op}</span>
              <span>
                {c.subject}
                {c.fields.length > 0 && (
                  <span className="mono change-fields"> {c.fields.join(', ')}</span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="conflict-note">
        <strong>Keep mine</strong> saves your design as v{conflict.current + 1}, replacing what they
        changed. <strong>Reload theirs</strong> drops your unsaved changes.
      </p>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
    </Modal>
  );
}
