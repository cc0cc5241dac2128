import { type Db, now } from './db.ts';
import { randomSecret, sha256 } from './secrets.ts';

export interface Session {
  readonly userId: number;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** Login sessions; only a hash of the cookie value is stored. */
export class SessionStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Starts a session; returns the cookie value (shown once) and the session. */
  create(userId: number, ttlMs: number): { cookie: string; session: Session } {
    const cookie = randomSecret(32);
    const session = {
      userId,
      csrfToken: randomSecret(24),
      expiresAt: new Date(Date.now() + ttlMs).toISOString(),
    };
    this.#db
      .prepare(
        'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(sha256(cookie), userId, session.csrfToken, now(), session.expiresAt);
    return { cookie, session };
  }

  /** The unexpired session a cookie value names. */
  resolve(cookie: string): Session | undefined {
    const row = this.#db
      .prepare(
        'SELECT user_id, csrf_token, expires_at FROM sessions WHERE id_hash = ? AND expires_at > ?',
      )
      .get(sha256(cookie), now()) as
      | { user_id: number; csrf_token: string; expires_at: string }
      | undefined;
    return row && { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  delete(cookie: string): void {
    this.#db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sha256(cookie));
  }

  /** Ends every session of a user (after a password change). */
  deleteForUser(userId: number): void {
    this.#db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  purgeExpired(): void {
    this.#db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now());
  }
}
