import type { FirewallPolicy } from '@netcanvas/model';
import { type StandaloneServer, startOvsdbServer } from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';

describe('validate → plan → apply against a real OVN NB', { timeout: 60_000 }, () => {
  const server = useTestServer();
  let nb: StandaloneServer;
  let w: World;
  let controller: number;

  beforeAll(async () => {
    nb = await startOvsdbServer();
    w = await buildWorld(server.running());
    const reg = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'lab',
      kind: 'ovn',
      remote: nb.tcpRemote,
    });
    expect(reg.status).toBe(201);
    controller = reg.json.id;
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
  });
  afterAll(async () => {
    await nb?.stop();
  });

  it('shows the controller healthy with its NB schema version', async () => {
    const health = await w.vera.get(`/api/tenants/acme/controllers/${controller}/health`);
    expect(health.json).toMatchObject({
      healthy: true,
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    const list = await w.vera.get('/api/tenants/acme/controllers');
    expect(list.json[0]).toMatchObject({ name: 'lab', kind: 'ovn', health: { healthy: true } });
  });

  it('validates, plans (based on a version) and applies the three-tier template; the audit log says so', async () => {
    const diagnostics = await w.vera.post('/api/tenants/acme/apps/shop/validate', {});
    expect(diagnostics.json).toEqual({ version: 1, diagnostics: [] });

    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
    expect(plan.status).toBe(200);
    expect(plan.json.basedOn).toMatchObject({ version: 1, etag: '"shop:1"' });
    expect(plan.json.summary.insert).toBeGreaterThan(10);
    expect(await nb.nbctl('ls-list')).toBe('');

    const designerApply = await w.alice.post('/api/tenants/acme/apps/shop/apply', {
      planId: plan.json.planId,
    });
    expect(designerApply.status).toBe(403);

    const applied = await w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: plan.json.planId,
    });
    expect(applied.status).toBe(200);
    expect(applied.json).toMatchObject({ applied: true, changed: true, version: 1 });
    const switches = await nb.nbctl('ls-list');
    for (const name of ['acme.shop.ls-web', 'acme.shop.ls-app', 'acme.shop.ls-db'])
      expect(switches).toContain(name);

    const audit = await w.vera.get('/api/tenants/acme/audit?app=shop');
    const rows = audit.json.map(
      (r: { action: string; version: number; result: string; actor: string }) => [
        r.action,
        r.version,
        r.result,
        r.actor,
      ],
    );
    expect(rows).toContainEqual(['plan', 1, 'ok', 'oscar']);
    expect(rows).toContainEqual(['apply', 1, 'ok', 'oscar']);
    expect(rows.findIndex((r: unknown[]) => r[0] === 'apply')).toBeLessThan(
      rows.findIndex((r: unknown[]) => r[0] === 'plan'),
    );
  });

  it('refuses to apply over a controller that changed since the plan: 409 controller-changed', async () => {
    const app = threeTier();
    const edited = {
      ...app,
      objects: app.objects.map((o) =>
        o.kind === 'firewall'
          ? ({
              ...o,
              rules: o.rules.map((r) =>
                r.id === 'web-to-app'
                  ? { ...r, services: [{ protocol: 'tcp', ports: '9090' }] }
                  : r,
              ),
            } as FirewallPolicy)
          : o,
      ),
    };
    const saved = await w.alice.put(
      '/api/tenants/acme/apps/shop',
      { app: edited, message: 'app port 9090' },
      { 'if-match': '"shop:1"' },
    );
    expect(saved.status).toBe(200);
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
    expect(plan.json.basedOn.version).toBe(2);
    await nb.nbctl('set', 'Logical_Switch', 'acme.shop.ls-web', 'other_config:touched=by-hand');
    const applied = await w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: plan.json.planId,
    });
    expect(applied.status).toBe(409);
    expect(applied.json.code).toBe('controller-changed');
    expect(applied.json.details.changed.join(' ')).toContain('acme.shop.ls-web');
    expect(await nb.nbctl('acl-list', 'nc_acme_shop_all')).toContain('tcp.dst == 8080');

    const again = await w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: plan.json.planId,
    });
    expect(again.status).toBe(404);
    const replanned = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
    const ok = await w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: replanned.json.planId,
    });
    expect(ok.status).toBe(200);
    expect(await nb.nbctl('acl-list', 'nc_acme_shop_all')).toContain('tcp.dst == 9090');
    const audit = await w.vera.get('/api/tenants/acme/audit?app=shop&limit=5');
    expect(
      audit.json.map((r: { action: string; result: string }) => `${r.action}:${r.result}`),
    ).toContain('apply:conflict');
  });

  it('refuses a design with errors (422) and sends nothing to the controller', async () => {
    const app = threeTier('broken');
    const broken = {
      ...app,
      objects: app.objects.map((o) =>
        o.id === 'app-1' && o.kind === 'workload'
          ? { ...o, nics: [{ id: 'eth0', switch: 'ls-nowhere' }] }
          : o,
      ),
    };
    expect((await w.alice.post('/api/tenants/acme/apps', { app: broken })).status).toBe(201);
    const before = await nb.nbctl('show');
    const plan = await w.oscar.post('/api/tenants/acme/apps/broken/plan', { controller });
    expect(plan.status).toBe(422);
    const apply = await w.oscar.post('/api/tenants/acme/apps/broken/apply', { controller });
    expect(apply.status).toBe(422);
    expect(apply.json.code).toBe('design-has-errors');
    expect(await nb.nbctl('show')).toBe(before);
    const audit = await w.vera.get('/api/tenants/acme/audit?app=broken');
    expect(
      audit.json.map((r: { action: string; result: string }) => `${r.action}:${r.result}`),
    ).toEqual(['apply:refused', 'plan:refused', 'app.create:ok']);
  });

  it('imports what someone built by hand as a new application', async () => {
    await nb.nbctl('ls-add', 'legacy-net');
    const imported = await w.alice.post(`/api/tenants/acme/controllers/${controller}/import`, {
      id: 'legacy',
      name: 'Legacy',
    });
    expect(imported.status).toBe(201);
    expect(imported.json.design.objects.map((o: { name: string }) => o.name)).toContain(
      'legacy-net',
    );
  });

  it('plans and applies to the embedded sandbox controller, which keeps the app in the store', async () => {
    const sandbox = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'sb',
      kind: 'sandbox',
    });
    expect(sandbox.status).toBe(201);
    const health = await w.oscar.get(`/api/tenants/acme/controllers/${sandbox.json.id}/health`);
    expect(health.json).toMatchObject({ healthy: true });
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', {
      controller: sandbox.json.id,
    });
    expect(plan.status).toBe(200);
    expect(plan.json.changes.length).toBeGreaterThan(0);
    const apply = await w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: plan.json.planId,
    });
    expect(apply.status).toBe(200);
    expect(apply.json.changed).toBe(true);
    const again = await w.oscar.post('/api/tenants/acme/apps/shop/plan', {
      controller: sandbox.json.id,
    });
    expect(again.json.changes).toEqual([]);
  });
});
