import { type Application, plan } from '@netcanvas/model';
import type { ObjectDeployState } from './contract.ts';

/** Each object's state on the canvas, and what the editor would change if applied now. */
export interface ObjectStates {
  readonly objects: ReadonlyMap<string, ObjectDeployState>;
  /** objects added or changed since the deployed version */
  readonly pending: number;
  /** objects in the deployed version that the editor no longer has */
  readonly removed: number;
  /** objects that changed on the controller outside netcanvas */
  readonly drifted: number;
}

export const NO_OBJECT_STATES: ObjectStates = {
  objects: new Map(),
  pending: 0,
  removed: 0,
  drifted: 0,
};

/**
 * Compares the editor's design with the design deployed on the controller: objects the
 * same in both are `applied`, added or changed ones `pending`; objects the controller
 * reported as changed behind our back are `drift`, whatever the editor holds. Without a
 * deployed design nothing is marked: nothing is applied anywhere.
 */
export function objectStates(
  doc: Pick<Application, 'objects'>,
  deployed: Pick<Application, 'objects'> | undefined,
  drifted: ReadonlySet<string>,
): ObjectStates {
  if (!deployed) return NO_OBJECT_STATES;
  const changed = new Set<string>();
  let removed = 0;
  for (const c of plan(deployed, doc)) {
    if (c.op === 'delete') {
      if (!doc.objects.some((o) => o.id === c.id)) removed++;
    } else changed.add(c.id);
  }
  const objects = new Map<string, ObjectDeployState>();
  let pending = 0;
  let drift = 0;
  for (const o of doc.objects) {
    if (drifted.has(o.id)) {
      objects.set(o.id, 'drift');
      drift++;
    } else if (changed.has(o.id)) {
      objects.set(o.id, 'pending');
      pending++;
    } else objects.set(o.id, 'applied');
  }
  return { objects, pending, removed, drifted: drift };
}
