import {
  type CounterSample,
  type FlowSample,
  flowKeyString,
  type GenericInterfaceCounters,
  observeFlowSample,
  type PortName,
  PortRateTracker,
  type SflowInterface,
  SlidingTopFlows,
} from '@netcanvas/sflow';
import type { ReceivedDatagram, RejectedDatagram } from '@netcanvas/sflow/node';
import type { StreamHub } from './hub.ts';
import { appTopic, parseTopic } from './protocol.ts';
import { TelemetryHealth } from './telemetry-health.ts';
import {
  droppedFlowEntries,
  type Endpoint,
  flowEntries,
  linkLoad,
  nicKey,
  type PortOwner,
  type PortStatus,
  portLoad,
} from './telemetry-views.ts';
import type { FlowEntry, LinkLoad, PortLoad } from './topic-values.ts';

/** (agent, ifIndex) → the app NIC behind it: the OVN PortMap or the sandbox's map, adapted. */
export type ResolvePort = (agent: string, ifIndex: number) => PortOwner | undefined;

/** The datagram events of an SflowCollector, or of a test's EventEmitter. */
export interface DatagramSource {
  on(event: 'datagram', listener: (r: ReceivedDatagram) => void): unknown;
  on(event: 'decode-error', listener: (r: RejectedDatagram) => void): unknown;
  off(event: 'datagram', listener: (r: ReceivedDatagram) => void): unknown;
  off(event: 'decode-error', listener: (r: RejectedDatagram) => void): unknown;
}

export interface TelemetryOptions {
  readonly hub: StreamHub;
  readonly resolve: ResolvePort;
  /** the app's own idea of who holds an address (IPAM); preferred over addresses learned from traffic */
  readonly resolveAddress?: (appKey: string, ip: string) => Endpoint | undefined;
  /** flows listed per app (default 20) */
  readonly topFlows?: number;
  /** how often topics are recomputed (default 1000 ms); the hub still sends at its own rate */
  readonly refreshMs?: number;
  /** ports not heard from for this long are forgotten (default 5 min) */
  readonly portTtlMs?: number;
  readonly now?: () => number;
}

interface AppFlows {
  readonly top: SlidingTopFlows;
  /** flows sampled as discarded, never counted in `top` */
  readonly dropped: SlidingTopFlows;
  /** the discard reason last seen per dropped flow */
  readonly reasons: Map<string, number>;
  /** source addresses seen entering from the app's ports */
  readonly learned: Map<string, Endpoint>;
}

const MAX_APPS = 4096;
const MAX_PORTS = 65_536;
const MAX_LEARNED = 4096;
const MAX_REASONS = 1024;

/**
 * sFlow datagrams → per-app topics: ports, links, top flows, port up/down events, and
 * `telemetry/health`. Counters and flows are kept per (agent, ifIndex) and resolved to apps
 * at every refresh, so a port map change shows up without replaying anything.
 */
