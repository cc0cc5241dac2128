import type { Role } from '../api/session.ts';

/**
 * Why "Snapshot" is disabled; undefined when it may be taken. The server lets operators
 * and admins take snapshots, of what a controller holds: an app applied nowhere has none.
 */
export function takeBlockedReason(
  role: Role,
  applied: { readonly name: string } | undefined | 'unknown',
): string | undefined {
  if (role !== 'operator' && role !== 'admin') {
    return `Operators and admins take snapshots; you have ${role} access`;
  }
  if (applied === 'unknown') return 'Checking where the app is applied…';
  if (!applied)
    return 'Not applied anywhere: apply it first, a snapshot captures what the controller holds';
  return undefined;
}
