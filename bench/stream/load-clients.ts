/**
 * The dashboard clients, in their own process so they do not share the server's event loop:
 *
 *   tsx load-clients.ts WS_URL CLIENTS THROTTLED_EVERY WARMUP_S MEASURE_S PROBES
 *
 * Opens CLIENTS WebSockets, each subscribing to the app's ports, links and flows like the
 * console (and, like it, asking for `?batch=1`; the naive server ignores the query). Every
 * THROTTLED_EVERY-th client (0: none) pauses its socket after the first frame and never reads
 * again (and reconnects, as the console does, if the server closes it). PROBES clients spread
 * evenly over the rest time each topic frame from the stamp in it to arrival (a batch message
 * holds one stamped frame per topic, so both servers are timed per topic frame); the others
 * read and discard. Prints one JSON line with the result, failed connections by cause.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { stampsOf } from './payload.ts';
import { LatencyHistogram } from './stats.ts';

const [url = '', clientsArg, throttledArg, warmupArg, measureArg, probesArg] =
  process.argv.slice(2);
const CLIENTS = Number(clientsArg);
const THROTTLED_EVERY = Number(throttledArg);
const WARMUP_S = Number(warmupArg);
const MEASURE_S = Number(measureArg);
const PROBES = Math.min(Number(probesArg), CLIENTS);
const TOPICS = ['ports', 'links', 'flows'].map((s) => `app/bench/shop/${s}`);
/** handshakes in flight at once: a new one starts as soon as one ends */
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
const failureCauses: Record<string, number> = {};

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
    const ws = new WebSocket(`${url}?batch=1`, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      reject(
        new Error(ws.readyState === WebSocket.OPEN ? 'no-snapshots-in-time' : 'no-open-in-time'),
      );
      ws.terminate();
    }, CONNECT_TIMEOUT_MS);
    let first = 0;
    const needed = role === 'throttled' ? 1 : TOPICS.length;
    ws.on('open', () => {
      for (const topic of TOPICS) ws.send(JSON.stringify({ type: 'subscribe', topic }));
    });
    ws.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(err.code ?? err.message));
    });
    ws.on('message', (data: Buffer) => {
      const timed = role === 'probe' && measuring;
      // readers past their first frames only discard, as before: no scan of their messages
      if (first >= needed && !timed) return;
      const at = now();
      const stamps = stampsOf(data.toString('latin1'));
      if (first < needed) {
        first += Math.max(1, stamps.length);
        if (first >= needed) {
          clearTimeout(timer);
          if (role === 'throttled') ws.pause();
          resolve();
        }
      }
      if (!timed) return;
      for (const stamp of stamps) {
        probeFrames++;
        histogram.add(at - stamp);
      }
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
let next = 0;
/** one of CONNECT_CONCURRENCY lanes: a slow handshake holds up its lane only, not a batch */
async function connectLane(): Promise<void> {
  while (next < CLIENTS && Date.now() - started <= CONNECT_BUDGET_MS) {
    const i = next++;
    try {
      await open(roleOf(i));
    } catch (err) {
      failures++;
      const cause = err instanceof Error ? err.message : String(err);
      failureCauses[cause] = (failureCauses[cause] ?? 0) + 1;
    }
  }
}
await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, connectLane));
if (next < CLIENTS) {
  failures += CLIENTS - next;
  failureCauses['not-tried-connect-budget-spent'] = CLIENTS - next;
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
    failureCauses,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
  })}\n`,
);
process.exit(0);
