import {
  appTopic,
  type FlowEntry,
  type HealthEntry,
  type LinkLoad,
  type PortLoad,
  type StreamEvent,
} from './protocol.ts';
import { RingSeries } from './ring-series.ts';
import { StreamClient, type StreamStatus, type TopicCopy } from './stream-client.ts';
import {
  type Alert,
  alertsFrom,
  type Direction,
  fetchServerThresholds,
  loadLocalThresholds,
  putServerThresholds,
  refusal,
  saveLocalThresholds,
  type Threshold,
  type ThresholdSource,
} from './thresholds.ts';

/** What the React views read: replaced as a whole whenever something changes. */
export interface LiveView {
  readonly app: string;
  readonly status: StreamStatus;
  readonly reconnects: number;
  readonly ports: Readonly<Record<string, PortLoad>>;
  readonly links: Readonly<Record<string, LinkLoad>>;
  readonly flows: Readonly<Record<string, FlowEntry>>;
  readonly events: Readonly<Record<string, StreamEvent>>;
  readonly health: Readonly<Record<string, HealthEntry>>;
  readonly thresholds: readonly Threshold[];
  /** the server checks thresholds when it keeps them for this app; else this browser does */
  readonly thresholdSource: ThresholdSource;
  /** why the last threshold change did not happen */
  readonly thresholdError: string | undefined;
  readonly alerts: readonly Alert[];
  readonly error: string | undefined;
  /** the server shows telemetry health to its admins only */
  readonly healthHidden: boolean;
}

export const TOTAL_FIELDS = ['inBps', 'outBps', 'inPps', 'outPps'] as const;
export const PORT_FIELDS = [
  'inBps',
  'outBps',
  'inPps',
  'outPps',
  'inErrorsPerSec',
  'outErrorsPerSec',
  'inDropsPerSec',
  'outDropsPerSec',
] as const;

const sum = (xs: Iterable<number | null>) => {
  let s = 0;
  for (const x of xs) s += x ?? 0;
  return s;
};

/** The rate a threshold measures, as the server does: its port or all, in, out or both. */
export function measuredBps(
  t: Pick<Threshold, 'target' | 'direction'>,
  ports: Readonly<Record<string, PortLoad>>,
): number | undefined {
  const list = t.target === 'app' ? Object.values(ports) : [ports[t.target]].filter((p) => p);
  if (list.length === 0) return undefined;
  return sum(
    list.flatMap((p) =>
      p ? [t.direction !== 'out' ? p.inBps : 0, t.direction !== 'in' ? p.outBps : 0] : [],
    ),
  );
}

/**
 * The live state of one app: the stream's topics, time series per port, per tier (switch)
 * and for the app, and threshold alerts. Charts read the series on animation frames; React
 * views subscribe to the (frame-coalesced) view.
 */
export class LiveStore {
  readonly app: string;
  readonly totals = new RingSeries(TOTAL_FIELDS);
  readonly #ports = new Map<string, RingSeries>();
  readonly #tiers = new Map<string, RingSeries>();
  readonly #viewListeners = new Set<() => void>();
  readonly #sampleListeners = new Set<() => void>();
  readonly #client: StreamClient;
  #view: LiveView;
  #frame = 0;
  #alertSince = new Map<string, number>();
  /** the server's active alerts when thresholds were last read or written */
  #serverAlerts: readonly Alert[] = [];

