import type { Change, FieldChange } from '@netcanvas/model';

/** One object's difference, in the plan response's words (insert, update, delete). */
export interface ObjectDiff {
  readonly op: 'insert' | 'update' | 'delete';
  readonly objectId: string;
  readonly kind: string;
  readonly name: string;
  /** the changed fields of an update */
  readonly fields?: readonly FieldChange[];
}

/** A diff as the console's plan dialog reads it: a summary and per-object changes. */
export function diffResponse(changes: readonly Change[]) {
  const objects: ObjectDiff[] = changes.map((c) => {
    const base = { objectId: c.id, kind: c.kind, name: c.name };
    if (c.op === 'update') return { op: 'update', ...base, fields: c.fields };
    return { op: c.op === 'create' ? 'insert' : 'delete', ...base };
  });
  const count = (op: ObjectDiff['op']) => objects.filter((o) => o.op === op).length;
  return {
    summary: { insert: count('insert'), update: count('update'), delete: count('delete') },
    changes: objects,
  };
}
