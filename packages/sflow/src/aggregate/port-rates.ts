import type { GenericInterfaceCounters, PortName } from '../counter-types.ts';
import type { CounterSample, SflowDatagram } from '../types.ts';
import { counterDelta, type Delta } from './counter-delta.ts';

/** Rates of one port over the interval between two counter samples. */
export interface PortRate {
  readonly agent: string;
  readonly ifIndex: number;
  readonly ifName?: string;
  /** receive time of the later sample */
  readonly atMs: number;
  /** interval the rates cover, from the agent's uptime when it advanced */
  readonly intervalMs: number;
  readonly ifSpeed: number | null;
  readonly operUp: boolean;
  /** null where the agent does not report the counter */
  readonly inBitsPerSec: number | null;
  readonly outBitsPerSec: number | null;
  readonly inPacketsPerSec: number | null;
  readonly outPacketsPerSec: number | null;
  readonly inErrorsPerSec: number | null;
  readonly outErrorsPerSec: number | null;
  readonly inDiscardsPerSec: number | null;
  readonly outDiscardsPerSec: number | null;
}

export interface PortRateOptions {
  /** ports tracked; the least recently updated is dropped beyond it (default 65536) */
  readonly maxPorts?: number;
  /** uptime going back by more than this is an agent restart (default 2000 ms) */
  readonly uptimeToleranceMs?: number;
}

interface PortState {
  uptimeMs: number;
  receivedMs: number;
  sequence: number;
  counters: GenericInterfaceCounters;
  last?: PortRate;
}

// a sample sequence this far behind is a restarted sampler rather than a late datagram
const MAX_REORDER = 16;
// smallest Ethernet frame on the wire (with preamble and gap), for plausible packet rates
const MIN_FRAME_BITS = 84 * 8;

/**
 * Per-port rates from generic interface counters. Handles 32/64-bit wrap; an agent
 * restart (uptime going back, sample sequence reset, counters going down) re-baselines
 * the port instead of producing a spike. Time comes from the caller.
 */
export class PortRateTracker {
  readonly #ports = new Map<string, PortState>();
  readonly #maxPorts: number;
  readonly #tolerance: number;

  constructor(options: PortRateOptions = {}) {
    this.#maxPorts = options.maxPorts ?? 65536;
    this.#tolerance = options.uptimeToleranceMs ?? 2000;
  }

  /** Feeds every counter sample of a datagram; returns the rates it produced. */
  addDatagram(d: SflowDatagram, nowMs: number): PortRate[] {
    const out: PortRate[] = [];
    for (const s of d.samples) {
      if (s.kind !== 'counters') continue;
      const rate = this.addCounterSample(d.agent, d.uptimeMs, s, nowMs);
      if (rate) out.push(rate);
    }
    return out;
  }

  /** Feeds one counter sample; returns a rate once the port has a baseline. */
  addCounterSample(
    agent: string,
    uptimeMs: number,
    s: CounterSample,
    nowMs: number,
  ): PortRate | undefined {
    const counters = s.records.find(
      (r): r is GenericInterfaceCounters => r.type === 'generic-interface',
    );
    if (!counters) return undefined;
    const name = s.records.find((r): r is PortName => r.type === 'port-name')?.name;
    const key = `${agent}|${counters.ifIndex}`;
    const prev = this.#ports.get(key);
    const next: PortState = { uptimeMs, receivedMs: nowMs, sequence: s.sequence, counters };
    if (!prev) {
      this.#store(key, next);
      return undefined;
    }
    if (uptimeMs + this.#tolerance >= prev.uptimeMs) {
      const behind = (prev.sequence - s.sequence) >>> 0;
      // a duplicate or late sample: keep the newer baseline
      if (behind <= MAX_REORDER) return undefined;
      if (behind < 0x8000_0000) {
        this.#store(key, next);
        return undefined;
      }
    }
    const uptimeDelta = uptimeMs - prev.uptimeMs;
    const intervalMs =
      uptimeDelta > 0 && uptimeMs >= prev.uptimeMs ? uptimeDelta : nowMs - prev.receivedMs;
    if (uptimeMs + this.#tolerance < prev.uptimeMs || intervalMs <= 0) {
      this.#store(key, next);
      return undefined;
    }
    const rate = computeRate(agent, name, prev.counters, counters, intervalMs, nowMs);
    if (rate) next.last = rate;
    this.#store(key, next);
    return rate;
  }

