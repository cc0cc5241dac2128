import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freeUdpPort, startOvsdbServer } from '@netcanvas/ovsdb/testing';
import { WebSocket } from 'ws';
import { startServer } from '../serve.ts';
import { buildWorld, threeTier } from '../test-world.ts';

/**
 * The long soak (`pnpm test:soak`): a steady stream of edits, applies (a real NB and the
 * sandbox), snapshots, sFlow telemetry and WebSocket clients that subscribe, stall and
 * vanish, for SOAK_MINUTES (default 30). Prints a JSON summary; exits 1 on any error, a
 * heap growth trend, or an applied version missing from its controller.
 */
const minutes = Number(process.env.SOAK_MINUTES ?? 30);

const dataDir = mkdtempSync(path.join(tmpdir(), 'netcanvas-soak-'));
const nb = await startOvsdbServer();
const server = await startServer({
  port: 0,
  consoleDir: null,
  dataDir,
  logLevel: 'silent',
  onFirstRun: () => {},
  sflowPort: await freeUdpPort(),
  loginRateLimit: { max: 1000, windowMs: 60_000 },
});
const w = await buildWorld(server);
const errors: string[] = [];
const must = async (what: string, p: Promise<{ status: number; json: unknown }>, ok: number[]) => {
  const r = await p;
  if (!ok.includes(r.status)) errors.push(`${what}: ${r.status} ${JSON.stringify(r.json)}`);
  return r;
};
await must('create', w.alice.post('/api/tenants/acme/apps', { app: threeTier() }), [201]);
const ovn = (
  await must(
    'ovn',
    w.admin.post('/api/tenants/acme/controllers', {
      name: 'lab',
      kind: 'ovn',
      remote: nb.tcpRemote,
    }),
    [201],
  )
).json as { id: number };
const sandbox = (
  await must(
    'sandbox',
    w.admin.post('/api/tenants/acme/controllers', { name: 'sb', kind: 'sandbox' }),
    [201],
  )
).json as { id: number };
const token = (
  (await w.admin.post('/api/tenants/acme/tokens', { name: 'soak', role: 'viewer' })).json as {
    secret: string;
  }
).secret;
const wsUrl = `${server.url.replace(/^http/, 'ws')}/api/stream`;