export class TelemetryPipeline {
  readonly #o: TelemetryOptions;
  readonly #rates = new PortRateTracker({ maxPorts: MAX_PORTS });
  readonly #status = new Map<string, PortStatus>();
  readonly #flows = new Map<string, AppFlows>();
  readonly #health = new TelemetryHealth();
  /** apps that had something published, so they are emptied once when their data goes */
  #published = new Set<string>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: TelemetryOptions) {
    this.#o = options;
  }

  /** Feeds every datagram and decode error of `source` until the returned function is called. */
  attach(source: DatagramSource): () => void {
    const onDatagram = (r: ReceivedDatagram) => this.addDatagram(r);
    const onError = (r: RejectedDatagram) => this.addDecodeError(r);
    source.on('datagram', onDatagram);
    source.on('decode-error', onError);
    return () => {
      source.off('datagram', onDatagram);
      source.off('decode-error', onError);
    };
  }

  /** Recomputes and publishes every `refreshMs` (does not keep the process alive). */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.refresh(), this.#o.refreshMs ?? 1000);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  addDatagram(r: Pick<ReceivedDatagram, 'datagram' | 'receivedAtMs'>): void {
    const { datagram: d, receivedAtMs: now } = r;
    this.#health.recordDatagram(d, now);
    for (const s of d.samples) {
      if (s.kind === 'counters') this.#addCounters(d.agent, d.uptimeMs, s, now);
      else if (s.kind === 'flow') this.#addFlow(d.agent, s, now);
    }
  }

  addDecodeError(r: Pick<RejectedDatagram, 'error' | 'agent' | 'receivedAtMs'>): void {
    this.#health.recordDecodeError(r.agent, r.error.code, r.receivedAtMs);
  }

  /** Publishes every app's ports, links and flows, and the health topic, as of `nowMs`. */
  refresh(nowMs = (this.#o.now ?? Date.now)()): void {
    const { hub } = this.#o;
    const ttl = this.#o.portTtlMs ?? 300_000;
    this.#rates.prune(nowMs - ttl);
    const ports = new Map<string, Record<string, PortLoad>>();
    const links = new Map<string, Record<string, LinkLoad>>();
    for (const [key, status] of this.#status) {
      if (status.atMs < nowMs - ttl) {
        this.#status.delete(key);
        continue;
      }
      const owner = this.#resolve(status.agent, status.ifIndex);
      if (!owner) continue;
      const load = portLoad(owner, status, this.#rates.get(status.agent, status.ifIndex));
      entriesOf(ports, owner.appKey)[nicKey(owner)] = load;
      entriesOf(links, owner.appKey)[nicKey(owner)] = linkLoad(owner, load);
    }
    const flows = new Map<string, Record<string, FlowEntry>>();
    for (const [appKey, app] of this.#flows) {
      const n = this.#o.topFlows ?? 20;
      const top = app.top.top(n, nowMs);
      const dropped = app.dropped.top(n, nowMs);
      if (top.length === 0 && dropped.length === 0) {
        this.#flows.delete(appKey);
        continue;
      }
      const endpointOf = (ip: string) =>
        this.#o.resolveAddress?.(appKey, ip) ?? app.learned.get(ip);
      flows.set(appKey, {
        ...flowEntries(top, endpointOf),
        ...droppedFlowEntries(dropped, app.reasons, endpointOf),
      });
    }
    const apps = new Set([...ports.keys(), ...flows.keys()]);
    for (const appKey of new Set([...apps, ...this.#published])) {
      const [tenant, appId] = splitAppKey(appKey);
      hub.publish(appTopic(tenant, appId, 'ports'), ports.get(appKey) ?? {});
      hub.publish(appTopic(tenant, appId, 'links'), links.get(appKey) ?? {});
      hub.publish(appTopic(tenant, appId, 'flows'), flows.get(appKey) ?? {});
    }
    this.#published = apps;
    this.#health.forgetMapped((agent, ifIndex) => this.#resolve(agent, ifIndex) !== undefined);
    hub.publish('telemetry/health', this.#health.state(nowMs));
  }

  #addCounters(agent: string, uptimeMs: number, s: CounterSample, now: number): void {
    const g = s.records.find((r): r is GenericInterfaceCounters => r.type === 'generic-interface');
    if (!g) return;
    const ifName = s.records.find((r): r is PortName => r.type === 'port-name')?.name;
    this.#rates.addCounterSample(agent, uptimeMs, s, now);
    const key = `${agent}|${g.ifIndex}`;
    const before = this.#status.get(key);
    this.#status.delete(key);
    if (this.#status.size >= MAX_PORTS) this.#status.delete(this.#status.keys().next().value ?? '');
    const speedBps = g.ifSpeed && g.ifSpeed > 0 ? g.ifSpeed : null;
    this.#status.set(key, { agent, ifIndex: g.ifIndex, ifName, up: g.operUp, speedBps, atMs: now });
    const owner = this.#resolve(agent, g.ifIndex);
    if (!owner) {
      this.#health.recordUnmapped(agent, g.ifIndex, ifName);
      return;
    }
    if (before && before.up !== g.operUp) {
      const [tenant, appId] = splitAppKey(owner.appKey);
      this.#o.hub.event(appTopic(tenant, appId, 'events'), {
        kind: g.operUp ? 'port-up' : 'port-down',
        atMs: now,
        objectId: owner.objectId,
        nicId: owner.nicId,
        portName: owner.portName,
      });
    }
  }

  #addFlow(agent: string, s: FlowSample, now: number): void {
    const input = this.#resolveInterface(agent, s.input);
    if (s.output.format === 'discard') {
      this.#addDiscard(input, s, s.output.reason, now);
      return;
    }
    const output = this.#resolveInterface(agent, s.output);
    if (!input && !output) return;
    const o = observeFlowSample(s);
    if (!o) return;
    if (input) this.#learn(input, o.key.src);
    for (const appKey of new Set([input?.appKey, output?.appKey])) {
      if (appKey !== undefined) this.#appFlows(appKey)?.top.add(o.key, o.bytes, o.packets, now);
    }
  }

  /** OVN port security: what enters from a NIC carries that NIC's source address. */
  #learn(input: PortOwner, src: string): void {
    const learned = this.#appFlows(input.appKey)?.learned;
    if (learned && !learned.has(src)) {
      if (learned.size >= MAX_LEARNED) learned.delete(learned.keys().next().value ?? '');
      learned.set(src, { objectId: input.objectId, nicId: input.nicId });
    }
  }

  /** A packet the switch dropped (an ACL, or OVS's "unknown" for any drop): attempts, not traffic. */
  #addDiscard(input: PortOwner | undefined, s: FlowSample, reason: number, now: number): void {
    if (!input) return;
    const o = observeFlowSample(s);
    const app = o && this.#appFlows(input.appKey);
    if (!o || !app) return;
    this.#learn(input, o.key.src);
    app.dropped.add(o.key, o.bytes, o.packets, now);
    const key = flowKeyString(o.key);
    app.reasons.delete(key);
    if (app.reasons.size >= MAX_REASONS) app.reasons.delete(app.reasons.keys().next().value ?? '');
    app.reasons.set(key, reason);
  }

  #resolveInterface(agent: string, i: SflowInterface): PortOwner | undefined {
    if (i.format !== 'ifindex' || i.ifIndex === 0) return undefined;
    const owner = this.#resolve(agent, i.ifIndex);
    if (!owner) this.#health.recordUnmapped(agent, i.ifIndex, undefined);
    return owner;
  }

  #resolve(agent: string, ifIndex: number): PortOwner | undefined {
    const owner = this.#o.resolve(agent, ifIndex);
    // an app key that cannot name a topic would publish nowhere: treat it as unmapped
    return owner && isAppKey(owner.appKey) ? owner : undefined;
  }

  #appFlows(appKey: string): AppFlows | undefined {
    let app = this.#flows.get(appKey);
    if (!app) {
      if (this.#flows.size >= MAX_APPS) return undefined;
      app = {
        top: new SlidingTopFlows({ windowMs: 10_000, bucketMs: 1000, capacity: 200 }),
        // drops are sampled sparsely: a longer window keeps their rate steady
        dropped: new SlidingTopFlows({ windowMs: 30_000, bucketMs: 1000, capacity: 50 }),
        reasons: new Map(),
        learned: new Map(),
      };
      this.#flows.set(appKey, app);
    }
    return app;
  }
}

/** The app key the resolver returns for an application. */
export function appKeyOf(tenant: string, appId: string): string {
  return `${tenant}/${appId}`;
}

function isAppKey(key: string): boolean {
  return parseTopic(`app/${key}/ports`) !== undefined;
}

function splitAppKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

function entriesOf<V>(map: Map<string, Record<string, V>>, key: string): Record<string, V> {
  let entries = map.get(key);
  if (!entries) {
    entries = {};
    map.set(key, entries);
  }
  return entries;
}
