import { OvsdbError } from './errors.ts';
import type { Condition } from './operations.ts';
import type { WireRow } from './values.ts';

/** What to watch in one table (RFC 7047 §4.1.5, plus `where` for `monitor_cond`). */
export interface MonitorRequest {
  columns?: string[];
  /** Only for `monitor_cond` / `monitor_cond_since`: rows must match all conditions. */
  where?: Condition[];
  select?: { initial?: boolean; insert?: boolean; delete?: boolean; modify?: boolean };
}

/** Table name → request(s). */
export type MonitorRequests = Record<string, MonitorRequest | MonitorRequest[]>;

/** `update` notification rows (monitor): old and/or new contents. */
export interface RowUpdate {
  old?: WireRow;
  new?: WireRow;
}

/** `update2`/`update3` notification rows (monitor_cond, monitor_cond_since). */
export type RowUpdate2 =
  | { initial: WireRow }
  | { insert: WireRow }
  | { modify: WireRow }
  | { delete: WireRow | null };

export type TableUpdates = Record<string, Record<string, RowUpdate>>;
export type TableUpdates2 = Record<string, Record<string, RowUpdate2>>;

/**
 * Why a monitor handler is called. `initial`: the monitor's first contents. `update`: a
 * change. `resync`: after a reconnect the server could not resume from the last
 * transaction, so `updates` is the complete current contents and replaces all earlier state.
 */
export type MonitorEventKind = 'initial' | 'update' | 'resync';

/** One delivery to a monitor handler. */
export type MonitorEvent =
  | { readonly kind: MonitorEventKind; readonly format: 1; readonly updates: TableUpdates }
  | {
      readonly kind: MonitorEventKind;
      readonly format: 2;
      readonly updates: TableUpdates2;
      /** The transaction these updates bring the replica up to (monitor_cond_since only). */
      readonly lastTxnId?: string;
    };

export type MonitorHandler = (event: MonitorEvent) => void;

/** Which JSON-RPC method a monitor was created with. */
export type MonitorMethod = 'monitor' | 'monitor_cond' | 'monitor_cond_since';

/** The all-zero transaction id: "no history", as a standalone server reports it. */
export const ZERO_TXN_ID = '00000000-0000-0000-0000-000000000000';

/** A live monitor. Its handler keeps receiving events across reconnects until cancelled. */
export interface Monitor {
  readonly id: string;
  readonly database: string;
  readonly method: MonitorMethod;
  /** Last transaction id seen (monitor_cond_since only). */
  readonly lastTxnId: string | undefined;
  /** Stops the monitor (`monitor_cancel`) and its handler. */
  cancel(): Promise<void>;
}

/** Builds the params of a monitor request. */
export function monitorParams(
  method: MonitorMethod,
  database: string,
  id: string,
  requests: MonitorRequests,
  lastTxnId: string | undefined,
): unknown[] {
  const params: unknown[] = [database, id, requests];
  if (method === 'monitor_cond_since') params.push(lastTxnId ?? ZERO_TXN_ID);
  return params;
}

/** Reads a monitor reply into the updates it carries and whether history was found. */
export function parseMonitorReply(
  method: MonitorMethod,
  result: unknown,
): { found: boolean; lastTxnId?: string; updates: TableUpdates | TableUpdates2 } {
  if (method !== 'monitor_cond_since') return { found: false, updates: tableUpdates(result) };
  if (!Array.isArray(result) || typeof result[0] !== 'boolean' || typeof result[1] !== 'string') {
    throw new OvsdbError('PROTOCOL_ERROR', 'bad monitor_cond_since reply', { details: result });
  }
  return { found: result[0], lastTxnId: result[1], updates: tableUpdates(result[2]) };
}

/** Reads an `update`/`update2`/`update3` notification; undefined if it is not one. */
export function parseUpdateNotification(
  method: string,
  params: unknown[],
):
  | { id: unknown; format: 1 | 2; updates: TableUpdates | TableUpdates2; lastTxnId?: string }
  | undefined {
  if (method === 'update' || method === 'update2') {
    return { id: params[0], format: method === 'update' ? 1 : 2, updates: tableUpdates(params[1]) };
  }
  if (method === 'update3' && typeof params[1] === 'string') {
    return { id: params[0], format: 2, updates: tableUpdates(params[2]), lastTxnId: params[1] };
  }
  return undefined;
}

function tableUpdates(json: unknown): TableUpdates & TableUpdates2 {
  if (json === null || json === undefined) return {};
  if (typeof json !== 'object' || Array.isArray(json)) {
    throw new OvsdbError('PROTOCOL_ERROR', 'table updates are not an object', { details: json });
  }
  return json as TableUpdates & TableUpdates2;
}
