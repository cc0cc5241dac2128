import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { useTestServer } from '../../test-server.ts';
import { buildWorld, threeTier, type World } from '../../test-world.ts';
import { EXIT } from '../output.ts';
import { snapshotCommand } from './snapshot.ts';

describe('snapshot CLI against a server', { timeout: 30_000 }, () => {
  const server = useTestServer();
  let w: World;
  let dir: string;
  let operator: string;
  let viewer: string;
  let sim: number;
  const app = '/api/tenants/acme/apps/shop';
  const as = (token: string) => ({ server: server.url(), token, app: 'acme/shop' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netcanvas-snapcli-'));
    w = await buildWorld(server.running());
    const token = async (role: string) =>
      (await w.admin.post('/api/tenants/acme/tokens', { name: `cli-${role}`, role })).json
        .secret as string;
    operator = await token('operator');
    viewer = await token('viewer');
    await w.admin.post('/api/tenants/acme/controllers', { name: 'sim', kind: 'sandbox' });
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    sim = (await w.vera.get('/api/tenants/acme/controllers')).json[0].id;
    expect((await w.oscar.post(`${app}/apply`, { controller: sim })).status).toBe(200);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates, lists, exports, imports and restores through the API', async () => {
    const created = await snapshotCommand(['create'], { ...as(operator), controller: 'sim' });
    expect(created.exitCode).toBe(EXIT.ok);
    const id = created.stdout?.trim() ?? '';
    expect(id).toMatch(/^[0-9a-f]{64}$/);

    const list = await snapshotCommand(['list'], as(viewer));
    expect(list.stdout).toContain(id.slice(0, 12));
    expect(list.stdout).toContain('sim');

    const exported = await snapshotCommand(['export', id.slice(0, 12)], as(viewer));
    expect(exported.exitCode).toBe(EXIT.ok);
    expect(parse(exported.stdout ?? '').id).toBe(id);
    const again = await snapshotCommand(['export', id], as(viewer));
    expect(again.stdout).toBe(exported.stdout);

    await writeFile(join(dir, 'snap.yaml'), exported.stdout ?? '');
    const reimport = await snapshotCommand(['import', join(dir, 'snap.yaml')], {
      ...as(operator),
      tenant: 'acme',
    });
    expect(reimport).toMatchObject({ exitCode: EXIT.ok, stdout: `${id}\n` });
    expect(reimport.stderr).toContain('already there');

    await writeFile(
      join(dir, 'tampered.yaml'),
      (exported.stdout ?? '').replace('physnet1', 'physnet9'),
    );
    const tampered = await snapshotCommand(['import', join(dir, 'tampered.yaml')], {
      ...as(operator),
      tenant: 'acme',
    });
    expect(tampered.exitCode).toBe(EXIT.findings);
    expect(tampered.stderr).toContain('snapshot-bad-checksum');

    // the app loses a tier by a later apply; the snapshot brings it back
    const v2 = { ...threeTier(), objects: threeTier().objects.filter((o) => o.id !== 'db-1') };
    await w.alice.put(app, { app: v2, message: 'no db' }, { 'if-match': '"shop:1"' });
    await w.oscar.post(`${app}/apply`, { controller: sim });
    const live = await snapshotCommand(['diff', id], { ...as(viewer), controller: 'sim' });
    expect(live.stdout).toContain('- workload db-1 (db-1)');

    const shown = await snapshotCommand(['restore', id], { ...as(operator), controller: 'sim' });
    expect(shown.exitCode).toBe(EXIT.ok);
    expect(shown.stdout).toContain('nothing was applied');
    const byViewer = await snapshotCommand(['restore', id], {
      ...as(viewer),
      controller: 'sim',
      yes: true,
    });
    expect(byViewer.exitCode).toBe(EXIT.usage);
    expect(byViewer.stderr).toContain('forbidden');

    const restored = await snapshotCommand(['restore', id], {
      ...as(operator),
      controller: 'sim',
      yes: true,
    });
    expect(restored.exitCode).toBe(EXIT.ok);
    expect(restored.stdout).toContain(`restored ${id.slice(0, 12)} onto sim`);
    const after = await snapshotCommand(['diff', id], { ...as(viewer), controller: 'sim' });
    expect(after.stdout).toBe('0 to create, 0 to change, 0 to delete\n');
  });

  it('says what is missing, and what the server refused', async () => {
    expect((await snapshotCommand(['list'], {})).exitCode).toBe(EXIT.usage);
    const noToken = await snapshotCommand(['list'], { server: server.url(), app: 'acme/shop' });
    expect(noToken.stderr).toContain('--token');
    const badToken = await snapshotCommand(['list'], { ...as('nct_nope') });
    expect(badToken.stderr).toContain('unauthenticated');
    const noController = await snapshotCommand(['create'], { ...as(operator), controller: 'x' });
    expect(noController.stderr).toContain('no controller "x" in tenant "acme" (registered: sim)');
    const down = await snapshotCommand(['list'], {
      server: 'http://127.0.0.1:9',
      token: operator,
      app: 'acme/shop',
    });
    expect(down.exitCode).toBe(EXIT.unavailable);
  });
});
