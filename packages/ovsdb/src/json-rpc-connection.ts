import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { FramingError, OvsdbError, type OvsdbErrorCode, RpcError } from './errors.ts';
import { JsonFramer } from './json-framer.ts';

/** Options of a {@link JsonRpcConnection}. */
export interface JsonRpcConnectionOptions {
  maxMessageBytes?: number;
  /** After this long with nothing received, send an echo; close if that gets no answer in as long again. 0 = off. */
  inactivityProbeMs?: number;
}

/** Per-request options. */
export interface RequestOptions {
  timeoutMs?: number;
  /** Code to reject with if the connection dies before the reply, e.g. `TRANSACTION_OUTCOME_UNKNOWN`. */
  lostCode?: OvsdbErrorCode;
}

interface PendingRequest {
  readonly method: string;
  readonly lostCode: OvsdbErrorCode;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: OvsdbError) => void;
  readonly timer: NodeJS.Timeout | undefined;
}

export interface JsonRpcConnectionEvents {
  /** A server notification such as `update3`, `locked` or `stolen`. */
  notification: [method: string, params: unknown[]];
  /** The connection is gone; `error` says why. */
  close: [error: OvsdbError];
}

/**
 * One JSON-RPC 1.0 session over a socket: numbered requests with a pending map and
 * timeouts, replies to the server's `echo`, notifications as events, optional
 * inactivity probe. It never reconnects; {@link OvsdbClient} does that.
 */
export class JsonRpcConnection extends EventEmitter<JsonRpcConnectionEvents> {
  readonly #socket: Socket;
  readonly #framer: JsonFramer;
  readonly #pending = new Map<number, PendingRequest>();
  readonly #probeMs: number;
  #probeTimer: NodeJS.Timeout | undefined;
  #nextId = 1;
  #closed = false;
  #closeError: OvsdbError | undefined;

  constructor(socket: Socket, options: JsonRpcConnectionOptions = {}) {
    super();
    this.#socket = socket;
    this.#framer = new JsonFramer(
      options.maxMessageBytes === undefined ? {} : { maxMessageBytes: options.maxMessageBytes },
    );
    this.#probeMs = options.inactivityProbeMs ?? 0;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (cause) => {
      this.#closeError ??= new OvsdbError('CONNECTION_CLOSED', `socket error: ${cause.message}`, {
        cause,
      });
    });
    socket.on('close', () => this.#onClose());
    this.#armProbe();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends a request and resolves with its `result`, or rejects with a coded error. */
  request(method: string, params: unknown[], options: RequestOptions = {}): Promise<unknown> {
    if (this.#closed) {
      return Promise.reject(
        new OvsdbError('NOT_CONNECTED', `cannot send ${method}: connection closed`),
      );
    }
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timeoutMs = options.timeoutMs;
      const timer =
        timeoutMs && timeoutMs > 0
          ? setTimeout(() => {
              this.#pending.delete(id);
              const timeout = new OvsdbError(
                'REQUEST_TIMEOUT',
                `${method} got no reply within ${timeoutMs} ms`,
              );
              // a transaction that timed out may still commit: say so with the same code as a lost one
              reject(
                options.lostCode === 'TRANSACTION_OUTCOME_UNKNOWN'
                  ? new OvsdbError(
                      'TRANSACTION_OUTCOME_UNKNOWN',
                      `${timeout.message}; it may or may not have been committed`,
                      { cause: timeout },
                    )
                  : timeout,
              );
            }, timeoutMs)
          : undefined;
      this.#pending.set(id, {
        method,
        lostCode: options.lostCode ?? 'CONNECTION_CLOSED',
        resolve,
        reject,
        timer,
      });
      this.#send({ method, params, id });
    });
  }

  /** Sends a notification (a request that gets no reply). */
  notify(method: string, params: unknown[]): void {
    if (!this.#closed) this.#send({ method, params, id: null });
  }

  /** Closes the socket; pending requests reject. */
  close(error?: OvsdbError): void {
    this.#closeError ??= error ?? new OvsdbError('CONNECTION_CLOSED', 'connection closed locally');
    this.#socket.destroy();
  }

  #send(message: object): void {
    this.#socket.write(JSON.stringify(message));
  }

  #onData(chunk: Buffer): void {
    this.#probeTimer?.refresh();
    let messages: unknown[];
    try {
      messages = this.#framer.push(chunk);
    } catch (error) {
      this.close(error instanceof FramingError ? error : undefined);
      return;
    }
    for (const message of messages) {
      if (this.#closed) return;
      this.#dispatch(message);
    }
  }

  #dispatch(message: unknown): void {
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      this.close(new OvsdbError('PROTOCOL_ERROR', 'JSON-RPC message is not an object'));
      return;
    }
    const { method, params, id, result, error } = message as Record<string, unknown>;
    if (typeof method === 'string') {
      const args = Array.isArray(params) ? params : [];
      if (id === null || id === undefined) {
        this.emit('notification', method, args);
      } else if (method === 'echo') {
        this.#send({ id, result: args, error: null });
      } else {
        this.#send({ id, result: null, error: `unknown method ${method}` });
      }
      return;
    }
    if (typeof id !== 'number') return; // a reply we never asked for
    const pending = this.#pending.get(id);
    if (!pending) return; // late reply after a timeout
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    if (error !== null && error !== undefined) pending.reject(new RpcError(pending.method, error));
    else pending.resolve(result);
  }

  #armProbe(): void {
    if (this.#probeMs <= 0) return;
    this.#probeTimer = setTimeout(() => {
      this.request('echo', [], { timeoutMs: this.#probeMs }).then(
        () => this.#probeTimer?.refresh(),
        (error: unknown) => {
          if (error instanceof OvsdbError && error.code === 'REQUEST_TIMEOUT') {
            this.close(
              new OvsdbError(
                'INACTIVITY_TIMEOUT',
                `no answer from peer for ${2 * this.#probeMs} ms`,
              ),
            );
          }
        },
      );
    }, this.#probeMs);
    this.#probeTimer.unref();
  }

  #onClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#probeTimer);
    const cause =
      this.#closeError ?? new OvsdbError('CONNECTION_CLOSED', 'connection closed by peer');
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      const message =
        pending.lostCode === 'TRANSACTION_OUTCOME_UNKNOWN'
          ? `connection lost while ${pending.method} was in flight: it may or may not have been committed`
          : `connection lost before ${pending.method} was answered`;
      pending.reject(new OvsdbError(pending.lostCode, message, { cause }));
    }
    this.#pending.clear();
    this.emit('close', cause);
  }
}
