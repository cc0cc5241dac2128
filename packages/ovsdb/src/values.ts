import { OvsdbError } from './errors.ts';
import {
  type BaseType,
  type ColumnType,
  columnSchema,
  columnShape,
  type DatabaseSchema,
} from './schema.ts';

declare const uuidBrand: unique symbol;
declare const namedUuidBrand: unique symbol;

/** A row UUID, e.g. `_uuid` or a reference column. Make one with {@link uuid}. */
export type Uuid = string & { readonly [uuidBrand]: true };
/**
 * A symbolic UUID (`uuid-name` of an insert in the same transaction). It is usable wherever a
 * {@link Uuid} is, and encodes as `["named-uuid", name]`. Make one with {@link namedUuid}.
 */
export type NamedUuid = Uuid & { readonly [namedUuidBrand]: true };

/** Wire forms (RFC 7047 §5.1). */
export type WireUuid = ['uuid', string];
export type WireNamedUuid = ['named-uuid', string];
export type WireAtom = string | number | boolean | WireUuid | WireNamedUuid;
export type WireSet = ['set', WireAtom[]];
export type WireMap = ['map', [WireAtom, WireAtom][]];
export type WireValue = WireAtom | WireSet | WireMap;
export type WireRow = Record<string, WireValue>;

/** A JS atom: integers and reals are numbers, uuids are branded strings. */
export type Atom = string | number | boolean | Uuid;
/**
 * A JS column value. Scalars are atoms; optional scalars (`min 0, max 1`) are an atom or
 * `null`; sets are arrays; maps with string keys are records, other maps are `Map`s.
 */
export type Value =
  | Atom
  | null
  | readonly Atom[]
  | Readonly<Record<string, Atom>>
  | ReadonlyMap<Atom, Atom>;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAMED_UUID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Brands a UUID string, checking its format. */
export function uuid(text: string): Uuid {
  if (!UUID_PATTERN.test(text)) throw invalid(`not a UUID: ${JSON.stringify(text)}`);
  return text as Uuid;
}

/** Brands a symbolic name (an identifier) for use as an insert's `uuid-name` and references to it. */
export function namedUuid(name: string): NamedUuid {
  if (!NAMED_UUID_PATTERN.test(name))
    throw invalid(`not a valid uuid-name: ${JSON.stringify(name)}`);
  return name as NamedUuid;
}

export function isUuid(text: unknown): text is Uuid {
  return typeof text === 'string' && UUID_PATTERN.test(text);
}

/** Encodes one atom of the given base type. */
export function encodeAtom(value: unknown, base: BaseType): WireAtom {
  switch (base.type) {
    case 'uuid':
      if (typeof value === 'string') {
        if (UUID_PATTERN.test(value)) return ['uuid', value];
        // identifiers can never look like a UUID (they have no '-'), so this is unambiguous
        if (NAMED_UUID_PATTERN.test(value)) return ['named-uuid', value];
      }
      throw invalid(`expected a uuid or uuid-name, got ${describe(value)}`);
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      throw invalid(`expected an integer, got ${describe(value)}`);
    case 'real':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw invalid(`expected a real, got ${describe(value)}`);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw invalid(`expected a boolean, got ${describe(value)}`);
    case 'string':
      if (typeof value === 'string') return value;
      throw invalid(`expected a string, got ${describe(value)}`);
  }
}

/**
 * Encodes a JS value for a column. `null` and arrays become sets, records and `Map`s become
 * maps, anything else one atom. Used for rows, conditions and mutations alike.
 */
export function encodeValue(value: unknown, type: ColumnType): WireValue {
  if (value === null || value === undefined) return ['set', []];
  if (Array.isArray(value)) return ['set', value.map((item) => encodeAtom(item, type.key))];
  const valueType = type.value;
  if (value instanceof Map) {
    if (!valueType) throw invalid('a Map given for a column that is not a map');
    return ['map', [...value].map(([k, v]) => [encodeAtom(k, type.key), encodeAtom(v, valueType)])];
  }
  if (typeof value === 'object') {
    if (!valueType) throw invalid('an object given for a column that is not a map');
    return [
      'map',
      Object.entries(value).map(([k, v]) => [
        encodeAtom(recordKey(k, type.key), type.key),
        encodeAtom(v, valueType),
      ]),
    ];
  }
  if (valueType) throw invalid(`expected a map, got ${describe(value)}`);
  return encodeAtom(value, type.key);
}

