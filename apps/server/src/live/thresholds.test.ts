import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningServer } from '../serve.ts';
import { ThresholdStore } from '../store/thresholds.ts';
import { StreamHub } from '../stream/hub.ts';
import type { PortLoad, StreamEvent } from '../stream/index.ts';
import { startTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';
import { ThresholdMonitor } from './thresholds.ts';

const URL_OF = '/api/tenants/acme/apps/shop/thresholds';

const port = (objectId: string, inBps: number, outBps: number): PortLoad => ({
  objectId,
  nicId: 'eth0',
  portName: `${objectId}-eth0`,
  agent: '127.0.0.1',
  ifIndex: 1,
  up: true,
  speedBps: 1e9,
  inBps,
  outBps,
  inPps: null,
  outPps: null,
  inErrorsPerSec: null,
  outErrorsPerSec: null,
  inDropsPerSec: null,
  outDropsPerSec: null,
  atMs: 0,
});

/** Collects every event of an app's events topic over the real stream. */
function eventsOf(server: RunningServer, cookie: string | undefined, topic: string) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/stream`, {
    headers: { cookie: cookie ?? '' },
  });
  const events = new Map<string, StreamEvent>();
  ws.on('message', (d) => {
    const f = JSON.parse(String(d)) as {
      state?: Record<string, StreamEvent>;
      changes?: { set: Record<string, StreamEvent> };
    };
    for (const [k, e] of Object.entries(f.state ?? f.changes?.set ?? {})) events.set(k, e);
  });
  ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', topic })));
  return { events: () => [...events.values()], close: () => ws.terminate() };
}

describe('rate thresholds and alerts on the real server', { timeout: 40_000 }, () => {
  let server: RunningServer;
  let w: World;

  beforeAll(async () => {
    server = await startTestServer({ sflowPort: 0 });
    w = await buildWorld(server);
    const sandbox = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'sb',
      kind: 'sandbox',
    });
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', {
      controller: sandbox.json.id,
    });
    const applied = await w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: plan.json.planId,
    });
    expect(applied.status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lets an operator set thresholds, a viewer read them, and nobody of another tenant see them', async () => {
    expect((await w.vera.get(URL_OF)).json).toEqual({ thresholds: [], alerts: [] });
    const set = await w.oscar.put(URL_OF, {
      thresholds: [
        { target: 'app', direction: 'both', bps: 5e9 },
        { target: 'db-1/eth0', direction: 'in', bps: 2e9 },
      ],
    });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect((await w.vera.get(URL_OF)).json.thresholds).toEqual([
      { target: 'app', direction: 'both', bps: 5e9 },
      { target: 'db-1/eth0', direction: 'in', bps: 2e9 },
    ]);

    const byViewer = await w.vera.put(URL_OF, { thresholds: [] });
    expect(byViewer.status).toBe(403);
    // another tenant's admin cannot tell the app exists
    expect((await w.bob.get(URL_OF)).status).toBe(404);
    expect((await w.bob.put(URL_OF, { thresholds: [] })).status).toBe(404);
    expect((await w.vera.get(URL_OF)).json.thresholds).toHaveLength(2);
  });

  it('refuses a port the design does not have, or a duplicate, and keeps what was set', async () => {
    const unknownNic = await w.oscar.put(URL_OF, {
      thresholds: [{ target: 'db-1/eth7', bps: 1e6 }],
    });
    expect(unknownNic.status).toBe(400);
    expect(unknownNic.json).toMatchObject({
      code: 'invalid-request',
      message: 'thresholds[0]: workload "db-1" has no NIC "eth7" (it has eth0)',
    });
    const router = await w.oscar.put(URL_OF, { thresholds: [{ target: 'lr-edge/x', bps: 1e6 }] });
    expect(router.json.message).toContain('"lr-edge" is a router, not a workload');
    const twice = await w.oscar.put(URL_OF, {
      thresholds: [
        { target: 'app', bps: 1e6 },
        { target: 'app', direction: 'both', bps: 2e6 },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.json.message).toContain('a second limit on app (both)');
    const negative = await w.oscar.put(URL_OF, { thresholds: [{ target: 'app', bps: -1 }] });
    expect(negative.status).toBe(400);
    expect((await w.vera.get(URL_OF)).json.thresholds).toHaveLength(2);
  });

  it('alerts on the event stream when real sandbox traffic crosses a limit, and keeps it for later pages', async () => {
    const stream = eventsOf(server, w.vera.cookie, 'app/acme/shop/events');
    try {
      // the three-tier sandbox carries megabits: 1 kb/s is crossed on the next tick
      expect(
        (
          await w.oscar.put(URL_OF, {
            thresholds: [{ target: 'app', direction: 'both', bps: 1000 }],
          })
        ).status,
      ).toBe(200);
      const deadline = Date.now() + 12_000;
      const crossed = () => stream.events().find((e) => e.kind === 'threshold-crossed');
      while (!crossed() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(crossed()).toMatchObject({ kind: 'threshold-crossed', target: 'app', limit: 1000 });
      const crossing = crossed() as Extract<
        StreamEvent,
        { kind: 'threshold-crossed' | 'threshold-cleared' }
      >;
      expect(crossing.bps).toBeGreaterThan(100_000);

      // a page opened later reads the active alert from the API
      const later = await w.vera.get(URL_OF);
      expect(later.json.alerts).toEqual([
        {
          target: 'app',
          direction: 'both',
          limit: 1000,
          bps: expect.any(Number),
          raisedAtMs: crossing.atMs,
        },
      ]);

      // removing the threshold ends the alert
      expect((await w.oscar.delete(URL_OF)).status).toBe(204);
      const cleared = () => stream.events().find((e) => e.kind === 'threshold-cleared');
      const until = Date.now() + 5_000;
      while (!cleared() && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      expect(cleared()).toMatchObject({ kind: 'threshold-cleared', target: 'app', limit: 1000 });
      expect((await w.vera.get(URL_OF)).json).toEqual({ thresholds: [], alerts: [] });
    } finally {
      stream.close();
    }
  });

  it('crosses above the limit and clears only 10% below it, so a rate at the edge does not flap', () => {
    // an app with no traffic of its own, so the server's monitor stays out of it
    const store = new ThresholdStore(server.store.db);
    store.replace('acme', 'quiet', [{ target: 'web-1/eth0', direction: 'out', bps: 1e6 }], 'test');
    const monitor = new ThresholdMonitor(store, new StreamHub());
    const at = (outBps: number, ms: number) =>
      monitor
        .evaluate('acme', 'quiet', { 'web-1/eth0': port('web-1', 9e9, outBps) }, ms)
        .map((e) => e.kind);
    // inbound traffic does not count toward an outbound limit
    expect(at(900_000, 1)).toEqual([]);
    expect(at(1_100_000, 2)).toEqual(['threshold-crossed']);
    expect(at(950_000, 3)).toEqual([]);
    expect(at(1_050_000, 4)).toEqual([]);
    expect(at(910_000, 5)).toEqual([]);
    expect(store.active('acme', 'quiet')).toHaveLength(1);
    expect(at(890_000, 6)).toEqual(['threshold-cleared']);
    expect(at(950_000, 7)).toEqual([]);
    expect(at(1_000_001, 8)).toEqual(['threshold-crossed']);
    expect(store.recent('acme', 'quiet').map((a) => [a.raisedAtMs, a.clearedAtMs])).toEqual([
      [8, null],
      [2, 6],
    ]);
    // a monitor started later (a server restart) picks up the open alert instead of raising it twice
    const restarted = new ThresholdMonitor(store, new StreamHub());
    expect(restarted.evaluate('acme', 'quiet', { 'web-1/eth0': port('web-1', 0, 2e6) }, 9)).toEqual(
      [],
    );
    store.replace('acme', 'quiet', [], 'test');
    expect(restarted.evaluate('acme', 'quiet', {}, 10).map((e) => e.kind)).toEqual([
      'threshold-cleared',
    ]);
    expect(store.active('acme', 'quiet')).toEqual([]);
  });
});
