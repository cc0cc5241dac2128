import { useState } from 'react';
import { ApiError } from '../api/http.ts';
import type { DeployTarget } from './contract.ts';
import { adoptApp } from './deploy-api.ts';
import { adoptBlockedReason, applyBlockedReason } from './permissions.ts';
import type { ControllerDrift } from './useDeployState.ts';

interface Props {
  readonly target: DeployTarget;
  readonly drift: ControllerDrift;
  readonly nameOf: (id: string) => string;
  /** opens the plan dialog for the saved version against this controller */
  readonly onReapply: (controller: number) => void;
  /** after take-theirs saved a new version */
  readonly onAdopted: () => void;
}

const ago = (atMs: number) => {
  const s = Math.max(0, Math.round((Date.now() - atMs) / 1000));
  return s < 60
    ? `${s}s ago`
    : s < 3600
      ? `${Math.round(s / 60)} min ago`
      : new Date(atMs).toLocaleTimeString();
};

/**
 * A controller changed outside netcanvas: which objects, and the two ways back into sync —
 * take its state as a new version, or apply the saved version over it.
 */
export function DriftBanner({ target, drift, nameOf, onReapply, onAdopted }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const adoptBlocked = adoptBlockedReason(target);
  const applyBlocked =
    applyBlockedReason(target) ??
    (target.dirty ? 'Save first: apply works on saved versions' : undefined);
  const names = drift.objectIds.map(nameOf);

  const takeTheirs = async () => {
    if (target.savedVersion === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      await adoptApp(target.tenant, target.appId, drift.controller.id, target.savedVersion);
      onAdopted();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="drift-banner" role="alert" data-testid="drift-banner">
      <svg className="drift-icon" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M8 2 1.8 13.2h12.4Z" />
        <path d="M8 6.5v3.2M8 11.6v.1" />
      </svg>
      <div className="drift-text">
        <strong>
          {drift.controller.name} changed outside netcanvas
          <span className="drift-when"> · {ago(drift.atMs)}</span>
        </strong>
        <span className="drift-objects" title={drift.message}>
          {names.length > 0
            ? `${names.join(', ')} ${names.length === 1 ? 'differs' : 'differ'} from the applied version`
            : drift.message}
        </span>
        {error && <span className="drift-error">{error}</span>}
      </div>
      <div className="drift-actions">
        <button
          type="button"
          className="btn"
          disabled={busy || adoptBlocked !== undefined}
          title={adoptBlocked ?? `Save what ${drift.controller.name} holds as a new version`}
          onClick={() => void takeTheirs()}
          data-testid="take-theirs"
        >
          {busy ? 'Taking…' : 'Take theirs'}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || applyBlocked !== undefined}
          title={
            applyBlocked ??
            `Plan v${target.savedVersion} against ${drift.controller.name} to put it back`
          }
          onClick={() => onReapply(drift.controller.id)}
          data-testid="reapply-ours"
        >
          Re-apply ours
        </button>
      </div>
    </div>
  );
}
