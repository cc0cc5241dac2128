import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templateById } from '@netcanvas/model';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE, loadMigrations } from './db.ts';
import { Store } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'netcanvas-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const design = (name = 'shop') =>
  templateById('two-tier').build({ id: 'shop', name, tenant: 'acme' });
const alice = { userId: undefined, name: 'alice' };
const bob = { userId: undefined, name: 'bob' };

describe('the SQLite store', () => {
  const store = Store.open(dir);
  store.tenants.create('acme', 'Acme');
  store.tenants.create('globex', 'Globex');

  it('opens one WAL file with foreign keys, migrated to the newest version', () => {
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = (
      db.prepare('SELECT version FROM schema_version ORDER BY version').all() as {
        version: number;
      }[]
    ).map((r) => r.version);
    expect(versions).toEqual(loadMigrations().map((m) => m.version));
    db.close();
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('saves every edit as a new version and refuses a save based on an old one, saying what came since', () => {
    const v1 = store.apps.create('acme', design(), alice, 'from the template');
    expect(v1?.version).toBe(1);
    const v2 = store.apps.save('acme', 'shop', 1, design('shop v2'), alice, 'rename');
    expect(v2).toMatchObject({
      kind: 'saved',
      app: { version: 2, name: 'shop v2', author: 'alice' },
    });

    // bob edited version 1 in another tab: his save must not overwrite alice's
    const stale = store.apps.save('acme', 'shop', 1, design('bob was here'), bob, 'my edit');
    expect(stale.kind).toBe('conflict');
    expect(stale.kind === 'conflict' && stale.current).toBe(2);
    expect(
      stale.kind === 'conflict' && stale.since.map((v) => `${v.version} ${v.author} ${v.message}`),
    ).toEqual(['2 alice rename']);
    expect(store.apps.get('acme', 'shop')?.name).toBe('shop v2');
    expect(store.apps.versions('acme', 'shop')?.map((v) => v.version)).toEqual([2, 1]);
    expect(store.apps.get('acme', 'shop', 1)?.design.name).toBe('shop');
  });

  it('keeps tenants apart: the same app id is another app in another tenant', () => {
    expect(store.apps.get('globex', 'shop')).toBeUndefined();
    expect(store.apps.save('globex', 'shop', 2, design(), bob, 'x').kind).toBe('not-found');
    expect(store.apps.create('globex', design(), bob, 'their own')?.version).toBe(1);
    expect(store.apps.list('acme').map((a) => a.name)).toEqual(['shop v2']);
  });

  it('records the audit log newest first, per app', () => {
    store.audit.record({
      tenantId: 'acme',
      actor: 'alice',
      action: 'plan',
      appId: 'shop',
      version: 2,
      result: 'ok',
    });
    store.audit.record({
      tenantId: 'acme',
      actor: 'alice',
      action: 'apply',
      appId: 'shop',
      version: 2,
      result: 'conflict',
      detail: { why: 'controller changed' },
    });
    const log = store.audit.list('acme', { appId: 'shop', limit: 10 });
    expect(log.map((r) => `${r.action}:${r.result}`)).toEqual(['apply:conflict', 'plan:ok']);
    expect(store.audit.list('globex', { limit: 10 })).toEqual([]);
  });

  it('a failed transaction writes nothing', () => {
    expect(() =>
      store.transaction(() => {
        store.apps.save('acme', 'shop', 2, design('half'), alice, 'never');
        throw new Error('crash in the middle');
      }),
    ).toThrow('crash in the middle');
    expect(store.apps.get('acme', 'shop')?.version).toBe(2);
  });
});
