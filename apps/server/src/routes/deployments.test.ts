import { type StandaloneServer, startOvsdbServer } from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';

const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 6_000): Promise<T> => {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
};

describe('deployments, take-theirs and trace on a controller', { timeout: 60_000 }, () => {
  const server = useTestServer();
  let nb: StandaloneServer;
  let w: World;
  let lab: number;
  let sandbox: number;

  beforeAll(async () => {
    nb = await startOvsdbServer();
    w = await buildWorld(server.running());
    lab = (
      await w.admin.post('/api/tenants/acme/controllers', {
        name: 'lab',
        kind: 'ovn',
        remote: nb.tcpRemote,
      })
    ).json.id;
    sandbox = (
      await w.admin.post('/api/tenants/acme/controllers', { name: 'sim', kind: 'sandbox' })
    ).json.id;
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
  });
  afterAll(async () => {
    await nb?.stop();
  });

  const apply = async (controller: number) => {
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
    expect(plan.status).toBe(200);
    const applied = await w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: plan.json.planId,
    });
    expect(applied.status).toBe(200);
  };
  const deployments = () => w.vera.get('/api/tenants/acme/apps/shop/deployments');

  it('records which version each controller holds, in the app and in the app list', async () => {
    expect((await deployments()).json).toEqual([]);
    await apply(lab);
    const after = await deployments();
    expect(after.json).toEqual([
      {
        controller: { id: lab, name: 'lab', kind: 'ovn' },
        version: 1,
        appliedAt: expect.any(String),
        appliedBy: 'oscar',
        drift: null,
      },
    ]);
    const list = await w.vera.get('/api/tenants/acme/apps');
    expect(list.json[0].deployments).toEqual([
      { controller: lab, version: 1, appliedAt: after.json[0].appliedAt },
    ]);
  });

  it('remembers drift seen on the controller, and take-theirs saves its state as a new version', async () => {
    // someone re-addresses db-1 by hand, port security included
    await nb.nbctl('lsp-set-addresses', 'acme.shop.db-1.eth0', '0a:00:00:00:00:99 10.0.3.99');
    await nb.nbctl('lsp-set-port-security', 'acme.shop.db-1.eth0', '0a:00:00:00:00:99 10.0.3.99');
    const drifted = await until(deployments, (r) => r.json[0]?.drift !== null);
    expect(drifted.json[0].drift).toMatchObject({ objectIds: ['db-1'] });

    // a viewer may not, a stale ETag may not
    expect(
      (
        await w.vera.post(
          '/api/tenants/acme/apps/shop/adopt',
          { controller: lab },
          { 'if-match': '"shop:1"' },
        )
      ).status,
    ).toBe(403);
    const stale = await w.alice.post(
      '/api/tenants/acme/apps/shop/adopt',
      { controller: lab },
      { 'if-match': '"shop:7"' },
    );
    expect(stale.status).toBe(412);

    const adopted = await w.alice.post(
      '/api/tenants/acme/apps/shop/adopt',
      { controller: lab },
      { 'if-match': '"shop:1"' },
    );
    expect(adopted.status).toBe(201);
    expect(adopted.json).toMatchObject({ version: 2, author: 'alice' });
    const db1 = adopted.json.design.objects.find((o: { id: string }) => o.id === 'db-1');
    expect(db1.nics[0]).toMatchObject({ ip: '10.0.3.99', mac: '0a:00:00:00:00:99' });

    // the controller holds v2 now, in sync: planning v2 changes nothing
    const after = await until(deployments, (r) => r.json[0]?.drift === null);
    expect(after.json[0]).toMatchObject({ version: 2, drift: null });
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller: lab });
    expect(plan.json.changes).toEqual([]);
  });

  it('refuses take-theirs from a controller that holds nothing of the app', async () => {
    const res = await w.alice.post(
      '/api/tenants/acme/apps/shop/adopt',
      { controller: sandbox },
      { 'if-match': '"shop:2"' },
    );
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('not-applied');
    expect((await w.vera.get('/api/tenants/acme/apps/shop')).json.version).toBe(2);
  });

  it('traces on the controller the app is applied to', async () => {
    await apply(sandbox);
    const trace = (to: string, port: number) =>
      w.vera.post('/api/tenants/acme/apps/shop/trace', {
        controller: sandbox,
        query: { from: 'web-1', to, protocol: 'tcp', port },
      });
    expect((await trace('app-1', 8080)).json.verdict).toBe('delivered');
    const denied = await trace('db-1', 5432);
    expect(denied.json.verdict).toBe('dropped');
    const bad = await w.vera.post('/api/tenants/acme/apps/shop/trace', {
      controller: sandbox,
      query: { from: 'web-1', to: 'db-1', protocol: 'carrier-pigeon' },
    });
    expect(bad.status).toBe(400);
  });

  it('never shows another tenant where an app is applied, nor lets it take or trace', async () => {
    expect((await w.bob.get('/api/tenants/acme/apps/shop/deployments')).status).toBe(404);
    expect(
      (
        await w.bob.post(
          '/api/tenants/acme/apps/shop/adopt',
          { controller: lab },
          { 'if-match': '"shop:2"' },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await w.bob.post('/api/tenants/acme/apps/shop/trace', {
          controller: lab,
          query: { from: 'web-1', to: 'db-1', protocol: 'tcp', port: 5432 },
        })
      ).status,
    ).toBe(404);
  });
});
