import { type Db, now } from './db.ts';

/** What the audit log records. */
export type AuditAction =
  | 'plan'
  | 'apply'
  | 'restore'
  | 'standby-replicate'
  | 'snapshot.create'
  | 'snapshot.import'
  | 'snapshot.prune'
  | 'snapshot.schedule'
  | 'import'
  | 'adopt'
  | 'app.create'
  | 'app.save'
  | 'app.delete'
  | 'controller.create'
  | 'controller.delete'
  | 'member.set'
  | 'member.remove'
  | 'token.create'
  | 'token.revoke'
  | 'access.refused';

/** `unknown`: an apply whose server died, and whose controller holds neither version after */
export type AuditResult = 'ok' | 'refused' | 'conflict' | 'failed' | 'unknown';

export interface AuditEntry {
  readonly tenantId: string;
  readonly actor: string;
  readonly action: AuditAction;
  readonly appId?: string | undefined;
  readonly version?: number | undefined;
  readonly controllerId?: number | undefined;
  readonly result: AuditResult;
  readonly detail?: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  readonly id: number;
  readonly at: string;
}

interface Row {
  id: number;
  tenant_id: string;
  at: string;
  actor: string;
  action: AuditAction;
  app_id: string | null;
  version: number | null;
  controller_id: number | null;
  result: AuditResult;
  detail: string;
}

/** The append-only audit log. */
export class AuditStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  record(entry: AuditEntry): number {
    const info = this.#db
      .prepare(
        'INSERT INTO audit_log (tenant_id, at, actor, action, app_id, version, controller_id, result, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        entry.tenantId,
        now(),
        entry.actor,
        entry.action,
        entry.appId ?? null,
        entry.version ?? null,
        entry.controllerId ?? null,
        entry.result,
        JSON.stringify(entry.detail ?? {}),
      );
    return Number(info.lastInsertRowid);
  }

  /** Newest first, optionally for one app. */
  list(
    tenantId: string,
    options: { appId?: string | undefined; limit: number; before?: number | undefined },
  ): AuditRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM audit_log WHERE tenant_id = ? AND (? IS NULL OR app_id = ?) AND (? IS NULL OR id < ?)
         ORDER BY id DESC LIMIT ?`,
      )
      .all(
        tenantId,
        options.appId ?? null,
        options.appId ?? null,
        options.before ?? null,
        options.before ?? null,
        options.limit,
      ) as Row[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      tenantId: r.tenant_id,
      actor: r.actor,
      action: r.action,
      appId: r.app_id ?? undefined,
      version: r.version ?? undefined,
      controllerId: r.controller_id ?? undefined,
      result: r.result,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }
}
