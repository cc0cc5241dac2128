import { describe, expect, it } from 'vitest';
import type { GenericInterfaceCounters, OpenFlowPort, PortName } from './counter-types.ts';
import { decodeDatagram } from './index.ts';
import { fixtureDatagrams } from './test-support/fixture.ts';
import type { CounterSample } from './types.ts';

// tshark 4.0.17 loses its place at OVS's record 1004, so counter samples are checked
// against what the lab is known to be (fixtures/README.md)
const decoded = fixtureDatagrams().map((u) => decodeDatagram(u.payload));
const counterSamples = decoded.flatMap((d) =>
  d.samples.filter((s): s is CounterSample => s.kind === 'counters'),
);

function record<T extends { type: string }>(s: CounterSample, type: T['type']): T | undefined {
  return s.records.find((r) => r.type === type) as T | undefined;
}

describe('OVS counter samples in the capture', () => {
  const ports = counterSamples.filter((s) => record(s, 'generic-interface'));

  it('reports the four OVS interfaces with their names and OpenFlow ports', () => {
    const names = new Map<number, string>();
    const ofPorts = new Map<number, number>();
    const datapaths = new Set<string>();
    for (const s of ports) {
      const g = record<GenericInterfaceCounters>(s, 'generic-interface');
      const n = record<PortName>(s, 'port-name');
      const of = record<OpenFlowPort>(s, 'openflow-port');
      expect(g?.ifIndex).toBe(s.sourceId.index);
      expect(s.sourceId.type).toBe(0);
      if (g && n) names.set(g.ifIndex, n.name);
      if (g && of) ofPorts.set(g.ifIndex, of.portNo);
      if (of) datapaths.add(of.datapathId);
    }
    expect(Object.fromEntries(names)).toEqual({
      67: 'br-int',
      68: 'ovnlab-vm1',
      69: 'ovnlab-vm2',
      70: 'ovnlab-vm3',
    });
    expect(Object.fromEntries(ofPorts)).toEqual({ 67: 65534, 68: 1, 69: 2, 70: 3 });
    expect([...datapaths]).toEqual(['00005aedb80bca4a']);
  });

  it('has 10 Gb/s interfaces, workload ports up, and counters that only grow', () => {
    const last = new Map<number, GenericInterfaceCounters>();
    for (const s of ports) {
      const g = record<GenericInterfaceCounters>(s, 'generic-interface');
      if (!g) continue;
      expect(g.ifSpeed).toBe(10_000_000_000);
      expect(g.ifType).toBe(6);
      if (g.ifIndex !== 67) expect(g.operUp).toBe(true);
      const prev = last.get(g.ifIndex);
      if (prev) {
        for (const k of ['inOctets', 'inUcastPkts', 'outOctets', 'outUcastPkts'] as const) {
          expect(g[k]).toBeGreaterThanOrEqual(prev[k] ?? 0);
        }
      }
      last.set(g.ifIndex, g);
    }
    expect(last.size).toBe(4);
    // OVS reports broadcast counters as unknown (all ones)
    expect(last.get(68)?.inBroadcastPkts).toBeNull();
  });

  it('has the bridge-level sample with process and datapath records', () => {
    const bridge = counterSamples.filter((s) => record(s, 'ovs-datapath'));
    expect(bridge).toHaveLength(5);
    for (const s of bridge) {
      expect(s.sourceId).toEqual({ type: 2, index: 1000 });
      expect(record(s, 'app-resources')).toMatchObject({ type: 'app-resources' });
    }
  });

  it('samples every flow at 1 in 16 between the three workloads and the router', () => {
    const macs = new Set([
      '50:54:00:00:00:01',
      '50:54:00:00:00:02',
      '50:54:00:00:00:03',
      '00:00:00:00:ff:01',
      '00:00:00:00:ff:02',
    ]);
    for (const d of decoded) {
      for (const s of d.samples) {
        if (s.kind !== 'flow') continue;
        expect(s.samplingRate).toBe(16);
        const raw = s.records.find((r) => r.type === 'raw-header');
        if (raw?.type !== 'raw-header') throw new Error('raw header missing');
        expect(macs.has(raw.decoded?.ethernet?.src ?? '')).toBe(true);
      }
    }
  });
});
