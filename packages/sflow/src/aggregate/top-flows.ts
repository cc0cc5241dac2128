import { SpaceSaving } from './space-saving.ts';

/** A flow's 5-tuple; ports are 0 for protocols without ports. */
export interface FlowKey {
  readonly protocol: number;
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
}

/** Estimated rates of one flow over a window. */
export interface FlowEstimate extends FlowKey {
  readonly bytesPerSec: number;
  readonly packetsPerSec: number;
  /** the estimate may exceed the truth by up to this much */
  readonly errorBytesPerSec: number;
}

export interface SlidingWindowOptions {
  /** window length (default 10 s) */
  readonly windowMs?: number;
  /** bucket length: the window slides in these steps (default 1 s) */
  readonly bucketMs?: number;
  /** flows kept per bucket (default 1000) */
  readonly capacity?: number;
}

interface Bucket {
  id: number;
  summary: SpaceSaving<FlowKey>;
}

export function flowKeyString(k: FlowKey): string {
  return `${k.protocol}|${k.src}|${k.srcPort}|${k.dst}|${k.dstPort}`;
}

/**
 * Top flows by bytes over a sliding window: a ring of per-bucket Space-Saving summaries.
 * Memory is at most (windowMs / bucketMs) × capacity flows, whatever the number of
 * distinct flows seen.
 */
export class SlidingTopFlows {
  readonly windowMs: number;
  readonly bucketMs: number;
  readonly capacity: number;
  readonly #buckets: Bucket[];
  #startedMs: number | undefined;
  #latestId = Number.NEGATIVE_INFINITY;

  constructor(options: SlidingWindowOptions = {}) {
    this.windowMs = options.windowMs ?? 10_000;
    this.bucketMs = options.bucketMs ?? 1000;
    this.capacity = options.capacity ?? 1000;
    const count = Math.max(1, Math.ceil(this.windowMs / this.bucketMs));
    this.#buckets = Array.from({ length: count }, () => ({
      id: Number.NaN,
      summary: new SpaceSaving<FlowKey>(this.capacity),
    }));
  }

  /** Most flows this window can hold at once. */
  get maxEntries(): number {
    return this.#buckets.length * this.capacity;
  }

  /** Flows held now (across buckets). */
  get entries(): number {
    let n = 0;
    for (const b of this.#buckets) n += b.summary.size;
    return n;
  }

  add(key: FlowKey, bytes: number, packets: number, nowMs: number): void {
    const id = Math.floor(nowMs / this.bucketMs);
    // older than the window: nothing left to add it to
    if (id <= this.#latestId - this.#buckets.length) return;
    this.#startedMs ??= nowMs;
    this.#latestId = Math.max(this.#latestId, id);
    const bucket = this.#buckets[id % this.#buckets.length] as Bucket;
    if (bucket.id !== id) {
      bucket.id = id;
      bucket.summary.clear();
    }
    bucket.summary.add(flowKeyString(key), key, bytes, packets);
  }

  /** The `n` heaviest flows by bytes over the window ending at `nowMs`. */
  top(n: number, nowMs: number): FlowEstimate[] {
    const id = Math.floor(nowMs / this.bucketMs);
    const merged = new Map<
      string,
      { key: FlowKey; bytes: number; packets: number; error: number }
    >();
    for (const b of this.#buckets) {
      if (!(b.id <= id && b.id > id - this.#buckets.length)) continue;
      for (const e of b.summary.entries()) {
        const m = merged.get(e.key);
        if (m) {
          m.bytes += e.weight;
          m.packets += e.packets;
          m.error += e.error;
        } else
          merged.set(e.key, { key: e.item, bytes: e.weight, packets: e.packets, error: e.error });
      }
    }
    const seconds = this.#coveredMs(nowMs, id) / 1000;
    return [...merged.values()]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, n)
      .map((m) => ({
        ...m.key,
        bytesPerSec: m.bytes / seconds,
        packetsPerSec: m.packets / seconds,
        errorBytesPerSec: m.error / seconds,
      }));
  }

  #coveredMs(nowMs: number, id: number): number {
    const window = (this.#buckets.length - 1) * this.bucketMs + (nowMs - id * this.bucketMs);
    const since = this.#startedMs === undefined ? window : nowMs - this.#startedMs;
    return Math.max(Math.min(window, since), this.bucketMs);
  }
}
