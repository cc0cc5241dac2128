import { EventEmitter } from 'node:events';
import type { Application } from '@netcanvas/model';
import {
  DatabaseReplica,
  type DatabaseSchema,
  type Monitor,
  type OvsdbClient,
  type Uuid,
} from '@netcanvas/ovsdb';
import { NB_DB, OWNED_TABLES } from './driver.ts';
import { OvnError } from './errors.ts';
import { appKey, EXT } from './names.ts';
import { type ActualRow, type RowChange, reconcile } from './reconcile.ts';
import { renderApplication } from './render/render.ts';
import type { NbTable } from './render/rows.ts';

/** One of the app's rows that no longer matches the design. */
export interface DriftedRow {
  readonly table: NbTable;
  readonly key: string;
  /** what happened outside netcanvas: our row was modified or deleted, or a row tagged ours appeared */
  readonly kind: 'modified' | 'deleted' | 'added';
  /** the columns that differ from the design (for `modified`) */
  readonly columns: readonly string[];
}

/** A model object some of whose rows drifted. */
export interface DriftedObject {
  readonly objectId: string;
  /** the object's name in the design, if it has one */
  readonly name: string | undefined;
  /** every row the design renders for it is gone from the NB */
  readonly missing: boolean;
  readonly rows: readonly DriftedRow[];
}

/** How the NB differs from the applied design. */
export interface DriftReport {
  readonly appKey: string;
  readonly version: number;
  readonly objects: readonly DriftedObject[];
  /** what re-applying the design would change to put it back */
  readonly repair: readonly RowChange[];
}

/** Events of a {@link DriftWatcher}. */
export interface DriftWatcherEvents {
  /** the NB no longer matches the design (again emitted when the drift changes) */
  drift: [report: DriftReport];
  /** the NB matches the design again after a drift */
  clean: [];
}

/** Anything holding an NB connection and its schema, e.g. an `OvnDriver`. */
export interface NbSource {
  readonly client: OvsdbClient;
  readonly schema: DatabaseSchema;
}

export interface DriftWatcherOptions {
  /** how long a difference must last before it is drift (default 200 ms): our own applies settle within it */
  readonly settleMs?: number;
}

const KIND = { insert: 'deleted', update: 'modified', delete: 'added' } as const;

/**
 * Watches the NB rows of one app (a `monitor_cond` on the tables the driver owns,
 * conditioned on the app's `external_ids`) and reports drift: rows changed, deleted or
 * added outside netcanvas, grouped by model object. Pushed by the server, never polled.
 * Call {@link setDesign} after each apply; a difference that is gone within `settleMs`
 * (an apply whose design is set right after it) is not drift.
 */
export class DriftWatcher extends EventEmitter<DriftWatcherEvents> {
  readonly #source: NbSource;
  readonly #settleMs: number;
  readonly #replica: DatabaseReplica;
  #app: Application;
  #monitor: Monitor | undefined;
  #timer: NodeJS.Timeout | undefined;
  #report: DriftReport | undefined;
  #signature = '';

  constructor(source: NbSource, app: Application, options: DriftWatcherOptions = {}) {
    super();
    this.#source = source;
    this.#app = app;
    this.#settleMs = options.settleMs ?? 200;
    this.#replica = new DatabaseReplica(source.schema);
  }

  /** Starts the monitor; its first contents are checked like any later change. */
  async start(): Promise<this> {
    const where = [['external_ids', 'includes', ['map', [[EXT.app, appKey(this.#app)]]]]];
    const requests = Object.fromEntries(OWNED_TABLES.map((t) => [t, { where: where as never }]));
    try {
      this.#monitor = await this.#source.client.monitorCond(NB_DB, requests, (event) => {
        this.#replica.apply(event);
        this.#check();
      });
    } catch (cause) {
      throw new OvnError(
        'controller-unreachable',
        `cannot watch ${appKey(this.#app)} on the NB: ${(cause as Error).message}`,
        { cause },
      );
    }
    this.#check();
    return this;
  }

  /** The current drift, or undefined while the NB matches the design. */
  get report(): DriftReport | undefined {
    return this.#report;
  }

  /** The design netcanvas applied last: drift is measured against it from now on. */
  setDesign(app: Application): void {
    if (appKey(app) !== appKey(this.#app))
      throw new OvnError(
        'invalid-design',
        `this watcher watches ${appKey(this.#app)}, not ${appKey(app)}`,
      );
    this.#app = app;
    this.#check();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const monitor = this.#monitor;
    this.#monitor = undefined;
    await monitor?.cancel().catch(() => undefined);
  }

  /** The rows the monitor holds, as the driver's reads would return them. */
  #actual(): ActualRow[] {
    return OWNED_TABLES.flatMap((table) =>
      [...this.#replica.rows(table)].map(([uuid, row]) => ({
        table,
        uuid: uuid as Uuid,
        version: (row._version as Uuid | undefined) ?? (uuid as Uuid),
        row,
      })),
    );
  }

  #check(): void {
    if (!this.#monitor) return;
    const desired = renderApplication(this.#app);
    const { changes } = reconcile(this.#source.schema, appKey(this.#app), desired, this.#actual());
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (changes.length === 0) {
      const was = this.#report;
      this.#report = undefined;
      this.#signature = '';
      if (was) this.emit('clean');
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const report = driftReport(
        this.#app,
        changes,
        desired.map((d) => d.objectId),
      );
      const signature = JSON.stringify(report.objects);
      this.#report = report;
      if (signature === this.#signature) return;
      this.#signature = signature;
      this.emit('drift', report);
    }, this.#settleMs);
  }
}

function driftReport(
  app: Application,
  repair: readonly RowChange[],
  desiredObjects: readonly string[],
): DriftReport {
  const byObject = new Map<string, DriftedRow[]>();
  for (const c of repair) {
    const rows = byObject.get(c.objectId) ?? [];
    rows.push({
      table: c.table,
      key: c.key,
      kind: KIND[c.op],
      columns: c.op === 'update' ? c.columns : [],
    });
    byObject.set(c.objectId, rows);
  }
  const objects = [...byObject].map(([objectId, rows]) => {
    const rendered = desiredObjects.filter((id) => id === objectId).length;
    const deleted = rows.filter((r) => r.kind === 'deleted').length;
    return {
      objectId,
      name:
        app.objects.find((o) => o.id === objectId)?.name ??
        (objectId === app.id ? app.name : undefined),
      missing: rendered > 0 && deleted === rendered,
      rows,
    };
  });
  return { appKey: appKey(app), version: app.version, objects, repair };
}
