import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../test-client.ts';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';
import { type ApiOperation, fillPath, listOperations, storeDigest } from './world-probe.ts';

/** Type-confused, deeply nested, oversized and near-miss JSON values. */
const hostile = (fields: readonly string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.anything({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v) ?? 'null')),
    fc
      .integer({ min: 1, max: 2000 })
      .map((d) => '['.repeat(d) + ']'.repeat(d))
      .map(JSON.parse),
    fc.string({ minLength: 10_000, maxLength: 60_000 }),
    // the route's own field names with wrong types: the near misses a real client makes
    fc.dictionary(
      fields.length > 0 ? fc.constantFrom(...fields) : fc.string(),
      fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(null), fc.constant(-1), fc.constant('')),
    ),
  );

/** Raw bodies that are not JSON, or JSON that body-parser must refuse. */
const rawText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constant('{"a":'),
  fc.constant('\u0000\u0001'),
  fc.integer({ min: 5_000, max: 20_000 }).map((d) => '['.repeat(d)),
  fc.integer({ min: 20_000, max: 100_000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
);

describe('fuzzed REST bodies', { timeout: 120_000 }, () => {
  const server = useTestServer({ bodyLimit: '1mb' });
  let w: World;
  let ops: ApiOperation[];
  const ids: Record<string, string | number> = {
    tenant: 'acme',
    app: 'shop',
    version: 1,
    username: 'vera',
    snapshot: 'deadbeef',
    other: 'deadbeef',
  };

  beforeAll(async () => {
    w = await buildWorld(server.running());
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    ids.controller = (
      await w.admin.post('/api/tenants/acme/controllers', { name: 'sb', kind: 'sandbox' })
    ).json.id;
    ids.token = (
      await w.admin.post('/api/tenants/acme/tokens', { name: 't', role: 'viewer' })
    ).json.id;
    ops = listOperations((await w.vera.get('/api/openapi.json')).json).filter(
      (op) => op.hasBody && !op.path.startsWith('/api/auth/'),
    );
    // signing in four users with argon2id is slow on a loaded machine
  }, 60_000);

  /** Sends a body; a refusal must be a coded 4xx that changed nothing. */
  const probe = async (client: ApiClient, op: ApiOperation, body: unknown, raw = false) => {
    const before = storeDigest(server.running().store.db);
    const reply = await client.request(
      op.method,
      fillPath(op, ids),
      raw ? (body as string) : JSON.stringify(body),
      { 'content-type': 'application/json', 'if-match': '"shop:1"' },
    );
    const where = `${op.method} ${op.path} → ${reply.status} ${JSON.stringify(reply.json)?.slice(0, 200)}`;
    expect(reply.status, where).toBeLessThan(500);
    if (reply.status >= 400) {
      expect(reply.json, where).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
      });
      expect(storeDigest(server.running().store.db), where).toEqual(before);
    }
    return reply.status;
  };

  it('answers every hostile JSON body on every route with a coded 4xx or a normal reply, and changes nothing when it refuses', async () => {
    expect(ops.length).toBeGreaterThanOrEqual(15);
    let refused = 0;
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(hostile([...op.bodyFields]), async (body) => {
          if ((await probe(w.admin, op, body)) >= 400) refused += 1;
        }),
        { numRuns: 8, seed: 10 },
      );
    }
    expect(refused).toBeGreaterThan(ops.length * 6);
  });

  it('answers bodies that are not JSON, or nested past reason, with 400 and changes nothing', async () => {
    const op = ops.find((o) => o.method === 'PUT' && o.path === '/api/tenants/{tenant}/apps/{app}');
    if (!op) throw new Error('no save route');
    await fc.assert(
      fc.asyncProperty(rawText, async (text) => {
        expect(await probe(w.alice, op, text, true)).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 40, seed: 10 },
    );
    const health = await w.vera.get('/api/health');
    expect(health.status).toBe(200);
  });

  it('refuses tampered, truncated and hostile snapshot files on import with 422, adding nothing', async (t) => {
    const op = ops.find((o) => o.path === '/api/tenants/{tenant}/snapshots/import');
    if (!op) return t.skip('no snapshot import route in this build');
    const snap = await w.admin.post('/api/tenants/acme/apps/shop/snapshots', {
      controller: ids.controller,
    });
    if (snap.status === 409) {
      const plan = await w.admin.post('/api/tenants/acme/apps/shop/plan', {
        controller: ids.controller,
      });
      await w.admin.post('/api/tenants/acme/apps/shop/apply', { planId: plan.json.planId });
    }
    const taken = await w.admin.post('/api/tenants/acme/apps/shop/snapshots', {
      controller: ids.controller,
    });
    expect([200, 201]).toContain(taken.status);
    const exported = await w.admin.get(
      `/api/tenants/acme/apps/shop/snapshots/${taken.json.id}/export?format=json`,
    );
    const text = typeof exported.json === 'string' ? exported.json : JSON.stringify(exported.json);
    const files = fc.oneof(
      fc.nat(text.length - 1).map((n) => text.slice(0, n)),
      fc
        .tuple(fc.nat(text.length - 1), fc.constantFrom('0', '9', 'x', '"', ' ', '{'))
        .map(([at, c]) =>
          text[at] === c ? `${text}x` : text.slice(0, at) + c + text.slice(at + 1),
        ),
      fc.string({ maxLength: 300 }),
      fc.constant(
        'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      ),
    );
    await fc.assert(
      fc.asyncProperty(files, async (file) => {
        const before = storeDigest(server.running().store.db);
        const reply = await w.admin.post('/api/tenants/acme/snapshots/import', { file });
        if (reply.status === 200) return; // the unchanged document, already here
        const where = `${reply.status} ${JSON.stringify(reply.json).slice(0, 200)}`;
        expect([400, 422], where).toContain(reply.status);
        expect(reply.json.code, where).toMatch(/^(snapshot-|invalid-request)/);
        expect(storeDigest(server.running().store.db), where).toEqual(before);
      }),
      { numRuns: 50, seed: 10 },
    );
  });

  it('refuses a body over the limit with 413 and keeps serving', async () => {
    const versions = async () =>
      (await w.alice.get('/api/tenants/acme/apps/shop/versions')).json.length;
    const before = await versions();
    const big = { app: { ...threeTier(), description: 'x'.repeat(2 * 1024 * 1024) } };
    const reply = await w.alice.put('/api/tenants/acme/apps/shop', big, { 'if-match': '"shop:1"' });
    expect(reply.status).toBe(413);
    expect(reply.json.code).toBe('payload-too-large');
    expect(await versions()).toBe(before);
  });
});
