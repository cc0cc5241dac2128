import { describe, expect, it } from 'vitest';
import { decodeDatagram } from '../datagram.ts';
import { fixtureDatagrams } from '../test-support/fixture.ts';
import type { FlowSample } from '../types.ts';
import { FlowTracker } from './flow-tracker.ts';
import { type FlowKey, flowKeyString, SlidingTopFlows } from './top-flows.ts';

/** Deterministic PRNG so the stream is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function flow(i: number): FlowKey {
  return {
    protocol: 6,
    src: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    dst: '10.255.0.1',
    srcPort: 1024 + (i % 60000),
    dstPort: 443,
  };
}

describe('top flows over sliding windows', () => {
  it('finds the exact top 10 of a skewed stream with bounded memory', () => {
    const random = mulberry32(42);
    const distinct = 20_000;
    // Zipf-like: weight of rank r ∝ 1 / r^1.1, sampled by inverse CDF over a table
    const cdf: number[] = [];
    let total = 0;
    for (let r = 1; r <= distinct; r++) {
      total += 1 / r ** 1.1;
      cdf.push(total);
    }
    const exact = new Map<string, number>();
    const w = new SlidingTopFlows({ windowMs: 10_000, bucketMs: 1000, capacity: 300 });
    const events = 200_000;
    for (let e = 0; e < events; e++) {
      const x = random() * total;
      let lo = 0;
      let hi = cdf.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cdf[mid] ?? 0) < x) lo = mid + 1;
        else hi = mid;
      }
      const key = flow(lo);
      const bytes = 64 + (lo % 1400);
      const now = 10_000 + (e / events) * 10_000;
      w.add(key, bytes, 1, now);
      // the window at 20 s covers buckets 11..20, i.e. adds from 11 s on
      if (now >= 11_000)
        exact.set(flowKeyString(key), (exact.get(flowKeyString(key)) ?? 0) + bytes);
    }
    expect(w.entries).toBeLessThanOrEqual(w.maxEntries);
    const top = w.top(10, 20_000);
    const truth = [...exact.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
    expect(top.map(flowKeyString)).toEqual(truth.map(([k]) => k));
    top.forEach((t, i) => {
      const trueRate = (truth[i]?.[1] ?? 0) / 9;
      expect(t.bytesPerSec).toBeGreaterThanOrEqual(trueRate * 0.999);
      expect(t.bytesPerSec - trueRate).toBeLessThanOrEqual(t.errorBytesPerSec + 1e-6);
      expect(t.bytesPerSec).toBeLessThan(trueRate * 1.05);
    });
  });

  it('stays within its cap when fed a million distinct flows', () => {
    const tracker = new FlowTracker();
    let peak = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const sample: FlowSample = {
        kind: 'flow',
        expanded: false,
        sequence: i,
        sourceId: { type: 0, index: 1 },
        samplingRate: 100,
        samplePool: i * 100,
        drops: 0,
        input: { format: 'ifindex', ifIndex: 1 },
        output: { format: 'ifindex', ifIndex: 2 },
        records: [{ type: 'sampled-ipv4', length: 1000, tos: 0, tcpFlags: 0, ...flow(i) }],
      };
      tracker.addFlowSample(sample, i * 0.09);
      if (i % 10_000 === 0) peak = Math.max(peak, tracker.entries);
    }
    expect(tracker.maxEntries).toBe(10 * 1000 + 12 * 1000);
    expect(peak).toBeLessThanOrEqual(tracker.maxEntries);
    expect(tracker.entries).toBeLessThanOrEqual(tracker.maxEntries);
    expect(tracker.top('60s', 5, 90_000)).toHaveLength(5);
  });

  it('ranks the capture flows: the UDP 5353 stream carries the most bytes', () => {
    const tracker = new FlowTracker();
    let last = 0;
    for (const u of fixtureDatagrams()) {
      tracker.addDatagram(decodeDatagram(u.payload), u.timestampMs);
      last = u.timestampMs;
    }
    const [first] = tracker.top('60s', 3, last);
    expect(first).toMatchObject({ protocol: 17, dstPort: 5353 });
    expect(first?.packetsPerSec).toBeGreaterThan(0);
    expect(tracker.top('10s', 3, last).length).toBeLessThanOrEqual(3);
    expect(tracker.top('nope', 3, last)).toEqual([]);
  });
});
