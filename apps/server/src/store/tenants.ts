import type { Role } from '../roles.ts';
import { type Db, now } from './db.ts';

export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface Member {
  readonly username: string;
  readonly userId: number;
  readonly role: Role;
}

interface TenantRow {
  id: string;
  name: string;
  created_at: string;
}

const toTenant = (r: TenantRow): Tenant => ({ id: r.id, name: r.name, createdAt: r.created_at });

/** Tenants and who belongs to them with which role. */
export class TenantStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  create(id: string, name: string): Tenant {
    const createdAt = now();
    this.#db
      .prepare('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)')
      .run(id, name, createdAt);
    return { id, name, createdAt };
  }

  get(id: string): Tenant | undefined {
    const row = this.#db.prepare('SELECT * FROM tenants WHERE id = ?').get(id) as
      | TenantRow
      | undefined;
    return row && toTenant(row);
  }

  list(): Tenant[] {
    return (this.#db.prepare('SELECT * FROM tenants ORDER BY id').all() as TenantRow[]).map(
      toTenant,
    );
  }

  /** Sets (or changes) a user's role in a tenant. */
  setRole(tenantId: string, userId: number, role: Role): void {
    this.#db
      .prepare(
        'INSERT INTO memberships (tenant_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = excluded.role',
      )
      .run(tenantId, userId, role);
  }

  removeMember(tenantId: string, userId: number): boolean {
    return (
      this.#db
        .prepare('DELETE FROM memberships WHERE tenant_id = ? AND user_id = ?')
        .run(tenantId, userId).changes > 0
    );
  }

  members(tenantId: string): Member[] {
    return (
      this.#db
        .prepare(
          'SELECT u.username, u.id AS userId, m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = ? ORDER BY u.username',
        )
        .all(tenantId) as Member[]
    ).map((m) => ({ ...m }));
  }

  /** Every tenant a user belongs to, with the role there. */
  rolesOf(userId: number): Map<string, Role> {
    const rows = this.#db
      .prepare('SELECT tenant_id, role FROM memberships WHERE user_id = ?')
      .all(userId) as { tenant_id: string; role: Role }[];
    return new Map(rows.map((r) => [r.tenant_id, r.role]));
  }
}
