import { describe, expect, it } from 'vitest';
import { LatencyHistogram, largestPassing, percentile, slope, summarize } from './stats.ts';

describe('stream benchmark statistics', () => {
  it('takes nearest-rank percentiles, so p99 of 100 samples is the 99th', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(samples)).toEqual({ n: 100, p50: 50, p99: 99, max: 100 });
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('fits the growth of a memory series in units per x', () => {
    expect(
      slope([
        [0, 100],
        [60, 160],
        [120, 220],
      ]),
    ).toBeCloseTo(1, 9);
    expect(slope([[5, 1]])).toBe(0);
  });

  it('reports the largest client count before the first failing one', () => {
    const runs = [
      { n: 1000, result: 40 },
      { n: 100, result: 10 },
      { n: 5000, result: 90 },
      { n: 2500, result: 150 },
    ];
    expect(largestPassing(runs, (p99) => p99 < 100)).toBe(1000);
    expect(largestPassing(runs, (p99) => p99 < 5)).toBeUndefined();
  });

  it('gives the same percentiles from the histogram as from the samples, to 0.1 ms', () => {
    const h = new LatencyHistogram();
    const samples = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000).map((v) => v / 3);
    for (const s of samples) h.add(s);
    const exact = summarize(samples);
    const approx = h.summary();
    expect(approx.n).toBe(1000);
    expect(Math.abs(approx.p50 - exact.p50)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(approx.p99 - exact.p99)).toBeLessThanOrEqual(0.05);
    expect(approx.max).toBe(exact.max);
    expect(new LatencyHistogram().summary().n).toBe(0);
  });
});
