import { rmSync } from 'node:fs';
import type { Application } from '@netcanvas/model';
import { type StandaloneServer, startOvsdbServer } from '@netcanvas/ovsdb/testing';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../serve.ts';
import { Store } from '../store/store.ts';
import { tempDataDir } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';
import { type ChildServer, startChildServer } from './child-server.ts';

const EXTRA = 1500;

/** The three-tier app, with `extra` more switches: a big NB transaction. */
const design = (extra: number, round: number): Application => {
  const base = threeTier();
  const more = Array.from({ length: extra }, (_, i) => ({
    id: `bulk-${i}`,
    name: `bulk-${i}`,
    kind: 'switch' as const,
  }));
  return { ...base, description: `round ${round}`, objects: [...base.objects, ...more] };
};

/** One round's outcome, for docs/reliability.md. */
interface Round {
  killAfterMs: number;
  nbSwitchesBefore: number;
  nbSwitchesAfter: number;
  storeVersion: number | undefined;
  auditOfApply: string | undefined;
}

describe('the netcanvas server killed with SIGKILL while an apply is in flight to a real NB', {
  timeout: 180_000,
}, () => {
  const dataDir = tempDataDir();
  let nb: StandaloneServer | undefined;
  let child: ChildServer | undefined;
  afterAll(async () => {
    await child?.kill().catch(() => undefined);
    await nb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const switches = async () =>
    (await nb?.nbctl('ls-list'))?.split('\n').filter((l) => l.includes('acme.shop.')).length ?? 0;

  it('leaves the NB with all of the version or none of it, and the store never claims more than the NB holds', async () => {
    nb = await startOvsdbServer();
    child = await startChildServer(dataDir);
    const port = Number(new URL(child.url).port);
    const w: World = await buildWorld({
      url: child.url,
      firstRun: child.firstRun,
    } as RunningServer);
    const controller = (
      await w.admin.post('/api/tenants/acme/controllers', {
        name: 'lab',
        kind: 'ovn',
        remote: nb.tcpRemote,
      })
    ).json.id as number;
    expect((await w.alice.post('/api/tenants/acme/apps', { app: design(0, 0) })).status).toBe(201);
    const first = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
    const firstApply = await w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: first.json.planId,
    });
    expect(firstApply.status).toBe(200);
    // the small design's switches (the three tiers and the router's join switch)
    const base = await switches();
    const rounds: Round[] = [];
    for (const [round, killAfterMs] of [40, 600].entries()) {
      const before = await switches();
      const extra = before > base ? 0 : EXTRA;
      const etag = (await w.alice.get('/api/tenants/acme/apps/shop')).json.etag;
      const saved = await w.alice.put(
        '/api/tenants/acme/apps/shop',
        { app: design(extra, round + 1) },
        { 'if-match': etag },
      );
      expect(saved.status).toBe(200);
      const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
      expect(plan.status).toBe(200);
      const apply = w.oscar
        .post('/api/tenants/acme/apps/shop/apply', { planId: plan.json.planId })
        .catch(() => undefined);
      await new Promise((r) => setTimeout(r, killAfterMs));
      await child.kill();
      const acked = await apply;
      const after = await switches();
      // all or nothing on the controller: never a part of the version
      expect([before, base + extra]).toContain(after);
      if (acked?.status === 200) expect(after).toBe(base + extra);
      const store = Store.open(dataDir);
      const deployed = store.deployments
        .forApp('acme', 'shop')
        .find((d) => d.controllerId === controller);
      const audit = store.audit
        .list('acme', { appId: 'shop', limit: 5 })
        .find((a) => a.action === 'apply' && a.version === saved.json.version);
      const heldObjects = deployed
        ? (store.apps.get('acme', 'shop', deployed.version)?.design.objects.length ?? 0)
        : undefined;
      store.close();
      // the store never says the controller holds a version it does not
      if (deployed?.version === saved.json.version) expect(after).toBe(base + extra);
      rounds.push({
        killAfterMs,
        nbSwitchesBefore: before,
        nbSwitchesAfter: after,
        storeVersion: deployed?.version,
        auditOfApply: audit?.result,
      });
      expect(heldObjects === undefined || heldObjects > 0).toBe(true);
      if (round === 1) break;
      child = await startChildServer(dataDir, port);
      expect((await w.vera.get('/api/tenants/acme/apps/shop')).status).toBe(200);
    }
    console.log('kill -9 during OVN apply', JSON.stringify(rounds));
  });

  // seen: killed after the NB committed but before SQLite recorded it, the NB holds the new
  // version while the store and audit log still say the old one (drift shows it after restart);
  // the fix is a write-ahead "apply started" audit entry reconciled on restart by reading back
  it.todo(
    'audits an apply the NB committed while the server died, and records it as deployed after restart',
  );
});
