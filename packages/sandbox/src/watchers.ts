import type { Application, ControllerEvent } from '@netcanvas/model';

type Listener = (event: ControllerEvent) => void;

/** Per-app listeners of port and sync events. */
export class Watchers {
  readonly #byApp = new Map<string, Set<Listener>>();

  add(appKey: string, listener: Listener): () => void {
    let set = this.#byApp.get(appKey);
    if (!set) {
      set = new Set();
      this.#byApp.set(appKey, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#byApp.delete(appKey);
    };
  }

  /**
   * Tells listeners (all of the app's, or just `only`) where its NICs stand: every NIC of
   * `now` up on chassis `sandbox`, every NIC only in `before` down; then `in-sync`.
   */
  notify(
    appKey: string,
    now: Application | undefined,
    before?: Application,
    only?: Listener,
  ): void {
    const listeners = only ? [only] : [...(this.#byApp.get(appKey) ?? [])];
    if (listeners.length === 0) return;
    const events: ControllerEvent[] = [];
    const up = new Set<string>();
    for (const o of now?.objects ?? []) {
      if (o.kind !== 'workload') continue;
      for (const nic of o.nics) {
        up.add(`${o.id}/${nic.id}`);
        events.push(port(appKey, o.id, nic.id, true));
      }
    }
    for (const o of before?.objects ?? []) {
      if (o.kind !== 'workload') continue;
      for (const nic of o.nics)
        if (!up.has(`${o.id}/${nic.id}`)) events.push(port(appKey, o.id, nic.id, false));
    }
    events.push({ type: 'in-sync', appKey });
    for (const l of listeners) for (const e of events) l(e);
  }

  clear(): void {
    this.#byApp.clear();
  }
}

function port(appKey: string, objectId: string, nicId: string, up: boolean): ControllerEvent {
  return { type: 'port', appKey, objectId, nicId, up, chassis: up ? 'sandbox' : undefined };
}
