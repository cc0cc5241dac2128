import { templateById } from '@netcanvas/model';
import {
  FlowTracker,
  type GenericInterfaceCounters,
  PortRateTracker,
  type RawPacketHeader,
  type SflowDatagram,
} from '@netcanvas/sflow';
import { SflowCollector } from '@netcanvas/sflow/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_PROFILES, SandboxController } from '../index.ts';

const COLLECT_MS = 2000;
const TOLERANCE = 0.2;

interface Seen {
  proto: number;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  sourceIf: number;
  /** the sFlow discard reason when the switch dropped the packet */
  discard: number | undefined;
  flags: number;
}

describe('sandbox telemetry over real UDP on loopback', () => {
  const controller = new SandboxController();
  const collector = new SflowCollector({ port: 0, families: ['ipv4'], ipv4Address: '127.0.0.1' });
  const datagrams: SflowDatagram[] = [];
  const ports = new PortRateTracker();
  const flowTracker = new FlowTracker({ windows: { all: { windowMs: 10_000, bucketMs: 1000 } } });
  let doneAt = 0;

  beforeAll(async () => {
    collector.on('datagram', ({ datagram, receivedAtMs }) => {
      datagrams.push(datagram);
      ports.addDatagram(datagram, receivedAtMs);
      flowTracker.addDatagram(datagram, receivedAtMs);
    });
    await collector.start();
    const port = collector.addresses().ipv4?.port ?? 0;
    await controller.apply(
      templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' }),
    );
    await controller.startTelemetry({
      collector: { host: '127.0.0.1', port },
      intervalMs: 100,
      counterIntervalMs: 250,
      samplingRate: 16,
      seed: 42,
    });
    await new Promise((r) => setTimeout(r, COLLECT_MS));
    // a busy machine runs fewer ticks in that time: wait for six counter rounds of the five ports
    const counters = () =>
      datagrams.reduce((n, d) => n + d.samples.filter((s) => s.kind === 'counters').length, 0);
    const deadline = Date.now() + 8_000;
    while (counters() < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await controller.stopTelemetry();
    doneAt = Date.now();
    // let the last datagrams in flight arrive
    await new Promise((r) => setTimeout(r, 50));
  });

  afterAll(async () => {
    await controller.close();
    await collector.close();
  });

  const flows = (): Seen[] =>
    datagrams.flatMap((d) =>
      d.samples.flatMap((s) => {
        if (s.kind !== 'flow') return [];
        const h = s.records.find((r): r is RawPacketHeader => r.type === 'raw-header');
        const ip = h?.decoded?.ip;
        const t = h?.decoded?.transport;
        if (!ip || !t || t.protocol !== 'tcp') return [];
        return [
          {
            proto: ip.protocol,
            src: ip.src,
            dst: ip.dst,
            srcPort: t.srcPort,
            dstPort: t.dstPort,
            sourceIf: s.sourceId.index,
            discard: s.output.format === 'discard' ? s.output.reason : undefined,
            flags: t.flags,
          },
        ];
      }),
    );

  it('receives decodable datagrams from the agent, in sequence', () => {
    expect(collector.stats().decodeErrors).toBe(0);
    expect(datagrams.length).toBeGreaterThan(20);
    expect(datagrams.every((d) => d.agent === '127.0.0.1')).toBe(true);
    const seqs = datagrams.map((d) => d.sequence);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('samples what the policy permits, spread over both web backends, and delivers nothing it denies', () => {
    const seen = flows().filter((f) => f.discard === undefined);
    const any = (pred: (f: Seen) => boolean) => seen.some(pred);
    expect(
      any((f) => f.src.startsWith('10.0.1.') && f.dst.startsWith('10.0.2.') && f.dstPort === 8080),
    ).toBe(true);
    expect(
      any((f) => f.src.startsWith('10.0.2.') && f.dst === '10.0.3.11' && f.dstPort === 5432),
    ).toBe(true);
    expect(
      any((f) => f.src.startsWith('198.51.100.') && f.dst === '10.0.1.11' && f.dstPort === 80),
    ).toBe(true);
    expect(
      any((f) => f.src.startsWith('198.51.100.') && f.dst === '10.0.1.12' && f.dstPort === 80),
    ).toBe(true);
    expect(any((f) => f.src.startsWith('10.0.1.') && f.dst.startsWith('10.0.3.'))).toBe(false);
    expect(
      any((f) => f.dst.startsWith('10.0.1.') && f.src.startsWith('10.0.3.') && f.srcPort !== 5432),
    ).toBe(false);
  });

  it('samples the web tier trying the database as discarded by the ACL, SYNs that are never answered', () => {
    const dropped = flows().filter((f) => f.discard !== undefined);
    const web1 = controller.portMap().find((e) => e.workloadId === 'web-1')!;
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.some((f) => f.src === '10.0.1.11' && f.sourceIf === web1.ifIndex)).toBe(true);
    for (const f of dropped) {
      expect(f).toMatchObject({ dst: '10.0.3.11', dstPort: 5432, discard: 258, flags: 0x02 });
      expect(f.src.startsWith('10.0.1.')).toBe(true);
    }
    // no answer ever comes back from the database to a web server
    expect(flows().some((f) => f.src === '10.0.3.11' && f.dst.startsWith('10.0.1.'))).toBe(false);
  });

  it('maps every sample back to a workload NIC through the port map', () => {
    const map = new Map(controller.portMap().map((e) => [`${e.agent}|${e.ifIndex}`, e]));
    expect(map.size).toBe(5);
    const ifIndexes = datagrams.flatMap((d) =>
      d.samples.map((s) => (s.kind === 'unknown' ? -1 : `${d.agent}|${s.sourceId.index}`)),
    );
    for (const k of new Set(ifIndexes)) expect(map.get(String(k))?.appKey).toBe('acme/shop');
    const web1 = controller.portMap().find((e) => e.workloadId === 'web-1')!;
    const into = flows().filter((f) => f.dst === '10.0.1.11' && f.dstPort === 80);
    expect(into.every((f) => f.sourceIf === web1.ifIndex)).toBe(true);
  });

  it('sends counters that only go up, per port', () => {
    const last = new Map<number, GenericInterfaceCounters>();
    let compared = 0;
    for (const d of datagrams) {
      for (const s of d.samples) {
        if (s.kind !== 'counters') continue;
        const g = s.records.find(
          (r): r is GenericInterfaceCounters => r.type === 'generic-interface',
        )!;
        const prev = last.get(g.ifIndex);
        if (prev) {
          expect(g.inOctets!).toBeGreaterThanOrEqual(prev.inOctets!);
          expect(g.outOctets!).toBeGreaterThanOrEqual(prev.outOctets!);
          expect(g.inUcastPkts!).toBeGreaterThanOrEqual(prev.inUcastPkts!);
          compared++;
        }
        last.set(g.ifIndex, g);
      }
    }
    expect(last.size).toBe(5);
    expect(compared).toBeGreaterThan(20);
  });

  it('yields port and flow rates, as the sflow aggregation computes them, inside the plausible ranges', () => {
    const db = controller.portMap().find((e) => e.workloadId === 'db-1')!;
    const rate = ports.get('127.0.0.1', db.ifIndex)!;
    // db-1 answers two app servers (3–12 Mbit/s each) and hears their queries (1–4 Mbit/s each)
    expect(rate.inBitsPerSec!).toBeGreaterThanOrEqual(2 * 3e6 * (1 - TOLERANCE));
    expect(rate.inBitsPerSec!).toBeLessThanOrEqual(2 * 12e6 * (1 + TOLERANCE));
    expect(rate.outBitsPerSec!).toBeGreaterThanOrEqual(2 * 1e6 * (1 - TOLERANCE));
    expect(rate.outBitsPerSec!).toBeLessThanOrEqual(2 * 4e6 * (1 + TOLERANCE));
    const top = flowTracker.top('all', 100, doneAt);
    for (const f of top) {
      const ranges = rangesFor(f.srcPort, f.dstPort);
      expect(ranges, `${f.src}:${f.srcPort} → ${f.dst}:${f.dstPort}`).toBeDefined();
      const bps = f.bytesPerSec * 8;
      expect(bps).toBeGreaterThanOrEqual(ranges!.min * (1 - TOLERANCE));
      expect(bps).toBeLessThanOrEqual(ranges!.max * (1 + TOLERANCE));
    }
    expect(top.length).toBe(20);
  });
});

/** The configured range of a sampled 5-tuple: requests go to the service port, responses come from it. */
function rangesFor(srcPort: number, dstPort: number) {
  const { web, app, db } = RATE_PROFILES;
  const byPort = new Map([
    [80, web],
    [8080, app],
    [5432, db],
  ]);
  const request = byPort.get(dstPort);
  return request ? request.request : byPort.get(srcPort)?.response;
}
