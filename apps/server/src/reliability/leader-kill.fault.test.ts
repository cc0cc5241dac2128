import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Application } from '@netcanvas/model';
import { type OvsdbCluster, startOvsdbCluster } from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';

const EXTRA = 800;

/** The member whose `cluster/status` says it leads. */
async function leaderOf(cluster: OvsdbCluster) {
  for (const m of cluster.members) {
    const { stdout } = await promisify(execFile)('ovs-appctl', [
      '-t',
      join(cluster.dir, `${m.name}.ctl`),
      'cluster/status',
      'OVN_Northbound',
    ]);
    if (/Role: leader/.test(stdout)) return m;
  }
  throw new Error('no leader');
}

const design = (extra: number): Application => {
  const base = threeTier();
  const more = Array.from({ length: extra }, (_, i) => ({
    id: `bulk-${i}`,
    name: `bulk-${i}`,
    kind: 'switch' as const,
  }));
  return { ...base, description: `with ${extra}`, objects: [...base.objects, ...more] };
};

describe('the RAFT leader killed while the API applies', { timeout: 120_000 }, () => {
  const server = useTestServer();
  let cluster: OvsdbCluster;
  let w: World;
  let controller: number;

  beforeAll(async () => {
    cluster = await startOvsdbCluster();
    w = await buildWorld(server.running());
    controller = (
      await w.admin.post('/api/tenants/acme/controllers', {
        name: 'raft',
        kind: 'ovn',
        remote: cluster.remote,
      })
    ).json.id;
    expect((await w.alice.post('/api/tenants/acme/apps', { app: design(0) })).status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  const switchesOn = async (alive: OvsdbCluster['members']) => {
    for (const m of alive) {
      try {
        const out = await cluster.nbctl(m, 'ls-list');
        return out.split('\n').filter((l) => l.includes('acme.shop.')).length;
      } catch {
        // that member is down or not ready; ask the next
      }
    }
    throw new Error('no member answered');
  };

  it('says whether the apply committed, never leaves part of it, and a retry applies it exactly once', async () => {
    const first = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
    expect(
      (await w.oscar.post('/api/tenants/acme/apps/shop/apply', { planId: first.json.planId }))
        .status,
    ).toBe(200);
    const base = await switchesOn(cluster.members);
    const etag = (await w.alice.get('/api/tenants/acme/apps/shop')).json.etag;
    expect(
      (
        await w.alice.put(
          '/api/tenants/acme/apps/shop',
          { app: design(EXTRA) },
          { 'if-match': etag },
        )
      ).status,
    ).toBe(200);
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
    expect(plan.status).toBe(200);
    const applying = w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: plan.json.planId,
    });
    const leader = await leaderOf(cluster);
    await new Promise((r) => setTimeout(r, 30));
    await cluster.kill(leader);
    const reply = await applying;
    const alive = cluster.members.filter((m) => m !== leader);
    const after = await switchesOn(alive);
    // all or nothing, and the API's answer matches what the controller holds
    expect([base, base + EXTRA]).toContain(after);
    if (reply.status === 200) expect(after).toBe(base + EXTRA);
    else
      expect(['controller-unreachable', 'apply-outcome-unknown', 'controller-changed']).toContain(
        reply.json.code,
      );
    const audit = (await w.admin.get('/api/tenants/acme/audit?app=shop&limit=5')).json;
    expect(audit[0]).toMatchObject({
      action: 'apply',
      result: reply.status === 200 ? 'ok' : expect.stringMatching(/failed|conflict/),
    });
    // retry until the cluster has a new leader: the version lands once, never twice
    let retried = reply.status;
    for (let i = 0; retried !== 200 && i < 40; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const again = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
      if (again.status !== 200) continue;
      retried = (
        await w.oscar.post('/api/tenants/acme/apps/shop/apply', { planId: again.json.planId })
      ).status;
    }
    expect(retried).toBe(200);
    expect(await switchesOn(alive)).toBe(base + EXTRA);
    const clean = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller });
    expect(clean.json.changes).toEqual([]);
    console.log('RAFT leader kill during API apply', {
      firstReply: reply.status,
      code: reply.json?.code,
      nbAfterKill: after,
      base,
    });
  });
});
