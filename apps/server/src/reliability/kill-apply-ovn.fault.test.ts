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
  /** after the restart: the version the deployments API names, and the apply's audit entry */
  deployedAfterRestart: number | undefined;
  auditAfterRestart: string | undefined;
}

interface AuditJson {
  action: string;
  actor: string;
  version?: number;
  result: string;
  detail: Record<string, unknown>;
}

describe('the netcanvas server killed with SIGKILL while an apply is in flight to a real NB', {
  timeout: 180_000,
}, () => {
  const dataDir = tempDataDir();
  let nb: StandaloneServer | undefined;
  let child: ChildServer | undefined;
  let w: World;
  let controller: number;
  let port: number;
  afterAll(async () => {
    await child?.kill().catch(() => undefined);
    await nb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const switches = async () =>
    (await nb?.nbctl('ls-list'))?.split('\n').filter((l) => l.includes('acme.shop.')).length ?? 0;
  const deployedVersion = async () =>
    (
      (await w.vera.get('/api/tenants/acme/apps/shop/deployments')).json as {
        controller: { id: number };
        version: number;
      }[]
    ).find((d) => d.controller.id === controller)?.version;
  const applyAudit = async (version: number) =>
    ((await w.vera.get('/api/tenants/acme/audit?app=shop&limit=20')).json as AuditJson[]).filter(
      (a) => a.action === 'apply' && a.version === version,
    );
  /**
   * Saves the next design: by default EXTRA more switches than the NB holds now, or none if
   * it has them (a big transaction); `small` adds one switch to what the NB holds.
   */
  const saveNext = async (base: number, round: number, small = false) => {
    const bulk = (await switches()) > base;
    const extra = small ? (bulk ? EXTRA : 0) + 1 : bulk ? 0 : EXTRA;
    const etag = (await w.alice.get('/api/tenants/acme/apps/shop')).json.etag;
    const saved = await w.alice.put(
      '/api/tenants/acme/apps/shop',
      { app: design(extra, round) },
      { 'if-match': etag },
    );
    expect(saved.status).toBe(200);
    return { extra, version: saved.json.version as number };
  };

  let base = 0;

  it('leaves the NB with all of the version or none of it, and after a restart the store names the version the NB holds', async () => {
    nb = await startOvsdbServer();
    child = await startChildServer(dataDir);
    port = Number(new URL(child.url).port);
    w = await buildWorld({ url: child.url, firstRun: child.firstRun } as RunningServer);
    controller = (
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
    base = await switches();
    const rounds: Round[] = [];
    for (const [round, killAfterMs] of [40, 600].entries()) {
      const before = await switches();
      const deployedBefore = await deployedVersion();
      const saved = await saveNext(base, round + 1);
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
      expect([before, base + saved.extra]).toContain(after);
      if (acked?.status === 200) expect(after).toBe(base + saved.extra);
      const store = Store.open(dataDir);
      const deployed = store.deployments
        .forApp('acme', 'shop')
        .find((d) => d.controllerId === controller);
      const audit = store.audit
        .list('acme', { appId: 'shop', limit: 5 })
        .find((a) => a.action === 'apply' && a.version === saved.version);
      store.close();
      // the store never says the controller holds a version it does not
      if (deployed?.version === saved.version) expect(after).toBe(base + saved.extra);
      // restarted: an apply the kill interrupted is settled by reading the NB back
      // the last restart arms the next test's kill (one start fewer): the server SIGKILLs
      // itself the moment its next NB commit returns; reconciling at start commits nothing
      child = await startChildServer(
        dataDir,
        port,
        round === 1 ? { NETCANVAS_TEST_SIGKILL_AFTER_COMMIT: '1' } : {},
      );
      const deployedAfter = await deployedVersion();
      const audited = await applyAudit(saved.version);
      const committed = after === base + saved.extra;
      expect(deployedAfter).toBe(committed ? saved.version : deployedBefore);
      // one outcome per apply in the audit log: ok if the NB took it; failed, or nothing if
      // the kill came before the apply reached the server, if it did not
      expect(audited.length).toBeLessThanOrEqual(1);
      if (committed) expect(audited[0]).toMatchObject({ result: 'ok', actor: 'oscar' });
      else if (audited[0]) expect(audited[0].result).toBe('failed');
      rounds.push({
        killAfterMs,
        nbSwitchesBefore: before,
        nbSwitchesAfter: after,
        storeVersion: deployed?.version,
        auditOfApply: audit?.result,
        deployedAfterRestart: deployedAfter,
        auditAfterRestart: audited[0]
          ? `${audited[0].result} ${String(audited[0].detail.outcome ?? '')}`.trim()
          : undefined,
      });
    }
    console.log('kill -9 during OVN apply', JSON.stringify(rounds));
  });

  it('records an apply the NB committed just before the server died as deployed after restart, audited under its actor', async () => {
    // started by the test above with NETCANVAS_TEST_SIGKILL_AFTER_COMMIT=1: it dies the moment
    // the NB's commit returns, before SQLite hears of it
    if (!child) throw new Error('runs after the test above, on its server');
    const deployedBefore = await deployedVersion();
    const saved = await saveNext(base, 10, true);
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
    expect(plan.status).toBe(200);
    const apply = await w.oscar
      .post('/api/tenants/acme/apps/shop/apply', { planId: plan.json.planId })
      .catch((err: Error) => err);
    await child.exited;
    // no answer: the process died after the commit
    expect(apply).toBeInstanceOf(Error);
    expect(await switches()).toBe(base + saved.extra);
    const store = Store.open(dataDir);
    const recorded = store.deployments
      .forApp('acme', 'shop')
      .find((d) => d.controllerId === controller)?.version;
    const unfinished = store.appliesInFlight.unfinished();
    store.close();
    // the gap itself: SQLite still names the old version, but holds the started apply
    expect(recorded).toBe(deployedBefore);
    expect(unfinished).toEqual([
      expect.objectContaining({ version: saved.version, actor: 'oscar', controllerId: controller }),
    ]);
    child = await startChildServer(dataDir, port);
    expect(await deployedVersion()).toBe(saved.version);
    expect(await applyAudit(saved.version)).toEqual([
      expect.objectContaining({
        actor: 'oscar',
        result: 'ok',
        detail: expect.objectContaining({
          outcome: 'committed-before-restart',
          planId: plan.json.planId,
          previousVersion: deployedBefore,
        }),
      }),
    ]);
    // recorded once: a fresh plan of the recorded version against the NB changes nothing
    const again = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
    expect(again.json.summary).toEqual({ insert: 0, update: 0, delete: 0 });
    const left = Store.open(dataDir);
    expect(left.appliesInFlight.unfinished()).toEqual([]);
    left.close();
  });
});
