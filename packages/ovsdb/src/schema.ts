import { OvsdbError } from './errors.ts';

/** The five OVSDB atomic types. */
export type AtomicType = 'integer' | 'real' | 'boolean' | 'string' | 'uuid';

/** The key or value type of a column, with its constraints (RFC 7047 §3.2 `<base-type>`). */
export interface BaseType {
  readonly type: AtomicType;
  /** Allowed values, when the column is an enumeration. */
  readonly enum?: readonly (string | number | boolean)[];
  readonly minInteger?: number;
  readonly maxInteger?: number;
  readonly minReal?: number;
  readonly maxReal?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly refTable?: string;
  readonly refType?: 'strong' | 'weak';
}

/** A column type, normalised: `"string"` becomes `{ key: { type: 'string' }, min: 1, max: 1 }`. */
export interface ColumnType {
  readonly key: BaseType;
  /** Present only for map columns. */
  readonly value?: BaseType;
  readonly min: number;
  /** `Infinity` stands for `"unlimited"`. */
  readonly max: number;
}

export interface ColumnSchema {
  readonly type: ColumnType;
  readonly ephemeral: boolean;
  readonly mutable: boolean;
}

export interface TableSchema {
  readonly columns: Readonly<Record<string, ColumnSchema>>;
  readonly isRoot: boolean;
  readonly maxRows?: number;
  readonly indexes: readonly (readonly string[])[];
}

/** A parsed, normalised database schema as returned by `get_schema`. */
export interface DatabaseSchema {
  readonly name: string;
  readonly version: string;
  readonly cksum?: string;
  readonly tables: Readonly<Record<string, TableSchema>>;
}

const ATOMIC_TYPES: readonly string[] = ['integer', 'real', 'boolean', 'string', 'uuid'];
const UUID_COLUMN: ColumnSchema = {
  type: { key: { type: 'uuid' }, min: 1, max: 1 },
  ephemeral: false,
  mutable: false,
};

/** How a column's values look in JS; decided in one place for decoders and codegen. */
export type ColumnShape = 'scalar' | 'optional' | 'set' | 'map';

export function columnShape(type: ColumnType): ColumnShape {
  if (type.value) return 'map';
  if (type.min === 1 && type.max === 1) return 'scalar';
  if (type.min === 0 && type.max === 1) return 'optional';
  return 'set';
}

/** Looks up a column, including the implicit `_uuid` and `_version`. */
export function columnSchema(schema: DatabaseSchema, table: string, column: string): ColumnSchema {
  const tableSchema = schema.tables[table];
  if (!tableSchema) {
    throw new OvsdbError('UNKNOWN_COLUMN', `table ${table} is not in schema ${schema.name}`);
  }
  const found = tableSchema.columns[column];
  if (found) return found;
  if (column === '_uuid' || column === '_version') return UUID_COLUMN;
  throw new OvsdbError(
    'UNKNOWN_COLUMN',
    `column ${table}.${column} is not in schema ${schema.name}`,
  );
}

/** Parses a schema document (from `get_schema` or an `.ovsschema` file). */
export function parseDatabaseSchema(json: unknown): DatabaseSchema {
  const doc = record(json, 'schema');
  const tables: Record<string, TableSchema> = {};
  for (const [name, table] of Object.entries(record(doc.tables, 'tables'))) {
    tables[name] = parseTable(table, name);
  }
  return {
    name: text(doc.name, 'name'),
    version: text(doc.version, 'version'),
    ...(typeof doc.cksum === 'string' ? { cksum: doc.cksum } : {}),
    tables,
  };
}

function parseTable(json: unknown, name: string): TableSchema {
  const doc = record(json, name);
  const columns: Record<string, ColumnSchema> = {};
  for (const [column, value] of Object.entries(record(doc.columns, `${name}.columns`))) {
    const col = record(value, `${name}.${column}`);
    columns[column] = {
      type: parseColumnType(col.type, `${name}.${column}`),
      ephemeral: col.ephemeral === true,
      mutable: col.mutable !== false,
    };
  }
  const indexes = Array.isArray(doc.indexes)
    ? doc.indexes.map((index) =>
        Array.isArray(index) ? index.map((c) => text(c, `${name}.indexes`)) : [],
      )
    : [];
  return {
    columns,
    isRoot: doc.isRoot === true,
    ...(typeof doc.maxRows === 'number' ? { maxRows: doc.maxRows } : {}),
    indexes,
  };
}

/** Normalises a `<type>` from a schema. */
export function parseColumnType(json: unknown, where: string): ColumnType {
  if (typeof json === 'string') return { key: parseBaseType(json, where), min: 1, max: 1 };
  const doc = record(json, where);
  const max = doc.max === undefined ? 1 : doc.max === 'unlimited' ? Infinity : doc.max;
  const min = doc.min === undefined ? 1 : doc.min;
  if (typeof min !== 'number' || typeof max !== 'number') {
    throw invalid(`${where}: bad min/max`);
  }
  return {
    key: parseBaseType(doc.key, where),
    ...(doc.value === undefined ? {} : { value: parseBaseType(doc.value, where) }),
    min,
    max,
  };
}

function parseBaseType(json: unknown, where: string): BaseType {
  if (typeof json === 'string') return { type: atomicType(json, where) };
  const doc = record(json, where);
  const base: { -readonly [K in keyof BaseType]: BaseType[K] } = {
    type: atomicType(doc.type, where),
  };
  if (doc.enum !== undefined) base.enum = parseEnum(doc.enum, where);
  for (const key of [
    'minInteger',
    'maxInteger',
    'minReal',
    'maxReal',
    'minLength',
    'maxLength',
  ] as const) {
    const value = doc[key];
    if (typeof value === 'number') base[key] = value;
  }
  if (typeof doc.refTable === 'string') {
    base.refTable = doc.refTable;
    base.refType = doc.refType === 'weak' ? 'weak' : 'strong';
  }
  return base;
}

function parseEnum(json: unknown, where: string): (string | number | boolean)[] {
  const items = Array.isArray(json) && json[0] === 'set' ? json[1] : [json];
  if (!Array.isArray(items)) throw invalid(`${where}: bad enum`);
  return items.map((item: unknown) => {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
      return item;
    }
    throw invalid(`${where}: bad enum member`);
  });
}

function atomicType(json: unknown, where: string): AtomicType {
  if (typeof json === 'string' && ATOMIC_TYPES.includes(json)) return json as AtomicType;
  throw invalid(`${where}: unknown atomic type ${JSON.stringify(json)}`);
}

function record(json: unknown, where: string): Record<string, unknown> {
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    return json as Record<string, unknown>;
  }
  throw invalid(`${where}: expected an object`);
}

function text(json: unknown, where: string): string {
  if (typeof json === 'string') return json;
  throw invalid(`${where}: expected a string`);
}

function invalid(message: string): OvsdbError {
  return new OvsdbError('INVALID_SCHEMA', message);
}
