import { OvsdbError } from './errors.ts';
import {
  type Monitor,
  type MonitorEvent,
  type MonitorEventKind,
  type MonitorHandler,
  type MonitorMethod,
  type MonitorRequests,
  monitorParams,
  parseMonitorReply,
  parseUpdateNotification,
  type TableUpdates,
  type TableUpdates2,
} from './monitor.ts';

type Send = (method: string, params: unknown[]) => Promise<unknown>;

interface MonitorState {
  readonly id: string;
  readonly database: string;
  readonly method: MonitorMethod;
  readonly requests: MonitorRequests;
  readonly handler: MonitorHandler;
  lastTxnId: string | undefined;
  /** False until the server has acknowledged it on the current connection. */
  live: boolean;
}

let monitorCounter = 0;

/**
 * The monitors of one client: creates them, routes `update`/`update2`/`update3`
 * notifications to their handlers, and re-creates them on a new connection, resuming
 * `monitor_cond_since` from the last transaction id seen.
 */
export class MonitorSet {
  readonly #send: Send;
  readonly #monitors = new Map<string, MonitorState>();

  constructor(send: Send) {
    this.#send = send;
  }

  async add(
    method: MonitorMethod,
    database: string,
    requests: MonitorRequests,
    handler: MonitorHandler,
    lastTxnId: string | undefined,
  ): Promise<Monitor> {
    monitorCounter += 1;
    const state: MonitorState = {
      id: `m${monitorCounter}`,
      database,
      method,
      requests,
      handler,
      lastTxnId,
      live: false,
    };
    this.#monitors.set(state.id, state);
    try {
      await this.#subscribe(state, lastTxnId === undefined ? 'initial' : undefined);
    } catch (error) {
      this.#monitors.delete(state.id);
      throw error;
    }
    return {
      id: state.id,
      database,
      method,
      get lastTxnId() {
        return state.lastTxnId;
      },
      cancel: () => this.cancel(state.id),
    };
  }

  async cancel(id: string): Promise<void> {
    const state = this.#monitors.get(id);
    if (!state) return;
    this.#monitors.delete(id);
    if (state.live) await this.#send('monitor_cancel', [id]);
  }

  /** Re-creates every monitor on a new connection. */
  async resubscribe(onFailure: (id: string, error: unknown) => void): Promise<void> {
    await Promise.all(
      [...this.#monitors.values()].map(async (state) => {
        state.live = false;
        try {
          await this.#subscribe(state, undefined);
        } catch (error) {
          if (error instanceof OvsdbError && isConnectionLoss(error)) throw error;
          this.#monitors.delete(state.id);
          onFailure(state.id, error);
        }
      }),
    );
  }

  onNotification(method: string, params: unknown[]): void {
    const update = parseUpdateNotification(method, params);
    if (!update || typeof update.id !== 'string') return;
    const state = this.#monitors.get(update.id);
    if (!state?.live) return;
    if (update.lastTxnId !== undefined) state.lastTxnId = update.lastTxnId;
    state.handler(event(state, 'update', update.updates, update.lastTxnId));
  }

  /** `kind` forces the event kind; otherwise it follows from whether history was found. */
  async #subscribe(state: MonitorState, kind: MonitorEventKind | undefined): Promise<void> {
    const result = await this.#send(
      state.method,
      monitorParams(state.method, state.database, state.id, state.requests, state.lastTxnId),
    );
    if (!this.#monitors.has(state.id)) return; // cancelled meanwhile
    const reply = parseMonitorReply(state.method, result);
    if (reply.lastTxnId !== undefined) state.lastTxnId = reply.lastTxnId;
    state.live = true;
    const resolved = kind ?? (reply.found ? 'update' : 'resync');
    if (resolved === 'update' && Object.keys(reply.updates).length === 0) return;
    state.handler(event(state, resolved, reply.updates, reply.lastTxnId));
  }
}

function event(
  state: MonitorState,
  kind: MonitorEventKind,
  updates: TableUpdates | TableUpdates2,
  lastTxnId: string | undefined,
): MonitorEvent {
  if (state.method === 'monitor') return { kind, format: 1, updates: updates as TableUpdates };
  return {
    kind,
    format: 2,
    updates: updates as TableUpdates2,
    ...(lastTxnId === undefined ? {} : { lastTxnId }),
  };
}

function isConnectionLoss(error: OvsdbError): boolean {
  return error.code === 'CONNECTION_CLOSED' || error.code === 'NOT_CONNECTED';
}
