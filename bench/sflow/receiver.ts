/**
 * netcanvas side of the live ingest benchmark (a child process): an SflowCollector on
 * 127.0.0.1, every flow sample into a FlowTracker keyed by 5-tuple and per-input-port byte
 * totals — the same aggregation sfacctd is configured with. Prints {"port":N} once
 * listening; on "stop" on stdin prints the totals as one JSON line and exits.
 */
import { createInterface } from 'node:readline';
import { FlowTracker, flowKeyString, observeFlowSample } from '@netcanvas/sflow';
import { SflowCollector } from '@netcanvas/sflow/node';
import { socketDrops } from './proc-net.ts';

/** One bucket spanning the whole run: top() rates are then totals per RUN_MS. */
const RUN_MS = 3_600_000;
const t0 = Date.now();
const collector = new SflowCollector({
  port: 0,
  families: ['ipv4'],
  ipv4Address: '127.0.0.1',
  now: () => Date.now() - t0,
});
const flows = new FlowTracker({
  windows: { run: { windowMs: RUN_MS, bucketMs: RUN_MS, capacity: 1000 } },
});
const portBytes = new Map<number, { bytes: number; packets: number }>();
let flowSamples = 0;
let samples = 0;
collector.on('datagram', ({ datagram, receivedAtMs }) => {
  samples += datagram.samples.length;
  for (const s of datagram.samples) {
    if (s.kind !== 'flow') continue;
    flowSamples++;
    flows.addFlowSample(s, receivedAtMs);
    const o = observeFlowSample(s);
    if (!o || s.input.format !== 'ifindex') continue;
    const p = portBytes.get(s.input.ifIndex) ?? { bytes: 0, packets: 0 };
    p.bytes += o.bytes;
    p.packets += o.packets;
    portBytes.set(s.input.ifIndex, p);
  }
});
await collector.start();
const port = collector.addresses().ipv4?.port ?? 0;
process.stdout.write(
  `${JSON.stringify({ port, recvBufferBytes: collector.recvBufferSizes().ipv4 })}\n`,
);

const cpu0 = process.cpuUsage();
createInterface({ input: process.stdin }).on('line', async (line) => {
  if (line.trim() !== 'stop') return;
  const cpu = process.cpuUsage(cpu0);
  const drops = await socketDrops(port);
  const stats = collector.stats();
  const now = Date.now() - t0;
  const top = flows.top('run', 1000, now).map((f) => ({
    key: flowKeyString(f),
    bytes: Math.round((f.bytesPerSec * RUN_MS) / 1000),
    packets: Math.round((f.packetsPerSec * RUN_MS) / 1000),
  }));
  await collector.close();
  process.stdout.write(
    `${JSON.stringify({
      received: stats.received,
      decoded: stats.decoded,
      decodeErrors: stats.decodeErrors,
      lost: stats.agents[0]?.lostDatagrams ?? 0,
      samples,
      flowSamples,
      drops,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      top,
      ports: Object.fromEntries([...portBytes].map(([k, v]) => [k, v])),
    })}\n`,
  );
  process.exit(0);
});
