import type { ObjectStates } from './object-state.ts';
import type { Deployment } from './types.ts';

/**
 * The deployment this editor compares against: the most recently applied one (the
 * controller the user last applied to is the one they care about next).
 */
export function primaryDeployment<D extends Pick<Deployment, 'appliedAt'>>(
  deployments: readonly D[],
): D | undefined {
  let best: D | undefined;
  for (const d of deployments) if (!best || d.appliedAt > best.appliedAt) best = d;
  return best;
}

/** One line for the top bar: "Applied v3 to sandbox · 2 pending", "Not applied". */
export function deploySummary(deployments: readonly Deployment[], states: ObjectStates): string {
  const primary = primaryDeployment(deployments);
  if (!primary) return 'Not applied';
  const others = deployments.length - 1;
  const parts = [
    `Applied v${primary.version} to ${primary.controller.name}${others > 0 ? ` (+${others})` : ''}`,
  ];
  const pending = states.pending + states.removed;
  if (pending > 0) parts.push(`${pending} pending`);
  if (states.drifted > 0) parts.push(`${states.drifted} drifted`);
  if (pending === 0 && states.drifted === 0) parts.push('in sync');
  return parts.join(' · ');
}
