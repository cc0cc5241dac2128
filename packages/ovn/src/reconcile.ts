import {
  type DatabaseSchema,
  decodeValue,
  encodeValue,
  namedUuid,
  type Operation,
  type Uuid,
  type Value,
  valuesEqual,
} from '@netcanvas/ovsdb';
import { OvnError } from './errors.ts';
import { EXT } from './names.ts';
import { type DesiredRow, type NbTable, REF_COLUMNS } from './render/rows.ts';

/** A row of ours as read from the NB. */
export interface ActualRow {
  readonly table: NbTable;
  readonly uuid: Uuid;
  readonly version: Uuid;
  readonly row: Readonly<Record<string, Value>>;
}

/** One row-level change the apply will make. */
export type RowChange =
  | {
      readonly op: 'insert';
      readonly table: NbTable;
      readonly key: string;
      readonly objectId: string;
    }
  | {
      readonly op: 'update';
      readonly table: NbTable;
      readonly key: string;
      readonly objectId: string;
      readonly columns: readonly string[];
    }
  | {
      readonly op: 'delete';
      readonly table: NbTable;
      readonly key: string;
      readonly objectId: string;
    };

/** The NB side of a plan: row changes and the one transaction that makes them. */
export interface NbPlan {
  readonly changes: readonly RowChange[];
  /** empty when nothing changes: a no-op apply sends nothing */
  readonly operations: readonly Operation[];
}

const keyOf = (a: ActualRow) =>
  String((a.row.external_ids as Record<string, string> | undefined)?.[EXT.key] ?? '');
const wireUuid = (u: Uuid) => ['uuid', u] as ['uuid', string];

function canonical(schema: DatabaseSchema, table: string, column: string, value: unknown): Value {
  const type = schema.tables[table]?.columns[column]?.type;
  if (!type)
    throw new OvnError(
      'invalid-design',
      `this NB schema has no column ${table}.${column}: the OVN version is too old for this design`,
    );
  return decodeValue(encodeValue(value, type), type);
}

/** Inserts ordered so a row comes after every row it references (children first). */
function insertOrder(inserts: DesiredRow[]): DesiredRow[] {
  const byKey = new Map(inserts.map((d) => [d.key, d]));
  const done = new Set<string>();
  const out: DesiredRow[] = [];
  const visit = (d: DesiredRow, depth: number) => {
    if (done.has(d.key) || depth > 64) return;
    done.add(d.key);
    for (const keys of Object.values(d.refs))
      for (const k of keys) {
        const child = byKey.get(k);
        if (child) visit(child, depth + 1);
      }
    out.push(d);
  };
  for (const d of inserts) visit(d, 0);
  return out;
}

/**
 * Compares the rows a design needs with the rows of ours the NB holds, and builds one
 * transaction: `wait` guards that our rows are exactly as read (so a concurrent writer
 * makes it fail instead of being overwritten), inserts (children first, by named UUID),
 * updates of the changed columns only, and deletes. References to rows we do not own
 * (someone else's port on our switch) are kept.
 */