  constructor(app: string, url: string) {
    this.app = app;
    this.#view = {
      app,
      status: 'connecting',
      reconnects: 0,
      ports: {},
      links: {},
      flows: {},
      events: {},
      health: {},
      thresholds: [],
      thresholdSource: 'browser',
      thresholdError: undefined,
      alerts: [],
      error: undefined,
      healthHidden: false,
    };
    void fetchServerThresholds(app).then((server) => {
      if (server) {
        this.#serverAlerts = server.alerts;
        this.#update({ thresholds: server.thresholds, thresholdSource: 'server' });
      } else {
        this.#update({ thresholds: loadLocalThresholds(app) });
      }
      this.#evaluate();
    });
    this.#client = new StreamClient({
      url,
      onTopic: (topic, copy) => this.#onTopic(topic, copy),
      onStatus: (status) => this.#update({ status, reconnects: this.#client?.reconnects ?? 0 }),
      onError: (code, message, topic) => {
        // telemetry health spans every tenant: only server admins see it, which is no fault
        if (topic === 'telemetry/health' && code === 'forbidden')
          this.#update({ healthHidden: true });
        else this.#update({ error: `${code}: ${message}` });
      },
    });
    for (const s of ['ports', 'links', 'flows', 'events'] as const)
      this.#client.subscribe(appTopic(app, s));
    this.#client.subscribe('telemetry/health');
  }

  get view(): LiveView {
    return this.#view;
  }

  /** The series of one port (`<objectId>/<nicId>`), created empty when not seen yet. */
  port(key: string): RingSeries {
    let s = this.#ports.get(key);
    if (!s) {
      s = new RingSeries(PORT_FIELDS);
      this.#ports.set(key, s);
    }
    return s;
  }

  /** Per-switch (tier) series of bits/s through its NIC links. */
  tiers(): ReadonlyMap<string, RingSeries> {
    return this.#tiers;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#viewListeners.add(listener);
    return () => this.#viewListeners.delete(listener);
  };

  getView = (): LiveView => this.#view;

  /** Called after new samples land in the series. */
  onSample(listener: () => void): () => void {
    this.#sampleListeners.add(listener);
    return () => this.#sampleListeners.delete(listener);
  }

  drop(): void {
    this.#client.drop();
  }

  close(): void {
    cancelAnimationFrame(this.#frame);
    this.#client.close();
  }

  /** Sets (or with no bps, removes) the limit on a target; on the server when it keeps them. */
  async setThreshold(
    target: string,
    bps: number | undefined,
    direction: Direction = 'both',
  ): Promise<void> {
    const rest = this.#view.thresholds.filter(
      (t) => t.target !== target || t.direction !== direction,
    );
    const next = bps && bps > 0 ? [...rest, { target, direction, bps }] : rest;
    if (this.#view.thresholdSource === 'server') {
      try {
        const saved = await putServerThresholds(this.app, next);
        this.#serverAlerts = saved.alerts;
        this.#update({ thresholds: saved.thresholds, thresholdError: undefined });
      } catch (err) {
        this.#update({ thresholdError: refusal(err) });
      }
    } else {
      saveLocalThresholds(this.app, next);
      this.#update({ thresholds: next, thresholdError: undefined });
    }
    this.#evaluate();
  }

  #onTopic(topic: string, copy: TopicCopy): void {
    const stream = topic.slice(topic.lastIndexOf('/') + 1);
    if (topic === 'telemetry/health') {
      this.#update({ health: copy.state as LiveView['health'] });
    } else if (stream === 'ports') {
      this.#update({ ports: copy.state as LiveView['ports'] });
      this.#sample();
    } else if (stream === 'links') {
      this.#update({ links: copy.state as LiveView['links'] });
    } else if (stream === 'flows') {
      this.#update({ flows: copy.state as LiveView['flows'] });
    } else if (stream === 'events') {
      this.#update({ events: copy.state as LiveView['events'] });
      this.#evaluate();
    }
  }

  #sample(): void {
    const ports = Object.entries(this.#view.ports);
    if (ports.length === 0) return;
    let newest = -Infinity;
    let added = false;
    for (const [key, p] of ports) {
      newest = Math.max(newest, p.atMs);
      added =
        this.port(key).push(
          p.atMs / 1000,
          PORT_FIELDS.map((f) => p[f]),
        ) || added;
    }
    const t = newest / 1000;
    const all = ports.map(([, p]) => p);
    added =
      this.totals.push(t, [
        sum(all.map((p) => p.inBps)),
        sum(all.map((p) => p.outBps)),
        sum(all.map((p) => p.inPps)),
        sum(all.map((p) => p.outPps)),
      ]) || added;
    const bySwitch = new Map<string, number>();
    for (const [key, p] of ports) {
      const sw = this.#view.links[key]?.switchId ?? 'unbound';
      bySwitch.set(sw, (bySwitch.get(sw) ?? 0) + (p.inBps ?? 0) + (p.outBps ?? 0));
    }
    for (const [sw, bps] of bySwitch) {
      let s = this.#tiers.get(sw);
      if (!s) {
        s = new RingSeries(['bps']);
        this.#tiers.set(sw, s);
      }
      s.push(t, [bps]);
    }
    this.#evaluate();
    if (added) for (const l of this.#sampleListeners) l();
  }

  #evaluate(): void {
    const alerts =
      this.#view.thresholdSource === 'server' ? this.#serverSideAlerts() : this.#browserAlerts();
    const before = this.#view.alerts;
    const same =
      before.length === alerts.length &&
      before.every((a, i) => a.target === alerts[i]?.target && a.bps === alerts[i]?.bps);
    if (!same) this.#update({ alerts });
  }

  /** Alerts the server raised (its list, then the event stream), shown at the current rate. */
  #serverSideAlerts(): Alert[] {
    const { ports, events } = this.#view;
    return alertsFrom(this.#serverAlerts, Object.values(events)).map((a) => ({
      ...a,
      bps: measuredBps(a, ports) ?? a.bps,
    }));
  }

  /** Without the server: thresholds checked here, against the same port rates. */
  #browserAlerts(): Alert[] {
    const { ports, thresholds } = this.#view;
    const now = Date.now();
    const alerts: Alert[] = [];
    for (const th of thresholds) {
      const key = `${th.target}|${th.direction}`;
      const bps = measuredBps(th, ports);
      if (bps === undefined) continue;
      if (bps <= th.bps) {
        this.#alertSince.delete(key);
        continue;
      }
      const sinceMs = this.#alertSince.get(key) ?? now;
      this.#alertSince.set(key, sinceMs);
      alerts.push({ target: th.target, direction: th.direction, bps, limit: th.bps, sinceMs });
    }
    return alerts;
  }

  #update(patch: Partial<LiveView>): void {
    this.#view = { ...this.#view, ...patch };
    if (this.#frame) return;
    // one React update per frame however many topics changed in it
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      for (const l of this.#viewListeners) l();
    });
  }
}
