import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../roles.ts';
import { ApiClient } from '../test-client.ts';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';
import { type ApiOperation, fillPath, listOperations, storeDigest } from './world-probe.ts';

/**
 * Every tenant route the OpenAPI document lists, attacked by another tenant's admin,
 * by each lower role of the same tenant and by a lower-role token: all refused, nothing
 * changed, every refusal in the attacked tenant's audit log.
 */
describe('tenant isolation and roles on every documented route', { timeout: 60_000 }, () => {
  const server = useTestServer();
  let w: World;
  let ops: ApiOperation[];
  const ids: Record<string, string | number> = { tenant: 'acme', app: 'shop', version: 1 };
  let viewerToken: ApiClient;
  let acmePlan: string;

  beforeAll(async () => {
    w = await buildWorld(server.running());
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    const ctl = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'sb',
      kind: 'sandbox',
    });
    expect(ctl.status).toBe(201);
    ids.controller = ctl.json.id;
    const token = await w.admin.post('/api/tenants/acme/tokens', { name: 'ro', role: 'viewer' });
    ids.token = token.json.id;
    ids.username = 'alice';
    viewerToken = new ApiClient(server.url(), token.json.secret);
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', {
      controller: ids.controller,
    });
    acmePlan = plan.json.planId;
    expect(
      (await w.oscar.post('/api/tenants/acme/apps/shop/apply', { planId: acmePlan })).status,
    ).toBe(200);
    expect(
      (await w.bob.post('/api/tenants/globex/apps', { app: threeTier('shop', 'globex') })).status,
    ).toBe(201);
    ops = listOperations((await w.vera.get('/api/openapi.json')).json);
    if (ops.some((op) => op.path === '/api/tenants/{tenant}/apps/{app}/snapshots')) {
      const snap = await w.oscar.post('/api/tenants/acme/apps/shop/snapshots', {
        controller: ids.controller,
      });
      expect(snap.status).toBe(201);
      ids.snapshot = snap.json.id;
      ids.other = snap.json.id;
    }
    // signing in four users with argon2id is slow on a loaded machine
  }, 60_000);

  const tenantOps = () => ops.filter((op) => op.access !== 'public' && op.access !== 'user');

  it("answers another tenant's admin 404 on every tenant route, changes nothing, and audits each try", async () => {
    const routes = tenantOps().filter((op) => op.path.startsWith('/api/tenants/{tenant}'));
    expect(routes.length).toBeGreaterThanOrEqual(25);
    const before = storeDigest(server.running().store.db);
    const auditBefore = server.running().store.audit.list('acme', { limit: 1000 }).length;
    for (const op of routes) {
      const reply = await w.bob.request(op.method, fillPath(op, ids), op.hasBody ? {} : undefined);
      expect({
        route: `${op.method} ${op.path}`,
        status: reply.status,
        code: reply.json?.code,
      }).toEqual({
        route: `${op.method} ${op.path}`,
        status: 404,
        code: 'not-found',
      });
    }
    expect(storeDigest(server.running().store.db)).toEqual(before);
    const refusals = server
      .running()
      .store.audit.list('acme', { limit: 1000 })
      .slice(0, routes.length);
    expect(server.running().store.audit.list('acme', { limit: 1000 }).length - auditBefore).toBe(
      routes.length,
    );
    for (const r of refusals) {
      expect(r).toMatchObject({ actor: 'bob', action: 'access.refused', result: 'refused' });
    }
    // acme's admins can read who probed them
    const audit = await w.admin.get('/api/tenants/acme/audit?limit=5');
    expect(audit.json[0]).toMatchObject({ actor: 'bob', detail: { status: 404 } });
  });

  it('refuses every lower role and lower-role token with 403, changes nothing, audits each', async () => {
    const members: [Role, ApiClient][] = [
      ['viewer', w.vera],
      ['operator', w.oscar],
      ['designer', w.alice],
      ['viewer', viewerToken],
    ];
    const before = storeDigest(server.running().store.db);
    let refused = 0;
    for (const op of tenantOps()) {
      for (const [role, client] of members) {
        if (op.allows(role)) continue;
        const reply = await client.request(
          op.method,
          fillPath(op, ids),
          op.hasBody ? {} : undefined,
        );
        const route = `${role} ${op.method} ${op.path} (${reply.json?.code})`;
        expect({ route, status: reply.status }).toEqual({
          route,
          status: 403,
        });
        if (op.path.startsWith('/api/tenants/{tenant}')) refused += 1;
      }
    }
    expect(refused).toBeGreaterThanOrEqual(20);
    expect(storeDigest(server.running().store.db)).toEqual(before);
    const audited = server
      .running()
      .store.audit.list('acme', { limit: 1000 })
      .filter((r) => r.action === 'access.refused' && r.detail?.status === 403);
    expect(audited.length).toBe(refused);
    expect(new Set(audited.map((r) => r.actor))).toEqual(
      new Set(['vera', 'oscar', 'alice', 'token:ro (admin)']),
    );
  });

  it("refuses another tenant's controller, token, snapshot and plan ids used through one's own tenant", async () => {
    const globexCtl = await w.bob.post('/api/tenants/globex/controllers', {
      name: 'sb',
      kind: 'sandbox',
    });
    const globexToken = await w.bob.post('/api/tenants/globex/tokens', {
      name: 'x',
      role: 'viewer',
    });
    // globex has its own shop at version 1 and its own controller: only the foreign id is wrong
    const own = {
      ...ids,
      tenant: 'globex',
      controller: globexCtl.json.id,
      token: globexToken.json.id,
    };
    const fields = {
      id: 'legacy',
      name: 'legacy',
      query: { from: 'web-1', to: 'app-1', protocol: 'tcp', port: 8080 },
    };
    const ownBody = (op: ApiOperation) => op.exampleBody({ ...fields, controller: own.controller });
    const ifMatch = { 'if-match': '"shop:1"' };
    const before = storeDigest(server.running().store.db);
    const tries: { route: string; path: string; method: string; body: unknown }[] = [];
    for (const op of tenantOps().filter((o) => o.path.startsWith('/api/tenants/{tenant}'))) {
      const route = `${op.method} ${op.path}`;
      for (const name of ['controller', 'token', 'snapshot']) {
        const named = op.path.includes(`{${name}}`) || op.requiredQuery.includes(name);
        if (!named) continue;
        const foreign = { ...own, [name]: ids[name] as string | number, other: ids.snapshot ?? 1 };
        tries.push({
          route: `${route} [${name}]`,
          path: fillPath(op, foreign),
          method: op.method,
          body: ownBody(op),
        });
      }
      if (op.path.includes('{snapshot}')) continue;
      if (op.bodyFields.has('controller')) {
        const body = op.exampleBody({ ...fields, controller: ids.controller });
        tries.push({
          route: `${route} {controller}`,
          path: fillPath(op, own),
          method: op.method,
          body,
        });
      }
      if (op.bodyFields.has('planId')) {
        const body = op.exampleBody({ planId: acmePlan });
        tries.push({
          route: `${route} {planId}`,
          path: fillPath(op, own),
          method: op.method,
          body,
        });
      }
    }
    expect(tries.length).toBeGreaterThanOrEqual(8);
    for (const t of tries) {
      const reply = await w.bob.request(t.method, t.path, t.body, ifMatch);
      const route = `${t.route} (${reply.json?.code}: ${reply.json?.message})`;
      expect({ route, status: reply.status }).toEqual({ route, status: 404 });
    }
    expect(storeDigest(server.running().store.db)).toEqual(before);
  });

  it('refuses anonymous callers on every tenant route and audits them as anonymous', async () => {
    const anon = new ApiClient(server.url());
    const routes = tenantOps().filter((op) => op.path.startsWith('/api/tenants/{tenant}'));
    for (const op of routes) {
      const reply = await anon.request(op.method, fillPath(op, ids), op.hasBody ? {} : undefined);
      expect({ route: `${op.method} ${op.path}`, status: reply.status }).toEqual({
        route: `${op.method} ${op.path}`,
        status: 401,
      });
    }
    const anonymous = server
      .running()
      .store.audit.list('acme', { limit: 1000 })
      .filter((r) => r.actor === 'anonymous');
    expect(anonymous.length).toBe(routes.length);
  });
});
