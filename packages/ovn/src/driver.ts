import type { Application } from '@netcanvas/model';
import {
  type DatabaseSchema,
  decodeRow,
  type Operation,
  OvsdbClient,
  OvsdbError,
  TransactionError,
  type Uuid,
  type Value,
} from '@netcanvas/ovsdb';
import { AppRows } from './app-rows.ts';
import { OvnError } from './errors.ts';
import { type ImportOptions, type ImportResult, importForeign } from './import/import.ts';
import { IMPORT_TABLES, type NbRow, type NbSnapshot } from './import/nb-snapshot.ts';
import { appKey, EXT } from './names.ts';
import { type ActualRow, type NbPlan, type RowChange, reconcile } from './reconcile.ts';
import { renderApplication } from './render/render.ts';
import type { NbTable } from './render/rows.ts';
import { type SslFiles, tlsFromFiles } from './ssl.ts';

export const NB_DB = 'OVN_Northbound';

/** Every table the driver writes, in the order reads list them. */
export const OWNED_TABLES: readonly NbTable[] = [
  'Logical_Switch',
  'Logical_Switch_Port',
  'Logical_Router',
  'Logical_Router_Port',
  'Logical_Router_Static_Route',
  'NAT',
  'Gateway_Chassis',
  'Load_Balancer',
  'Load_Balancer_Health_Check',
  'Port_Group',
  'Address_Set',
  'ACL',
  'DHCP_Options',
  'QoS',
  'Meter',
  'Meter_Band',
];

/** A plan read from the controller, ready to commit. */
export interface PlannedApply extends NbPlan {
  readonly appKey: string;
  readonly version: number;
  /** the app's rows as the plan saw them */
  readonly before: readonly ActualRow[];
}

/** What one apply did. */
export interface ApplyResult {
  /** false when the NB already matched: nothing was sent */
  readonly changed: boolean;
  readonly changes: readonly RowChange[];
}

export interface OvnDriverOptions {
  /** NB remote: `tcp:HOST:PORT`, `ssl:…`, `unix:PATH`, or a comma-separated cluster list */
  readonly remote: string;
  readonly connectTimeoutMs?: number;
  /** key, certificate and CA files for `ssl:` remotes */
  readonly ssl?: SslFiles;
  /**
   * Keep a live copy of each planned app's rows (a conditional monitor) so later plans read
   * memory instead of the NB (default true; a one-shot CLI run gains nothing from it).
   */
  readonly watchApps?: boolean;
}

/** How long a commit waits for the monitor to show its own effect before distrusting the copy. */
const SETTLE_MS = 2_000;

/** The OVN Northbound controller driver: read, plan and apply applications atomically. */
export class OvnDriver {
  readonly client: OvsdbClient;
  readonly schema: DatabaseSchema;
  readonly #watchApps: boolean;
  readonly #apps = new Map<string, Promise<AppRows>>();

  private constructor(client: OvsdbClient, schema: DatabaseSchema, watchApps: boolean) {
    this.client = client;
    this.schema = schema;
    this.#watchApps = watchApps;
  }

  /** Connects to the NB and reads its schema; `controller-unreachable` when it cannot. */
  static async connect(options: OvnDriverOptions): Promise<OvnDriver> {
    let client: OvsdbClient;
    try {
      client = await OvsdbClient.connect({
        remote: options.remote,
        database: NB_DB,
        connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
        ...(options.ssl ? { tls: await tlsFromFiles(options.ssl) } : {}),
      });
    } catch (cause) {
      throw new OvnError(
        'controller-unreachable',
        `cannot reach the OVN Northbound DB at ${options.remote}: ${(cause as Error).message}`,
        { cause },
      );
    }
    try {
      return new OvnDriver(client, await client.getSchema(NB_DB), options.watchApps ?? true);
    } catch (cause) {
      client.close();
      throw new OvnError(
        'controller-unreachable',
        `${options.remote} does not serve ${NB_DB}: ${(cause as Error).message}`,
        { cause },
      );
    }
  }

  /** The NB schema version (e.g. 7.0.0 for OVN 23.03). */
  get schemaVersion(): string {
    return this.schema.version;
  }

  /** Every row of one app in one consistent read. */
  async readRows(key: string): Promise<ActualRow[]> {
    const where = [['external_ids', 'includes', ['map', [[EXT.app, key]]]]] as const;
    const ops: Operation[] = OWNED_TABLES.map((table) => ({
      op: 'select',
      table,
      where: [...where] as never,
    }));
    const results = await this.#transact(ops);
    return OWNED_TABLES.flatMap((table, i) => {
      const result = results[i];
      const rows = result && 'rows' in result ? result.rows : [];
      return rows.map((wire) => {
        const row = decodeRow<Record<string, Value>>(this.schema, table, wire);
        return { table, uuid: row._uuid as Uuid, version: row._version as Uuid, row };
      });
    });
  }

  /**
   * What applying `app` would change on the controller, against the NB as it is now.
   * Commit it with {@link commit}: the commit fails if the app's rows change meanwhile.
   */
  async plan(app: Application): Promise<PlannedApply> {
    const key = appKey(app);
    const before = await this.#currentRows(key);
    return {
      appKey: key,
      version: app.version,
      before,
      ...reconcile(this.schema, key, renderApplication(app), before),
    };
  }

