import type { ObjectDeployState } from './contract.ts';
import '../styles/deploy.css';

/** What each mark means, for tooltips and the legend. */
export const DEPLOY_MARK_TEXT: Record<ObjectDeployState, string> = {
  applied: 'Applied: the controller holds this object as designed',
  pending: 'Pending: added or changed since the applied version; apply to roll it out',
  drift: 'Drift: changed on the controller outside netcanvas',
};

/** The small glyph in a node's corner: applied ✓, pending ●, drift ⚠. */
export function DeployMark({
  state,
  legend = false,
}: {
  readonly state: ObjectDeployState;
  readonly legend?: boolean;
}) {
  const text = legend ? undefined : DEPLOY_MARK_TEXT[state];
  return (
    <span
      className={`deploy-mark deploy-mark-${state}${legend ? ' legend-mark' : ''}`}
      data-deploy={state}
      title={text}
    >
      <svg viewBox="0 0 12 12" role="img" aria-label={text} aria-hidden={legend}>
        {state === 'applied' && <path d="m2.5 6.3 2.3 2.3 4.7-5" />}
        {state === 'pending' && <circle cx="6" cy="6" r="2.6" />}
        {state === 'drift' && <path d="M6 2.6v4M6 9.2v.1" />}
      </svg>
    </span>
  );
}
