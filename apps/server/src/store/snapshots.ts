import { canonicalJson, type SiteRemap, type Snapshot } from '@netcanvas/model';
import { type Db, now } from './db.ts';

/** How a snapshot came into the store. */
export type SnapshotSource = 'taken' | 'scheduled' | 'imported';

/** A stored snapshot's metadata: who, when, from where, how big. */
export interface SnapshotMeta {
  readonly id: string;
  readonly tenantId: string;
  readonly appId: string;
  /** the saved version the controller held when it was taken, if known */
  readonly appVersion: number | null;
  readonly source: SnapshotSource;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly storedAt: string;
  /** the controller it was read from (null when imported) */
  readonly controllerId: number | null;
  readonly controllerKind: string;
  readonly stateVersion: string;
  /** bytes of the canonical document */
  readonly size: number;
}

/** A stored snapshot with its document. */
export interface StoredSnapshot extends SnapshotMeta {
  readonly snapshot: Snapshot;
}

/** A per-app schedule: snapshot every N minutes, keep N, optionally replicate to a standby. */
export interface SnapshotSchedule {
  readonly tenantId: string;
  readonly appId: string;
  readonly controllerId: number;
  readonly everyMinutes: number;
  readonly keep: number;
  readonly standby: { readonly controllerId: number; readonly remap?: SiteRemap } | null;
  /** when the next snapshot is due (epoch ms of the scheduler's clock) */
  readonly nextDueMs: number;
  readonly lastRunAt: string | null;
  readonly lastResult: string | null;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

interface Row {
  tenant_id: string;
  id: string;
  app_id: string;
  app_version: number | null;
  source: SnapshotSource;
  created_at: string;
  created_by: string;
  stored_at: string;
  controller_id: number | null;
  controller_kind: string;
  state_version: string;
  size: number;
  document?: string;
}

interface ScheduleRow {
  tenant_id: string;
  app_id: string;
  controller_id: number;
  every_minutes: number;
  keep: number;
  standby_controller_id: number | null;
  standby_remap: string | null;
  next_due_ms: number;
  last_run_at: string | null;
  last_result: string | null;
  updated_by: string;
  updated_at: string;
}

const META_COLUMNS =
  'tenant_id, id, app_id, app_version, source, created_at, created_by, stored_at, controller_id, controller_kind, state_version, size';

const toMeta = (r: Row): SnapshotMeta => ({
  id: r.id,
  tenantId: r.tenant_id,
  appId: r.app_id,
  appVersion: r.app_version,
  source: r.source,
  createdAt: r.created_at,
  createdBy: r.created_by,
  storedAt: r.stored_at,
  controllerId: r.controller_id,
  controllerKind: r.controller_kind,
  stateVersion: r.state_version,
  size: r.size,
});

const toSchedule = (r: ScheduleRow): SnapshotSchedule => ({
  tenantId: r.tenant_id,
  appId: r.app_id,
  controllerId: r.controller_id,
  everyMinutes: r.every_minutes,
  keep: r.keep,
  standby:
    r.standby_controller_id === null
      ? null
      : {
          controllerId: r.standby_controller_id,
          ...(r.standby_remap ? { remap: JSON.parse(r.standby_remap) as SiteRemap } : {}),
        },
  nextDueMs: r.next_due_ms,
  lastRunAt: r.last_run_at,
  lastResult: r.last_result,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

const NEWEST_FIRST = 'ORDER BY created_at DESC, rowid DESC';

/** Snapshots and their schedules; every lookup is by tenant, and a snapshot is never changed. */
export class SnapshotStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Stores a snapshot whole (one INSERT). The same content twice is the same snapshot: the
   * row already there is returned and `created` is false.
   */
  add(
    tenantId: string,
    snapshot: Snapshot,
    meta: {
      source: SnapshotSource;
      appId: string;
      appVersion?: number | undefined;
      controllerId?: number | undefined;
    },
  ): { created: boolean; meta: SnapshotMeta } {
    const document = canonicalJson(snapshot);
    const info = this.#db
      .prepare(
        `INSERT INTO snapshots (${META_COLUMNS}, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, id) DO NOTHING`,
      )
      .run(
        tenantId,
        snapshot.id,
        meta.appId,
        meta.appVersion ?? null,
        meta.source,
        snapshot.createdAt,
        snapshot.createdBy,
        now(),
        meta.controllerId ?? null,
        snapshot.controller.kind,
        snapshot.controller.stateVersion,
        Buffer.byteLength(document),
        document,
      );
    const stored = this.meta(tenantId, snapshot.id);
    if (!stored) throw new Error(`snapshot ${snapshot.id} was not stored`);
    return { created: info.changes === 1, meta: stored };
  }

  /** One snapshot's metadata, only within its tenant. */
  meta(tenantId: string, id: string): SnapshotMeta | undefined {
    const row = this.#db
      .prepare(`SELECT ${META_COLUMNS} FROM snapshots WHERE tenant_id = ? AND id = ?`)
      .get(tenantId, id) as Row | undefined;
    return row && toMeta(row);
  }

  /** One snapshot with its document, only within its tenant (and app, when given). */
  get(tenantId: string, id: string, appId?: string): StoredSnapshot | undefined {
    const row = this.#db
      .prepare(
        `SELECT ${META_COLUMNS}, document FROM snapshots WHERE tenant_id = ? AND id = ? AND (? IS NULL OR app_id = ?)`,
      )
      .get(tenantId, id, appId ?? null, appId ?? null) as Row | undefined;
    if (!row?.document) return undefined;
    return { ...toMeta(row), snapshot: JSON.parse(row.document) as Snapshot };
  }

  /** The ids of an app's snapshots starting with `prefix` (at most two: enough to see ambiguity). */
  idsByPrefix(tenantId: string, appId: string, prefix: string): string[] {
    return (
      this.#db
        .prepare(
          'SELECT id FROM snapshots WHERE tenant_id = ? AND app_id = ? AND substr(id, 1, length(?)) = ? LIMIT 2',
        )
        .all(tenantId, appId, prefix, prefix) as { id: string }[]
    ).map((r) => r.id);
  }

  /** An app's snapshots, newest first. */
  list(tenantId: string, appId: string): SnapshotMeta[] {
    return (
      this.#db
        .prepare(
          `SELECT ${META_COLUMNS} FROM snapshots WHERE tenant_id = ? AND app_id = ? ${NEWEST_FIRST}`,
        )
        .all(tenantId, appId) as Row[]
    ).map(toMeta);
  }

  /**
   * Keeps the newest `keep` scheduled snapshots of an app and deletes older scheduled ones,
   * in one transaction; never the app's newest snapshot. Returns the ids deleted.
   */
  prune(tenantId: string, appId: string, keep: number): string[] {
    return this.#db.transaction(() => {
      const newest = this.list(tenantId, appId)[0]?.id;
      const scheduled = this.list(tenantId, appId).filter((s) => s.source === 'scheduled');
      const doomed = scheduled
        .slice(Math.max(1, keep))
        .map((s) => s.id)
        .filter((id) => id !== newest);
      const del = this.#db.prepare('DELETE FROM snapshots WHERE tenant_id = ? AND id = ?');
      for (const id of doomed) del.run(tenantId, id);
      return doomed;
    })();
  }

