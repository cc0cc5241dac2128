import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../store/db.ts';
import { tempDataDir, useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';

describe('applications: versions and optimistic concurrency', () => {
  const dataDir = tempDataDir();
  const server = useTestServer({ dataDir });
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(server.running());
  });

  it('creates an app at version 1 and saves each edit as a new version with author and message', async () => {
    const created = await w.alice.post('/api/tenants/acme/apps', {
      app: threeTier(),
      message: 'first cut',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"shop:1"');
    expect(created.json).toMatchObject({
      id: 'shop',
      version: 1,
      author: 'alice',
      message: 'first cut',
    });
    expect(created.json.design.tenant).toBe('acme');

    const edited = { ...threeTier(), name: 'Shop v2' };
    const saved = await w.alice.put(
      '/api/tenants/acme/apps/shop',
      { app: edited, message: 'rename' },
      { 'if-match': '"shop:1"' },
    );
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"shop:2"');

    const versions = await w.vera.get('/api/tenants/acme/apps/shop/versions');
    expect(
      versions.json.map((v: { version: number; author: string }) => [v.version, v.author]),
    ).toEqual([
      [2, 'alice'],
      [1, 'alice'],
    ]);
    const v1 = await w.vera.get('/api/tenants/acme/apps/shop/versions/1');
    expect(v1.json.design.name).toBe('shop');
  });

  it('answers a stale If-Match with 412 naming what came since, and writes nothing', async () => {
    const latest = await w.alice.get('/api/tenants/acme/apps/shop');
    const stale = await w.alice.put(
      '/api/tenants/acme/apps/shop',
      { app: { ...threeTier(), name: 'lost edit' }, message: 'from an old tab' },
      { 'if-match': '"shop:1"' },
    );
    expect(stale.status).toBe(412);
    expect(stale.json.code).toBe('version-conflict');
    expect(stale.json.details).toMatchObject({
      current: 2,
      yours: 1,
      since: [{ version: 2, author: 'alice', message: 'rename' }],
    });
    const after = await w.alice.get('/api/tenants/acme/apps/shop');
    expect(after.headers.get('etag')).toBe(latest.headers.get('etag'));
    expect(after.json.design.name).toBe('Shop v2');

    const missing = await w.alice.put('/api/tenants/acme/apps/shop', { app: threeTier() });
    expect(missing.status).toBe(428);
  });

  it('restores an old version as a new one', async () => {
    const restored = await w.oscar.post(
      '/api/tenants/acme/apps/shop/versions/1/restore',
      {},
      { 'if-match': '"shop:2"' },
    );
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({
      version: 3,
      author: 'oscar',
      message: 'restore version 1',
    });
    expect(restored.json.design.name).toBe('shop');
  });

  it('lets a viewer read but not save (403), and a designer not delete an app of another tenant (404)', async () => {
    const read = await w.vera.get('/api/tenants/acme/apps/shop');
    expect(read.status).toBe(200);
    const save = await w.vera.put(
      '/api/tenants/acme/apps/shop',
      { app: threeTier() },
      { 'if-match': '"shop:3"' },
    );
    expect(save.status).toBe(403);
    expect(save.json.code).toBe('forbidden');
  });

  it('changes nothing for malformed JSON, a bad body or bad params', async () => {
    const before = (await w.alice.get('/api/tenants/acme/apps/shop/versions')).json.length;
    const bad = await w.alice.request('PUT', '/api/tenants/acme/apps/shop', '{"app": ', {
      'if-match': '"shop:3"',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('malformed-json');
    const shape = await w.alice.put(
      '/api/tenants/acme/apps/shop',
      { app: { id: 'shop', objects: 'no' } },
      { 'if-match': '"shop:3"' },
    );
    expect(shape.status).toBe(422);
    const params = await w.alice.get('/api/tenants/acme/apps/shop/versions/zero');
    expect(params.status).toBe(400);
    expect(params.json.code).toBe('invalid-request');
    const badId = await w.alice.post('/api/tenants/acme/apps', {
      app: { ...threeTier(), id: 'not ok' },
    });
    expect(badId.status).toBe(422);
    expect((await w.alice.get('/api/tenants/acme/apps/shop/versions')).json.length).toBe(before);
  });

  it('stores passwords as argon2id hashes', () => {
    const db = new Database(`${dataDir}/${DB_FILE}`, { readonly: true });
    const hashes = db.prepare('SELECT password_hash AS h FROM users').all() as { h: string }[];
    db.close();
    expect(hashes.length).toBeGreaterThanOrEqual(5);
    for (const { h } of hashes) expect(h).toMatch(/^\$argon2id\$v=19\$/);
  });
});
