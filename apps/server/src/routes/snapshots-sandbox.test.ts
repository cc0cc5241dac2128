import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';

describe('snapshots on the embedded sandbox controller', { timeout: 30_000 }, () => {
  const server = useTestServer();
  let w: World;
  let sim: number;
  const app = '/api/tenants/acme/apps/shop';

  beforeAll(async () => {
    w = await buildWorld(server.running());
    sim = (await w.admin.post('/api/tenants/acme/controllers', { name: 'sim', kind: 'sandbox' }))
      .json.id;
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    expect((await w.oscar.post(`${app}/apply`, { controller: sim })).status).toBe(200);
  });

  it('snapshots, sees what changed since, and rolls back to it', async () => {
    const taken = await w.oscar.post(`${app}/snapshots`, { controller: sim });
    expect(taken.status).toBe(201);
    expect(taken.json.controller).toMatchObject({ id: sim, kind: 'sandbox' });
    const id = taken.json.id as string;

    const one = (await w.vera.get(`${app}/snapshots/${id}`)).json.snapshot;
    expect(one.design.layout).toEqual(threeTier().layout);

    const v2 = { ...threeTier(), objects: threeTier().objects.filter((o) => o.id !== 'app-2') };
    const saved = await w.alice.put(
      app,
      { app: v2, message: 'drop app-2' },
      { 'if-match': '"shop:1"' },
    );
    expect(saved.status).toBe(200);
    expect((await w.oscar.post(`${app}/apply`, { controller: sim })).status).toBe(200);

    const live = await w.vera.get(`${app}/snapshots/${id}/diff-live?controller=${sim}`);
    expect(live.json.changes).toEqual([
      expect.objectContaining({ op: 'delete', objectId: 'app-2', kind: 'workload' }),
    ]);

    const plan = await w.oscar.post(`${app}/snapshots/${id}/restore-plan`, { controller: sim });
    expect(plan.status).toBe(200);
    expect(plan.json.summary.insert).toBeGreaterThan(0);
    expect(plan.json.basedOn.version).toBe(1);
    const applied = await w.oscar.post(`${app}/apply`, { planId: plan.json.planId });
    expect(applied.status).toBe(200);

    const after = await w.vera.get(`${app}/snapshots/${id}/diff-live?controller=${sim}`);
    expect(after.json.changes).toEqual([]);
    const deployments = (await w.vera.get(`${app}/deployments`)).json;
    expect(deployments[0]).toMatchObject({ controller: { id: sim }, version: 1 });
    const audit = (await w.vera.get('/api/tenants/acme/audit?app=shop')).json;
    expect(audit[0]).toMatchObject({
      action: 'restore',
      result: 'ok',
      detail: { snapshotId: id, target: { controllerId: sim, name: 'sim' } },
    });
  });

  it('says which snapshot or app is missing', async () => {
    const none = await w.vera.get(`${app}/snapshots/deadbeefdeadbeef`);
    expect(none.status).toBe(404);
    expect(none.json.message).toBe('no snapshot deadbeefdeadbeef of shop in tenant "acme"');
    const bad = await w.vera.get(`${app}/snapshots/not-hex`);
    expect(bad.status).toBe(400);
    const noApp = await w.oscar.post('/api/tenants/acme/apps/nope/snapshots', { controller: sim });
    expect(noApp.status).toBe(404);
    expect(noApp.json.message).toContain('no application "nope"');
  });
});
