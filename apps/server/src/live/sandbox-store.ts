import { type Application, parseApplication } from '@netcanvas/model';
import type { SandboxStore, StoredApplication } from '@netcanvas/sandbox';
import type { Db } from '../store/db.ts';

/** The sandbox's applied state in the server's SQLite file, so it survives a restart. */
export class SqliteSandboxStore implements SandboxStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  load(appKey: string): StoredApplication | undefined {
    const row = this.#db
      .prepare('SELECT app_json, revision FROM sandbox_apps WHERE app_key = ?')
      .get(appKey) as { app_json: string; revision: number } | undefined;
    if (!row) return undefined;
    const parsed = parseApplication(JSON.parse(row.app_json));
    return parsed.ok ? { app: parsed.app, revision: row.revision } : undefined;
  }

  save(appKey: string, app: Application, revision: number): void {
    this.#db
      .prepare(
        `INSERT INTO sandbox_apps (app_key, app_json, revision, applied_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (app_key) DO UPDATE SET app_json = excluded.app_json, revision = excluded.revision, applied_at = excluded.applied_at`,
      )
      .run(appKey, JSON.stringify(app), revision, new Date().toISOString());
  }

  delete(appKey: string): void {
    this.#db.prepare('DELETE FROM sandbox_apps WHERE app_key = ?').run(appKey);
  }

  keys(): readonly string[] {
    return (
      this.#db.prepare('SELECT app_key FROM sandbox_apps ORDER BY app_key').all() as {
        app_key: string;
      }[]
    ).map((r) => r.app_key);
  }
}
