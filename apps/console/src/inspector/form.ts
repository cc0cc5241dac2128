import type { Diagnostic, NetworkObject } from '@netcanvas/model';
import { createContext } from 'react';

/** Where a field sits inside an object, as in diagnostics' `path`. */
export type Path = readonly (string | number)[];

export const pathKey = (path: Path) => path.join('.');

/** The value at a path, or undefined. */
export function getIn(value: unknown, path: Path): unknown {
  let at = value;
  for (const p of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[p];
  }
  return at;
}

/** A copy with the value at `path` replaced; undefined removes an object key. */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  const [head, ...rest] = path;
  if (head === undefined) return next as T;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = setIn(copy[head as number], rest, next);
    return copy as T;
  }
  const obj = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const child = setIn(obj[head as string], rest, next);
  const copy = { ...obj };
  if (child === undefined) delete copy[head as string];
  else copy[head as string] = child;
  return copy as T;
}

/** Diagnostics about a field or anything inside it. */
export function issuesAt(diagnostics: readonly Diagnostic[], path: Path): Diagnostic[] {
  return diagnostics.filter(
    (d) => d.path.length >= path.length && path.every((p, i) => d.path[i] === p),
  );
}

/** What a field of the inspector reads and writes. */
export interface ObjectForm {
  readonly object: NetworkObject;
  /** this object's diagnostics */
  readonly diagnostics: readonly Diagnostic[];
  readonly set: (path: Path, value: unknown) => void;
  readonly replace: (object: NetworkObject) => void;
  readonly seal: () => void;
}

export const ObjectFormContext = createContext<ObjectForm | undefined>(undefined);