  /** Latest rate of every port that has one. */
  rates(): PortRate[] {
    const out: PortRate[] = [];
    for (const p of this.#ports.values()) if (p.last) out.push(p.last);
    return out;
  }

  get(agent: string, ifIndex: number): PortRate | undefined {
    return this.#ports.get(`${agent}|${ifIndex}`)?.last;
  }

  /** Forgets ports not updated since `beforeMs`. */
  prune(beforeMs: number): void {
    for (const [key, p] of this.#ports) if (p.receivedMs < beforeMs) this.#ports.delete(key);
  }

  get size(): number {
    return this.#ports.size;
  }

  #store(key: string, state: PortState): void {
    this.#ports.delete(key);
    if (this.#ports.size >= this.#maxPorts) {
      const oldest = this.#ports.keys().next().value;
      if (oldest !== undefined) this.#ports.delete(oldest);
    }
    this.#ports.set(key, state);
  }
}

function computeRate(
  agent: string,
  name: string | undefined,
  a: GenericInterfaceCounters,
  b: GenericInterfaceCounters,
  intervalMs: number,
  atMs: number,
): PortRate | undefined {
  const seconds = intervalMs / 1000;
  const speed = b.ifSpeed && b.ifSpeed > 0 ? b.ifSpeed : null;
  // twice line rate leaves room for clock skew between agent uptime and counter reads
  const octetLimit = speed ? (speed / 8) * seconds * 2 : Number.POSITIVE_INFINITY;
  const packetLimit = speed ? (speed / MIN_FRAME_BITS) * seconds * 2 : Number.POSITIVE_INFINITY;
  const deltas = {
    inOctets: counterDelta(a.inOctets, b.inOctets, 64, octetLimit),
    outOctets: counterDelta(a.outOctets, b.outOctets, 64, octetLimit),
    inPackets: sum([
      counterDelta(a.inUcastPkts, b.inUcastPkts, 32, packetLimit),
      counterDelta(a.inMulticastPkts, b.inMulticastPkts, 32, packetLimit),
      counterDelta(a.inBroadcastPkts, b.inBroadcastPkts, 32, packetLimit),
    ]),
    outPackets: sum([
      counterDelta(a.outUcastPkts, b.outUcastPkts, 32, packetLimit),
      counterDelta(a.outMulticastPkts, b.outMulticastPkts, 32, packetLimit),
      counterDelta(a.outBroadcastPkts, b.outBroadcastPkts, 32, packetLimit),
    ]),
    inErrors: counterDelta(a.inErrors, b.inErrors, 32, packetLimit),
    outErrors: counterDelta(a.outErrors, b.outErrors, 32, packetLimit),
    inDiscards: counterDelta(a.inDiscards, b.inDiscards, 32, packetLimit),
    outDiscards: counterDelta(a.outDiscards, b.outDiscards, 32, packetLimit),
  };
  if (Object.values(deltas).includes('reset')) return undefined;
  const perSec = (d: Delta, scale = 1) => (typeof d === 'number' ? (d * scale) / seconds : null);
  const rate: PortRate = {
    agent,
    ifIndex: b.ifIndex,
    atMs,
    intervalMs,
    ifSpeed: b.ifSpeed,
    operUp: b.operUp,
    inBitsPerSec: perSec(deltas.inOctets, 8),
    outBitsPerSec: perSec(deltas.outOctets, 8),
    inPacketsPerSec: perSec(deltas.inPackets),
    outPacketsPerSec: perSec(deltas.outPackets),
    inErrorsPerSec: perSec(deltas.inErrors),
    outErrorsPerSec: perSec(deltas.outErrors),
    inDiscardsPerSec: perSec(deltas.inDiscards),
    outDiscardsPerSec: perSec(deltas.outDiscards),
  };
  return name === undefined ? rate : { ...rate, ifName: name };
}

/** Sum of the known parts; null when none is known, reset when any reset. */
function sum(parts: Delta[]): Delta {
  let total: number | null = null;
  for (const p of parts) {
    if (p === 'reset') return 'reset';
    if (p !== null) total = (total ?? 0) + p;
  }
  return total;
}
