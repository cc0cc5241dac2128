import { EventEmitter } from 'node:events';
import { OvsdbError } from './errors.ts';
import { JsonRpcConnection } from './json-rpc-connection.ts';
import { LockSet } from './locks.ts';
import type { Monitor, MonitorHandler, MonitorRequests } from './monitor.ts';
import { MonitorSet } from './monitor-set.ts';
import type { Operation, OperationResult } from './operations.ts';
import { openSocket, parseRemotes, type Remote, type TlsOptions } from './remote.ts';
import { type DatabaseSchema, parseDatabaseSchema } from './schema.ts';
import {
  type ClusterMemory,
  type DatabaseStatus,
  findDatabaseStatus,
  notServingError,
  rejectReason,
  remember,
  SERVER_WATCH_ID,
  SERVER_WATCH_REQUESTS,
} from './server-status.ts';
import { transactionResults } from './transaction.ts';

/** Options of {@link OvsdbClient.connect}. */
export interface OvsdbClientOptions {
  /** `tcp:HOST:PORT`, `ssl:HOST:PORT`, `unix:PATH`, or a comma-separated list of them (a cluster). */
  remote: string;
  /**
   * The database this client is for, e.g. `OVN_Northbound`. When set, each server's `_Server`
   * status is checked on connect and watched: followers (if `leaderOnly`), disconnected or
   * stale members are skipped, and losing leadership triggers a reconnect.
   */
  database?: string;
  /** Talk to the cluster leader only (default true), like ovn-nbctl without `--no-leader-only`. */
  leaderOnly?: boolean;
  tls?: TlsOptions;
  /** Per-socket connect timeout (default 5 s). */
  socketTimeoutMs?: number;
  /** How long {@link OvsdbClient.connect} keeps trying before it fails (default 10 s). */
  connectTimeoutMs?: number;
  /** Default timeout for every request; 0 (default) waits as long as the connection lives. */
  requestTimeoutMs?: number;
  /** Send an echo after this long idle and drop the connection if it is not answered (0 = off). */
  inactivityProbeMs?: number;
  /** Reconnect after a lost connection (default true), with capped exponential backoff. */
  reconnect?: boolean | { initialDelayMs?: number; maxDelayMs?: number };
  maxMessageBytes?: number;
}

/** Events of an {@link OvsdbClient}. */
export interface OvsdbClientEvents {
  /** Connected (first time or after a reconnect), monitors and locks re-established. */
  connected: [info: { remote: string; status: DatabaseStatus | undefined }];
  /** The connection was lost (`error` says why; undefined after {@link OvsdbClient.close}); a reconnect follows unless closed. */
  disconnected: [error: OvsdbError | undefined];
  /** After a reconnect, a different member of the cluster serves the database. */
  'leader-changed': [info: { remote: string; previous: string }];
  /** A requested lock was granted. */
  locked: [lockId: string];
  /** A lock this client held was stolen by another client. */
  stolen: [lockId: string];
  /** A monitor could not be re-established after a reconnect and was dropped. */
  'monitor-failed': [monitorId: string, error: unknown];
}

/** Per-call options. */
export interface CallOptions {
  timeoutMs?: number;
}

type State = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/**
 * An RFC 7047 OVSDB client: transactions, monitors (`monitor`, `monitor_cond`,
 * `monitor_cond_since`), locks and echo over tcp/ssl/unix, with cluster leader
 * selection and reconnection that resumes monitors from the last transaction id.
 *
 * A transaction in flight when the connection dies rejects with
 * `TRANSACTION_OUTCOME_UNKNOWN` and is never retried: the caller decides.
 */
export class OvsdbClient extends EventEmitter<OvsdbClientEvents> {
  readonly #options: OvsdbClientOptions;
  readonly #remotes: Remote[];
  readonly #memory: ClusterMemory = { cid: undefined, index: 0 };
  readonly #monitors: MonitorSet;
  readonly #locks: LockSet;
  #connection: JsonRpcConnection | undefined;
  #state: State = 'connecting';
  #cursor = 0;
  #remote: string | undefined;
  #status: DatabaseStatus | undefined;
  #wakeUp: (() => void) | undefined;

