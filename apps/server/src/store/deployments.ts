import { type Db, now } from './db.ts';

/** One app applied to one controller: the version that is there, who put it there and when. */
export interface Deployment {
  readonly tenantId: string;
  readonly appId: string;
  readonly controllerId: number;
  readonly version: number;
  readonly appliedAt: string;
  readonly appliedBy: string;
}

interface Row {
  tenant_id: string;
  app_id: string;
  controller_id: number;
  version: number;
  applied_at: string;
  applied_by: string;
}

const toDeployment = (r: Row): Deployment => ({
  tenantId: r.tenant_id,
  appId: r.app_id,
  controllerId: r.controller_id,
  version: r.version,
  appliedAt: r.applied_at,
  appliedBy: r.applied_by,
});

/** Where each app is applied; every lookup is by tenant. */
export class DeploymentStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Records a successful apply (replacing what was recorded for that app and controller). */
  record(
    tenantId: string,
    appId: string,
    controllerId: number,
    version: number,
    by: string,
  ): Deployment {
    const appliedAt = now();
    this.#db
      .prepare(
        `INSERT INTO deployments (tenant_id, app_id, controller_id, version, applied_at, applied_by)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, app_id, controller_id)
         DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at, applied_by = excluded.applied_by`,
      )
      .run(tenantId, appId, controllerId, version, appliedAt, by);
    return { tenantId, appId, controllerId, version, appliedAt, appliedBy: by };
  }

  /** The app's deployments, one per controller, in controller order. */
  forApp(tenantId: string, appId: string): Deployment[] {
    return (
      this.#db
        .prepare(
          'SELECT * FROM deployments WHERE tenant_id = ? AND app_id = ? ORDER BY controller_id',
        )
        .all(tenantId, appId) as Row[]
    ).map(toDeployment);
  }

  /** The tenant's deployments, for the app list. */
  forTenant(tenantId: string): Deployment[] {
    return (
      this.#db
        .prepare('SELECT * FROM deployments WHERE tenant_id = ? ORDER BY app_id, controller_id')
        .all(tenantId) as Row[]
    ).map(toDeployment);
  }

  /** Every deployment: what the server follows again after a restart. */
  all(): Deployment[] {
    return (this.#db.prepare('SELECT * FROM deployments').all() as Row[]).map(toDeployment);
  }

  /** Forgets an app's deployments (the app was removed from that controller, or deleted). */
  forget(tenantId: string, appId: string, controllerId?: number): void {
    if (controllerId === undefined) {
      this.#db
        .prepare('DELETE FROM deployments WHERE tenant_id = ? AND app_id = ?')
        .run(tenantId, appId);
    } else {
      this.#db
        .prepare('DELETE FROM deployments WHERE tenant_id = ? AND app_id = ? AND controller_id = ?')
        .run(tenantId, appId, controllerId);
    }
  }
}
