import { createSocket } from 'node:dgram';
import {
  encodeDatagram,
  type FlowSample,
  rawHeaderRecord,
  type SflowInterface,
} from '@netcanvas/sflow';
import { type ReceivedDatagram, SflowCollector } from '@netcanvas/sflow/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamHub } from './hub.ts';
import { appKeyOf, TelemetryPipeline } from './telemetry.ts';
import type { PortOwner } from './telemetry-views.ts';
import type { FlowEntry } from './topic-values.ts';

const APP = appKeyOf('acme', 'shop');
const OWNERS = new Map<number, PortOwner>([
  [1, { appKey: APP, objectId: 'web-1', nicId: 'eth0', portName: 'web-1/eth0' }],
  [3, { appKey: APP, objectId: 'app-1', nicId: 'eth0', portName: 'app-1/eth0' }],
  [5, { appKey: APP, objectId: 'db-1', nicId: 'eth0', portName: 'db-1/eth0' }],
]);
const IP = { 'web-1': '10.0.1.11', 'app-1': '10.0.2.11', 'db-1': '10.0.3.11' } as const;
const RATE = 256;
const SYN = 74;

let sequence = 0;
function sample(
  from: keyof typeof IP,
  inIf: number,
  to: keyof typeof IP,
  output: SflowInterface,
  frameLength: number,
): FlowSample {
  return {
    kind: 'flow',
    expanded: false,
    sequence: ++sequence,
    sourceId: { type: 0, index: inIf },
    samplingRate: RATE,
    samplePool: sequence * RATE,
    drops: 0,
    input: { format: 'ifindex', ifIndex: inIf },
    output,
    records: [
      rawHeaderRecord({
        ethernet: { src: '0a:00:00:00:00:01', dst: '0a:00:00:00:00:02' },
        ip: { version: 4, src: IP[from], dst: IP[to] },
        transport: { protocol: 'tcp', srcPort: 40000, dstPort: 5432, flags: 0x02 },
        frameLength,
      }),
    ],
  };
}

describe('dropped-by-firewall flows from real sFlow datagrams over UDP', () => {
  const collector = new SflowCollector({ port: 0, families: ['ipv4'], ipv4Address: '127.0.0.1' });
  const hub = new StreamHub();
  let flows: Record<string, FlowEntry> = {};
  let firstMs = 0;
  let lastMs = 0;

  beforeAll(async () => {
    await collector.start();
    const pipeline = new TelemetryPipeline({
      hub,
      resolve: (agent, ifIndex) => (agent === '127.0.0.1' ? OWNERS.get(ifIndex) : undefined),
    });
    pipeline.attach(collector);
    let received = 0;
    collector.on('datagram', (r: ReceivedDatagram) => {
      received++;
      firstMs ||= r.receivedAtMs;
      lastMs = r.receivedAtMs;
    });
    hub.onPublish((topic, state) => {
      if (topic === 'app/acme/shop/flows') flows = state as Record<string, FlowEntry>;
    });
    const socket = createSocket('udp4');
    const port = collector.addresses().ipv4?.port ?? 0;
    const datagrams = [
      // web-1 tries the database directly: the sandbox's ACL verdict (reason 258)
      ...Array.from({ length: 6 }, () =>
        sample('web-1', 1, 'db-1', { format: 'discard', reason: 258 }, SYN),
      ),
      // the same drop as Open vSwitch reports it: discard, reason 256 (unknown)
      ...Array.from({ length: 2 }, () =>
        sample('app-1', 3, 'web-1', { format: 'discard', reason: 256 }, SYN),
      ),
      // app-1 → db-1 is allowed and delivered to db-1's port
      ...Array.from({ length: 4 }, () =>
        sample('app-1', 3, 'db-1', { format: 'ifindex', ifIndex: 5 }, 1200),
      ),
    ].map((s, i) =>
      encodeDatagram({
        agent: '127.0.0.1',
        subAgentId: 0,
        sequence: i + 1,
        uptimeMs: 1000 + i,
        samples: [s],
      }),
    );
    for (const d of datagrams)
      await new Promise<void>((done, fail) =>
        socket.send(d, port, '127.0.0.1', (err) => (err ? fail(err) : done())),
      );
    socket.close();
    const deadline = Date.now() + 5_000;
    while (received < datagrams.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(received).toBe(datagrams.length);
    // five seconds after the first sample: its rate is averaged over that much
    pipeline.refresh(firstMs + 5_000);
  });
  afterAll(async () => {
    await collector.close();
  });

  it('lists the dropped flow with its reason and rate, apart from delivered traffic', () => {
    const dropped = Object.entries(flows).filter(([, f]) => f.dropped);
    const webToDb = dropped.find(([, f]) => f.src === IP['web-1'] && f.dst === IP['db-1']);
    expect(webToDb?.[0]).toBe(`drop|6|${IP['web-1']}|40000|${IP['db-1']}|5432`);
    expect(webToDb?.[1]).toMatchObject({
      protocol: 6,
      dstPort: 5432,
      dropped: { reason: 258 },
      // ends are resolved from the ports the attempts entered on
      srcEndpoint: { objectId: 'web-1', nicId: 'eth0' },
    });
    // 6 samples × 256 packets × (74 bytes + FCS) over the 5 s since the first one
    expect(webToDb?.[1].bytesPerSec).toBe(Math.round((6 * RATE * (SYN + 4)) / 5));
    expect(lastMs - firstMs).toBeLessThan(1000);
    const ovs = dropped.find(([, f]) => f.src === IP['app-1'] && f.dst === IP['web-1']);
    expect(ovs?.[1].dropped).toEqual({ reason: 256 });
  });

  it('never counts a drop as delivered traffic', () => {
    const delivered = Object.values(flows).filter((f) => !f.dropped);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ src: IP['app-1'], dst: IP['db-1'] });
    // its window starts at its own first sample, a few ms after the drops'
    const expected = (4 * RATE * 1204) / ((firstMs + 5_000 - firstMs) / 1000);
    expect((delivered[0]?.bytesPerSec ?? 0) / expected).toBeGreaterThanOrEqual(1);
    expect((delivered[0]?.bytesPerSec ?? 0) / expected).toBeLessThan(1.05);
    expect(delivered.some((f) => f.src === IP['web-1'])).toBe(false);
  });
});
