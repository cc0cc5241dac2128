import type { Application } from '@netcanvas/model';
import { type Db, now } from './db.ts';

/** Who saved a version: a user, or a token acting for one. */
export interface Author {
  readonly userId: number | undefined;
  readonly name: string;
}

/** One saved version, without its design. */
export interface VersionMeta {
  readonly version: number;
  readonly author: string;
  readonly createdAt: string;
  readonly message: string;
}

export interface AppSummary extends VersionMeta {
  readonly id: string;
  readonly name: string;
}

/** One version of an application, design included. */
export interface StoredVersion extends AppSummary {
  readonly design: Application;
}

/** The outcome of a save against an expected version. */
export type SaveResult =
  | { readonly kind: 'saved'; readonly app: StoredVersion }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'conflict'; readonly current: number; readonly since: VersionMeta[] };

interface VersionRow {
  app_id: string;
  name: string;
  version: number;
  design: string;
  author: string;
  created_at: string;
  message: string;
}

const meta = (r: VersionRow): VersionMeta => ({
  version: r.version,
  author: r.author,
  createdAt: r.created_at,
  message: r.message,
});
const summary = (r: VersionRow): AppSummary => ({ id: r.app_id, name: r.name, ...meta(r) });
const full = (r: VersionRow): StoredVersion => ({
  ...summary(r),
  design: JSON.parse(r.design) as Application,
});

const SELECT = `SELECT a.app_id, a.name, v.version, v.design, v.author, v.created_at, v.message
  FROM applications a JOIN app_versions v ON v.app_pk = a.pk`;

/** Applications and their versions; every save is a new version row, in one transaction. */
export class AppStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  list(tenantId: string): AppSummary[] {
    const rows = this.#db
      .prepare(
        `${SELECT} WHERE a.tenant_id = ? AND v.version = a.current_version ORDER BY a.app_id`,
      )
      .all(tenantId) as VersionRow[];
    return rows.map(summary);
  }

  /** The latest version, or the one asked for. */
  get(tenantId: string, appId: string, version?: number): StoredVersion | undefined {
    const row = this.#db
      .prepare(
        `${SELECT} WHERE a.tenant_id = ? AND a.app_id = ? AND v.version = ${version === undefined ? 'a.current_version' : '?'}`,
      )
      .get(...(version === undefined ? [tenantId, appId] : [tenantId, appId, version])) as
      | VersionRow
      | undefined;
    return row && full(row);
  }

  /** Every version, newest first; undefined when the app does not exist in this tenant. */
  versions(tenantId: string, appId: string): VersionMeta[] | undefined {
    const pk = this.#pk(tenantId, appId);
    if (pk === undefined) return undefined;
    return this.#versionsSince(pk, 0);
  }

  /** Creates the app at version 1; undefined when the id is taken in this tenant. */
  create(
    tenantId: string,
    design: Application,
    author: Author,
    message: string,
  ): StoredVersion | undefined {
    return this.#db.transaction(() => {
      if (this.#pk(tenantId, design.id) !== undefined) return undefined;
      const info = this.#db
        .prepare(
          'INSERT INTO applications (tenant_id, app_id, name, current_version, created_at) VALUES (?, ?, ?, 0, ?)',
        )
        .run(tenantId, design.id, design.name, now());
      return this.#insertVersion(
        Number(info.lastInsertRowid),
        tenantId,
        design,
        1,
        author,
        message,
      );
    })();
  }

  /** Saves a new version if the current one is still `expected`; otherwise says what came since. */
  save(
    tenantId: string,
    appId: string,
    expected: number,
    design: Application,
    author: Author,
    message: string,
  ): SaveResult {
    return this.#db.transaction((): SaveResult => {
      const row = this.#db
        .prepare('SELECT pk, current_version FROM applications WHERE tenant_id = ? AND app_id = ?')
        .get(tenantId, appId) as { pk: number; current_version: number } | undefined;
      if (!row) return { kind: 'not-found' };
      if (row.current_version !== expected) {
        return {
          kind: 'conflict',
          current: row.current_version,
          since: this.#versionsSince(row.pk, expected),
        };
      }
      const saved = this.#insertVersion(
        row.pk,
        tenantId,
        { ...design, id: appId },
        expected + 1,
        author,
        message,
      );
      return { kind: 'saved', app: saved };
    })();
  }

  delete(tenantId: string, appId: string): boolean {
    return (
      this.#db
        .prepare('DELETE FROM applications WHERE tenant_id = ? AND app_id = ?')
        .run(tenantId, appId).changes > 0
    );
  }

  #pk(tenantId: string, appId: string): number | undefined {
    const row = this.#db
      .prepare('SELECT pk FROM applications WHERE tenant_id = ? AND app_id = ?')
      .get(tenantId, appId) as { pk: number } | undefined;
    return row?.pk;
  }

  #versionsSince(pk: number, after: number): VersionMeta[] {
    const rows = this.#db
      .prepare(
        'SELECT version, author, created_at, message FROM app_versions WHERE app_pk = ? AND version > ? ORDER BY version DESC',
      )
      .all(pk, after) as VersionRow[];
    return rows.map(meta);
  }

  #insertVersion(
    pk: number,
    tenantId: string,
    design: Application,
    version: number,
    author: Author,
    message: string,
  ): StoredVersion {
    const stored: Application = { ...design, tenant: tenantId, version };
    const createdAt = now();
    this.#db
      .prepare(
        'INSERT INTO app_versions (app_pk, version, design, author_id, author, created_at, message) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        pk,
        version,
        JSON.stringify(stored),
        author.userId ?? null,
        author.name,
        createdAt,
        message,
      );
    this.#db
      .prepare('UPDATE applications SET current_version = ?, name = ? WHERE pk = ?')
      .run(version, stored.name, pk);
    return {
      id: stored.id,
      name: stored.name,
      version,
      author: author.name,
      createdAt,
      message,
      design: stored,
    };
  }
}
