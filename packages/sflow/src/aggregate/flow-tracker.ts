import type { DecodedPacket } from '../packet-types.ts';
import type { FlowSample, SflowDatagram } from '../types.ts';
import {
  type FlowEstimate,
  type FlowKey,
  SlidingTopFlows,
  type SlidingWindowOptions,
} from './top-flows.ts';

/** A sampled packet scaled up to the traffic it stands for. */
export interface FlowObservation {
  readonly key: FlowKey;
  /** frame length × sampling rate */
  readonly bytes: number;
  /** sampling rate */
  readonly packets: number;
}

/**
 * The 5-tuple and scaled size of a flow sample, from its raw header (the innermost
 * packet when tunnelled, as that is the workload's flow) or its sampled IPv4/IPv6 record.
 */
export function observeFlowSample(s: FlowSample): FlowObservation | undefined {
  const rate = s.samplingRate;
  if (rate === 0) return undefined;
  for (const r of s.records) {
    if (r.type === 'raw-header' && r.decoded) {
      const key = innermostKey(r.decoded);
      if (key) return { key, bytes: r.frameLength * rate, packets: rate };
    } else if (r.type === 'sampled-ipv4' || r.type === 'sampled-ipv6') {
      const key = {
        protocol: r.protocol,
        src: r.src,
        dst: r.dst,
        srcPort: r.srcPort,
        dstPort: r.dstPort,
      };
      return { key, bytes: r.length * rate, packets: rate };
    }
  }
  return undefined;
}

function innermostKey(p: DecodedPacket): FlowKey | undefined {
  const inner = p.tunnel ? innermostKey(p.tunnel.inner) : undefined;
  if (inner) return inner;
  if (!p.ip) return undefined;
  const t = p.transport;
  const ports = t && (t.protocol === 'tcp' || t.protocol === 'udp') ? t : undefined;
  return {
    protocol: p.ip.protocol,
    src: p.ip.src,
    dst: p.ip.dst,
    srcPort: ports?.srcPort ?? 0,
    dstPort: ports?.dstPort ?? 0,
  };
}

export interface FlowTrackerOptions {
  /** named windows (default: "10s" in 1 s steps and "60s" in 5 s steps, 1000 flows per step) */
  readonly windows?: Readonly<Record<string, SlidingWindowOptions>>;
}

const DEFAULT_WINDOWS: Record<string, SlidingWindowOptions> = {
  '10s': { windowMs: 10_000, bucketMs: 1000, capacity: 1000 },
  '60s': { windowMs: 60_000, bucketMs: 5000, capacity: 1000 },
};

/** Top flows over several sliding windows, fed with decoded datagrams; discarded packets are left out. */
export class FlowTracker {
  readonly #windows = new Map<string, SlidingTopFlows>();

  constructor(options: FlowTrackerOptions = {}) {
    for (const [name, w] of Object.entries(options.windows ?? DEFAULT_WINDOWS)) {
      this.#windows.set(name, new SlidingTopFlows(w));
    }
  }

  addDatagram(d: SflowDatagram, nowMs: number): void {
    for (const s of d.samples) if (s.kind === 'flow') this.addFlowSample(s, nowMs);
  }

  /** Adds a sampled packet; one the switch discarded (output format 1) is not traffic and is skipped. */
  addFlowSample(s: FlowSample, nowMs: number): void {
    if (s.output.format === 'discard') return;
    const o = observeFlowSample(s);
    if (!o) return;
    for (const w of this.#windows.values()) w.add(o.key, o.bytes, o.packets, nowMs);
  }

  /** The `n` heaviest flows of a window; [] for a window name not configured. */
  top(window: string, n: number, nowMs: number): FlowEstimate[] {
    return this.#windows.get(window)?.top(n, nowMs) ?? [];
  }

  windowNames(): string[] {
    return [...this.#windows.keys()];
  }

  /** Most flows held across all windows: the memory bound. */
  get maxEntries(): number {
    let n = 0;
    for (const w of this.#windows.values()) n += w.maxEntries;
    return n;
  }

  get entries(): number {
    let n = 0;
    for (const w of this.#windows.values()) n += w.entries;
    return n;
  }
}
