import type { DeployTarget } from './contract.ts';

/** Why the Apply button is disabled; undefined when it opens the plan dialog. */
export function planBlockedReason(target: DeployTarget | undefined): string | undefined {
  if (!target) return 'Open a saved application to plan and apply it';
  if (target.role === 'viewer') return 'Viewers cannot plan or apply: ask an operator';
  if (target.savedVersion === undefined) return 'Save first: apply works on saved versions';
  if (target.dirty) return 'Save first: apply works on saved versions';
  return undefined;
}

/** Why the dialog's Apply step is disabled: designers plan, operators and admins apply. */
export function applyBlockedReason(target: DeployTarget): string | undefined {
  if (target.role === 'operator' || target.role === 'admin') return undefined;
  return 'Designers can plan; an operator or admin applies';
}

/** Why "Take theirs" is disabled: it saves a new version, which is a designer's job. */
export function adoptBlockedReason(target: DeployTarget): string | undefined {
  if (target.role !== 'designer' && target.role !== 'admin') {
    return 'Taking the controller’s state saves a new version: a designer or admin does that';
  }
  if (target.dirty) return 'Save or discard your changes first: taking theirs replaces them';
  if (target.savedVersion === undefined) return 'Save the design first';
  return undefined;
}