export function reconcile(
  schema: DatabaseSchema,
  appKey: string,
  desired: readonly DesiredRow[],
  actual: readonly ActualRow[],
): NbPlan {
  const actualByKey = new Map(actual.map((a) => [keyOf(a), a]));
  const ours = new Set<string>(actual.map((a) => a.uuid));
  const desiredKeys = new Set(desired.map((d) => d.key));
  const names = new Map<string, Uuid>();
  desired.forEach((d, i) => {
    const existing = actualByKey.get(d.key);
    names.set(d.key, existing ? existing.uuid : (namedUuid(`row${i}`) as Uuid));
  });

  const fullRow = (d: DesiredRow, current: ActualRow | undefined): Record<string, Value> => {
    const out: Record<string, Value> = {};
    for (const [col, v] of Object.entries(d.columns)) out[col] = canonical(schema, d.table, col, v);
    for (const col of REF_COLUMNS[d.table] ?? []) {
      const wanted = (d.refs[col] ?? [])
        .map((k) => names.get(k))
        .filter((u): u is Uuid => u !== undefined);
      const held = current?.row[col];
      const heldRefs = (
        Array.isArray(held) ? held : typeof held === 'string' ? [held] : []
      ) as Uuid[];
      const foreign = heldRefs.filter((u) => !ours.has(u));
      const type = schema.tables[d.table]?.columns[col]?.type;
      const single = type !== undefined && type.max === 1;
      out[col] = single ? (wanted[0] ?? null) : [...wanted, ...foreign];
    }
    out.external_ids = {
      ...((current?.row.external_ids as Record<string, string> | undefined) ?? {}),
      ...((out.external_ids as Record<string, string> | undefined) ?? {}),
      [EXT.owner]: 'netcanvas',
      [EXT.app]: appKey,
      [EXT.object]: d.objectId,
      [EXT.key]: d.key,
    };
    return out;
  };

  const changes: RowChange[] = [];
  const inserts: Operation[] = [];
  const updates: Operation[] = [];
  const deletes: Operation[] = [];
  const toInsert: DesiredRow[] = [];
  for (const d of desired) {
    const current = actualByKey.get(d.key);
    if (!current) {
      toInsert.push(d);
      continue;
    }
    const wanted = fullRow(d, current);
    const changed = Object.keys(wanted).filter(
      (col) => !valuesEqual(current.row[col] ?? null, wanted[col] ?? null),
    );
    if (changed.length === 0) continue;
    changes.push({
      op: 'update',
      table: d.table,
      key: d.key,
      objectId: d.objectId,
      columns: changed,
    });
    const row: Record<string, Value> = {};
    for (const c of changed) row[c] = wanted[c] ?? null;
    updates.push({
      op: 'update',
      table: d.table,
      where: [['_uuid', '==', wireUuid(current.uuid)]],
      row: encodeRowFor(schema, d.table, row),
    });
  }
  for (const d of insertOrder(toInsert)) {
    changes.push({ op: 'insert', table: d.table, key: d.key, objectId: d.objectId });
    inserts.push({
      op: 'insert',
      table: d.table,
      row: encodeRowFor(schema, d.table, fullRow(d, undefined)),
      'uuid-name': String(names.get(d.key)),
    });
  }
  for (const a of actual) {
    const key = keyOf(a);
    if (desiredKeys.has(key)) continue;
    const objectId = String(
      (a.row.external_ids as Record<string, string> | undefined)?.[EXT.object] ?? '',
    );
    changes.push({ op: 'delete', table: a.table, key, objectId });
    deletes.push({ op: 'delete', table: a.table, where: [['_uuid', '==', wireUuid(a.uuid)]] });
  }
  if (changes.length === 0) return { changes, operations: [] };

  // guard every table we hold rows in or write to: our rows there are exactly as read
  const tables = new Set<NbTable>([...actual.map((a) => a.table), ...desired.map((d) => d.table)]);
  const waits: Operation[] = [...tables].sort().map((table) => ({
    op: 'wait',
    table,
    where: [['external_ids', 'includes', ['map', [[EXT.app, appKey]]]]],
    columns: ['_uuid', '_version'],
    until: '==',
    rows: actual
      .filter((a) => a.table === table)
      .map((a) => ({ _uuid: wireUuid(a.uuid), _version: wireUuid(a.version) })),
    timeout: 0,
  }));
  return { changes, operations: [...waits, ...inserts, ...updates, ...deletes] };
}

function encodeRowFor(schema: DatabaseSchema, table: string, row: Record<string, Value>) {
  const out: Record<string, ReturnType<typeof encodeValue>> = {};
  for (const [col, v] of Object.entries(row)) {
    const type = schema.tables[table]?.columns[col]?.type;
    if (type) out[col] = encodeValue(v, type);
  }
  return out;
}
