import type { SflowDecodeErrorCode } from '../errors.ts';
import type { SflowDatagram } from '../types.ts';

/** Telemetry health of one sFlow agent, as a collector sees it. */
export interface AgentHealth {
  readonly agent: string;
  readonly datagrams: number;
  readonly samples: number;
  readonly flowSamples: number;
  readonly counterSamples: number;
  readonly decodeErrors: number;
  readonly errorsByCode: Readonly<Partial<Record<SflowDecodeErrorCode, number>>>;
  /** datagrams missing from the sequence; late arrivals are taken back off */
  readonly lostDatagrams: number;
  readonly duplicates: number;
  readonly outOfOrder: number;
  /** agent restarts seen (sequence reset or uptime going back); a restarted sequence first seen at n counts n-1 lost */
  readonly restarts: number;
  readonly firstSeenMs: number;
  readonly lastSeenMs: number;
}

/** What one datagram did to its agent's sequence. */
export type SequenceEvent = 'first' | 'in-order' | 'gap' | 'duplicate' | 'out-of-order' | 'restart';

export interface AgentHealthOptions {
  /** agents tracked; the least recently seen is dropped beyond it (default 4096) */
  readonly maxAgents?: number;
  /** how far back a late datagram still fills its gap (default 256) */
  readonly reorderWindow?: number;
  /** a forward jump beyond this is a restart, not loss (default 100000) */
  readonly maxGap?: number;
  /** uptime going back by more than this is a restart (default 2000 ms) */
  readonly uptimeToleranceMs?: number;
}

interface SequenceState {
  highest: number;
  uptimeMs: number;
  /** recent missing sequence numbers, oldest first */
  missing: Set<number>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Entry {
  health: Mutable<AgentHealth> & { errorsByCode: Partial<Record<SflowDecodeErrorCode, number>> };
  subAgents: Map<number, SequenceState>;
}

const MAX_SUB_AGENTS = 64;

/**
 * Counts datagrams, samples, decode errors and lost datagrams per agent, with 32-bit
 * sequence wrap, restarts, duplicates and reordering. Memory is bounded by `maxAgents`.
 */
export class AgentHealthTracker {
  readonly #agents = new Map<string, Entry>();
  readonly #maxAgents: number;
  readonly #window: number;
  readonly #maxGap: number;
  readonly #tolerance: number;

  constructor(options: AgentHealthOptions = {}) {
    this.#maxAgents = options.maxAgents ?? 4096;
    this.#window = options.reorderWindow ?? 256;
    this.#maxGap = options.maxGap ?? 100_000;
    this.#tolerance = options.uptimeToleranceMs ?? 2000;
  }

  /** Records a decoded datagram received at `nowMs`. */
  recordDatagram(d: SflowDatagram, nowMs: number): SequenceEvent {
    const e = this.#entry(d.agent, nowMs);
    const h = e.health;
    h.datagrams++;
    h.samples += d.samples.length;
    for (const s of d.samples) {
      if (s.kind === 'flow') h.flowSamples++;
      else if (s.kind === 'counters') h.counterSamples++;
    }
    let state = e.subAgents.get(d.subAgentId);
    if (!state) {
      if (e.subAgents.size >= MAX_SUB_AGENTS) return 'first';
      state = { highest: d.sequence, uptimeMs: d.uptimeMs, missing: new Set() };
      e.subAgents.set(d.subAgentId, state);
      return 'first';
    }
    return this.#advance(state, h, d.sequence, d.uptimeMs);
  }

  /** Records a datagram that failed to decode, attributed to `agent`. */
  recordDecodeError(agent: string, code: SflowDecodeErrorCode, nowMs: number): void {
    const h = this.#entry(agent, nowMs).health;
    h.decodeErrors++;
    h.errorsByCode[code] = (h.errorsByCode[code] ?? 0) + 1;
  }

  get(agent: string): AgentHealth | undefined {
    const e = this.#agents.get(agent);
    return e ? { ...e.health, errorsByCode: { ...e.health.errorsByCode } } : undefined;
  }

  /** All tracked agents, most recently seen last. */
  snapshot(): AgentHealth[] {
    return [...this.#agents.values()].map((e) => ({
      ...e.health,
      errorsByCode: { ...e.health.errorsByCode },
    }));
  }

  get size(): number {
    return this.#agents.size;
  }

  #advance(s: SequenceState, h: Entry['health'], seq: number, uptimeMs: number): SequenceEvent {
    if (uptimeMs + this.#tolerance < s.uptimeMs) return this.#restart(s, h, seq, uptimeMs, true);
    const ahead = (seq - s.highest) >>> 0;
    if (ahead !== 0 && ahead < 0x8000_0000) {
      // a jump this far is a new sequence, not a count of datagrams from its start
      if (ahead > this.#maxGap) return this.#restart(s, h, seq, uptimeMs, false);
      const first = ahead - 1 > this.#window ? ahead - this.#window : 1;
      for (let i = first; i < ahead; i++) s.missing.add((s.highest + i) >>> 0);
      for (const old of s.missing) {
        if (s.missing.size <= this.#window) break;
        s.missing.delete(old);
      }
      h.lostDatagrams += ahead - 1;
      s.highest = seq;
      s.uptimeMs = uptimeMs;
      return ahead === 1 ? 'in-order' : 'gap';
    }
    const behind = (s.highest - seq) >>> 0;
    if (behind > this.#window) return this.#restart(s, h, seq, uptimeMs, true);
    if (s.missing.delete(seq)) {
      h.lostDatagrams--;
      h.outOfOrder++;
      return 'out-of-order';
    }
    h.duplicates++;
    return 'duplicate';
  }

  /**
   * A new sequence from the agent. When it restarted (sequence back near the start), the
   * first number seen says how many of the new sequence were lost: 1..seq-1 are missing,
   * and late arrivals of them are taken back off. What the old sequence sent after its last
   * datagram seen is not knowable from sequence numbers and is not counted.
   */
  #restart(
    s: SequenceState,
    h: Entry['health'],
    seq: number,
    uptimeMs: number,
    fromStart: boolean,
  ): SequenceEvent {
    h.restarts++;
    s.highest = seq;
    s.uptimeMs = uptimeMs;
    s.missing.clear();
    const lost = fromStart && seq > 1 && seq - 1 <= this.#maxGap ? seq - 1 : 0;
    for (let i = Math.max(1, seq - this.#window); i < seq && lost > 0; i++) s.missing.add(i);
    h.lostDatagrams += lost;
    return 'restart';
  }

  #entry(agent: string, nowMs: number): Entry {
    let e = this.#agents.get(agent);
    if (e) {
      // re-insert so Map order is least recently seen first
      this.#agents.delete(agent);
    } else {
      if (this.#agents.size >= this.#maxAgents) {
        const oldest = this.#agents.keys().next().value;
        if (oldest !== undefined) this.#agents.delete(oldest);
      }
      e = {
        health: {
          agent,
          datagrams: 0,
          samples: 0,
          flowSamples: 0,
          counterSamples: 0,
          decodeErrors: 0,
          errorsByCode: {},
          lostDatagrams: 0,
          duplicates: 0,
          outOfOrder: 0,
          restarts: 0,
          firstSeenMs: nowMs,
          lastSeenMs: nowMs,
        },
        subAgents: new Map(),
      };
    }
    e.health.lastSeenMs = nowMs;
    this.#agents.set(agent, e);
    return e;
  }
}
