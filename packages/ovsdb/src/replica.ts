import { OvsdbError } from './errors.ts';
import type { MonitorEvent, RowUpdate2 } from './monitor.ts';
import type { TableMap } from './operations.ts';
import { type ColumnType, columnShape, type DatabaseSchema } from './schema.ts';
import {
  type Atom,
  decodeValue,
  defaultValue,
  entries,
  type Uuid,
  type Value,
  valuesEqual,
  type WireRow,
} from './values.ts';

type Row = Record<string, Value>;

/** One row that appeared, changed or disappeared. */
export interface RowChange<R = Row> {
  readonly table: string;
  readonly uuid: Uuid;
  /** Contents before; undefined for an insert. */
  readonly old: R | undefined;
  /** Contents after; undefined for a delete. */
  readonly new: R | undefined;
}

/**
 * A decoded, in-memory copy of what one monitor watches. Feed it every {@link MonitorEvent}
 * of that monitor; it applies `update2` diffs using the schema, handles `resync` by
 * reconciling (so a reconnect reports only real changes), and returns the row changes.
 * Columns a row does not carry read as their defaults.
 */
export class DatabaseReplica<Tables extends TableMap = Record<string, Row>> {
  readonly schema: DatabaseSchema;
  readonly #tables = new Map<string, Map<Uuid, Row>>();

  constructor(schema: DatabaseSchema) {
    this.schema = schema;
  }

  /** The rows of `table`, by UUID (read-only view). */
  rows<K extends Extract<keyof Tables, string>>(table: K): ReadonlyMap<Uuid, Tables[K]> {
    return (this.#tables.get(table) ?? new Map()) as unknown as ReadonlyMap<Uuid, Tables[K]>;
  }

  /** Applies one monitor event and returns what changed. */
  apply(event: MonitorEvent): RowChange[] {
    if (event.kind === 'resync') return this.#resync(event);
    const changes: RowChange[] = [];
    if (event.format === 1) {
      for (const [table, rows] of Object.entries(event.updates)) {
        for (const [uuid, update] of Object.entries(rows)) {
          const next = update.new ? this.#fullRow(table, update.new) : undefined;
          changes.push(this.#put(table, uuid as Uuid, next));
        }
      }
      return changes;
    }
    for (const [table, rows] of Object.entries(event.updates)) {
      for (const [uuid, update] of Object.entries(rows)) {
        changes.push(this.#put(table, uuid as Uuid, this.#next(table, uuid as Uuid, update)));
      }
    }
    return changes;
  }

  #next(table: string, uuid: Uuid, update: RowUpdate2): Row | undefined {
    if ('initial' in update) return this.#fullRow(table, update.initial);
    if ('insert' in update) return this.#fullRow(table, update.insert);
    if ('delete' in update) return undefined;
    const current = this.#tables.get(table)?.get(uuid);
    if (!current) {
      throw new OvsdbError('PROTOCOL_ERROR', `modify of unknown row ${table} ${uuid}`);
    }
    const row: Row = { ...current };
    for (const [column, diff] of Object.entries(update.modify)) {
      const type = this.#columnType(table, column);
      row[column] = applyDiff(row[column] ?? defaultValue(type), diff, type);
    }
    return row;
  }

  #resync(event: MonitorEvent): RowChange[] {
    const previous = new Map(this.#tables);
    this.#tables.clear();
    const changes: RowChange[] = [];
    const updates = event.updates as Record<string, Record<string, Record<string, unknown>>>;
    for (const [table, rows] of Object.entries(updates)) {
      for (const [uuid, update] of Object.entries(rows)) {
        // a resync carries whole rows: `new` (monitor) or `initial` (monitor_cond*)
        const wire = update.new ?? update.initial;
        if (!wire) continue;
        const row = this.#fullRow(table, wire as WireRow);
        const old = previous.get(table)?.get(uuid as Uuid);
        previous.get(table)?.delete(uuid as Uuid);
        this.#tableRows(table).set(uuid as Uuid, row);
        if (!old || !rowsEqual(old, row))
          changes.push({ table, uuid: uuid as Uuid, old, new: row });
      }
    }
    for (const [table, rows] of previous) {
      for (const [uuid, old] of rows) changes.push({ table, uuid, old, new: undefined });
    }
    return changes;
  }

  #put(table: string, uuid: Uuid, row: Row | undefined): RowChange {
    const rows = this.#tableRows(table);
    const old = rows.get(uuid);
    if (row) rows.set(uuid, row);
    else rows.delete(uuid);
    return { table, uuid, old, new: row };
  }

  #tableRows(table: string): Map<Uuid, Row> {
    let rows = this.#tables.get(table);
    if (!rows) {
      rows = new Map();
      this.#tables.set(table, rows);
    }
    return rows;
  }

