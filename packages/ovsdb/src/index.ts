/**
 * `@netcanvas/ovsdb`: an RFC 7047 OVSDB client for Node — JSON-RPC framing, typed
 * operations and values, monitors with update2/update3 and a decoded replica, locks,
 * echo/inactivity probes, and RAFT cluster leader selection with reconnect that resumes
 * monitors from the last transaction id. Row types for OVN NB/SB and Open vSwitch are
 * generated from the installed schemas (`Nb`, `Sb`, `Vswitch`).
 */
export {
  type CallOptions,
  OvsdbClient,
  type OvsdbClientEvents,
  type OvsdbClientOptions,
} from './client.ts';
export {
  FramingError,
  OvsdbError,
  type OvsdbErrorCode,
  type OvsdbErrorOptions,
  RpcError,
  TransactionError,
} from './errors.ts';
export { DEFAULT_MAX_MESSAGE_BYTES, JsonFramer, type JsonFramerOptions } from './json-framer.ts';
export {
  type Monitor,
  type MonitorEvent,
  type MonitorEventKind,
  type MonitorHandler,
  type MonitorMethod,
  type MonitorRequest,
  type MonitorRequests,
  type RowUpdate,
  type RowUpdate2,
  type TableUpdates,
  type TableUpdates2,
  ZERO_TXN_ID,
} from './monitor.ts';
export * as Nb from './nb.gen.ts';
export {
  type AbortOperation,
  type AssertOperation,
  abort,
  affectedCount,
  assertLock,
  type CommentOperation,
  type CommitOperation,
  type Condition,
  type ConditionFunction,
  comment,
  commit,
  type DeleteOperation,
  type InsertOperation,
  insertedUuid,
  type MutateOperation,
  type Mutation,
  type Mutations,
  type Mutator,
  type Operation,
  type OperationResult,
  type RowInput,
  SchemaOperations,
  type SelectOperation,
  type TableMap,
  type UpdateOperation,
  type WaitOperation,
  type Where,
} from './operations.ts';
export { parseRemote, parseRemotes, type Remote, type TlsOptions } from './remote.ts';
export { applyDiff, DatabaseReplica, type RowChange } from './replica.ts';
export * as Sb from './sb.gen.ts';
export {
  type AtomicType,
  type BaseType,
  type ColumnSchema,
  type ColumnShape,
  type ColumnType,
  columnShape,
  type DatabaseSchema,
  parseDatabaseSchema,
  type TableSchema,
} from './schema.ts';
export type { DatabaseStatus } from './server-status.ts';
export {
  type Atom,
  decodeAtom,
  decodeRow,
  decodeValue,
  defaultValue,
  encodeAtom,
  encodeRow,
  encodeValue,
  isUuid,
  type NamedUuid,
  namedUuid,
  type Uuid,
  uuid,
  type Value,
  valuesEqual,
  type WireAtom,
  type WireMap,
  type WireNamedUuid,
  type WireRow,
  type WireSet,
  type WireUuid,
  type WireValue,
} from './values.ts';
export * as Vswitch from './vswitch.gen.ts';