  /**
   * Carries out a plan in one transaction, all or nothing. If any of the app's rows
   * changed since the plan read them it fails with `conflict` (naming what changed)
   * and leaves the NB as the other writer left it.
   */
  async commit(planned: PlannedApply): Promise<ApplyResult> {
    if (planned.operations.length === 0) return { changed: false, changes: [] };
    const comment = {
      op: 'comment',
      comment: `netcanvas: apply ${planned.appKey} v${planned.version}`,
    } as Operation;
    const watched = this.#apps.get(planned.appKey);
    const seen = watched ? (await watched).events : 0;
    try {
      await this.#transact([...planned.operations, comment]);
      if (watched && !(await (await watched).settled(seen, SETTLE_MS)))
        this.#forget(planned.appKey);
    } catch (err) {
      if (
        err instanceof OvnError &&
        err.code === 'rejected' &&
        err.cause instanceof TransactionError
      ) {
        const failed = planned.operations[err.cause.operationIndex];
        if (failed?.op === 'wait')
          throw await this.#conflict(planned.appKey, planned.before, err.cause);
      }
      throw err;
    }
    return { changed: true, changes: planned.changes };
  }

  /** Plans and commits: makes the NB hold `app`. */
  async apply(app: Application): Promise<ApplyResult> {
    return this.commit(await this.plan(app));
  }

  /** Removes every row of the app, and nothing else. */
  async remove(app: Pick<Application, 'tenant' | 'id'>): Promise<ApplyResult> {
    const key = appKey(app);
    const before = await this.#currentRows(key);
    return this.commit({
      appKey: key,
      version: 0,
      before,
      ...reconcile(this.schema, key, [], before),
    });
  }

  /** Every row of the tables import reads, decoded, from one consistent read. */
  async readSnapshot(): Promise<NbSnapshot> {
    const ops: Operation[] = IMPORT_TABLES.map((table) => ({ op: 'select', table, where: [] }));
    const results = await this.#transact(ops);
    const snapshot: Record<string, NbRow[]> = {};
    IMPORT_TABLES.forEach((table, i) => {
      const result = results[i];
      const rows = result && 'rows' in result ? result.rows : [];
      snapshot[table] = rows.map((wire) => decodeRow<NbRow>(this.schema, table, wire));
    });
    return snapshot;
  }

  /** Reads the rows netcanvas does not own into a new application (see `importForeign`). */
  async importForeign(options: ImportOptions): Promise<ImportResult> {
    return importForeign(await this.readSnapshot(), options);
  }

  /** The app's rows from its live copy (started on first use), or read from the NB. */
  async #currentRows(key: string): Promise<ActualRow[]> {
    if (!this.#watchApps) return this.readRows(key);
    let watched = this.#apps.get(key);
    if (!watched) {
      watched = AppRows.watch(this.client, this.schema, NB_DB, OWNED_TABLES, key);
      this.#apps.set(key, watched);
      watched.catch(() => this.#apps.delete(key));
    }
    try {
      return (await watched).rows();
    } catch {
      return this.readRows(key);
    }
  }

  #forget(key: string): void {
    const watched = this.#apps.get(key);
    this.#apps.delete(key);
    void watched?.then((rows) => rows.close()).catch(() => undefined);
  }

  close(): void {
    for (const key of [...this.#apps.keys()]) this.#forget(key);
    this.client.close();
  }

  async #conflict(
    key: string,
    before: readonly ActualRow[],
    cause: TransactionError,
  ): Promise<OvnError> {
    const now = await this.readRows(key).catch(() => undefined);
    const describe = (r: ActualRow) => `${r.table} ${String(r.row.name ?? r.uuid)}`;
    const changed: string[] = [];
    if (now) {
      const then = new Map(before.map((r) => [r.uuid, r]));
      for (const r of now) {
        const old = then.get(r.uuid);
        if (!old) changed.push(`${describe(r)} was added`);
        else if (old.version !== r.version) changed.push(`${describe(r)} was modified`);
        then.delete(r.uuid);
      }
      for (const r of then.values()) changed.push(`${describe(r)} was deleted`);
    }
    const what = changed.length > 0 ? changed.join('; ') : 'rows of this app changed';
    return new OvnError(
      'conflict',
      `someone else changed this app on the controller while it was being applied (${what}); nothing was applied — review the plan again and re-apply, or import their change`,
      { cause, details: { changed } },
    );
  }

  async #transact(ops: readonly Operation[]) {
    try {
      return await this.client.transact(NB_DB, ops);
    } catch (cause) {
      if (cause instanceof TransactionError) {
        throw new OvnError('rejected', `the controller refused the transaction: ${cause.message}`, {
          cause,
        });
      }
      if (cause instanceof OvsdbError && cause.code === 'TRANSACTION_OUTCOME_UNKNOWN') {
        throw new OvnError(
          'outcome-unknown',
          'the connection to the controller was lost during the apply: it may or may not have committed; read the app back to see which',
          { cause },
        );
      }
      throw new OvnError(
        'controller-unreachable',
        `the controller did not answer: ${(cause as Error).message}`,
        { cause },
      );
    }
  }
}
