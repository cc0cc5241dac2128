import type { Threshold, ThresholdStore } from '../store/thresholds.ts';
import type { StreamHub } from '../stream/hub.ts';
import { appTopic, type PortLoad, parseTopic, type StreamEvent } from '../stream/index.ts';

/** A crossed threshold clears only once the rate is this fraction below its limit. */
export const CLEAR_BELOW = 0.9;

interface Active {
  readonly id: number;
  readonly limit: number;
}

const keyOf = (t: Pick<Threshold, 'target' | 'direction'>) => `${t.target}|${t.direction}`;

/** The rate a threshold measures: summed over the app's ports, or its one port; unknown is 0. */
export function rateOf(t: Threshold, ports: Readonly<Record<string, PortLoad>>): number {
  const list = t.target === 'app' ? Object.values(ports) : [ports[t.target]];
  let bps = 0;
  for (const p of list) {
    if (!p) continue;
    if (t.direction !== 'out') bps += p.inBps ?? 0;
    if (t.direction !== 'in') bps += p.outBps ?? 0;
  }
  return bps;
}

/**
 * Checks every app's thresholds against its port counters as they are published: a rate over
 * a limit raises an alert (stored, and a `threshold-crossed` event on the app's stream), and
 * the alert clears once the rate falls below CLEAR_BELOW × limit, so it does not flap.
 */
export class ThresholdMonitor {
  readonly #store: ThresholdStore;
  readonly #hub: StreamHub;
  readonly #active = new Map<string, Map<string, Active>>();

  constructor(store: ThresholdStore, hub: StreamHub) {
    this.#store = store;
    this.#hub = hub;
  }

  /** Evaluates one app against its latest ports state; returns the events it published. */
  evaluate(
    tenant: string,
    appId: string,
    ports: Readonly<Record<string, PortLoad>>,
    nowMs: number,
  ): StreamEvent[] {
    const active = this.#activeOf(tenant, appId);
    const thresholds = this.#store.forApp(tenant, appId);
    if (thresholds.length === 0 && active.size === 0) return [];
    const events: StreamEvent[] = [];
    const emit = (
      kind: 'threshold-crossed' | 'threshold-cleared',
      t: Pick<Threshold, 'target' | 'direction'>,
      bps: number,
      limit: number,
    ) => {
      const event: StreamEvent = {
        kind,
        atMs: nowMs,
        target: t.target,
        direction: t.direction,
        bps: Math.round(bps),
        limit,
      };
      this.#hub.event(appTopic(tenant, appId, 'events'), event);
      events.push(event);
    };
    const current = new Set<string>();
    for (const t of thresholds) {
      const key = keyOf(t);
      current.add(key);
      const bps = rateOf(t, ports);
      let a = active.get(key);
      if (a && a.limit !== t.bps) {
        // the limit moved: the old alert ends, the new limit is judged afresh
        this.#store.clear(tenant, a.id, nowMs);
        active.delete(key);
        emit('threshold-cleared', t, bps, a.limit);
        a = undefined;
      }
      if (!a && bps > t.bps) {
        active.set(key, { id: this.#store.raise(tenant, appId, t, bps, nowMs), limit: t.bps });
        emit('threshold-crossed', t, bps, t.bps);
      } else if (a && bps < t.bps * CLEAR_BELOW) {
        this.#store.clear(tenant, a.id, nowMs);
        active.delete(key);
        emit('threshold-cleared', t, bps, t.bps);
      }
    }
    for (const [key, a] of active) {
      if (current.has(key)) continue;
      // the threshold was removed: its alert has nothing left to hold it
      const [target = '', direction = 'both'] = key.split('|');
      this.#store.clear(tenant, a.id, nowMs);
      active.delete(key);
      emit(
        'threshold-cleared',
        { target, direction: direction as Threshold['direction'] },
        0,
        a.limit,
      );
    }
    return events;
  }

  #activeOf(tenant: string, appId: string): Map<string, Active> {
    const appKey = `${tenant}/${appId}`;
    let active = this.#active.get(appKey);
    if (!active) {
      // after a restart, alerts raised before it are still open until the rate says otherwise
      active = new Map(
        this.#store.active(tenant, appId).map((a) => [keyOf(a), { id: a.id, limit: a.limit }]),
      );
      this.#active.set(appKey, active);
    }
    return active;
  }
}

/** Evaluates thresholds each time an app's ports topic is published; returns the stop function. */
export function watchThresholds(
  store: ThresholdStore,
  hub: StreamHub,
  now: () => number = Date.now,
): () => void {
  const monitor = new ThresholdMonitor(store, hub);
  return hub.onPublish((topic, state) => {
    const t = parseTopic(topic);
    if (t?.kind !== 'app' || t.stream !== 'ports') return;
    monitor.evaluate(t.tenant, t.appId, state as Readonly<Record<string, PortLoad>>, now());
  });
}
