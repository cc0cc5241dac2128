import {
  type Application,
  type ControllerApplyResult,
  type ControllerChange,
  type ControllerEvent,
  type ControllerInfo,
  type ControllerPlan,
  type WhatIfQuery,
  type WhatIfResult,
  whatIf,
} from '@netcanvas/model';
import {
  appKey,
  DriftWatcher,
  OvnDriver,
  OvnError,
  type PlannedApply,
  type RowChange,
  readBack,
  rowsStateVersion,
} from '@netcanvas/ovn';
import type { ControllerRow } from '../store/controllers.ts';
import type { AppliedState, ImportedApplication, SiteDriver } from './site-driver.ts';

const toChange = (c: RowChange): ControllerChange => ({
  op: c.op,
  objectId: c.objectId,
  key: c.key,
  table: c.table,
  ...(c.op === 'update' ? { columns: c.columns } : {}),
});

/** An OVN Northbound DB seen through the common controller contract. */
export class OvnSite implements SiteDriver {
  readonly #driver: OvnDriver;
  readonly #remote: string;
  /** the NB-level plan behind each plan handed out, so commit sends exactly what was shown */
  readonly #planned = new WeakMap<ControllerPlan, PlannedApply>();

  constructor(driver: OvnDriver, remote: string) {
    this.#driver = driver;
    this.#remote = remote;
  }

  static async connect(row: ControllerRow, connectTimeoutMs = 5_000): Promise<OvnSite> {
    if (!row.remote)
      throw new OvnError('controller-unreachable', `controller "${row.name}" has no remote`);
    return new OvnSite(
      await OvnDriver.connect({ remote: row.remote, connectTimeoutMs }),
      row.remote,
    );
  }

  async info(): Promise<ControllerInfo> {
    // a cheap read proves the NB still answers
    await this.#driver.readRows('netcanvas/health-check');
    return {
      kind: 'ovn',
      remote: this.#remote,
      version: this.#driver.schemaVersion,
      healthy: true,
      detail: `OVN Northbound schema ${this.#driver.schemaVersion}`,
    };
  }

  async plan(app: Application): Promise<ControllerPlan> {
    const planned = await this.#driver.plan(app);
    const plan: ControllerPlan = {
      appKey: planned.appKey,
      version: planned.version,
      changes: planned.changes.map(toChange),
    };
    this.#planned.set(plan, planned);
    return plan;
  }

  async commit(plan: ControllerPlan): Promise<ControllerApplyResult> {
    const planned = this.#planned.get(plan);
    if (!planned) throw new Error('this plan was not made by this controller');
    const result = await this.#driver.commit(planned);
    return { changed: result.changed, changes: result.changes.map(toChange) };
  }

  async remove(app: Pick<Application, 'tenant' | 'id'>): Promise<ControllerApplyResult> {
    const result = await this.#driver.remove(app);
    return { changed: result.changed, changes: result.changes.map(toChange) };
  }

  async readApplied(
    app: Pick<Application, 'tenant' | 'id'>,
    design?: Application,
  ): Promise<AppliedState | undefined> {
    const rows = await this.#driver.readRows(appKey(app));
    if (rows.length === 0) return undefined;
    return { app: readBack(rows, design), stateVersion: rowsStateVersion(rows) };
  }

  /** ovn-trace is not wired yet: the model's trace of the design answers instead. */
  async trace(app: Application, query: WhatIfQuery): Promise<WhatIfResult> {
    return whatIf(app, query);
  }

  /** Drift of the app's rows, pushed by a live NB monitor (see `DriftWatcher`). */
  watch(app: Application, listener: (event: ControllerEvent) => void): () => void {
    const watcher = new DriftWatcher(this.#driver, app);
    watcher.on('drift', (report) => {
      const names = report.objects.map((o) => o.name ?? o.objectId);
      listener({
        type: 'drift',
        appKey: report.appKey,
        objectIds: report.objects.map((o) => o.objectId),
        detail: `changed outside netcanvas: ${names.join(', ')}`,
      });
    });
    watcher.on('clean', () => listener({ type: 'in-sync', appKey: appKey(app) }));
    const started = watcher.start().catch(() => undefined);
    return () => {
      void started.then(() => watcher.stop());
    };
  }

  importForeign(options: {
    id: string;
    name: string;
    tenant: string;
  }): Promise<ImportedApplication> {
    return this.#driver.importForeign(options);
  }

  close(): void {
    this.#driver.close();
  }
}
