import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type CounterSample,
  decodeDatagram,
  extractUdpPayloads,
  readCapture,
  type SflowDatagram,
} from '@netcanvas/sflow';
import type { ReceivedDatagram } from '@netcanvas/sflow/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from './protocol.ts';
import { appKeyOf, TelemetryPipeline } from './telemetry.ts';
import type { PortOwner } from './telemetry-views.ts';
import { type StreamFixture, startStreamServer, TestClient } from './test-support.ts';
import type { FlowEntry, HealthEntry, LinkLoad, PortLoad, StreamEvent } from './topic-values.ts';

const FIXTURE = fileURLToPath(
  new URL('../../../../packages/sflow/fixtures/ovs-3.1-http-udp-icmp.pcap', import.meta.url),
);
const APP = appKeyOf('acme', 'shop');
// fixtures/README.md: the lab's three workloads and their OVS ifIndexes
const OWNERS = new Map<number, PortOwner>([
  [68, { appKey: APP, objectId: 'vm1', nicId: 'nic0', portName: 'vm1', switchId: 'ls1' }],
  [69, { appKey: APP, objectId: 'vm2', nicId: 'nic0', portName: 'vm2', switchId: 'ls1' }],
  [70, { appKey: APP, objectId: 'vm3', nicId: 'nic0', portName: 'vm3', switchId: 'ls2' }],
]);
const resolve = (agent: string, ifIndex: number) =>
  agent === '127.0.0.1' ? OWNERS.get(ifIndex) : undefined;

const captured = extractUdpPayloads(readCapture(new Uint8Array(readFileSync(FIXTURE)))).map(
  (u) => ({
    datagram: decodeDatagram(u.payload),
    receivedAtMs: u.timestampMs,
  }),
);
// traffic stops after 13 s of the 23 s capture; replay up to the last sampled packet
const lastFlow = captured.findLastIndex((r) => r.datagram.samples.some((x) => x.kind === 'flow'));
const replayed = captured.slice(0, lastFlow + 1);
const endMs = replayed.at(-1)?.receivedAtMs ?? 0;

let fixture: StreamFixture;
let client: TestClient;
let pipeline: TelemetryPipeline;
const collector = new EventEmitter();

beforeAll(async () => {
  fixture = await startStreamServer();
  pipeline = new TelemetryPipeline({ hub: fixture.hub, resolve });
  pipeline.attach(collector);
  for (const r of replayed)
    collector.emit('datagram', { ...r, sequenceEvent: 'in-order' } as ReceivedDatagram);
  pipeline.refresh(endMs);
  fixture.hub.tick();
  client = await TestClient.open(fixture.url, 'root');
});
afterAll(async () => {
  await client.close();
  await fixture.close();
});

async function snapshot<V>(topic: string): Promise<Record<string, V>> {
  client.send({ type: 'subscribe', topic });
  const m: ServerMessage = await client.next();
  if (m.type !== 'snapshot') throw new Error(`expected a snapshot, got ${JSON.stringify(m)}`);
  return m.state as Record<string, V>;
}

