import { encodeDatagram } from '@netcanvas/sflow';
import type { StoredApplication } from '../store.ts';
import { discoverDeniedFlows, discoverFlows, type IfIndexOf } from './discover.ts';
import { TrafficEmitter } from './emitter.ts';
import type { TrafficFlow } from './flows.ts';
import type { SandboxPortMapEntry } from './port-map.ts';
import { type DatagramSink, UdpSink } from './udp-sink.ts';

/** How the sandbox's virtual switch exports sFlow. */
export interface TelemetryOptions {
  /** the collector to send to, e.g. the server's own on 127.0.0.1:6343 */
  readonly collector: { readonly host: string; readonly port: number };
  /** how often flow samples go out (default 1000 ms) */
  readonly intervalMs?: number;
  /** how often counter samples go out (default: every flow interval) */
  readonly counterIntervalMs?: number;
  /** one packet in this many is sampled (default 256) */
  readonly samplingRate?: number;
  /** the agent address in every datagram (default 127.0.0.1) */
  readonly agentAddress?: string;
  /** same seed, same rates and headers (default: from the clock) */
  readonly seed?: number;
  /** where datagrams go instead of UDP (tests) */
  readonly sink?: DatagramSink;
}

/** What telemetry reads from the controller each tick. */
export interface TelemetrySource {
  applied(): readonly (StoredApplication & { readonly key: string })[];
  readonly ifIndexOf: (appKey: string, workloadId: string, nicId: string) => number;
  ports(agent: string): readonly SandboxPortMapEntry[];
}

/** Defaults the controller and the port map agree on. */
export const DEFAULT_AGENT = '127.0.0.1';

/** A running emitter: ticks on a timer until stopped. */
export class TelemetryRun {
  readonly agent: string;
  readonly #source: TelemetrySource;
  readonly #sink: DatagramSink;
  readonly #emitter: TrafficEmitter;
  readonly #now: () => number;
  readonly #counterIntervalMs: number;
  readonly #timer: NodeJS.Timeout;
  readonly #flows = new Map<string, { revision: number; flows: TrafficFlow[] }>();
  #lastCounters = Number.NEGATIVE_INFINITY;

  private constructor(
    options: TelemetryOptions,
    source: TelemetrySource,
    sink: DatagramSink,
    now: () => number,
  ) {
    this.agent = options.agentAddress ?? DEFAULT_AGENT;
    this.#source = source;
    this.#sink = sink;
    this.#now = now;
    const intervalMs = Math.max(10, options.intervalMs ?? 1000);
    this.#counterIntervalMs = options.counterIntervalMs ?? intervalMs;
    this.#emitter = new TrafficEmitter({
      agentAddress: this.agent,
      samplingRate: Math.max(1, Math.round(options.samplingRate ?? 256)),
      seed: options.seed ?? now(),
      startedAtMs: now(),
    });
    this.#timer = setInterval(() => this.tick(), intervalMs);
    this.#timer.unref();
  }

  /** Opens the UDP socket (unless a sink is given) and starts ticking. */
  static async start(
    options: TelemetryOptions,
    source: TelemetrySource,
    now: () => number,
  ): Promise<TelemetryRun> {
    const sink =
      options.sink ?? (await UdpSink.open(options.collector.host, options.collector.port));
    return new TelemetryRun(options, source, sink, now);
  }

  /** The flows being emitted now, every applied app's. */
  flows(): TrafficFlow[] {
    const live = new Set<string>();
    const out: TrafficFlow[] = [];
    for (const { key, app, revision } of this.#source.applied()) {
      live.add(key);
      let cached = this.#flows.get(key);
      if (cached?.revision !== revision) {
        const ifIndexOf: IfIndexOf = (w, n) => this.#source.ifIndexOf(key, w, n);
        const permitted = discoverFlows(key, app, ifIndexOf);
        const denied = discoverDeniedFlows(key, app, ifIndexOf, permitted);
        cached = { revision, flows: [...permitted, ...denied] };
        this.#flows.set(key, cached);
      }
      out.push(...cached.flows);
    }
    for (const key of this.#flows.keys()) if (!live.has(key)) this.#flows.delete(key);
    return out;
  }

  /** One step: traffic since the last tick, sent as datagrams. */
  tick(): void {
    const now = this.#now();
    const counters = now - this.#lastCounters >= this.#counterIntervalMs * 0.95;
    if (counters) this.#lastCounters = now;
    const ports = this.#source
      .ports(this.agent)
      .map((p) => ({ ifIndex: p.ifIndex, name: p.ifName }));
    for (const d of this.#emitter.tick(now, this.flows(), ports, counters)) {
      this.#sink.send(encodeDatagram(d));
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#sink.close();
  }
}
