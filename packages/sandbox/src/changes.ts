import type { Application, Change, ControllerChange } from '@netcanvas/model';

/** The key an app is stored and reported under: `tenant/id`, as the OVN driver names it. */
export function appKey(app: Pick<Application, 'tenant' | 'id'>): string {
  return `${app.tenant}/${app.id}`;
}

const OPS = { create: 'insert', update: 'update', delete: 'delete' } as const;

/**
 * Object-level changes in the controller's vocabulary: the "table" is the object kind,
 * the key `kind/id`, and an update names the top-level fields it changes.
 */
export function toControllerChanges(changes: readonly Change[]): ControllerChange[] {
  return changes.map((c): ControllerChange => {
    const base = { op: OPS[c.op], objectId: c.id, key: `${c.kind}/${c.id}`, table: c.kind };
    if (c.op !== 'update') return base;
    const columns = [...new Set(c.fields.map((f) => String(f.path[0] ?? '')))].sort();
    return { ...base, columns };
  });
}