/** A stream client: subscribes to the app's topics; may stall (stops reading) or vanish. */
function streamClient(): { ws: WebSocket; frames: number } {
  const ws = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${token}` } });
  const c = { ws, frames: 0 };
  ws.on('message', () => {
    c.frames += 1;
  });
  ws.on('error', () => undefined);
  ws.on('open', () => {
    for (const s of ['ports', 'flows', 'links', 'events'])
      ws.send(JSON.stringify({ type: 'subscribe', topic: `app/acme/shop/${s}` }));
  });
  return c;
}

const steady = Array.from({ length: 5 }, streamClient);
const churn: ReturnType<typeof streamClient>[] = [];
const applied: { controller: number; version: number }[] = [];
const samples: { atMin: number; heapMb: number; rssMb: number }[] = [];
const started = Date.now();
const deadline = started + minutes * 60_000;
let tick = 0;
let snapshots = 0;

while (Date.now() < deadline) {
  tick += 1;
  const etag = ((await w.alice.get('/api/tenants/acme/apps/shop')).json as { etag: string }).etag;
  await must(
    'save',
    w.alice.put(
      '/api/tenants/acme/apps/shop',
      { app: { ...threeTier(), description: `soak edit ${tick}` } },
      { 'if-match': etag },
    ),
    [200],
  );
  if (tick % 3 === 0) {
    for (const controller of [ovn.id, sandbox.id]) {
      const plan = await must(
        'plan',
        w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller }),
        [200],
      );
      const { planId, version } = plan.json as { planId: string; version: number };
      const r = await must(
        'apply',
        w.oscar.post('/api/tenants/acme/apps/shop/apply', { planId }),
        [200],
      );
      if (r.status === 200) applied.push({ controller, version });
    }
  }
  if (tick % 10 === 0) {
    const r = await must(
      'snapshot',
      w.oscar.post('/api/tenants/acme/apps/shop/snapshots', { controller: ovn.id }),
      [200, 201],
    );
    if (r.status === 201) snapshots += 1;
  }
  // churn: new clients, some stop reading (paused socket), the oldest vanish without a close
  const fresh = Array.from({ length: 4 }, streamClient);
  for (const c of fresh.slice(0, 2))
    c.ws.once('open', () => (c.ws as unknown as { _socket?: { pause(): void } })._socket?.pause());
  churn.push(...fresh);
  if (churn.length > 40) {
    for (const c of churn.splice(0, 8)) c.ws.terminate();
  }
  if (tick % 10 === 0) {
    globalThis.gc?.();
    const m = process.memoryUsage();
    samples.push({
      atMin: (Date.now() - started) / 60_000,
      heapMb: m.heapUsed / 2 ** 20,
      rssMb: m.rss / 2 ** 20,
    });
  }
  await new Promise((r) => setTimeout(r, 1000));
}

// every applied version is what its controller holds: a fresh plan has nothing to change
const latest = new Map<number, number>();
for (const a of applied) latest.set(a.controller, a.version);
const lastVersion = ((await w.alice.get('/api/tenants/acme/apps/shop')).json as { version: number })
  .version;
for (const [controller, version] of latest) {
  const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller, version });
  const changes = (plan.json as { changes?: unknown[] }).changes ?? [];
  if (plan.status !== 200 || changes.length > 0)
    errors.push(
      `controller ${controller} does not hold version ${version}: ${changes.length} changes`,
    );
}
// the whole audit log of the app, page by page (newest first)
let auditedApplies = 0;
for (let before: number | undefined; ; ) {
  const page = (
    await w.admin.get(
      `/api/tenants/acme/audit?limit=1000&app=shop${before ? `&before=${before}` : ''}`,
    )
  ).json as { id: number; action: string; result: string }[];
  auditedApplies += page.filter((a) => a.action === 'apply' && a.result === 'ok').length;
  if (page.length < 1000) break;
  before = page.at(-1)?.id;
}
if (auditedApplies !== applied.length)
  errors.push(`audited ${auditedApplies} of ${applied.length} applies`);
const steadyFrames = steady.map((c) => c.frames);
if (steadyFrames.some((f) => f === 0)) errors.push('a steady stream client received nothing');

// heap trend over the second half (after warm-up): least-squares slope in MB per minute
const tail = samples.slice(Math.floor(samples.length / 2));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
const mx = mean(tail.map((s) => s.atMin));
const my = mean(tail.map((s) => s.heapMb));
const slope =
  tail.reduce((a, s) => a + (s.atMin - mx) * (s.heapMb - my), 0) /
  Math.max(
    tail.reduce((a, s) => a + (s.atMin - mx) ** 2, 0),
    1e-9,
  );
if (tail.length >= 4 && slope > 2) errors.push(`heap grows ${slope.toFixed(2)} MB/min`);
const metrics = await (await fetch(`${server.url}/metrics`)).text();
const metric = (name: string) =>
  Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);

const summary = {
  minutes,
  edits: tick,
  applies: applied.length,
  lastVersion,
  snapshots,
  streamClientsOpened: 5 + tick * 4,
  steadyClientFrames: steadyFrames,
  heapMb: { first: samples[0]?.heapMb, last: samples.at(-1)?.heapMb, slopeMbPerMin: slope },
  rssMb: { first: samples[0]?.rssMb, last: samples.at(-1)?.rssMb },
  sflowDatagrams: metric('netcanvas_sflow_datagrams_total'),
  wsDroppedFrames: metric('netcanvas_ws_dropped_frames_total'),
  errors,
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
for (const c of [...steady, ...churn]) c.ws.terminate();
await server.close();
await nb.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(errors.length === 0 ? 0 : 1);
