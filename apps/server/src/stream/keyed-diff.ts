import type { Changes } from './protocol.ts';

/** A topic's state: plain JSON values by key. */
export type KeyedState = Readonly<Record<string, unknown>>;

/** Deep equality of JSON-like values (plain objects, arrays, primitives). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of ka) if (!(k in rb) || !sameJson(ra[k], rb[k])) return false;
  return true;
}

/** What turns `before` into `after`; undefined when nothing changed. */
export function diffKeyed(before: KeyedState, after: KeyedState): Changes | undefined {
  // no prototype: a key named __proto__ stays a key
  const set: Record<string, unknown> = Object.create(null);
  const removed: string[] = [];
  let changed = false;
  for (const [k, v] of Object.entries(after)) {
    if (Object.hasOwn(before, k) && sameJson(before[k], v)) continue;
    set[k] = v;
    changed = true;
  }
  for (const k of Object.keys(before)) {
    if (Object.hasOwn(after, k)) continue;
    removed.push(k);
    changed = true;
  }
  return changed ? { set, removed } : undefined;
}

/** Applies a delta to a state, as a client does. */
export function applyChanges(state: KeyedState, changes: Changes): Record<string, unknown> {
  const next: Record<string, unknown> = { ...state, ...changes.set };
  for (const k of changes.removed) delete next[k];
  return next;
}
