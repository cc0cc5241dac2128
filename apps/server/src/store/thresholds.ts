import { type Db, now } from './db.ts';

/** Which way traffic counts toward a limit: into the switch port, out of it, or both summed. */
export type ThresholdDirection = 'in' | 'out' | 'both';

/** A rate limit on an app (`app`: all its ports) or on one NIC's port (`<objectId>/<nicId>`). */
export interface Threshold {
  readonly target: string;
  readonly direction: ThresholdDirection;
  readonly bps: number;
}

/** A threshold crossing: active while `clearedAtMs` is null. */
export interface StoredAlert {
  readonly id: number;
  readonly target: string;
  readonly direction: ThresholdDirection;
  readonly limit: number;
  /** the rate that crossed the limit */
  readonly bps: number;
  readonly raisedAtMs: number;
  readonly clearedAtMs: number | null;
}

interface ThresholdRow {
  target: string;
  direction: ThresholdDirection;
  bps: number;
}

interface AlertRow {
  id: number;
  target: string;
  direction: ThresholdDirection;
  limit_bps: number;
  bps: number;
  raised_at_ms: number;
  cleared_at_ms: number | null;
}

const toAlert = (r: AlertRow): StoredAlert => ({
  id: r.id,
  target: r.target,
  direction: r.direction,
  limit: r.limit_bps,
  bps: r.bps,
  raisedAtMs: r.raised_at_ms,
  clearedAtMs: r.cleared_at_ms,
});

/** Thresholds per app and the alerts they raised; every lookup is by tenant. */
export class ThresholdStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** The app's thresholds, in target order. */
  forApp(tenantId: string, appId: string): Threshold[] {
    return this.#db
      .prepare(
        'SELECT target, direction, bps FROM thresholds WHERE tenant_id = ? AND app_id = ? ORDER BY target, direction',
      )
      .all(tenantId, appId) as ThresholdRow[];
  }

  /** Replaces the app's thresholds with `list` (one per target and direction). */
  replace(tenantId: string, appId: string, list: readonly Threshold[], by: string): Threshold[] {
    const at = now();
    this.#db.transaction(() => {
      this.#db
        .prepare('DELETE FROM thresholds WHERE tenant_id = ? AND app_id = ?')
        .run(tenantId, appId);
      const insert = this.#db.prepare(
        'INSERT OR REPLACE INTO thresholds (tenant_id, app_id, target, direction, bps, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const t of list) insert.run(tenantId, appId, t.target, t.direction, t.bps, by, at);
    })();
    return this.forApp(tenantId, appId);
  }

  /** Records a crossing; returns the alert's id. */
  raise(tenantId: string, appId: string, t: Threshold, bps: number, atMs: number): number {
    const r = this.#db
      .prepare(
        'INSERT INTO alerts (tenant_id, app_id, target, direction, limit_bps, bps, raised_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(tenantId, appId, t.target, t.direction, t.bps, bps, atMs);
    return Number(r.lastInsertRowid);
  }

  /** Marks an alert cleared. */
  clear(tenantId: string, id: number, atMs: number): void {
    this.#db
      .prepare(
        'UPDATE alerts SET cleared_at_ms = ? WHERE tenant_id = ? AND id = ? AND cleared_at_ms IS NULL',
      )
      .run(atMs, tenantId, id);
  }

  /** Alerts still over their limit, oldest first. */
  active(tenantId: string, appId: string): StoredAlert[] {
    return (
      this.#db
        .prepare(
          'SELECT * FROM alerts WHERE tenant_id = ? AND app_id = ? AND cleared_at_ms IS NULL ORDER BY id',
        )
        .all(tenantId, appId) as AlertRow[]
    ).map(toAlert);
  }

  /** The latest alerts of an app, active or cleared, newest first. */
  recent(tenantId: string, appId: string, limit = 50): StoredAlert[] {
    return (
      this.#db
        .prepare('SELECT * FROM alerts WHERE tenant_id = ? AND app_id = ? ORDER BY id DESC LIMIT ?')
        .all(tenantId, appId, limit) as AlertRow[]
    ).map(toAlert);
  }
}
