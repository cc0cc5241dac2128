import { createHash } from 'node:crypto';
import { type StandaloneServer, startOvsdbServer } from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';

/** `ovn-nbctl show` with row UUIDs masked and blocks sorted: equal when the networks are. */
export function normalizedShow(text: string): string {
  const masked = text.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    'UUID',
  );
  const blocks = (lines: string[], indent: number): string[] => {
    const out: string[][] = [];
    for (const line of lines) {
      const depth = line.length - line.trimStart().length;
      if (depth <= indent || out.length === 0) out.push([line]);
      else out[out.length - 1]?.push(line);
    }
    return out.map(([head, ...rest]) => [head, ...blocks(rest, indent + 4)].join('\n')).sort();
  };
  return blocks(
    masked.split('\n').filter((l) => l.trim() !== ''),
    0,
  ).join('\n');
}

const show = async (nb: StandaloneServer) => normalizedShow(await nb.nbctl('show'));
const localnetNetworks = async (nb: StandaloneServer) =>
  (await nb.nbctl('--bare', '--columns=options', 'find', 'Logical_Switch_Port', 'type=localnet'))
    .split(/\s+/)
    .filter((s) => s.startsWith('network_name='))
    .sort();
const portsOf = async (nb: StandaloneServer, prefix: string) =>
  (await nb.nbctl('--bare', '--columns=name', 'list', 'Logical_Switch_Port'))
    .split(/\s+/)
    .filter((n) => n !== '' && n.startsWith(prefix))
    .sort();

