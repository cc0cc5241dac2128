import {
  AgentHealthTracker,
  type SflowDatagram,
  type SflowDecodeErrorCode,
} from '@netcanvas/sflow';
import type { HealthEntry } from './topic-values.ts';

interface Unmapped {
  readonly agent: string;
  readonly ifIndex: number;
  ifName: string | undefined;
  samples: number;
}

// unmapped ports listed one by one; beyond it they are still counted
const MAX_UNMAPPED = 1024;

/** Collector health for `telemetry/health`: agents, loss, decode errors, unmapped ports. */
export class TelemetryHealth {
  readonly #agents = new AgentHealthTracker();
  readonly #unmapped = new Map<string, Unmapped>();
  #lastCount = new Map<string, number>();
  #lastRefreshMs: number | undefined;
  #unmappedSamples = 0;

  recordDatagram(d: SflowDatagram, nowMs: number): void {
    this.#agents.recordDatagram(d, nowMs);
  }

  recordDecodeError(agent: string, code: SflowDecodeErrorCode, nowMs: number): void {
    this.#agents.recordDecodeError(agent, code, nowMs);
  }

  /** A sample on a port no app owns. */
  recordUnmapped(agent: string, ifIndex: number, ifName: string | undefined): void {
    this.#unmappedSamples++;
    const key = `${agent}|${ifIndex}`;
    const entry = this.#unmapped.get(key);
    if (entry) {
      entry.samples++;
      entry.ifName = ifName ?? entry.ifName;
    } else if (this.#unmapped.size < MAX_UNMAPPED) {
      this.#unmapped.set(key, { agent, ifIndex, ifName, samples: 1 });
    }
  }

  /** Forgets unmapped ports that now resolve (the port map caught up). */
  forgetMapped(isMapped: (agent: string, ifIndex: number) => boolean): void {
    for (const [key, u] of this.#unmapped)
      if (isMapped(u.agent, u.ifIndex)) this.#unmapped.delete(key);
  }

  get unmappedPorts(): number {
    return this.#unmapped.size;
  }

  /** The topic state at `nowMs`; rates cover the time since the previous call. */
  state(nowMs: number): Record<string, HealthEntry> {
    const out: Record<string, HealthEntry> = {};
    let datagrams = 0;
    let perSec = 0;
    let lost = 0;
    let errors = 0;
    const agents = this.#agents.snapshot();
    const counts = new Map<string, number>();
    for (const a of agents) {
      const since = Math.max(this.#lastRefreshMs ?? a.firstSeenMs, a.firstSeenMs);
      const seconds = (nowMs - since) / 1000;
      const fresh = a.datagrams - (this.#lastCount.get(a.agent) ?? 0);
      const rate = seconds > 0 ? Math.round((fresh / seconds) * 100) / 100 : 0;
      counts.set(a.agent, a.datagrams);
      datagrams += a.datagrams;
      perSec += rate;
      lost += a.lostDatagrams;
      errors += a.decodeErrors;
      out[`agent:${a.agent}`] = {
        kind: 'agent',
        agent: a.agent,
        datagrams: a.datagrams,
        datagramsPerSec: rate,
        lostDatagrams: a.lostDatagrams,
        decodeErrors: a.decodeErrors,
        restarts: a.restarts,
        lastSeenMs: a.lastSeenMs,
      };
    }
    this.#lastRefreshMs = nowMs;
    this.#lastCount = counts;
    for (const u of this.#unmapped.values()) {
      const entry: HealthEntry = {
        kind: 'unmapped',
        agent: u.agent,
        ifIndex: u.ifIndex,
        samples: u.samples,
      };
      out[`unmapped:${u.agent}|${u.ifIndex}`] =
        u.ifName === undefined ? entry : { ...entry, ifName: u.ifName };
    }
    out.totals = {
      kind: 'totals',
      agents: agents.length,
      datagrams,
      datagramsPerSec: Math.round(perSec * 100) / 100,
      lostDatagrams: lost,
      decodeErrors: errors,
      unmappedPorts: this.#unmapped.size,
      unmappedSamples: this.#unmappedSamples,
    };
    return out;
  }
}
