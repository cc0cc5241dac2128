import {
  DatabaseReplica,
  type DatabaseSchema,
  type Monitor,
  type OvsdbClient,
  type Uuid,
} from '@netcanvas/ovsdb';
import { EXT } from './names.ts';
import type { ActualRow } from './reconcile.ts';
import type { NbTable } from './render/rows.ts';

/**
 * A live copy of one app's NB rows (a `monitor_cond` on its `netcanvas:app` rows, with
 * `_version`), so planning reads memory instead of selecting thousands of rows again.
 */
export class AppRows {
  readonly #replica: DatabaseReplica;
  readonly #tables: readonly NbTable[];
  #monitor: Monitor | undefined;
  #events = 0;
  #waiters: (() => void)[] = [];

  private constructor(schema: DatabaseSchema, tables: readonly NbTable[]) {
    this.#replica = new DatabaseReplica(schema);
    this.#tables = tables;
  }

  /** Starts watching; resolves once the first contents are in. */
  static async watch(
    client: OvsdbClient,
    schema: DatabaseSchema,
    database: string,
    tables: readonly NbTable[],
    appKey: string,
  ): Promise<AppRows> {
    const rows = new AppRows(schema, tables);
    const where = [['external_ids', 'includes', ['map', [[EXT.app, appKey]]]]];
    const requests = Object.fromEntries(
      tables.map((t) => [
        t,
        {
          where: where as never,
          columns: [...Object.keys(schema.tables[t]?.columns ?? {}), '_version'],
        },
      ]),
    );
    rows.#monitor = await client.monitorCond(database, requests, (event) => {
      rows.#replica.apply(event);
      rows.#events++;
      for (const wake of rows.#waiters.splice(0)) wake();
    });
    return rows;
  }

  /** How many monitor events have arrived (initial contents included). */
  get events(): number {
    return this.#events;
  }

  /** Resolves true once an event newer than `seen` has arrived, false after `timeoutMs`. */
  settled(seen: number, timeoutMs: number): Promise<boolean> {
    if (this.#events > seen) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  rows(): ActualRow[] {
    return this.#tables.flatMap((table) =>
      [...this.#replica.rows(table)].map(([uuid, row]) => ({
        table,
        uuid: uuid as Uuid,
        version: row._version as Uuid,
        row: { ...row, _uuid: uuid },
      })),
    );
  }

  async close(): Promise<void> {
    await this.#monitor?.cancel().catch(() => undefined);
  }
}