  private constructor(options: OvsdbClientOptions) {
    super();
    this.#options = options;
    this.#remotes = parseRemotes(options.remote);
    this.#monitors = new MonitorSet((method, params) => this.#request(method, params));
    this.#locks = new LockSet(
      (method, params) => this.#request(method, params),
      (event, lockId) => this.emit(event, lockId),
    );
  }

  /** Connects (trying every remote, with backoff, up to `connectTimeoutMs`). */
  static async connect(options: OvsdbClientOptions): Promise<OvsdbClient> {
    const client = new OvsdbClient(options);
    await client.#connectLoop(Date.now() + (options.connectTimeoutMs ?? 10_000));
    return client;
  }

  /** True while a connection is up. */
  get connected(): boolean {
    return this.#state === 'connected';
  }

  /** The remote currently connected to, e.g. `tcp:127.0.0.1:6641`. */
  get remote(): string | undefined {
    return this.#remote;
  }

  /** The `_Server` status of `database` on the current server, when `database` was given. */
  get status(): DatabaseStatus | undefined {
    return this.#status;
  }

  /** `list_dbs`: the databases the server has. */
  async listDbs(options?: CallOptions): Promise<string[]> {
    const result = await this.#request('list_dbs', [], options);
    if (!Array.isArray(result) || !result.every((name) => typeof name === 'string')) {
      throw new OvsdbError('PROTOCOL_ERROR', 'list_dbs reply is not a list of names');
    }
    return result;
  }

  /** `get_schema`: the parsed schema of `database`. */
  async getSchema(database: string, options?: CallOptions): Promise<DatabaseSchema> {
    return parseDatabaseSchema(await this.#request('get_schema', [database], options));
  }

  /**
   * `transact`: runs `operations` atomically. Resolves with one result per operation;
   * rejects with a `TransactionError` naming the failing operation (nothing was applied),
   * or `TRANSACTION_OUTCOME_UNKNOWN` if the connection died (or the call timed out) first.
   */
  async transact(
    database: string,
    operations: readonly Operation[],
    options?: CallOptions,
  ): Promise<OperationResult[]> {
    const result = await this.#request('transact', [database, ...operations], {
      ...options,
      lostCode: 'TRANSACTION_OUTCOME_UNKNOWN',
    });
    return transactionResults(result, operations.length);
  }

  /** `monitor` (RFC 7047): `update` notifications with old/new rows. */
  monitor(database: string, requests: MonitorRequests, handler: MonitorHandler): Promise<Monitor> {
    return this.#monitors.add('monitor', database, requests, handler, undefined);
  }

  /** `monitor_cond`: conditional monitor with `update2` (diff) notifications. */
  monitorCond(
    database: string,
    requests: MonitorRequests,
    handler: MonitorHandler,
  ): Promise<Monitor> {
    return this.#monitors.add('monitor_cond', database, requests, handler, undefined);
  }

  /**
   * `monitor_cond_since`: like `monitorCond`, resuming from `lastTxnId` when the server still
   * has that history; `update3` notifications carry each transaction id. After a reconnect
   * the client resumes from the last id it saw, so no change is missed.
   */
  monitorCondSince(
    database: string,
    requests: MonitorRequests,
    handler: MonitorHandler,
    lastTxnId?: string,
  ): Promise<Monitor> {
    return this.#monitors.add('monitor_cond_since', database, requests, handler, lastTxnId);
  }

  /** `monitor_cancel` by monitor id. */
  monitorCancel(monitorId: string): Promise<void> {
    return this.#monitors.cancel(monitorId);
  }

  /** `echo`: resolves with the same arguments. */
  async echo(...args: unknown[]): Promise<unknown[]> {
    const result = await this.#request('echo', args);
    return Array.isArray(result) ? result : [];
  }

  /** `lock`: true if granted now; otherwise a `locked` event follows when it is. */
  lock(lockId: string): Promise<boolean> {
    return this.#locks.lock(lockId);
  }

  /** `steal`: takes the lock from its holder (who gets `stolen`). */
  steal(lockId: string): Promise<boolean> {
    return this.#locks.steal(lockId);
  }

  /** `unlock`: releases (or stops waiting for) a lock. */
  unlock(lockId: string): Promise<void> {
    return this.#locks.unlock(lockId);
  }

  /** Closes the connection for good; pending calls reject. */
  close(): void {
    if (this.#state === 'closed') return;
    const wasConnected = this.#state === 'connected';
    this.#state = 'closed';
    if (wasConnected) this.emit('disconnected', undefined);
    this.#wakeUp?.();
    this.#connection?.close(new OvsdbError('CONNECTION_CLOSED', 'client closed'));
  }

  #request(
    method: string,
    params: unknown[],
    options: CallOptions & { lostCode?: 'TRANSACTION_OUTCOME_UNKNOWN' } = {},
  ): Promise<unknown> {
    const connection = this.#connection;
    if (!connection || this.#state === 'closed') {
      return Promise.reject(
        new OvsdbError('NOT_CONNECTED', `cannot send ${method}: client is ${this.#state}`),
      );
    }
    const timeoutMs = options.timeoutMs ?? this.#options.requestTimeoutMs ?? 0;
    return connection.request(method, params, {
      timeoutMs,
      ...(options.lostCode ? { lostCode: options.lostCode } : {}),
    });
  }

  async #connectLoop(deadline: number | undefined): Promise<void> {
    const backoff = typeof this.#options.reconnect === 'object' ? this.#options.reconnect : {};
    const maxDelay = backoff.maxDelayMs ?? 8_000;
    let delay = backoff.initialDelayMs ?? 100;
    let lastError: unknown;
    for (;;) {
      for (let attempt = 0; attempt < this.#remotes.length; attempt++) {
        if (this.#state === 'closed') throw new OvsdbError('CONNECTION_CLOSED', 'client closed');
        const remote = this.#remotes[this.#cursor] as Remote;
        try {
          await this.#tryRemote(remote);
          return;
        } catch (error) {
          lastError = error;
          this.#cursor = (this.#cursor + 1) % this.#remotes.length;
        }
      }
      if (deadline !== undefined && Date.now() + delay > deadline) {
        this.#state = 'closed';
        throw new OvsdbError('CONNECT_FAILED', `no usable server among ${this.#options.remote}`, {
          cause: lastError,
        });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.#wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wakeUp = undefined;
      delay = Math.min(delay * 2, maxDelay);
    }
  }

  async #tryRemote(remote: Remote): Promise<void> {
    const socket = await openSocket(
      remote,
      this.#options.tls ?? {},
      this.#options.socketTimeoutMs ?? 5_000,
    );
    const connection = new JsonRpcConnection(socket, {
      ...(this.#options.maxMessageBytes ? { maxMessageBytes: this.#options.maxMessageBytes } : {}),
      inactivityProbeMs: this.#options.inactivityProbeMs ?? 0,
    });
    let status: DatabaseStatus | undefined;
    try {
      status = await this.#checkServer(connection, remote);
    } catch (error) {
      connection.close();
      throw error;
    }
    if (this.#state === 'closed') {
      connection.close();
      throw new OvsdbError('CONNECTION_CLOSED', 'client closed');
    }
    const previous = this.#remote;
    this.#connection = connection;
    this.#remote = remote.text;
    this.#status = status;
    connection.on('notification', (method, params) => {
      if (connection === this.#connection) this.#onNotification(connection, method, params);
    });
    connection.on('close', (error) => this.#onConnectionLost(connection, error));
    await Promise.all([
      this.#monitors.resubscribe((id, error) => this.emit('monitor-failed', id, error)),
      this.#locks.relock(),
    ]);
    if (connection !== this.#connection) throw new OvsdbError('NOT_CONNECTED', 'lost again');
    this.#state = 'connected';
    this.emit('connected', { remote: remote.text, status });
    if (previous !== undefined && previous !== remote.text && status?.model === 'clustered') {
      this.emit('leader-changed', { remote: remote.text, previous });
    }
  }

  /** Reads (and keeps watching) `_Server` to decide whether this server may serve us. */
  async #checkServer(
    connection: JsonRpcConnection,
    remote: Remote,
  ): Promise<DatabaseStatus | undefined> {
    const database = this.#options.database;
    if (database === undefined) return undefined;
    let initial: unknown;
    try {
      initial = await connection.request(
        'monitor',
        ['_Server', SERVER_WATCH_ID, SERVER_WATCH_REQUESTS],
        { timeoutMs: this.#options.socketTimeoutMs ?? 5_000 },
      );
    } catch (error) {
      // servers before OVS 2.9 have no _Server database: treat them as standalone
      if (error instanceof OvsdbError && error.code === 'RPC_ERROR') return undefined;
      throw error;
    }
    const status = findDatabaseStatus(initial as never, database);
    if (!status) throw notServingError(remote.text, database, 'no such database');
    const reason = rejectReason(status, this.#options.leaderOnly ?? true, this.#memory);
    if (reason) throw notServingError(remote.text, database, reason);
    remember(this.#memory, status);
    return status;
  }

  #onNotification(connection: JsonRpcConnection, method: string, params: unknown[]): void {
    if (method === 'update' && params[0] === SERVER_WATCH_ID && this.#options.database) {
      const status = findDatabaseStatus(params[1] as never, this.#options.database);
      if (!status) return;
      this.#status = status;
      remember(this.#memory, status);
      const reason = rejectReason(status, this.#options.leaderOnly ?? true, this.#memory);
      if (reason) connection.close(new OvsdbError('CONNECTION_CLOSED', reason));
      return;
    }
    if (this.#locks.onNotification(method, params)) return;
    this.#monitors.onNotification(method, params);
  }

  #onConnectionLost(connection: JsonRpcConnection, error: OvsdbError): void {
    if (connection !== this.#connection) return;
    this.#connection = undefined;
    this.#status = undefined;
    // while (re)connecting, the running connect loop sees the failure and moves on
    if (this.#state !== 'connected') return;
    this.#state = this.#options.reconnect === false ? 'closed' : 'reconnecting';
    this.emit('disconnected', error);
    if (this.#state === 'reconnecting') {
      // retries until close(); the caller learns of progress through events
      this.#connectLoop(undefined).catch(() => undefined);
    }
  }
}
