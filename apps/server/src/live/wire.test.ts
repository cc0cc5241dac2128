import { startOvsdbServer } from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningServer } from '../serve.ts';
import { startTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';

/** Opens /api/stream with the given cookie and returns the first frame of a subscription. */
async function firstFrame(
  url: string,
  cookie: string | undefined,
  topic: string,
): Promise<Record<string, unknown> | number> {
  const ws = new WebSocket(
    `${url.replace('http', 'ws')}/api/stream`,
    cookie ? { headers: { cookie } } : {},
  );
  return new Promise((resolve) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', topic })));
    ws.on('message', (data) => {
      resolve(JSON.parse(String(data)) as Record<string, unknown>);
      ws.terminate();
    });
  });
}

describe('the live stream on the real server', { timeout: 30_000 }, () => {
  let server: RunningServer;
  let w: World;

  beforeAll(async () => {
    server = await startTestServer({ sflowPort: 0 });
    w = await buildWorld(server);
    const sandbox = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'sb',
      kind: 'sandbox',
    });
    const created = await w.alice.post('/api/tenants/acme/apps', {
      app: threeTier(),
      message: 'new',
    });
    expect(created.status).toBe(201);
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', {
      controller: sandbox.json.id,
    });
    const applied = await w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: plan.json.planId,
    });
    expect(applied.status, JSON.stringify(applied.json)).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses an upgrade without a session or token', async () => {
    expect(await firstFrame(server.url, undefined, 'app/acme/shop/ports')).toBe(401);
  });

  it('streams an applied app to its tenant and refuses it to another tenant', async () => {
    const mine = await firstFrame(server.url, w.vera.cookie, 'app/acme/shop/ports');
    expect(mine).toMatchObject({ type: 'snapshot', topic: 'app/acme/shop/ports' });
    const theirs = await firstFrame(server.url, w.bob.cookie, 'app/acme/shop/ports');
    expect(theirs).toMatchObject({ type: 'error', code: 'forbidden' });
  });

  it("tells the app's viewers when someone applies, and counts sFlow in /metrics", async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/stream`, {
      headers: { cookie: w.vera.cookie ?? '' },
    });
    const frames: {
      type: string;
      state?: Record<string, { kind: string; by?: string }>;
      changes?: { set: Record<string, { kind: string; by?: string }> };
    }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d))));
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(JSON.stringify({ type: 'subscribe', topic: 'app/acme/shop/events' }));
    const edited = threeTier();
    edited.objects = edited.objects.filter((o) => o.id !== 'app-2');
    const current = await w.alice.get('/api/tenants/acme/apps/shop');
    const saved = await w.alice.put(
      '/api/tenants/acme/apps/shop',
      { app: edited, message: 'one app server' },
      { 'if-match': String(current.headers.get('etag')) },
    );
    expect(saved.status).toBe(200);
    const controllers = await w.oscar.get('/api/tenants/acme/controllers');
    const sb = (controllers.json as { id: number; kind: string }[]).find(
      (c) => c.kind === 'sandbox',
    );
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller: sb?.id });
    expect(
      (await w.oscar.post('/api/tenants/acme/apps/shop/apply', { planId: plan.json.planId }))
        .status,
    ).toBe(200);
    const deadline = Date.now() + 5_000;
    const applied = () =>
      frames
        .flatMap((f) => Object.values(f.state ?? f.changes?.set ?? {}))
        .find((e) => e.kind === 'applied');
    while (!applied() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(applied()).toMatchObject({ kind: 'applied', by: 'oscar' });
    ws.terminate();

    await new Promise((r) => setTimeout(r, 1_500));
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const count = Number(/^netcanvas_sflow_datagrams_total (\d+)/m.exec(metrics)?.[1] ?? 0);
    expect(count).toBeGreaterThan(0);
  });

  it('pushes drift on a real OVN NB to the app stream within seconds', async () => {
    const nb = await startOvsdbServer();
    try {
      const ctl = await w.admin.post('/api/tenants/acme/controllers', {
        name: 'lab',
        kind: 'ovn',
        remote: nb.tcpRemote,
      });
      expect(ctl.status).toBe(201);
      const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', {
        controller: ctl.json.id,
      });
      expect(
        (await w.oscar.post('/api/tenants/acme/apps/shop/apply', { planId: plan.json.planId }))
          .status,
      ).toBe(200);
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/stream`, {
        headers: { cookie: w.vera.cookie ?? '' },
      });
      const events: { kind: string; objectIds?: string[] }[] = [];
      ws.on('message', (d) => {
        const f = JSON.parse(String(d)) as {
          state?: Record<string, { kind: string }>;
          changes?: { set: Record<string, { kind: string }> };
        };
        events.push(...Object.values(f.state ?? f.changes?.set ?? {}));
      });
      await new Promise((resolve) => ws.on('open', resolve));
      ws.send(JSON.stringify({ type: 'subscribe', topic: 'app/acme/shop/events' }));
      await new Promise((r) => setTimeout(r, 500));
      await nb.nbctl('lsp-set-addresses', 'acme.shop.db-1.eth0', '0a:00:00:00:00:99 10.0.3.99');
      const deadline = Date.now() + 5_000;
      const drift = () => events.find((e) => e.kind === 'drift');
      while (!drift() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(drift()?.objectIds).toContain('db-1');
      ws.terminate();
    } finally {
      await nb.stop();
    }
  });

  it('streams live counters and flows of the app applied to the sandbox', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/stream`, {
      headers: { cookie: w.vera.cookie ?? '' },
    });
    const state: Record<string, Record<string, { inBps?: number | null; dstPort?: number }>> = {};
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as {
        topic?: string;
        type: string;
        state?: Record<string, never>;
        changes?: { set: Record<string, never>; removed: string[] };
      };
      if (!f.topic) return;
      const next =
        f.type === 'snapshot'
          ? { ...(f.state ?? {}) }
          : { ...state[f.topic], ...(f.changes?.set ?? {}) };
      for (const k of f.changes?.removed ?? []) delete next[k];
      state[f.topic] = next;
    });
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(JSON.stringify({ type: 'subscribe', topic: 'app/acme/shop/ports' }));
    ws.send(JSON.stringify({ type: 'subscribe', topic: 'app/acme/shop/flows' }));
    const ready = () =>
      Object.values(state['app/acme/shop/ports'] ?? {}).some((p) => (p.inBps ?? 0) > 0) &&
      Object.values(state['app/acme/shop/flows'] ?? {}).some((f) => f.dstPort === 5432);
    const deadline = Date.now() + 12_000;
    while (!ready() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(ready()).toBe(true);
    ws.terminate();
  });
});