describe('snapshots on two real OVN sites', { timeout: 90_000 }, () => {
  const server = useTestServer();
  let siteA: StandaloneServer;
  let siteB: StandaloneServer;
  let w: World;
  let a: number;
  let b: number;
  let sim: number;
  let snapId: string;
  let original: string;

  const snaps = '/api/tenants/acme/apps/shop/snapshots';
  const applyPlan = (client: World['oscar'], tenant: string, planId: string) =>
    client.post(`/api/tenants/${tenant}/apps/shop/apply`, { planId });

  beforeAll(async () => {
    [siteA, siteB] = await Promise.all([startOvsdbServer(), startOvsdbServer()]);
    w = await buildWorld(server.running());
    const register = async (tenant: string, body: Record<string, unknown>) => {
      const r = await (tenant === 'acme' ? w.admin : w.bob).post(
        `/api/tenants/${tenant}/controllers`,
        body,
      );
      expect(r.status).toBe(201);
      return r.json.id as number;
    };
    a = await register('acme', { name: 'site-a', kind: 'ovn', remote: siteA.tcpRemote });
    b = await register('acme', { name: 'site-b', kind: 'ovn', remote: siteB.tcpRemote });
    sim = await register('acme', { name: 'sim', kind: 'sandbox' });
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller: a });
    expect((await applyPlan(w.oscar, 'acme', plan.json.planId)).status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all([siteA?.stop(), siteB?.stop()]);
  });

  it('refuses to snapshot a controller that holds nothing of the app', async () => {
    const res = await w.oscar.post(snaps, { controller: sim });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ code: 'not-applied' });
    expect(res.json.message).toContain('holds nothing of shop');
    expect((await w.vera.get(snaps)).json).toEqual([]);
  });

  it('snapshots what site A holds; viewers list it, designers and viewers may not take one', async () => {
    original = await show(siteA);
    expect(original).toContain('acme.shop.web-1.eth0');
    expect((await w.vera.post(snaps, { controller: a })).status).toBe(403);
    expect((await w.alice.post(snaps, { controller: a })).status).toBe(403);
    const res = await w.oscar.post(snaps, { controller: a });
    expect(res.status).toBe(201);
    snapId = res.json.id;
    expect(snapId).toMatch(/^[0-9a-f]{64}$/);
    expect(res.json).toMatchObject({
      appId: 'shop',
      appVersion: 1,
      source: 'taken',
      createdBy: 'oscar',
      controller: { id: a, name: 'site-a', kind: 'ovn' },
    });
    expect(res.json.size).toBeGreaterThan(1000);
    const list = await w.vera.get(snaps);
    expect(list.json.map((s: { id: string }) => s.id)).toEqual([snapId]);
    const one = await w.vera.get(`${snaps}/${snapId.slice(0, 12)}`);
    expect(one.json.snapshot.app.objects.map((o: { id: string }) => o.id)).toContain('db-1');
    expect(one.json.snapshot.addresses).toContainEqual(
      expect.objectContaining({ workload: 'web-1', nic: 'eth0' }),
    );
  });

  it('rolls back after half of the app was deleted with ovn-nbctl: show equals the original', async () => {
    const ports = await portsOf(siteA, 'acme.shop.');
    const half = ports.filter((_, i) => i % 2 === 0);
    expect(half.length).toBeGreaterThanOrEqual(2);
    for (const port of half) await siteA.nbctl('lsp-del', port);
    expect(await show(siteA)).not.toBe(original);

    const live = await w.vera.get(`${snaps}/${snapId}/diff-live?controller=${a}`);
    expect(live.status).toBe(200);
    expect(live.json.summary.insert + live.json.summary.update).toBeGreaterThan(0);

    expect((await w.alice.post(`${snaps}/${snapId}/restore-plan`, { controller: a })).status).toBe(
      403,
    );
    const plan = await w.oscar.post(`${snaps}/${snapId}/restore-plan`, { controller: a });
    expect(plan.status).toBe(200);
    expect(plan.json).toMatchObject({
      controller: { id: a, name: 'site-a' },
      snapshot: { id: snapId },
      basedOn: { version: 1 },
    });
    expect(plan.json.summary.insert).toBeGreaterThanOrEqual(half.length);
    // a designer cannot push it either
    expect((await applyPlan(w.alice, 'acme', plan.json.planId)).status).toBe(403);
    expect((await applyPlan(w.oscar, 'acme', plan.json.planId)).status).toBe(200);

    expect(await show(siteA)).toBe(original);
    const audit = await w.vera.get('/api/tenants/acme/audit?app=shop');
    const restore = audit.json.find((e: { action: string }) => e.action === 'restore');
    expect(restore).toMatchObject({
      result: 'ok',
      controllerId: a,
      detail: { snapshotId: snapId, target: { controllerId: a, name: 'site-a' } },
    });
  });

  it('restores onto site B with the uplink remapped; site A keeps its own', async () => {
    const bad = await w.oscar.post(`${snaps}/${snapId}/restore-plan`, {
      controller: b,
      remap: { externalIps: { '203.0.113.0/24': 'not-an-address' } },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.code).toBe('design-has-errors');
    expect(bad.json.message).toContain('after the remap');
    expect(bad.json.details.length).toBeGreaterThan(0);
    expect(await portsOf(siteB, '')).toEqual([]);

    const plan = await w.oscar.post(`${snaps}/${snapId}/restore-plan`, {
      controller: b,
      remap: { physicalNetworks: { physnet1: 'physnet-b' } },
    });
    expect(plan.status).toBe(200);
    expect(plan.json.remapped).toBe(true);
    expect((await applyPlan(w.oscar, 'acme', plan.json.planId)).status).toBe(200);

    const onB = await siteB.nbctl('show');
    expect(onB).toContain('acme.shop.web-1.eth0');
    expect(onB).toContain('acme.shop.db-1.eth0');
    expect(await localnetNetworks(siteB)).toEqual(['network_name=physnet-b']);
    expect(await localnetNetworks(siteA)).toEqual(['network_name=physnet1']);
    expect(await show(siteA)).toBe(original);
  });

  it('a restore onto a controller that does not answer changes nothing and says why', async () => {
    const gone = (
      await w.admin.post('/api/tenants/acme/controllers', {
        name: 'site-gone',
        kind: 'ovn',
        remote: 'tcp:127.0.0.1:9',
      })
    ).json.id;
    const res = await w.oscar.post(`${snaps}/${snapId}/restore-plan`, { controller: gone });
    expect(res.status).toBe(502);
    expect(res.json.code).toBe('controller-unreachable');
    expect(await show(siteA)).toBe(original);
    const audit = await w.vera.get('/api/tenants/acme/audit?app=shop');
    expect(audit.json[0]).toMatchObject({
      action: 'plan',
      result: 'failed',
      controllerId: gone,
      detail: { snapshotId: snapId, for: 'restore' },
    });
  });

  it('exports the same bytes every time, with the checksum of those bytes', async () => {
    const yaml1 = await w.vera.get(`${snaps}/${snapId}/export`);
    const yaml2 = await w.vera.get(`${snaps}/${snapId}/export?format=yaml`);
    expect(yaml1.status).toBe(200);
    expect(yaml1.headers.get('content-type')).toContain('application/yaml');
    expect(yaml1.json).toBe(yaml2.json);
    expect(yaml1.headers.get('x-checksum-sha256')).toBe(
      createHash('sha256').update(yaml1.json).digest('hex'),
    );
    expect(parse(yaml1.json).id).toBe(snapId);
    const json = await w.vera.get(`${snaps}/${snapId}/export?format=json`);
    expect(json.json.id).toBe(snapId);
  });

  it('refuses a tampered file, a newer schema version and junk, storing nothing', async () => {
    const text = (await w.vera.get(`${snaps}/${snapId}/export`)).json as string;
    const importAs = (file: string) => w.oscar.post('/api/tenants/acme/snapshots/import', { file });
    const tampered = text.replace('physnet1', 'physnet2');
    expect(tampered.length).toBe(text.length);
    const t = await importAs(tampered);
    expect(t.status).toBe(422);
    expect(t.json.code).toBe('snapshot-bad-checksum');
    expect(t.json.message).toContain('was changed or damaged');

    const newer = await importAs(text.replace(/^schemaVersion: 1$/m, 'schemaVersion: 2'));
    expect(newer.status).toBe(422);
    expect(newer.json.code).toBe('snapshot-newer-schema');
    expect(newer.json.message).toContain('upgrade netcanvas');

    const junk = await importAs('{ not: [yaml');
    expect(junk.json.code).toBe('snapshot-malformed');
    expect((await w.vera.get(snaps)).json).toHaveLength(1);
    // a viewer may not import
    expect((await w.vera.post('/api/tenants/acme/snapshots/import', { file: text })).status).toBe(
      403,
    );
  });

  it('migrates an older schema version on import', async () => {
    const one = (await w.vera.get(`${snaps}/${snapId}`)).json.snapshot;
    const v0 = {
      schemaVersion: 0,
      takenAt: '2024-06-01T00:00:00Z',
      takenBy: 'old-cli',
      controller: siteA.tcpRemote,
      app: one.app,
    };
    const res = await w.oscar.post('/api/tenants/acme/snapshots/import', {
      file: JSON.stringify(v0),
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ migratedFrom: 0, source: 'imported', createdBy: 'old-cli' });
    const list = (await w.vera.get(snaps)).json.map((s: { id: string }) => s.id);
    expect(list).toEqual([snapId, res.json.id]);
    const diff = await w.vera.get(`${snaps}/${snapId}/diff/${res.json.id}`);
    expect(diff.json.summary).toEqual({ insert: 0, update: 0, delete: 0 });
  });

  it('export → import into another tenant → export is byte-identical; a failed restore leaves B as it was', async () => {
    const file = (await w.vera.get(`${snaps}/${snapId}/export`)).json as string;
    expect(
      (await w.bob.post('/api/tenants/globex/apps', { app: threeTier('shop', 'globex') })).status,
    ).toBe(201);
    const imported = await w.bob.post('/api/tenants/globex/snapshots/import', { file });
    expect(imported.status).toBe(201);
    expect(imported.json.id).toBe(snapId);
    const again = await w.bob.get(`/api/tenants/globex/apps/shop/snapshots/${snapId}/export`);
    expect(again.json).toBe(file);

    const gB = (
      await w.bob.post('/api/tenants/globex/controllers', {
        name: 'site-b',
        kind: 'ovn',
        remote: siteB.tcpRemote,
      })
    ).json.id;
    // someone holds one of the names the restore needs: the one transaction fails whole
    await siteB.nbctl('ls-add', 'squatter', '--', 'lsp-add', 'squatter', 'globex.shop.db-1.eth0');
    const before = await show(siteB);
    const gsnaps = '/api/tenants/globex/apps/shop/snapshots';
    const plan = await w.bob.post(`${gsnaps}/${snapId}/restore-plan`, {
      controller: gB,
      remap: { physicalNetworks: { physnet1: 'physnet-b' } },
    });
    expect(plan.status).toBe(200);
    const failed = await applyPlan(w.bob, 'globex', plan.json.planId);
    expect(failed.status).toBeGreaterThanOrEqual(400);
    expect(await show(siteB)).toBe(before);
    expect(await portsOf(siteB, 'globex.')).toEqual(['globex.shop.db-1.eth0']);
    const audit = await w.bob.get('/api/tenants/globex/audit?app=shop');
    expect(audit.json[0]).toMatchObject({
      action: 'restore',
      result: 'failed',
      detail: { snapshotId: snapId },
    });

    await siteB.nbctl('ls-del', 'squatter');
    const acmeOnB = await portsOf(siteB, 'acme.');
    const retry = await w.bob.post(`${gsnaps}/${snapId}/restore-plan`, {
      controller: gB,
      remap: { physicalNetworks: { physnet1: 'physnet-b' } },
    });
    expect((await applyPlan(w.bob, 'globex', retry.json.planId)).status).toBe(200);
    // restoring one tenant's app never touched the other's rows
    expect(await portsOf(siteB, 'acme.')).toEqual(acmeOnB);
    expect((await portsOf(siteB, 'globex.')).length).toBe(acmeOnB.length);

    // what B holds for globex now is the snapshot's network, object for object
    const back = await w.bob.post(gsnaps, { controller: gB });
    expect(back.status).toBe(201);
    const diff = await w.bob.get(`${gsnaps}/${snapId}/diff/${back.json.id}`);
    const physical = diff.json.changes.filter((c: { kind: string }) => c.kind !== 'uplink');
    expect(physical).toEqual([]);
  });

  it('never lets another tenant see, export, diff or restore acme snapshots', async () => {
    expect((await w.bob.get(snaps)).status).toBe(404);
    expect((await w.bob.get(`${snaps}/${snapId}`)).status).toBe(404);
    expect((await w.bob.get(`${snaps}/${snapId}/export`)).status).toBe(404);
    expect((await w.bob.get(`${snaps}/${snapId}/diff/${snapId}`)).status).toBe(404);
    expect((await w.bob.post(`${snaps}/${snapId}/restore-plan`, { controller: b })).status).toBe(
      404,
    );
    expect((await w.bob.post('/api/tenants/acme/snapshots/import', { file: 'x' })).status).toBe(
      404,
    );
    // globex's own controller id does not reach acme's apps, nor acme's controller globex's
    expect(
      (await w.bob.post('/api/tenants/globex/apps/shop/snapshots', { controller: a })).status,
    ).toBe(404);
  });
});
