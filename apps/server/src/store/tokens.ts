import type { Role } from '../roles.ts';
import { type Db, now } from './db.ts';
import { randomSecret, sha256 } from './secrets.ts';

/** An API token as listed: never its secret. */
export interface ApiToken {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly role: Role;
  readonly createdBy: number;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

interface Row {
  id: string;
  tenant_id: string;
  name: string;
  role: Role;
  secret_hash: string;
  created_by: number;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const toToken = (r: Row): ApiToken => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  role: r.role,
  createdBy: r.created_by,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

const PREFIX = 'nct_';

/** API tokens for automation: one tenant, one role, revocable. */
export class TokenStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Creates a token; the returned `secret` is shown once and never stored. */
  create(
    tenantId: string,
    name: string,
    role: Role,
    createdBy: number,
  ): { token: ApiToken; secret: string } {
    const id = randomSecret(9);
    const secret = randomSecret(32);
    const createdAt = now();
    this.#db
      .prepare(
        'INSERT INTO api_tokens (id, tenant_id, name, role, secret_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, tenantId, name, role, sha256(secret), createdBy, createdAt);
    return {
      token: { id, tenantId, name, role, createdBy, createdAt, revokedAt: null, lastUsedAt: null },
      secret: `${PREFIX}${id}.${secret}`,
    };
  }

  /** The live token a bearer string names, or undefined (unknown, wrong secret or revoked). */
  resolve(bearer: string): ApiToken | undefined {
    if (!bearer.startsWith(PREFIX)) return undefined;
    const [id, secret] = bearer.slice(PREFIX.length).split('.', 2);
    if (!id || !secret) return undefined;
    const row = this.#db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(id) as
      | Row
      | undefined;
    if (!row || row.revoked_at !== null || row.secret_hash !== sha256(secret)) return undefined;
    this.#db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now(), id);
    return toToken(row);
  }

  list(tenantId: string): ApiToken[] {
    return (
      this.#db
        .prepare('SELECT * FROM api_tokens WHERE tenant_id = ? ORDER BY created_at')
        .all(tenantId) as Row[]
    ).map(toToken);
  }

  revoke(tenantId: string, id: string): boolean {
    return (
      this.#db
        .prepare(
          'UPDATE api_tokens SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL',
        )
        .run(now(), tenantId, id).changes > 0
    );
  }
}
