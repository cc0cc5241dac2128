/** The `p`th percentile (0-100) of `values` by the nearest-rank method; undefined if empty. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`a percentile is 0-100, not ${p}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** The median of `values`; undefined if empty. */
export function median(values: readonly number[]): number | undefined {
  return percentile(values, 50);
}

/** How a run of frames went: count and p50/p95/p99/max of the frame times in ms. */
export interface FrameSummary {
  readonly frames: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Summarizes requestAnimationFrame deltas (ms). */
export function summarizeFrames(deltas: readonly number[]): FrameSummary {
  if (deltas.length === 0) throw new RangeError('no frames were recorded');
  return {
    frames: deltas.length,
    p50: percentile(deltas, 50) as number,
    p95: percentile(deltas, 95) as number,
    p99: percentile(deltas, 99) as number,
    max: Math.max(...deltas),
  };
}