  /** Sets (replacing) an app's schedule. */
  setSchedule(
    s: Omit<SnapshotSchedule, 'lastRunAt' | 'lastResult' | 'updatedAt'>,
  ): SnapshotSchedule {
    this.#db
      .prepare(
        `INSERT INTO snapshot_schedules (tenant_id, app_id, controller_id, every_minutes, keep,
           standby_controller_id, standby_remap, next_due_ms, updated_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, app_id) DO UPDATE SET
           controller_id = excluded.controller_id, every_minutes = excluded.every_minutes,
           keep = excluded.keep, standby_controller_id = excluded.standby_controller_id,
           standby_remap = excluded.standby_remap, next_due_ms = excluded.next_due_ms,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run(
        s.tenantId,
        s.appId,
        s.controllerId,
        s.everyMinutes,
        s.keep,
        s.standby?.controllerId ?? null,
        s.standby?.remap ? JSON.stringify(s.standby.remap) : null,
        s.nextDueMs,
        s.updatedBy,
        now(),
      );
    const stored = this.schedule(s.tenantId, s.appId);
    if (!stored) throw new Error('the schedule was not stored');
    return stored;
  }

  /** An app's schedule, if any. */
  schedule(tenantId: string, appId: string): SnapshotSchedule | undefined {
    const row = this.#db
      .prepare('SELECT * FROM snapshot_schedules WHERE tenant_id = ? AND app_id = ?')
      .get(tenantId, appId) as ScheduleRow | undefined;
    return row && toSchedule(row);
  }

  /** Schedules due at `nowMs`, earliest first. */
  due(nowMs: number): SnapshotSchedule[] {
    return (
      this.#db
        .prepare('SELECT * FROM snapshot_schedules WHERE next_due_ms <= ? ORDER BY next_due_ms')
        .all(nowMs) as ScheduleRow[]
    ).map(toSchedule);
  }

  /** Records a run and when the next one is due. */
  ran(tenantId: string, appId: string, nextDueMs: number, result: string): void {
    this.#db
      .prepare(
        'UPDATE snapshot_schedules SET next_due_ms = ?, last_run_at = ?, last_result = ? WHERE tenant_id = ? AND app_id = ?',
      )
      .run(nextDueMs, now(), result, tenantId, appId);
  }

  /** Removes an app's schedule; false when there was none. */
  deleteSchedule(tenantId: string, appId: string): boolean {
    return (
      this.#db
        .prepare('DELETE FROM snapshot_schedules WHERE tenant_id = ? AND app_id = ?')
        .run(tenantId, appId).changes === 1
    );
  }
}
