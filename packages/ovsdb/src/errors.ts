/** Every failure this package reports carries one of these codes. */
export type OvsdbErrorCode =
  /** A single JSON-RPC message exceeded the configured maximum size. */
  | 'FRAME_TOO_LARGE'
  /** The byte stream is not a sequence of JSON objects (or not valid UTF-8). */
  | 'FRAME_MALFORMED'
  /** A well-formed JSON message that is not a valid JSON-RPC / OVSDB message. */
  | 'PROTOCOL_ERROR'
  /** The server answered a request with a top-level JSON-RPC error. */
  | 'RPC_ERROR'
  /** One operation of a transaction (or its commit) failed; nothing was applied. */
  | 'TRANSACTION_ERROR'
  /** The connection died while a transaction was in flight: it may or may not have committed. */
  | 'TRANSACTION_OUTCOME_UNKNOWN'
  /** The connection closed before a (non-transaction) request was answered. */
  | 'CONNECTION_CLOSED'
  /** The client is not connected right now (reconnecting or closed). */
  | 'NOT_CONNECTED'
  /** No remote could be reached (or none was the leader) within the connect timeout. */
  | 'CONNECT_FAILED'
  /** A request was not answered within its timeout. */
  | 'REQUEST_TIMEOUT'
  /** The peer stopped answering echo probes. */
  | 'INACTIVITY_TIMEOUT'
  /** A remote string such as `tcp:HOST:PORT` could not be parsed. */
  | 'INVALID_REMOTE'
  /** A schema document is not a valid OVSDB schema. */
  | 'INVALID_SCHEMA'
  /** A value does not fit the column type it is encoded for or decoded from. */
  | 'INVALID_VALUE'
  /** A table or column name is not in the schema. */
  | 'UNKNOWN_COLUMN';

/** Options shared by every error class of this package. */
export interface OvsdbErrorOptions {
  cause?: unknown;
  details?: unknown;
}

/** Base class of every error thrown or rejected by `@netcanvas/ovsdb`. */
export class OvsdbError extends Error {
  readonly code: OvsdbErrorCode;
  readonly details: unknown;

  constructor(code: OvsdbErrorCode, message: string, options: OvsdbErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OvsdbError';
    this.code = code;
    this.details = options.details;
  }
}

/** The JSON byte stream could not be split into messages; the connection is unusable. */
export class FramingError extends OvsdbError {
  constructor(
    code: 'FRAME_TOO_LARGE' | 'FRAME_MALFORMED',
    message: string,
    options: OvsdbErrorOptions = {},
  ) {
    super(code, message, options);
    this.name = 'FramingError';
  }
}

/** The server replied to a request with a non-null top-level `error`. */
export class RpcError extends OvsdbError {
  /** The method that failed, e.g. `monitor_cond_since`. */
  readonly method: string;
  /** The `error` member of the reply, verbatim. */
  readonly error: unknown;

  constructor(method: string, error: unknown) {
    super('RPC_ERROR', `${method} failed: ${describeServerError(error)}`, { details: error });
    this.name = 'RpcError';
    this.method = method;
    this.error = error;
  }
}

/**
 * One operation of a transaction failed. OVSDB reports this inside the result array
 * (the reply's top-level `error` is null); the whole transaction was rolled back.
 */
export class TransactionError extends OvsdbError {
  /** Index of the failing operation; equals the number of operations when the commit itself failed. */
  readonly operationIndex: number;
  /** The short error name from the server, e.g. `constraint violation`. */
  readonly error: string;
  /** The server's human-readable details, if any. */
  readonly serverDetails: string | undefined;
  /** The full result array as returned by the server. */
  readonly results: readonly unknown[];

  constructor(
    operationIndex: number,
    operationCount: number,
    error: string,
    serverDetails: string | undefined,
    results: readonly unknown[],
  ) {
    const where =
      operationIndex >= operationCount ? 'commit' : `operation ${String(operationIndex)}`;
    super(
      'TRANSACTION_ERROR',
      `transaction failed at ${where}: ${error}${serverDetails ? ` (${serverDetails})` : ''}`,
      { details: { operationIndex, error, details: serverDetails } },
    );
    this.name = 'TransactionError';
    this.operationIndex = operationIndex;
    this.error = error;
    this.serverDetails = serverDetails;
    this.results = results;
  }
}

function describeServerError(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error !== null && typeof error === 'object') {
    const record = error as { error?: unknown; details?: unknown };
    if (typeof record.error === 'string') {
      return typeof record.details === 'string'
        ? `${record.error} (${record.details})`
        : record.error;
    }
  }
  return JSON.stringify(error);
}
