import type { ObjectKind } from '@netcanvas/model';
import type { PlannedChange } from './types.ts';

/** What happens to one design object as a whole. */
export type GroupVerb = 'create' | 'change' | 'delete';

/** The plan's rows for one design object, with its name and kind for display. */
export interface PlanGroup {
  readonly objectId: string;
  readonly name: string;
  readonly kind: ObjectKind | undefined;
  readonly verb: GroupVerb;
  readonly counts: { readonly insert: number; readonly update: number; readonly delete: number };
  readonly rows: readonly PlannedChange[];
}

/** Name and kind of a design object; undefined for ids no design knows. */
export type DescribeObject = (id: string) => { name: string; kind: ObjectKind } | undefined;

function verbOf(counts: PlanGroup['counts']): GroupVerb {
  if (counts.insert > 0 && counts.update === 0 && counts.delete === 0) return 'create';
  if (counts.delete > 0 && counts.insert === 0 && counts.update === 0) return 'delete';
  return 'change';
}

/**
 * Groups a plan's controller rows by the design object they come from, in the order the
 * plan first names each object (the server orders them by dependency).
 */
export function groupPlan(
  changes: readonly PlannedChange[],
  describe: DescribeObject,
): PlanGroup[] {
  const byObject = new Map<string, PlannedChange[]>();
  for (const c of changes) {
    const rows = byObject.get(c.objectId);
    if (rows) rows.push(c);
    else byObject.set(c.objectId, [c]);
  }
  return [...byObject].map(([objectId, rows]) => {
    const counts = {
      insert: rows.filter((r) => r.op === 'insert').length,
      update: rows.filter((r) => r.op === 'update').length,
      delete: rows.filter((r) => r.op === 'delete').length,
    };
    const known = describe(objectId);
    return {
      objectId,
      name: known?.name ?? (objectId || 'application'),
      kind: known?.kind,
      verb: verbOf(counts),
      counts,
      rows,
    };
  });
}

/** How a controller row change reads in the plan: "created", "changed: a, b", "deleted". */
export function describeRow(change: PlannedChange): string {
  if (change.op === 'insert') return 'created';
  if (change.op === 'delete') return 'deleted';
  const cols = change.columns ?? [];
  return cols.length > 0 ? `changed: ${cols.join(', ')}` : 'changed';
}
