/** uPlot's data layout: x values then one array per series. */
export type Columns = [number[], ...(number | null)[][]];

/**
 * Samples of a few fields over time in fixed-size rings (1 h at 1 s = 3600 points), kept
 * outside React; timestamps only move forward, so a resumed stream never duplicates a point.
 */
export class RingSeries {
  readonly fields: readonly string[];
  readonly #capacity: number;
  readonly #t: Float64Array;
  readonly #values: Float64Array[];
  #start = 0;
  #length = 0;

  constructor(fields: readonly string[], capacity = 3600) {
    this.fields = fields;
    this.#capacity = capacity;
    this.#t = new Float64Array(capacity);
    this.#values = fields.map(() => new Float64Array(capacity));
  }

  get length(): number {
    return this.#length;
  }

  /** Time of the newest sample in seconds, or -Infinity. */
  get last(): number {
    return this.#length
      ? (this.#t[(this.#start + this.#length - 1) % this.#capacity] ?? 0)
      : -Infinity;
  }

  /** Appends a sample at `tSec`; false (and nothing kept) when it is not newer than the last. */
  push(tSec: number, values: readonly (number | null)[]): boolean {
    if (tSec <= this.last) return false;
    const i = (this.#start + this.#length) % this.#capacity;
    this.#t[i] = tSec;
    this.#values.forEach((col, f) => {
      col[i] = values[f] ?? Number.NaN;
    });
    if (this.#length < this.#capacity) this.#length++;
    else this.#start = (this.#start + 1) % this.#capacity;
    return true;
  }

  /** The samples of the last `windowSec` before the newest one, as uPlot columns. */
  columns(windowSec: number, fields: readonly number[] = this.fields.map((_, i) => i)): Columns {
    const from = this.last - windowSec;
    const xs: number[] = [];
    const ys: (number | null)[][] = fields.map(() => []);
    for (let k = 0; k < this.#length; k++) {
      const i = (this.#start + k) % this.#capacity;
      const t = this.#t[i] ?? 0;
      if (t < from) continue;
      xs.push(t);
      fields.forEach((f, j) => {
        const v = this.#values[f]?.[i] ?? Number.NaN;
        ys[j]?.push(Number.isNaN(v) ? null : v);
      });
    }
    return [xs, ...ys];
  }

  /** Every timestamp held, oldest first. */
  times(): number[] {
    return this.columns(Number.POSITIVE_INFINITY, [])[0];
  }
}
