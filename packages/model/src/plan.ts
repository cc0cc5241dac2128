import { ModelError } from './errors.ts';
import type { Application, NetworkObject, ObjectKind } from './schema/types.ts';

/** One changed field inside an object; `before`/`after` undefined means absent. */
export interface FieldChange {
  readonly path: readonly (string | number)[];
  readonly before: unknown;
  readonly after: unknown;
}

/** One step from the actual network to the desired one. */
export type Change =
  | {
      readonly op: 'create';
      readonly id: string;
      readonly kind: ObjectKind;
      readonly name: string;
      readonly after: NetworkObject;
    }
  | {
      readonly op: 'update';
      readonly id: string;
      readonly kind: ObjectKind;
      readonly name: string;
      readonly fields: readonly FieldChange[];
    }
  | {
      readonly op: 'delete';
      readonly id: string;
      readonly kind: ObjectKind;
      readonly name: string;
      readonly before: NetworkObject;
    };

/** Dependency order: what others reference comes first (deletes run in reverse). */
export const KIND_ORDER: readonly ObjectKind[] = [
  'uplink',
  'switch',
  'router',
  'workload',
  'group',
  'loadBalancer',
  'firewall',
  'qos',
];

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structural equality where an absent key and an undefined value are the same. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlain(a) && isPlain(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

const identity = (v: unknown): unknown => (isPlain(v) ? (v.id ?? v.switch) : undefined);

/** Arrays diff element by element only when their members line up one to one. */
function alignable(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => identity(x) === identity(b[i]));
}

function diffInto(
  before: unknown,
  after: unknown,
  path: (string | number)[],
  out: FieldChange[],
): void {
  if (deepEqual(before, after)) return;
  if (isPlain(before) && isPlain(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) diffInto(before[k], after[k], [...path, k], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && alignable(before, after)) {
    before.forEach((x, i) => {
      diffInto(x, after[i], [...path, i], out);
    });
    return;
  }
  out.push({ path, before, after });
}

/** The changed fields between two versions of one object. */
export function diffObject(before: NetworkObject, after: NetworkObject): FieldChange[] {
  const out: FieldChange[] = [];
  diffInto(before, after, [], out);
  return out;
}

function byId(objects: readonly NetworkObject[]): Map<string, NetworkObject> {
  return new Map(objects.map((o) => [o.id, o]));
}

function order(a: Change, b: Change): number {
  const rank = (c: Change) => KIND_ORDER.indexOf(c.kind) * (c.op === 'delete' ? -1 : 1);
  const ops = { delete: 0, update: 1, create: 2 } as const;
  return ops[a.op] - ops[b.op] || rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The changes that turn `actual` into `desired`, matched by object id (so object order
 * does not matter and a renamed object is an update, not a delete and a create).
 * Layout is not part of the network and never appears in a plan.
 */
export function plan(
  actual: Pick<Application, 'objects'>,
  desired: Pick<Application, 'objects'>,
): Change[] {
  const before = byId(actual.objects);
  const after = byId(desired.objects);
  const changes: Change[] = [];
  for (const [id, b] of before) {
    const a = after.get(id);
    if (!a) changes.push({ op: 'delete', id, kind: b.kind, name: b.name, before: b });
    else if (a.kind !== b.kind) {
      changes.push({ op: 'delete', id, kind: b.kind, name: b.name, before: b });
      changes.push({ op: 'create', id, kind: a.kind, name: a.name, after: a });
    } else {
      const fields = diffObject(b, a);
      if (fields.length > 0) changes.push({ op: 'update', id, kind: a.kind, name: a.name, fields });
    }
  }
  for (const [id, a] of after) {
    if (!before.has(id)) changes.push({ op: 'create', id, kind: a.kind, name: a.name, after: a });
  }
  return changes.sort(order);
}

function setPath(target: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return structuredClone(value);
  const [head, ...rest] = path;
  if (Array.isArray(target) && typeof head === 'number') {
    const copy = [...target];
    copy[head] = setPath(copy[head], rest, value);
    return copy;
  }
  const copy: Plain = isPlain(target) ? { ...target } : {};
  const next = setPath(copy[String(head)], rest, value);
  if (next === undefined) delete copy[String(head)];
  else copy[String(head)] = next;
  return copy;
}

/** Applies a plan to the objects it was made from (what the controller ends up holding). */
export function applyPlan<T extends Pick<Application, 'objects'>>(
  actual: T,
  changes: readonly Change[],
): T {
  const objects = new Map(actual.objects.map((o) => [o.id, o]));
  for (const c of changes) {
    if (c.op === 'delete') objects.delete(c.id);
    else if (c.op === 'create') objects.set(c.id, structuredClone(c.after));
    else {
      const current = objects.get(c.id);
      if (!current)
        throw new ModelError('plan-mismatch', `plan updates ${c.id}, which is not there`);
      let next: unknown = current;
      for (const f of c.fields) next = setPath(next, f.path, f.after);
      objects.set(c.id, next as NetworkObject);
    }
  }
  return { ...actual, objects: [...objects.values()] };
}
