import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../test-server.ts';
import { loadMigrations, migrate, openDatabase } from './db.ts';

describe('the SQLite store', () => {
  it('migrates a fresh file to the newest version, with WAL and foreign keys on', () => {
    const dir = tempDataDir();
    const db = openDatabase(dir);
    const versions = db.prepare('SELECT version FROM schema_version').all() as {
      version: number;
    }[];
    expect(versions.map((v) => v.version)).toEqual(loadMigrations().map((m) => m.version));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'tenants',
        'users',
        'applications',
        'app_versions',
        'controllers',
        'audit_log',
      ]),
    );
    expect(migrate(db)).toEqual([]);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rolls a failing migration back whole', () => {
    const dir = tempDataDir();
    const db = openDatabase(dir);
    const bad = {
      version: 999,
      name: 'bad',
      sql: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);',
    };
    expect(() => migrate(db, [bad])).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_version').get()).toEqual({
      v: loadMigrations().at(-1)?.version,
    });
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
