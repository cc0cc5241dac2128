import type { Application } from '@netcanvas/model';
import type { AuditAction } from './audit.ts';
import { type Db, now } from './db.ts';

/** An apply as written before its controller commit. */
export interface ApplyStart {
  readonly tenantId: string;
  readonly appId: string;
  /** the version the deployments table will name once it is recorded */
  readonly version: number;
  readonly controllerId: number;
  /** the version deployed on that controller when the apply started, if any */
  readonly previousVersion: number | undefined;
  readonly actor: string;
  /** what the audit log calls the commit: `apply`, `restore`, `standby-replicate` */
  readonly action: Extract<AuditAction, 'apply' | 'restore' | 'standby-replicate'>;
  readonly planId: string;
  readonly changes: number;
  /** the design committed (a snapshot restore commits one that is not a stored version) */
  readonly design: Application;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** An apply whose outcome was never recorded. */
export interface ApplyInFlight extends ApplyStart {
  readonly id: number;
  readonly startedAt: string;
}

interface Row {
  id: number;
  tenant_id: string;
  app_id: string;
  version: number;
  controller_id: number;
  previous_version: number | null;
  actor: string;
  action: ApplyStart['action'];
  plan_id: string;
  changes: number;
  design: string;
  detail: string;
  started_at: string;
}

/** Write-ahead records of applies: started before the commit, finished with the outcome. */
export class AppliesInFlightStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Records that an apply is about to be committed; the id finishes it. */
  start(a: ApplyStart): number {
    const info = this.#db
      .prepare(
        `INSERT INTO applies_in_flight (tenant_id, app_id, version, controller_id, previous_version,
           actor, action, plan_id, changes, design, detail, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        a.tenantId,
        a.appId,
        a.version,
        a.controllerId,
        a.previousVersion ?? null,
        a.actor,
        a.action,
        a.planId,
        a.changes,
        JSON.stringify(a.design),
        JSON.stringify(a.detail),
        now(),
      );
    return Number(info.lastInsertRowid);
  }

  /** Forgets a started apply: its outcome is recorded (call in the same transaction). */
  finish(id: number): void {
    this.#db.prepare('DELETE FROM applies_in_flight WHERE id = ?').run(id);
  }

  /** Every apply started and never finished, oldest first. */
  unfinished(): ApplyInFlight[] {
    return (this.#db.prepare('SELECT * FROM applies_in_flight ORDER BY id').all() as Row[]).map(
      (r) => ({
        id: r.id,
        tenantId: r.tenant_id,
        appId: r.app_id,
        version: r.version,
        controllerId: r.controller_id,
        previousVersion: r.previous_version ?? undefined,
        actor: r.actor,
        action: r.action,
        planId: r.plan_id,
        changes: r.changes,
        design: JSON.parse(r.design) as Application,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
        startedAt: r.started_at,
      }),
    );
  }
}
