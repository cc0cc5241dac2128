import { type StandaloneServer, startOvsdbServer } from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';
import type { SchedulerClock } from './scheduler.ts';

/** A clock the test moves: `advance` moves time and fires the scheduler's timer once. */
class FakeClock implements SchedulerClock {
  ms = Date.parse('2026-01-01T00:00:00Z');
  readonly #ticks = new Set<() => Promise<void>>();
  now = (): number => this.ms;
  every = (_ms: number, tick: () => Promise<void>): (() => void) => {
    this.#ticks.add(tick);
    return () => this.#ticks.delete(tick);
  };
  async advance(minutes: number): Promise<void> {
    this.ms += minutes * 60_000;
    for (const tick of this.#ticks) await tick();
  }
}

const portsOf = async (nb: StandaloneServer, prefix: string) =>
  (await nb.nbctl('--bare', '--columns=name', 'list', 'Logical_Switch_Port'))
    .split(/\s+/)
    .filter((n) => n !== '' && n.startsWith(prefix))
    .sort();

describe('scheduled snapshots with standby replication', { timeout: 60_000 }, () => {
  const clock = new FakeClock();
  const server = useTestServer({ snapshotClock: clock });
  let siteA: StandaloneServer;
  let siteB: StandaloneServer;
  let w: World;
  let a: number;
  let b: number;
  const app = '/api/tenants/acme/apps/shop';
  const list = async () => (await w.vera.get(`${app}/snapshots`)).json as { id: string }[];

  beforeAll(async () => {
    [siteA, siteB] = await Promise.all([startOvsdbServer(), startOvsdbServer()]);
    w = await buildWorld(server.running());
    const register = async (name: string, remote: string) =>
      (await w.admin.post('/api/tenants/acme/controllers', { name, kind: 'ovn', remote })).json
        .id as number;
    a = await register('site-a', siteA.tcpRemote);
    b = await register('site-b', siteB.tcpRemote);
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    expect((await w.oscar.post(`${app}/apply`, { controller: a })).status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all([siteA?.stop(), siteB?.stop()]);
  });

  it('only operators set a schedule; a standby must be another controller', async () => {
    const body = {
      controller: a,
      everyMinutes: 60,
      keep: 1,
      standby: { controller: b, remap: { physicalNetworks: { physnet1: 'physnet-b' } } },
    };
    expect((await w.vera.put(`${app}/snapshot-schedule`, body)).status).toBe(403);
    expect((await w.alice.put(`${app}/snapshot-schedule`, body)).status).toBe(403);
    expect((await w.bob.put(`${app}/snapshot-schedule`, body)).status).toBe(404);
    const same = await w.oscar.put(`${app}/snapshot-schedule`, {
      ...body,
      standby: { controller: a },
    });
    expect(same.status).toBe(400);
    expect(same.json.message).toContain('another controller');
    const badRemap = await w.oscar.put(`${app}/snapshot-schedule`, {
      ...body,
      standby: { controller: b, remap: { externalIps: { '203.0.113.0/24': 'nowhere' } } },
    });
    expect(badRemap.status).toBe(422);
    expect(badRemap.json.code).toBe('design-has-errors');
    expect(badRemap.json.message).toContain('after the remap');
    const zero = await w.oscar.put(`${app}/snapshot-schedule`, { ...body, keep: 0 });
    expect(zero.status).toBe(400);
    expect((await w.vera.get(`${app}/snapshot-schedule`)).status).toBe(404);

    const set = await w.oscar.put(`${app}/snapshot-schedule`, body);
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({
      controller: { id: a, name: 'site-a' },
      everyMinutes: 60,
      keep: 1,
      standby: { controller: { id: b, name: 'site-b' } },
      nextDueAt: '2026-01-01T01:00:00.000Z',
      lastRunAt: null,
    });
    expect((await w.vera.get(`${app}/snapshot-schedule`)).json).toEqual(set.json);
  });

  it('takes nothing before it is due', async () => {
    await clock.advance(30);
    expect(await list()).toEqual([]);
    expect(await portsOf(siteB, '')).toEqual([]);
  });

  it('snapshots on time and restores it onto the standby, remapped', async () => {
    await clock.advance(30);
    const first = await list();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      source: 'scheduled',
      createdBy: 'scheduler',
      createdAt: '2026-01-01T01:00:00.000Z',
    });
    expect(await portsOf(siteB, 'acme.shop.')).toEqual(await portsOf(siteA, 'acme.shop.'));
    const localnet = await siteB.nbctl(
      '--bare',
      '--columns=options',
      'find',
      'Logical_Switch_Port',
      'type=localnet',
    );
    expect(localnet).toContain('network_name=physnet-b');
    const audit = (await w.vera.get('/api/tenants/acme/audit?app=shop')).json;
    expect(audit.find((e: { action: string }) => e.action === 'standby-replicate')).toMatchObject({
      actor: 'scheduler',
      result: 'ok',
      controllerId: b,
      detail: { snapshotId: first[0]?.id },
    });
    const schedule = (await w.vera.get(`${app}/snapshot-schedule`)).json;
    expect(schedule.lastResult).toBe(`ok: snapshot ${first[0]?.id}`);
    expect(schedule.nextDueAt).toBe('2026-01-01T02:00:00.000Z');
  });

  it('on the next tick keeps only the newest (keep 1) and the standby follows what A became', async () => {
    const [first] = await list();
    const gone = 'acme.shop.web-2.eth0';
    await siteA.nbctl('lsp-del', gone);
    await clock.advance(60);
    const now = await list();
    expect(now).toHaveLength(1);
    expect(now[0]?.id).not.toBe(first?.id);
    expect((await w.vera.get(`${app}/snapshots/${first?.id}`)).status).toBe(404);
    const onB = await portsOf(siteB, 'acme.shop.');
    expect(onB).not.toContain(gone);
    expect(onB).toEqual(await portsOf(siteA, 'acme.shop.'));
  });

  it('stops when the schedule is removed; its snapshots stay', async () => {
    const before = await list();
    expect((await w.vera.delete(`${app}/snapshot-schedule`)).status).toBe(403);
    expect((await w.oscar.delete(`${app}/snapshot-schedule`)).status).toBe(204);
    expect((await w.oscar.delete(`${app}/snapshot-schedule`)).status).toBe(404);
    await clock.advance(120);
    expect(await list()).toEqual(before);
  });
});