describe('the telemetry pipeline on the OVS capture', () => {
  it('shows port rates for the three workloads', async () => {
    const ports = await snapshot<PortLoad>('app/acme/shop/ports');
    expect(Object.keys(ports).sort()).toEqual(['vm1/nic0', 'vm2/nic0', 'vm3/nic0']);
    for (const p of Object.values(ports)) {
      expect(p.up).toBe(true);
      expect(p.speedBps).toBe(10_000_000_000);
      expect(p.inBps).toBeGreaterThan(0);
      expect(p.outBps).toBeGreaterThan(0);
      expect(p.inPps).toBeGreaterThan(0);
    }
    expect(ports['vm1/nic0']).toMatchObject({ ifIndex: 68, ifName: 'ovnlab-vm1', portName: 'vm1' });
  });

  it('lists top flows with both ends resolved to workloads', async () => {
    const flows = Object.values(await snapshot<FlowEntry>('app/acme/shop/flows'));
    expect(flows.length).toBeGreaterThan(0);
    const routed = flows.find((f) => f.src === '10.0.1.11' && f.dst === '10.0.2.13');
    expect(routed).toMatchObject({
      srcEndpoint: { objectId: 'vm1', nicId: 'nic0' },
      dstEndpoint: { objectId: 'vm3', nicId: 'nic0' },
    });
    expect(routed?.bytesPerSec).toBeGreaterThan(0);
    for (const f of flows) {
      expect(f.srcEndpoint?.objectId).toMatch(/^vm[123]$/);
      expect(f.dstEndpoint?.objectId).toMatch(/^vm[123]$/);
    }
  });

  it('shows link loads per NIC and switch', async () => {
    const links = await snapshot<LinkLoad>('app/acme/shop/links');
    expect(links['vm3/nic0']).toMatchObject({ switchId: 'ls2', up: true });
    expect(links['vm3/nic0']?.toSwitchBps).toBeGreaterThan(0);
    expect(links['vm3/nic0']?.utilization).toBeGreaterThan(0);
  });

  it('reports agent health and br-int as unmapped', async () => {
    const health = await snapshot<HealthEntry>('telemetry/health');
    expect(health.totals).toMatchObject({
      kind: 'totals',
      agents: 1,
      datagrams: replayed.length,
      decodeErrors: 0,
    });
    expect(health.totals?.kind === 'totals' && health.totals.unmappedPorts).toBeGreaterThan(0);
    expect(health['unmapped:127.0.0.1|67']).toMatchObject({ ifIndex: 67, ifName: 'br-int' });
    expect(health['agent:127.0.0.1']).toMatchObject({ kind: 'agent', datagrams: replayed.length });
  });

  it('publishes a port-down event when a NIC goes down, and counts decode errors', async () => {
    client.send({ type: 'subscribe', topic: 'app/acme/shop/events' });
    expect(await client.next()).toMatchObject({ type: 'snapshot', state: {} });
    const down = portDown(replayed, 69);
    collector.emit('datagram', { datagram: down, receivedAtMs: endMs + 1000 });
    collector.emit('decode-error', {
      error: { code: 'truncated' },
      agent: '127.0.0.1',
      receivedAtMs: endMs + 1000,
    });
    pipeline.refresh(endMs + 1000);
    fixture.hub.tick();
    const frames = await client.drain(100);
    const events = frames.find((f) => f.type === 'delta' && f.topic.endsWith('/events'));
    const changes = events?.type === 'delta' ? Object.values(events.changes.set) : [];
    expect(changes as StreamEvent[]).toEqual([
      { kind: 'port-down', atMs: endMs + 1000, objectId: 'vm2', nicId: 'nic0', portName: 'vm2' },
    ]);
    const health = frames.find((f) => f.type === 'delta' && f.topic === 'telemetry/health');
    expect(health?.type === 'delta' && health.changes.set.totals).toMatchObject({
      decodeErrors: 1,
    });
  });
});

/** The last counter datagram of `ifIndex`, reported again a little later with the port down. */
function portDown(all: readonly { datagram: SflowDatagram }[], ifIndex: number): SflowDatagram {
  const d = all.findLast((r) =>
    r.datagram.samples.some((s) => s.kind === 'counters' && s.sourceId.index === ifIndex),
  )?.datagram;
  if (!d) throw new Error(`no counters for ifIndex ${ifIndex}`);
  const samples = d.samples
    .filter((s): s is CounterSample => s.kind === 'counters' && s.sourceId.index === ifIndex)
    .map((s) => ({
      ...s,
      sequence: s.sequence + 1,
      records: s.records.map((r) => (r.type === 'generic-interface' ? { ...r, operUp: false } : r)),
    }));
  return { ...d, sequence: d.sequence + 1, uptimeMs: d.uptimeMs + 1000, samples };
}