  #fullRow(table: string, wire: WireRow): Row {
    const tableSchema = this.schema.tables[table];
    if (!tableSchema) throw new OvsdbError('UNKNOWN_COLUMN', `table ${table} is not in the schema`);
    const row: Row = {};
    for (const [column, { type }] of Object.entries(tableSchema.columns)) {
      const value = wire[column];
      row[column] = value === undefined ? defaultValue(type) : decodeValue(value, type);
    }
    for (const column of ['_uuid', '_version']) {
      const value = wire[column];
      if (value !== undefined) row[column] = decodeValue(value, this.#columnType(table, column));
    }
    return row;
  }

  #columnType(table: string, column: string): ColumnType {
    if (column === '_uuid' || column === '_version') {
      return { key: { type: 'uuid' }, min: 1, max: 1 };
    }
    const type = this.schema.tables[table]?.columns[column]?.type;
    if (!type)
      throw new OvsdbError('UNKNOWN_COLUMN', `column ${table}.${column} is not in the schema`);
    return type;
  }
}

/**
 * Applies an update2 `modify` diff to one column: scalars and optional scalars take the
 * new value (ovsdb-server sends the whole value for columns of at most one member, the
 * empty set when cleared); sets toggle each listed member; maps add new keys, remove keys
 * listed with their current value and replace the rest.
 */
export function applyDiff(current: Value, diff: unknown, type: ColumnType): Value {
  const shape = columnShape(type);
  if (shape === 'scalar') return decodeValue(diff, type);
  if (shape === 'optional') {
    // servers send either the new value or the old/new pair to toggle (seen both), and [] to clear
    const atoms = decodeValue(diff, { ...type, min: 0, max: Infinity }) as Atom[];
    if (atoms.length === 0) return null;
    const other = atoms.find((atom) => atom !== current);
    return atoms.length === 1 && other === undefined ? null : (other ?? null);
  }
  if (shape === 'map') {
    const result = new Map<Atom, Atom>(
      entries(current as Readonly<Record<string, Atom>> | ReadonlyMap<Atom, Atom>),
    );
    const changes = decodeValue(diff, type) as
      | Readonly<Record<string, Atom>>
      | ReadonlyMap<Atom, Atom>;
    for (const [key, value] of entries(changes)) {
      if (result.get(key) === value) result.delete(key);
      else result.set(key, value);
    }
    return type.key.type === 'string' ? Object.fromEntries(result) : result;
  }
  const members = new Set<Atom>(current as Atom[]);
  for (const atom of decodeValue(diff, { ...type, min: 0, max: Infinity }) as Atom[]) {
    if (members.has(atom)) members.delete(atom);
    else members.add(atom);
  }
  return [...members];
}

function rowsEqual(a: Row, b: Row): boolean {
  const columns = new Set([...Object.keys(a), ...Object.keys(b)]);
  columns.delete('_version');
  for (const column of columns) {
    if (!valuesEqual(a[column] ?? null, b[column] ?? null)) return false;
  }
  return true;
}
