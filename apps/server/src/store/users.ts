import { type Db, now } from './db.ts';

export interface User {
  readonly id: number;
  readonly username: string;
  /** may create tenants and users; the first-run admin */
  readonly superuser: boolean;
  readonly createdAt: string;
}

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  superuser: number;
  created_at: string;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  superuser: r.superuser === 1,
  createdAt: r.created_at,
});

/** Local user accounts; passwords arrive here already hashed. */
export class UserStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  count(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  create(username: string, passwordHash: string, superuser = false): User {
    const createdAt = now();
    const info = this.#db
      .prepare(
        'INSERT INTO users (username, password_hash, superuser, created_at) VALUES (?, ?, ?, ?)',
      )
      .run(username, passwordHash, superuser ? 1 : 0, createdAt);
    return { id: Number(info.lastInsertRowid), username, superuser, createdAt };
  }

  byId(id: number): User | undefined {
    const row = this.#db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row && toUser(row);
  }

  /** The user and their password hash, for login. */
  credentials(username: string): { user: User; passwordHash: string } | undefined {
    const row = this.#db.prepare('SELECT * FROM users WHERE username = ?').get(username) as
      | UserRow
      | undefined;
    return row && { user: toUser(row), passwordHash: row.password_hash };
  }

  byUsername(username: string): User | undefined {
    return this.credentials(username)?.user;
  }

  setPassword(id: number, passwordHash: string): void {
    this.#db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }

  list(): User[] {
    return (this.#db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(
      toUser,
    );
  }
}
