/**
 * A stream server in its own process, for the fan-out and memory runs:
 *
 *   tsx broadcast-server.ts netcanvas|naive PAYLOADS.json
 *
 * Both publish the same three topic states (payload.ts) at 4 Hz on /api/stream. `netcanvas`
 * is the server's StreamHub behind attachStream (serialize and encode once per topic per tick,
 * deltas, one batch message per client per tick for clients asking `?batch=1` as the load
 * clients do, slow clients skipped and resynced); `naive` keeps a Set of sockets per topic and
 * does `clients.forEach(c => c.send(JSON.stringify(x)))` per update (JSON.stringify timed in
 * both). Both listen with a backlog of 4,096 (Node's default is 511) so a burst of connects is
 * not refused by the kernel before either server sees it.
 * Prints `{port}` once, then
 * one JSON line of counters per second; exits on stdin EOF.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { attachStream, StreamHub } from '../../apps/server/src/stream/index.ts';
import { type Payloads, stateAt } from './payload.ts';

const RATE_HZ = 4;
const [mode, file] = process.argv.slice(2);
if ((mode !== 'netcanvas' && mode !== 'naive') || !file) {
  process.stderr.write('usage: broadcast-server.ts netcanvas|naive PAYLOADS.json\n');
  process.exit(2);
}
const payloads = JSON.parse(readFileSync(file, 'utf8')) as Payloads;
const TOPICS = (['ports', 'links', 'flows'] as const).map(
  (s) => [`app/bench/shop/${s}`, payloads[s]] as const,
);
const now = () => performance.timeOrigin + performance.now();
let serializeMs = 0;
/** JSON.stringify, timed: how much of a tick is serialization */
const stringify = (value: unknown): string => {
  const t0 = performance.now();
  const text = JSON.stringify(value);
  serializeMs += performance.now() - t0;
  return text;
};

const server = createServer((_req, res) => res.writeHead(404).end());
await new Promise<void>((resolve) =>
  server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve),
);

/** One tick's work: publish and send every topic; returns counters for the stats line. */
let tick: (n: number) => void;
let counters: () => Record<string, number>;

if (mode === 'netcanvas') {
  const hub = new StreamHub({ rateHz: RATE_HZ, serialize: stringify });
  const stream = attachStream(server, {
    authorize: () => ({}),
    canSubscribe: () => true,
    hub,
  });
  // the hub's own ticker stays off: the same tick() runs right after publishing, so the
  // stamp taken before publish() measures delivery, not the wait for the next tick
  tick = (n) => {
    const stamp = now();
    for (const [topic, base] of TOPICS) {
      hub.publish(topic as `app/bench/shop/ports`, stateAt(base, n, stamp) as never);
    }
    hub.tick();
  };
  counters = () => {
    const m = stream.metrics();
    return {
      clients: m.clients,
      bufferedBytes: m.bufferedBytes,
      framesSent: m.framesSent,
      messagesSent: m.messagesSent,
      framesDropped: m.framesDropped,
      snapshotsSent: m.snapshotsSent,
      heartbeatTimeouts: m.heartbeatTimeouts,
    };
  };
} else {
  const wss = new WebSocketServer({ server, path: '/api/stream' });
  const subscribers = new Map<string, Set<WebSocket>>(TOPICS.map(([t]) => [t, new Set()]));
  const current = new Map<string, Record<string, unknown>>(
    TOPICS.map(([t, base]) => [t, stateAt(base, 0, now())]),
  );
  let framesSent = 0;
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { type: string; topic: string };
      const set = subscribers.get(msg.topic);
      if (msg.type !== 'subscribe' || !set) return;
      set.add(ws);
      ws.send(
        JSON.stringify({ type: 'snapshot', topic: msg.topic, state: current.get(msg.topic) }),
      );
    });
    ws.on('close', () => {
      for (const set of subscribers.values()) set.delete(ws);
    });
    ws.on('error', () => {});
  });
  tick = (n) => {
    const stamp = now();
    for (const [topic, base] of TOPICS) {
      const state = stateAt(base, n, stamp);
      current.set(topic, state);
      const x = { type: 'state', topic, state };
      const clients = subscribers.get(topic) ?? new Set();
      clients.forEach((c) => {
        c.send(stringify(x));
      });
      framesSent += clients.size;
    }
  };
  counters = () => {
    let buffered = 0;
    for (const ws of wss.clients) buffered += ws.bufferedAmount;
    return { clients: wss.clients.size, bufferedBytes: buffered, framesSent };
  };
}

const { port } = server.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ port })}\n`);

let n = 0;
let tickMsMax = 0;
let tickMs = 0;
let serializeMsTotal = 0;
let tickCpuMs = 0;
setInterval(() => {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  serializeMs = 0;
  tick(++n);
  const took = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  tickCpuMs += (cpu.user + cpu.system) / 1000;
  tickMs += took;
  serializeMsTotal += serializeMs;
  tickMsMax = Math.max(tickMsMax, took);
}, 1000 / RATE_HZ);

setInterval(() => {
  const m = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({ atMs: Date.now(), rss: m.rss, heapUsed: m.heapUsed, external: m.external, ticks: n, tickMs, tickCpuMs, serializeMs: serializeMsTotal, tickMsMax, ...counters() })}\n`,
  );
  tickMsMax = 0;
}, 1000);

process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
