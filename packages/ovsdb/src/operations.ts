import { OvsdbError } from './errors.ts';
import { columnSchema, type DatabaseSchema } from './schema.ts';
import {
  type Atom,
  decodeRow,
  encodeRow,
  encodeValue,
  type Uuid,
  type Value,
  type WireRow,
  type WireUuid,
  type WireValue,
} from './values.ts';

/** Condition functions of a `where` clause (RFC 7047 §5.1). */
export type ConditionFunction = '<' | '<=' | '==' | '!=' | '>=' | '>' | 'includes' | 'excludes';
/** Mutators of a `mutate` operation. */
export type Mutator = '+=' | '-=' | '*=' | '/=' | '%=' | 'insert' | 'delete';

/** A wire condition: `[column, function, value]`. */
export type Condition = [column: string, fn: ConditionFunction, value: WireValue];
/** A wire mutation: `[column, mutator, value]`. */
export type Mutation = [column: string, mutator: Mutator, value: WireValue];

export interface InsertOperation {
  op: 'insert';
  table: string;
  row: WireRow;
  'uuid-name'?: string;
}
export interface SelectOperation {
  op: 'select';
  table: string;
  where: Condition[];
  columns?: string[];
}
export interface UpdateOperation {
  op: 'update';
  table: string;
  where: Condition[];
  row: WireRow;
}
export interface MutateOperation {
  op: 'mutate';
  table: string;
  where: Condition[];
  mutations: Mutation[];
}
export interface DeleteOperation {
  op: 'delete';
  table: string;
  where: Condition[];
}
export interface WaitOperation {
  op: 'wait';
  table: string;
  where: Condition[];
  columns: string[];
  until: '==' | '!=';
  rows: WireRow[];
  timeout?: number;
}
export interface CommitOperation {
  op: 'commit';
  durable: boolean;
}
export interface AbortOperation {
  op: 'abort';
}
export interface CommentOperation {
  op: 'comment';
  comment: string;
}
export interface AssertOperation {
  op: 'assert';
  lock: string;
}

/** One operation of a `transact` request, in wire form. */
export type Operation =
  | InsertOperation
  | SelectOperation
  | UpdateOperation
  | MutateOperation
  | DeleteOperation
  | WaitOperation
  | CommitOperation
  | AbortOperation
  | CommentOperation
  | AssertOperation;

/** The result slot of one successful operation. */
export type OperationResult =
  | { uuid: WireUuid }
  | { rows: WireRow[] }
  | { count: number }
  | Record<string, never>;

/** Table name → row type, e.g. the generated `Nb.Tables`. */
export type TableMap = object;
type TableName<T extends TableMap> = Extract<keyof T, string>;
type Columns<Row> = Extract<keyof Row, string>;

/** A typed `where` clause: `[column, function, value]` with the column's JS value type. */
export type Where<Row> = readonly {
  [C in Columns<Row>]: readonly [C, ConditionFunction, Row[C]];
}[Columns<Row>][];

/** A typed mutation; `delete` on a map also accepts an array of keys. */
export type Mutations<Row> = readonly {
  [C in Columns<Row>]: readonly [C, Mutator, Row[C] | readonly Atom[]];
}[Columns<Row>][];

/** Row contents accepted by insert/update: any subset of the columns, never `_uuid`/`_version`. */
export type RowInput<Row> = {
  readonly [C in Exclude<Columns<Row>, '_uuid' | '_version'>]?: Row[C];
};

/**
 * Pure builders of typed operations for one schema: they encode JS values with the
 * column types, so callers never write wire forms by hand.
 *
 * @example
 * const nb = new SchemaOperations<Nb.Tables>(schema);
 * await client.transact('OVN_Northbound', [
 *   nb.insert('Logical_Switch', { name: 'web', ports: [namedUuid('p1')] }),
 *   nb.insert('Logical_Switch_Port', { name: 'web-1' }, 'p1'),
 * ]);
 */
export class SchemaOperations<Tables extends TableMap = Record<string, Record<string, Value>>> {
  readonly schema: DatabaseSchema;

