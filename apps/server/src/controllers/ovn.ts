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
  type PortStatus,
  PortStatusWatcher,
  type RowChange,
  readBack,
  rowsStateVersion,
  tracePacket,
  traceWorkloads,
} from '@netcanvas/ovn';
import type { ControllerRow, SslFiles } from '../store/controllers.ts';
import { workloadPorts } from './ovn-ports.ts';
import type { AppliedState, ImportedApplication, SiteDriver } from './site-driver.ts';

const toChange = (c: RowChange): ControllerChange => ({
  op: c.op,
  objectId: c.objectId,
  key: c.key,
  table: c.table,
  ...(c.op === 'update' ? { columns: c.columns } : {}),
});

/** A what-if answer from an OVN site, saying who answered: OVN itself, or the model. */
export type SiteTrace = WhatIfResult & {
  readonly tracedBy: 'ovn-trace' | 'model';
  /** why the model answered instead of OVN */
  readonly note?: string;
};

/**
 * An OVN site seen through the common controller contract: its Northbound DB, and when
 * registered with one, its Southbound DB (port status, ovn-trace).
 */
export class OvnSite implements SiteDriver {
  readonly #driver: OvnDriver;
  readonly #remote: string;
  readonly #sbRemote: string | null;
  /** key, certificate and CA files for `ssl:` remotes */
  readonly #ssl: SslFiles | undefined;
  /** the NB-level plan behind each plan handed out, so commit sends exactly what was shown */
  readonly #planned = new WeakMap<ControllerPlan, PlannedApply>();
  /** one SB monitor shared by every app followed on this site, connected on first use */
  #ports: Promise<PortStatusWatcher> | undefined;
  #closed = false;

  constructor(
    driver: OvnDriver,
    remote: string,
    sbRemote: string | null = null,
    ssl: SslFiles | null = null,
  ) {
    this.#ssl = ssl ?? undefined;
    this.#driver = driver;
    this.#remote = remote;
    this.#sbRemote = sbRemote;
  }

  static async connect(row: ControllerRow, connectTimeoutMs = 5_000): Promise<OvnSite> {
    if (!row.remote)
      throw new OvnError('controller-unreachable', `controller "${row.name}" has no remote`);
    return new OvnSite(
      await OvnDriver.connect({
        remote: row.remote,
        connectTimeoutMs,
        ...(row.ssl ? { ssl: row.ssl } : {}),
      }),
      row.remote,
      row.sbRemote,
      row.ssl,
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

  /**
   * What-if answered by OVN: `ovn-trace` over the Southbound DB's logical flows. The model
   * answers instead, saying so in `note`, when no SB remote is registered or the packet is
   * not one ovn-trace can take (e.g. traffic leaving the app).
   */
  async trace(app: Application, query: WhatIfQuery): Promise<SiteTrace> {
    const sbRemote = this.#sbRemote;
    if (!sbRemote) {
      return {
        ...whatIf(app, query),
        tracedBy: 'model',
        note: "this controller has no Southbound remote registered, so OVN was not asked: this is the model's answer from the design; register the controller with its sbRemote to trace with ovn-trace",
      };
    }
    try {
      tracePacket(app, query);
    } catch (err) {
      if (!(err instanceof OvnError)) throw err;
      return {
        ...whatIf(app, query),
        tracedBy: 'model',
        note: `ovn-trace cannot take this packet (${err.message}); this is the model's answer from the design`,
      };
    }
    return {
      ...(await traceWorkloads(app, query, { sbRemote, ...(this.#ssl ? { ssl: this.#ssl } : {}) })),
      tracedBy: 'ovn-trace',
    };
  }

  /**
   * Drift of the app's rows, pushed by a live NB monitor (see `DriftWatcher`), and with an
   * SB remote the up/chassis status of its workload ports (see `PortStatusWatcher`).
   */
  watch(app: Application, listener: (event: ControllerEvent) => void): () => void {
    const stopPorts = this.#sbRemote ? this.#watchPorts(app, listener) : () => undefined;
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
      stopPorts();
      void started.then(() => watcher.stop());
    };
  }

  /** Port events of the app's workload NICs: those up now, then each going up or down or moving. */
  #watchPorts(app: Application, listener: (event: ControllerEvent) => void): () => void {
    const ports = workloadPorts(app);
    const key = appKey(app);
    const emit = (status: PortStatus) => {
      const nic = ports.get(status.port);
      if (nic) {
        listener({
          type: 'port',
          appKey: key,
          objectId: nic.objectId,
          nicId: nic.nicId,
          up: status.up,
          chassis: status.chassis,
        });
      }
    };
    // ovn-controller claims a port (chassis set, still down) before its flows are in (up):
    // what a user notices is up changing, or an up port moving to another chassis
    const onChange = (status: PortStatus, previous: PortStatus | undefined) => {
      const moved = previous !== undefined && previous.chassis !== status.chassis && status.up;
      if ((previous?.up ?? false) !== status.up || moved) emit(status);
    };
    let stopped = false;
    let watching: PortStatusWatcher | undefined;
    this.#portWatcher()
      .then((watcher) => {
        if (stopped) return;
        watching = watcher;
        watcher.on('change', onChange);
        for (const status of watcher.snapshot().values()) if (status.up) emit(status);
      })
      .catch(() => undefined);
    return () => {
      stopped = true;
      watching?.off('change', onChange);
    };
  }

  #portWatcher(): Promise<PortStatusWatcher> {
    if (!this.#ports && this.#sbRemote && !this.#closed) {
      const pending = PortStatusWatcher.connect({
        sbRemote: this.#sbRemote,
        ...(this.#ssl ? { ssl: this.#ssl } : {}),
      }).then((watcher) => {
        // one listener per followed app
        watcher.setMaxListeners(0);
        return watcher;
      });
      this.#ports = pending;
      // a failed connect is retried by the next watch
      pending.catch(() => {
        if (this.#ports === pending) this.#ports = undefined;
      });
    }
    return this.#ports ?? Promise.reject(new Error('no Southbound remote'));
  }

  importForeign(options: {
    id: string;
    name: string;
    tenant: string;
  }): Promise<ImportedApplication> {
    return this.#driver.importForeign(options);
  }

  close(): void {
    this.#closed = true;
    void this.#ports?.then((w) => w.stop()).catch(() => undefined);
    this.#ports = undefined;
    this.#driver.close();
  }
}
