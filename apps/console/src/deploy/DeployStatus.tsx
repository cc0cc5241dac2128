import { useEffect, useRef, useState } from 'react';
import { DEPLOY_MARK_TEXT, DeployMark } from './DeployMark.tsx';
import type { DeployState } from './useDeployState.ts';

const MARKS = ['applied', 'pending', 'drift'] as const;

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
};

/**
 * The top bar's deploy summary; opens where the app is applied (per controller: version,
 * who, when, drift) and what the marks on the canvas mean.
 */
export function DeployStatus({ state }: { readonly state: DeployState }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (
        e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  if (!state.summary) return null;
  const deployments = state.deployments ?? [];
  const tone = (state.drift?.length ?? 0) > 0 ? 'warn' : state.primary ? 'good' : 'muted';
  return (
    <div className="deploy-status" ref={box}>
      <button
        type="button"
        className={`pill deploy-summary pill-${tone}`}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
        data-testid="deploy-summary"
      >
        <span className="dot" />
        {state.summary}
      </button>
      {open && (
        <div
          className="deploy-popover"
          role="dialog"
          aria-label="Deployment"
          data-testid="deploy-popover"
        >
          <h3>Where this app is applied</h3>
          {deployments.length === 0 ? (
            <p className="deploy-hint">Nowhere yet: Apply plans it against a controller.</p>
          ) : (
            <ul className="deploy-list">
              {deployments.map((d) => (
                <li key={d.controller.id}>
                  <span className="deploy-list-head">
                    <strong>{d.controller.name}</strong>
                    <span className="version-tag">v{d.version}</span>
                    {d.drift && <span className="deploy-list-drift">drift</span>}
                  </span>
                  <span className="deploy-list-meta">
                    applied by {d.appliedBy} · {when(d.appliedAt)}
                  </span>
                  {d.drift && <span className="deploy-list-meta">{d.drift.message}</span>}
                </li>
              ))}
            </ul>
          )}
          <h3>On the canvas</h3>
          <ul className="deploy-legend">
            {MARKS.map((m) => (
              <li key={m}>
                <DeployMark state={m} legend />
                <span>{DEPLOY_MARK_TEXT[m]}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
