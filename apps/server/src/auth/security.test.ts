import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test-client.ts';
import { useTestServer } from '../test-server.ts';
import { buildWorld, PASSWORD, threeTier, type World } from '../test-world.ts';

describe('tenant isolation, roles, tokens, CSRF, rate limits', () => {
  const server = useTestServer({ loginRateLimit: { max: 3, windowMs: 60_000 } });
  let w: World;
  let controller: number;
  beforeAll(async () => {
    w = await buildWorld(server.running());
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    controller = (
      await w.admin.post('/api/tenants/acme/controllers', {
        name: 'lab',
        kind: 'ovn',
        remote: 'tcp:127.0.0.1:1',
      })
    ).json.id;
  });

  it("answers 404 to every attempt on another tenant's rows, as if they did not exist", async () => {
    const attempts = [
      w.bob.get('/api/tenants/acme'),
      w.bob.get('/api/tenants/acme/apps'),
      w.bob.get('/api/tenants/acme/apps/shop'),
      w.bob.get('/api/tenants/acme/apps/shop/versions'),
      w.bob.get('/api/tenants/acme/apps/shop/versions/1'),
      w.bob.put('/api/tenants/acme/apps/shop', { app: threeTier() }, { 'if-match': '"shop:1"' }),
      w.bob.post('/api/tenants/acme/apps/shop/validate', {}),
      w.bob.post('/api/tenants/acme/apps/shop/plan', { controller }),
      w.bob.post('/api/tenants/acme/apps/shop/apply', { controller }),
      w.bob.get('/api/tenants/acme/audit'),
      w.bob.get('/api/tenants/acme/controllers'),
      w.bob.get(`/api/tenants/acme/controllers/${controller}/health`),
      w.bob.delete(`/api/tenants/acme/controllers/${controller}`),
      w.bob.get('/api/tenants/acme/members'),
      w.bob.post('/api/tenants/acme/tokens', { name: 'x', role: 'admin' }),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status).toBe(404);
      expect(reply.json.code).toBe('not-found');
    }
    // bob's own tenant cannot reach acme's controller row or app either
    const own = await w.bob.post('/api/tenants/globex/apps', { app: threeTier('shop', 'globex') });
    expect(own.status).toBe(201);
    const viaOwn = await w.bob.post('/api/tenants/globex/apps/shop/plan', { controller });
    expect(viaOwn.status).toBe(404);
    expect((await w.bob.get('/api/tenants')).json.map((t: { id: string }) => t.id)).toEqual([
      'globex',
    ]);
    expect(
      (await w.alice.get('/api/tenants/acme/apps')).json.map((a: { id: string }) => a.id),
    ).toEqual(['shop']);
  });

  it('requires sign-in for tenant data but not for the stateless design tools', async () => {
    const anon = new ApiClient(server.url());
    expect((await anon.get('/api/tenants/acme/apps')).status).toBe(401);
    expect((await anon.get('/api/templates')).status).toBe(200);
    expect((await anon.post('/api/validate', threeTier())).status).toBe(200);
  });

  it('lets a designer edit but not apply, an operator apply but not edit, a viewer neither', async () => {
    expect((await w.alice.post('/api/tenants/acme/apps/shop/apply', { controller })).status).toBe(
      403,
    );
    expect((await w.vera.post('/api/tenants/acme/apps/shop/plan', { controller })).status).toBe(
      403,
    );
    const opSave = await w.oscar.put(
      '/api/tenants/acme/apps/shop',
      { app: threeTier() },
      { 'if-match': '"shop:1"' },
    );
    expect(opSave.status).toBe(403);
    // the operator passes the role check and reaches the (unreachable) controller
    expect((await w.oscar.post('/api/tenants/acme/apps/shop/apply', { controller })).status).toBe(
      502,
    );
    expect(
      (await w.alice.post('/api/tenants/acme/controllers', { name: 'x', kind: 'sandbox' })).status,
    ).toBe(403);
  });

  it('refuses a state-changing cookie request without the CSRF token', async () => {
    const noToken = await w.alice.put(
      '/api/tenants/acme/apps/shop',
      { app: threeTier() },
      { 'if-match': '"shop:1"', 'x-csrf-token': 'wrong' },
    );
    expect(noToken.status).toBe(403);
    expect(noToken.json.code).toBe('csrf-token-invalid');
    const versions = await w.alice.get('/api/tenants/acme/apps/shop/versions');
    expect(versions.json).toHaveLength(1);
  });

  it('authenticates API tokens scoped to one tenant and role, and stops a revoked one at once', async () => {
    const made = await w.admin.post('/api/tenants/acme/tokens', { name: 'ci', role: 'viewer' });
    expect(made.status).toBe(201);
    const ci = new ApiClient(server.url(), made.json.secret);
    expect((await ci.get('/api/tenants/acme/apps/shop')).status).toBe(200);
    expect((await ci.get('/api/tenants/globex/apps')).status).toBe(404);
    expect(
      (
        await ci.put(
          '/api/tenants/acme/apps/shop',
          { app: threeTier() },
          { 'if-match': '"shop:1"' },
        )
      ).status,
    ).toBe(403);
    const listed = await w.admin.get('/api/tenants/acme/tokens');
    expect(JSON.stringify(listed.json)).not.toContain(made.json.secret.split('.')[1]);
    expect((await w.admin.delete(`/api/tenants/acme/tokens/${made.json.id}`)).status).toBe(204);
    expect((await ci.get('/api/tenants/acme/apps/shop')).status).toBe(401);
    expect(
      (await new ApiClient(server.url(), 'nct_forged.secret').get('/api/tenants/acme/apps')).status,
    ).toBe(401);
  });

  it('logs out: the cookie stops working', async () => {
    const c = new ApiClient(server.url());
    await c.login('vera', PASSWORD);
    expect((await c.get('/api/auth/session')).json.tenants).toEqual([
      { id: 'acme', role: 'viewer' },
    ]);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/auth/session')).status).toBe(401);
  });

  it('rate-limits failed logins, even when the right password follows', async () => {
    const c = new ApiClient(server.url());
    for (let i = 0; i < 3; i++) expect((await c.login('vera', 'wrong password')).status).toBe(401);
    const limited = await c.login('vera', PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.json.code).toBe('rate-limited');
  });
});
