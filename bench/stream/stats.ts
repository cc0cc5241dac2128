/** Percentiles and trends for the stream benchmark (pure). */

/** Summary of a set of latencies in milliseconds. */
export interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** The value at quantile `q` (0..1) by nearest rank; NaN for no samples. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** p50, p99 and max of `samples` (any order). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
  };
}

/** Least-squares slope of y over x; 0 with fewer than two distinct x. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  let sx = 0;
  let sy = 0;
  for (const [x, y] of points) {
    sx += x;
    sy += y;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** The largest `n` whose result passes, scanning sizes in order and stopping at the first failure. */
export function largestPassing<T>(
  results: readonly { readonly n: number; readonly result: T }[],
  pass: (r: T) => boolean,
): number | undefined {
  let best: number | undefined;
  for (const { n, result } of [...results].sort((a, b) => a.n - b.n)) {
    if (!pass(result)) break;
    best = n;
  }
  return best;
}

/** Latencies counted in 0.1 ms buckets up to 60 s: constant memory for millions of frames. */
export class LatencyHistogram {
  readonly #buckets = new Uint32Array(600_000);
  #n = 0;
  #max = 0;

  add(ms: number): void {
    const b = Math.min(this.#buckets.length - 1, Math.max(0, Math.round(ms * 10)));
    this.#buckets[b] = (this.#buckets[b] ?? 0) + 1;
    this.#n++;
    if (ms > this.#max) this.#max = ms;
  }

  /** p50 and p99 to the bucket (0.1 ms), max exact. */
  summary(): Summary {
    const at = (q: number) => {
      const rank = Math.max(1, Math.ceil(q * this.#n));
      let seen = 0;
      for (let b = 0; b < this.#buckets.length; b++) {
        seen += this.#buckets[b] ?? 0;
        if (seen >= rank) return b / 10;
      }
      return Number.NaN;
    };
    return this.#n === 0
      ? { n: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN }
      : { n: this.#n, p50: at(0.5), p99: at(0.99), max: this.#max };
  }
}
