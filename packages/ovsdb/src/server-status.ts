import { OvsdbError } from './errors.ts';
import type { MonitorRequests, TableUpdates } from './monitor.ts';

/** What the `_Server` database says about one database on one server. */
export interface DatabaseStatus {
  readonly name: string;
  /** `standalone`, `clustered`, `relay` (or whatever a newer server reports). */
  readonly model: string;
  /** False while a clustered server is cut off from its cluster. */
  readonly connected: boolean;
  /** True on the leader of a cluster, and always on a standalone server. */
  readonly leader: boolean;
  /** Cluster id; undefined for a standalone database. */
  readonly cid: string | undefined;
  /** Raft log index the server has applied; undefined for a standalone database. */
  readonly index: number | undefined;
}

/** What a client remembers about the cluster it talks to, to refuse stale or foreign servers. */
export interface ClusterMemory {
  cid: string | undefined;
  index: number;
}

/** Monitor id used internally for the `_Server` watch (never clashes with user monitors). */
export const SERVER_WATCH_ID = '_netcanvas_server_watch';

export const SERVER_WATCH_REQUESTS: MonitorRequests = {
  Database: { columns: ['name', 'model', 'connected', 'leader', 'cid', 'index'] },
};

/** Finds `database`'s row in an `update` (format 1) of the `_Server.Database` table. */
export function findDatabaseStatus(
  updates: TableUpdates,
  database: string,
): DatabaseStatus | undefined {
  for (const update of Object.values(updates.Database ?? {})) {
    const row = update.new;
    if (!row || row.name !== database) continue;
    return {
      name: database,
      model: typeof row.model === 'string' ? row.model : 'standalone',
      connected: row.connected !== false,
      leader: row.leader !== false,
      cid: optionalUuid(row.cid),
      index: optionalInteger(row.index),
    };
  }
  return undefined;
}

/**
 * Why a client must not use this server for `database`, or undefined if it may.
 * Like ovsdb-cs (ovn-nbctl): skip disconnected members, followers when leader-only,
 * members of another cluster and members behind what we have already seen.
 */
export function rejectReason(
  status: DatabaseStatus,
  leaderOnly: boolean,
  memory: ClusterMemory,
): string | undefined {
  if (!status.connected) return 'server is not connected to its cluster';
  if (leaderOnly && status.model === 'clustered' && !status.leader)
    return 'server is not the leader';
  if (memory.cid !== undefined && status.cid !== undefined && status.cid !== memory.cid) {
    return `server belongs to cluster ${status.cid}, not ${memory.cid}`;
  }
  if (status.index !== undefined && status.index < memory.index) {
    return `server has stale data (index ${status.index} < ${memory.index})`;
  }
  return undefined;
}

/** Remembers the cluster id and highest index seen. */
export function remember(memory: ClusterMemory, status: DatabaseStatus): void {
  if (status.cid !== undefined) memory.cid = status.cid;
  if (status.index !== undefined && status.index > memory.index) memory.index = status.index;
}

export function notServingError(remote: string, database: string, reason: string): OvsdbError {
  return new OvsdbError('CONNECT_FAILED', `${remote} cannot serve ${database}: ${reason}`);
}

function setMember(value: unknown): unknown {
  return Array.isArray(value) && value[0] === 'set' && Array.isArray(value[1])
    ? value[1][0]
    : value;
}

function optionalUuid(value: unknown): string | undefined {
  const atom = setMember(value);
  return Array.isArray(atom) && atom[0] === 'uuid' && typeof atom[1] === 'string'
    ? atom[1]
    : undefined;
}

function optionalInteger(value: unknown): number | undefined {
  const atom = setMember(value);
  return typeof atom === 'number' ? atom : undefined;
}