  constructor(schema: DatabaseSchema) {
    this.schema = schema;
  }

  insert<K extends TableName<Tables>>(
    table: K,
    row: RowInput<Tables[K]>,
    uuidName?: string,
  ): InsertOperation {
    const op: InsertOperation = { op: 'insert', table, row: encodeRow(this.schema, table, row) };
    if (uuidName !== undefined) op['uuid-name'] = uuidName;
    return op;
  }

  select<K extends TableName<Tables>>(
    table: K,
    where: Where<Tables[K]> = [],
    columns?: readonly Columns<Tables[K]>[],
  ): SelectOperation {
    const op: SelectOperation = { op: 'select', table, where: this.where(table, where) };
    if (columns) op.columns = [...columns];
    return op;
  }

  update<K extends TableName<Tables>>(
    table: K,
    where: Where<Tables[K]>,
    row: RowInput<Tables[K]>,
  ): UpdateOperation {
    return {
      op: 'update',
      table,
      where: this.where(table, where),
      row: encodeRow(this.schema, table, row),
    };
  }

  mutate<K extends TableName<Tables>>(
    table: K,
    where: Where<Tables[K]>,
    mutations: Mutations<Tables[K]>,
  ): MutateOperation {
    return {
      op: 'mutate',
      table,
      where: this.where(table, where),
      mutations: mutations.map(([column, mutator, value]): Mutation => {
        const type = columnSchema(this.schema, table, column).type;
        return [column, mutator, encodeValue(value, type)];
      }),
    };
  }

  delete<K extends TableName<Tables>>(table: K, where: Where<Tables[K]>): DeleteOperation {
    return { op: 'delete', table, where: this.where(table, where) };
  }

  /** Fails the transaction unless the selected rows' `columns` are `until` (==/!=) `rows`. */
  wait<K extends TableName<Tables>>(
    table: K,
    where: Where<Tables[K]>,
    columns: readonly Columns<Tables[K]>[],
    until: '==' | '!=',
    rows: readonly RowInput<Tables[K]>[],
    timeoutMs?: number,
  ): WaitOperation {
    const op: WaitOperation = {
      op: 'wait',
      table,
      where: this.where(table, where),
      columns: [...columns],
      until,
      rows: rows.map((row) => encodeRow(this.schema, table, row)),
    };
    if (timeoutMs !== undefined) op.timeout = timeoutMs;
    return op;
  }

  /** Decodes the rows of a `select` result. */
  rows<K extends TableName<Tables>>(table: K, result: OperationResult | undefined): Tables[K][] {
    if (!result || !('rows' in result)) {
      throw new OvsdbError('PROTOCOL_ERROR', 'operation result has no rows');
    }
    return result.rows.map((row) => decodeRow<Tables[K]>(this.schema, table, row));
  }

  /** Encodes a typed `where` clause. */
  where<K extends TableName<Tables>>(table: K, where: Where<Tables[K]>): Condition[] {
    return where.map(([column, fn, value]): Condition => {
      const type = columnSchema(this.schema, table, column).type;
      return [column, fn, encodeValue(value, type)];
    });
  }
}

/** The UUID an `insert` result slot reports. */
export function insertedUuid(result: OperationResult | undefined): Uuid {
  if (!result || !('uuid' in result)) {
    throw new OvsdbError('PROTOCOL_ERROR', 'operation result has no uuid');
  }
  return result.uuid[1] as Uuid;
}

/** The number of rows an update/mutate/delete result slot reports. */
export function affectedCount(result: OperationResult | undefined): number {
  if (!result || !('count' in result)) {
    throw new OvsdbError('PROTOCOL_ERROR', 'operation result has no count');
  }
  return result.count;
}

export function commit(durable = false): CommitOperation {
  return { op: 'commit', durable };
}

export function abort(): AbortOperation {
  return { op: 'abort' };
}

/** A comment the server writes to its log with the transaction. */
export function comment(text: string): CommentOperation {
  return { op: 'comment', comment: text };
}

/** Fails the transaction unless this session holds `lock`. */
export function assertLock(lock: string): AssertOperation {
  return { op: 'assert', lock };
}
