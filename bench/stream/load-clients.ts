/**
 * The dashboard clients, in their own process so they do not share the server's event loop:
 *
 *   tsx load-clients.ts WS_URL CLIENTS THROTTLED_EVERY WARMUP_S MEASURE_S PROBES
 *
 * Opens CLIENTS WebSockets, each subscribing to the app's ports, links and flows like the
 * console. Every THROTTLED_EVERY-th client (0: none) pauses its socket after the first frame
 * and never reads again (and reconnects, as the console does, if the server closes it).
 * PROBES clients spread evenly over the rest time each frame from the stamp in it to arrival;
 * the others read and discard. Prints one JSON line with the result.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { stampOf } from './payload.ts';
import { LatencyHistogram } from './stats.ts';

const [url = '', clientsArg, throttledArg, warmupArg, measureArg, probesArg] =
  process.argv.slice(2);
const CLIENTS = Number(clientsArg);
const THROTTLED_EVERY = Number(throttledArg);
const WARMUP_S = Number(warmupArg);
const MEASURE_S = Number(measureArg);
const PROBES = Math.min(Number(probesArg), CLIENTS);
const TOPICS = ['ports', 'links', 'flows'].map((s) => `app/bench/shop/${s}`);
const CONNECT_CONCURRENCY = 200;
/** a client not subscribed by then counts as failed; the run goes on with the others */
const CONNECT_TIMEOUT_MS = 20_000;
/** clients not yet started when connecting has taken this long are not tried (counted failed) */
const CONNECT_BUDGET_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();
const histogram = new LatencyHistogram();
let measuring = false;
let probeFrames = 0;
let reconnects = 0;
let failures = 0;
let closedByServer = 0;

type Role = 'probe' | 'reader' | 'throttled';
const throttled = (i: number) => THROTTLED_EVERY > 0 && i % THROTTLED_EVERY === THROTTLED_EVERY - 1;
const readers = Array.from({ length: CLIENTS }, (_, i) => i).filter((i) => !throttled(i));
const probeSet = new Set(
  Array.from({ length: PROBES }, (_, k) => readers[Math.floor((k * readers.length) / PROBES)]),
);
const roleOf = (i: number): Role =>
  throttled(i) ? 'throttled' : probeSet.has(i) ? 'probe' : 'reader';

/** Opens one client; resolves once it has its first frame of every topic (throttled: one). */
function open(role: Role): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      reject(new Error('not subscribed in time'));
      ws.terminate();
    }, CONNECT_TIMEOUT_MS);
    let first = 0;
    const needed = role === 'throttled' ? 1 : TOPICS.length;
    ws.on('open', () => {
      for (const topic of TOPICS) ws.send(JSON.stringify({ type: 'subscribe', topic }));
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    ws.on('message', (data: Buffer) => {
      if (first < needed && ++first === needed) {
        clearTimeout(timer);
        if (role === 'throttled') ws.pause();
        resolve();
      }
      if (role !== 'probe' || !measuring) return;
      const stamp = stampOf(data.toString('latin1'));
      if (stamp === undefined) return;
      probeFrames++;
      histogram.add(now() - stamp);
    });
    ws.on('close', () => {
      if (done) return;
      closedByServer++;
      if (role === 'throttled') {
        reconnects++;
        open(role).catch(() => {});
      }
    });
  });
}

let done = false;
const started = Date.now();
for (let i = 0; i < CLIENTS; i += CONNECT_CONCURRENCY) {
  if (Date.now() - started > CONNECT_BUDGET_MS) {
    failures += CLIENTS - i;
    break;
  }
  const batch = [];
  for (let j = i; j < Math.min(CLIENTS, i + CONNECT_CONCURRENCY); j++) batch.push(open(roleOf(j)));
  for (const r of await Promise.allSettled(batch)) if (r.status === 'rejected') failures++;
}
const connectMs = Date.now() - started;
process.stderr.write(`connected ${CLIENTS - failures} clients in ${connectMs} ms\n`);
await sleep(WARMUP_S * 1000);
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
measuring = true;
await sleep(MEASURE_S * 1000);
measuring = false;
loop.disable();
done = true;
process.stdout.write(
  `${JSON.stringify({
    clients: CLIENTS,
    probes: PROBES,
    connectMs,
    latency: histogram.summary(),
    probeFrames,
    reconnects,
    closedByServer,
    failures,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
  })}\n`,
);
process.exit(0);
