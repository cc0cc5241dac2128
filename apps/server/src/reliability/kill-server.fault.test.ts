import { rmSync } from 'node:fs';
import { type Application, parseApplication, verifySnapshot } from '@netcanvas/model';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../serve.ts';
import { Store } from '../store/store.ts';
import { tempDataDir } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';
import { type ChildServer, startChildServer } from './child-server.ts';

/** What the clients were told succeeded before the kill. */
interface Acknowledged {
  versions: Set<number>;
  applied: number[];
  snapshots: Set<string>;
}

/** Saves, applies, snapshots and restores on the sandbox until a request fails. */
async function workload(w: World, controller: number, acked: Acknowledged, snapshots: boolean) {
  const etag = async () => (await w.alice.get('/api/tenants/acme/apps/shop')).json.etag as string;
  for (let i = 0; ; i++) {
    const step = i % 4;
    let reply: { status: number; json: { version?: number; id?: string; planId?: string } };
    if (step === 0) {
      const app: Application = { ...threeTier(), description: `edit ${i} ${'x'.repeat(i % 500)}` };
      reply = await w.alice.put(
        '/api/tenants/acme/apps/shop',
        { app },
        { 'if-match': await etag() },
      );
      if (reply.status === 200) acked.versions.add(reply.json.version as number);
    } else if (step === 1) {
      const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
      const version = plan.json.version as number;
      reply = await w.oscar.post('/api/tenants/acme/apps/shop/apply', { planId: plan.json.planId });
      if (reply.status === 200) acked.applied.push(version);
    } else if (step === 2 && snapshots) {
      reply = await w.oscar.post('/api/tenants/acme/apps/shop/snapshots', { controller });
      if (reply.status === 201 || reply.status === 200)
        acked.snapshots.add(reply.json.id as string);
    } else {
      reply = await w.alice.post(
        '/api/tenants/acme/apps/shop/versions/1/restore',
        { message: `restore ${i}` },
        { 'if-match': await etag() },
      );
      if (reply.status === 200) acked.versions.add(reply.json.version as number);
    }
    if (reply.status >= 500) throw new Error(`server error ${reply.status}`);
  }
}

/** Everything the store must hold after a crash: no half-written row, nothing acknowledged lost. */
function checkStore(dataDir: string, acked: Acknowledged): { versions: number; snapshots: number } {
  const store = Store.open(dataDir);
  try {
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const versions = store.apps.versions('acme', 'shop') ?? [];
    const numbers = versions.map((v) => v.version).sort((a, b) => a - b);
    // contiguous 1..n: no gap, no half-written version
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    for (const v of acked.versions) expect(numbers).toContain(v);
    for (const n of numbers) {
      const stored = store.apps.get('acme', 'shop', n);
      expect(parseApplication(stored?.design).ok).toBe(true);
    }
    const audit = store.audit.list('acme', { appId: 'shop', limit: 100_000 });
    const saved = new Set(
      audit
        .filter(
          (a) =>
            a.result === 'ok' &&
            (['app.save', 'app.create'].includes(a.action) ||
              (a.action === 'restore' && a.detail?.from !== undefined)),
        )
        .map((a) => a.version),
    );
    // every version in the store is in the audit log, and only those
    expect([...saved].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(numbers);
    const deployed = store.deployments.forApp('acme', 'shop')[0];
    const lastAck = acked.applied.at(-1);
    if (lastAck !== undefined) expect(deployed?.version).toBeGreaterThanOrEqual(lastAck);
    if (deployed) {
      // what the embedded controller holds is whole: the design of one stored version. It is
      // the version the store says it holds unless the kill fell between the controller's
      // commit and the store's record of it — the known gap of docs/reliability.md (the
      // it.todo in kill-apply-ovn.fault.test.ts), which shows up as drift after the restart
      const held = store.db
        .prepare('SELECT app_json FROM sandbox_apps WHERE app_key = ?')
        .get('acme/shop') as { app_json: string } | undefined;
      if (held) {
        const descriptions = numbers.map(
          (n) => store.apps.get('acme', 'shop', n)?.design.description,
        );
        expect(descriptions).toContain(JSON.parse(held.app_json).description);
      }
    }
    const appliedAudits = audit.filter((a) => a.action === 'apply' && a.result === 'ok');
    expect(appliedAudits.length).toBeGreaterThanOrEqual(acked.applied.length);
    let snapshots = 0;
    for (const id of acked.snapshots) {
      const snap = store.snapshots.get('acme', id);
      expect(snap, `snapshot ${id}`).toBeDefined();
    }
    for (const meta of store.snapshots.list('acme', 'shop')) {
      const snap = store.snapshots.get('acme', meta.id);
      expect(verifySnapshot(snap?.snapshot).ok, `snapshot ${meta.id} verifies`).toBe(true);
      snapshots += 1;
    }
    return { versions: numbers.length, snapshots };
  } finally {
    store.close();
  }
}

describe('the netcanvas server killed with SIGKILL mid-work', { timeout: 120_000 }, () => {
  const dataDir = tempDataDir();
  let child: ChildServer | undefined;
  afterAll(async () => {
    await child?.kill().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts on the same data with every acknowledged save, apply, snapshot and restore, nothing half-written, all audited', async () => {
    child = await startChildServer(dataDir);
    const w = await buildWorld({ url: child.url, firstRun: child.firstRun } as RunningServer);
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    const controller = (
      await w.admin.post('/api/tenants/acme/controllers', { name: 'sb', kind: 'sandbox' })
    ).json.id as number;
    const doc = (await w.vera.get('/api/openapi.json')).json;
    const snapshots = '/api/tenants/{tenant}/apps/{app}/snapshots' in doc.paths;
    const acked: Acknowledged = { versions: new Set([1]), applied: [], snapshots: new Set() };
    const rounds: { killedAfterMs: number; versions: number; snapshots: number }[] = [];
    for (const killAfterMs of [1200]) {
      const running = workload(w, controller, acked, snapshots).catch((err: Error) => err);
      await new Promise((r) => setTimeout(r, killAfterMs));
      await child.kill();
      const stopped = await running;
      expect(String(stopped)).toMatch(/fetch failed|ECONNREFUSED|socket|other side closed/i);
      rounds.push({ killedAfterMs: killAfterMs, ...checkStore(dataDir, acked) });
      // same port, so the signed-in clients carry on with their cookies
      child = await startChildServer(dataDir, Number(new URL(child.url).port));
      expect(child.firstRun).toBeUndefined();
      // sessions survive the restart: the users carry on where they were
      const app = await w.vera.get('/api/tenants/acme/apps/shop');
      expect(app.status).toBe(200);
      expect(app.json.version).toBe(Math.max(...(await versionsOf(w))));
    }
    expect(rounds.every((r) => r.versions > 1)).toBe(true);
    console.log('kill -9 rounds', JSON.stringify(rounds), 'acknowledged', {
      versions: acked.versions.size,
      applies: acked.applied.length,
      snapshots: acked.snapshots.size,
    });
  });
});

async function versionsOf(w: World): Promise<number[]> {
  return (await w.vera.get('/api/tenants/acme/apps/shop/versions')).json.map(
    (v: { version: number }) => v.version,
  );
}