/** Decodes one wire atom of the given base type. */
export function decodeAtom(wire: unknown, base: BaseType): Atom {
  if (base.type === 'uuid') {
    if (Array.isArray(wire) && wire[0] === 'uuid' && typeof wire[1] === 'string') {
      return wire[1] as Uuid;
    }
    throw invalid(`expected ["uuid", …], got ${describe(wire)}`);
  }
  const expected = base.type === 'integer' || base.type === 'real' ? 'number' : base.type;
  if (typeof wire === expected) return wire as Atom;
  throw invalid(`expected a ${base.type}, got ${describe(wire)}`);
}

/** Decodes a wire value into the JS shape its column type calls for (see {@link Value}). */
export function decodeValue(wire: unknown, type: ColumnType): Value {
  const shape = columnShape(type);
  if (shape === 'map') {
    const valueType = type.value as BaseType;
    if (!Array.isArray(wire) || wire[0] !== 'map' || !Array.isArray(wire[1])) {
      throw invalid(`expected ["map", …], got ${describe(wire)}`);
    }
    const pairs = (wire[1] as unknown[]).map((pair): [Atom, Atom] => {
      if (!Array.isArray(pair) || pair.length !== 2) throw invalid('bad map pair');
      return [decodeAtom(pair[0], type.key), decodeAtom(pair[1], valueType)];
    });
    return type.key.type === 'string' ? Object.fromEntries(pairs) : new Map(pairs);
  }
  const atoms = setMembers(wire).map((atom) => decodeAtom(atom, type.key));
  if (shape === 'set') return atoms;
  if (atoms.length > 1) throw invalid(`expected at most one value, got ${atoms.length}`);
  const [first] = atoms;
  if (first !== undefined) return first;
  if (shape === 'optional') return null;
  throw invalid('a required column has no value');
}

/** Encodes a row (JS values) of `table`; `undefined` columns and `_uuid`/`_version` are left out. */
export function encodeRow(
  schema: DatabaseSchema,
  table: string,
  row: Readonly<Record<string, unknown>>,
): WireRow {
  const wire: WireRow = {};
  for (const [column, value] of Object.entries(row)) {
    if (value === undefined || column === '_uuid' || column === '_version') continue;
    wire[column] = encodeValue(value, columnSchema(schema, table, column).type);
  }
  return wire;
}

/** Decodes a wire row of `table`; columns the server left out stay absent. */
export function decodeRow<T = Record<string, Value>>(
  schema: DatabaseSchema,
  table: string,
  wire: unknown,
): T {
  if (wire === null || typeof wire !== 'object' || Array.isArray(wire)) {
    throw invalid(`expected a row object, got ${describe(wire)}`);
  }
  const row: Record<string, Value> = {};
  for (const [column, value] of Object.entries(wire)) {
    row[column] = decodeValue(value, columnSchema(schema, table, column).type);
  }
  return row as T;
}

function setMembers(wire: unknown): unknown[] {
  if (Array.isArray(wire) && wire[0] === 'set') {
    if (!Array.isArray(wire[1])) throw invalid('bad ["set", …]');
    return wire[1];
  }
  return [wire];
}

function recordKey(key: string, base: BaseType): unknown {
  if (base.type === 'integer' || base.type === 'real') return Number(key);
  if (base.type === 'boolean') return key === 'true';
  return key;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function invalid(message: string): OvsdbError {
  return new OvsdbError('INVALID_VALUE', message);
}

const ZERO_UUID = '00000000-0000-0000-0000-000000000000' as Uuid;

/** The value a column has when a row does not set it (update2 leaves such columns out). */
export function defaultValue(type: ColumnType): Value {
  switch (columnShape(type)) {
    case 'map':
      return type.key.type === 'string' ? {} : new Map();
    case 'set':
      return [];
    case 'optional':
      return null;
    case 'scalar':
      return defaultAtom(type.key);
  }
}

function defaultAtom(base: BaseType): Atom {
  switch (base.type) {
    case 'integer':
    case 'real':
      return 0;
    case 'boolean':
      return false;
    case 'string':
      return '';
    case 'uuid':
      return ZERO_UUID;
  }
}

/** Equality of two decoded values of the same column (sets compare as sets). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const members = new Set<Atom>(a);
    return b.every((atom) => members.has(atom));
  }
  const left = entries(a as Readonly<Record<string, Atom>> | ReadonlyMap<Atom, Atom>);
  const right = new Map(entries(b as Readonly<Record<string, Atom>> | ReadonlyMap<Atom, Atom>));
  return left.length === right.size && left.every(([k, v]) => right.get(k) === v);
}

/** The entries of a decoded map, whichever JS form it has. */
export function entries(
  map: Readonly<Record<string, Atom>> | ReadonlyMap<Atom, Atom>,
): [Atom, Atom][] {
  return map instanceof Map ? [...map] : Object.entries(map);
}
