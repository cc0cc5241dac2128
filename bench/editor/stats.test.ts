import { describe, expect, it } from 'vitest';
import { median, percentile, summarizeFrames } from './stats.ts';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);

  it('takes the nearest rank, whatever the input order', () => {
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([16.7, 50, 16.6], 50)).toBe(16.7);
  });

  it('lets one slow frame in twenty show at p95 but not at p50', () => {
    const frames = [...Array.from({ length: 19 }, () => 16.7), 120];
    expect(percentile(frames, 50)).toBe(16.7);
    expect(percentile(frames, 95)).toBe(16.7);
    expect(percentile([...frames.slice(0, 18), 120, 120], 95)).toBe(120);
  });

  it('has no value for no samples and refuses a percentile outside 0-100', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(median([])).toBeUndefined();
    expect(() => percentile([1], 101)).toThrow(/0-100, not 101/);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('summarizeFrames', () => {
  it('reports count, percentiles and the worst frame', () => {
    const s = summarizeFrames([16, 17, 16, 18, 40]);
    expect(s).toEqual({ frames: 5, p50: 17, p95: 40, p99: 40, max: 40 });
  });

  it('says so when no frame was recorded', () => {
    expect(() => summarizeFrames([])).toThrow(/no frames/);
  });
});
