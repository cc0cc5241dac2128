import { templateById } from '@netcanvas/model';
import {
  decodeDatagram,
  encodeDatagram,
  type GenericInterfaceCounters,
  type SflowDatagram,
} from '@netcanvas/sflow';
import { describe, expect, it } from 'vitest';
import { discoverFlows } from './discover.ts';
import { TrafficEmitter } from './emitter.ts';

const flows = discoverFlows(
  'acme/shop',
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' }),
  (w) => ({ 'web-1': 1, 'web-2': 2, 'app-1': 3, 'app-2': 4, 'db-1': 5 })[w] ?? 99,
);
const ports = [1, 2, 3, 4, 5].map((ifIndex) => ({ ifIndex, name: `p${ifIndex}` }));

function emit(seed: number, ticks: number): Uint8Array[] {
  const e = new TrafficEmitter({
    agentAddress: '127.0.0.1',
    samplingRate: 64,
    seed,
    startedAtMs: 0,
  });
  const out: Uint8Array[] = [];
  for (let t = 1; t <= ticks; t++) {
    for (const d of e.tick(t * 250, flows, ports, true)) out.push(encodeDatagram(d));
  }
  return out;
}

const run = (seed: number, ticks: number): SflowDatagram[] =>
  emit(seed, ticks).map((b) => decodeDatagram(b));

describe('TrafficEmitter', () => {
  it('is deterministic given a seed and a clock', () => {
    const bytes = (seed: number) => Buffer.concat(emit(seed, 8)).toString('hex');
    expect(bytes(7)).toBe(bytes(7));
    expect(bytes(8)).not.toBe(bytes(7));
    const a = run(7, 8);
    expect(a.map((d) => d.sequence)).toEqual(a.map((_, i) => i + 1));
  });

  it('keeps every port counter rising and the octets consistent with the flows through it', () => {
    const datagrams = run(1, 40);
    const last = new Map<number, GenericInterfaceCounters>();
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
        }
        last.set(g.ifIndex, g);
      }
    }
    // db-1 (5) receives app→db requests and sends responses over 10 s: 2 flows each way
    const db = last.get(5)!;
    const bits = (octets: number | null) => ((octets ?? 0) * 8) / 10;
    expect(bits(db.outOctets)).toBeGreaterThanOrEqual(2 * 1_000_000 * 0.98);
    expect(bits(db.outOctets)).toBeLessThanOrEqual(2 * 4_000_000 * 1.02);
    expect(bits(db.inOctets)).toBeGreaterThanOrEqual(2 * 3_000_000 * 0.98);
    expect(bits(db.inOctets)).toBeLessThanOrEqual(2 * 12_000_000 * 1.02);
  });

  it('emits nothing when no time has passed', () => {
    const e = new TrafficEmitter({
      agentAddress: '127.0.0.1',
      samplingRate: 64,
      seed: 1,
      startedAtMs: 5,
    });
    expect(e.tick(5, flows, ports, true)).toEqual([]);
  });
});
