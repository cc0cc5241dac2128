import type { Application, ControllerEvent } from '@netcanvas/model';
import type { ControllerRegistry } from '../controllers/registry.ts';
import type { ControllerRow } from '../store/controllers.ts';
import { appTopic, type StreamEvent, type StreamHub } from '../stream/index.ts';

/** The stream event a controller event becomes; undefined for none. */
function toStreamEvent(e: ControllerEvent): StreamEvent | undefined {
  const atMs = Date.now();
  if (e.type === 'drift')
    return { kind: 'drift', atMs, objectIds: [...e.objectIds], message: e.detail };
  if (e.type === 'port') {
    return {
      kind: e.up ? 'port-up' : 'port-down',
      atMs,
      objectId: e.objectId,
      nicId: e.nicId,
      portName: `${e.objectId}/${e.nicId}`,
    };
  }
  return undefined;
}

/** Objects of an applied app that changed outside netcanvas, as last reported. */
export interface DriftState {
  readonly objectIds: readonly string[];
  readonly message: string;
  readonly atMs: number;
}

/**
 * Follows each applied app on its controller: one watch per (controller, app), replaced on
 * every apply so it always compares against the design that was applied last.
 */
export class AppFollower {
  readonly #controllers: ControllerRegistry;
  readonly #hub: StreamHub;
  readonly #stops = new Map<string, () => void>();
  readonly #drift = new Map<string, DriftState>();

  constructor(controllers: ControllerRegistry, hub: StreamHub) {
    this.#controllers = controllers;
    this.#hub = hub;
  }

  follow(row: ControllerRow, app: Application): void {
    const key = `${row.id}/${app.tenant}/${app.id}`;
    this.#stops.get(key)?.();
    this.#stops.delete(key);
    // a fresh apply starts in sync: the watch reports drift again if there is any
    this.#drift.delete(key);
    const topic = appTopic(app.tenant, app.id, 'events');
    void this.#controllers
      .driver(row)
      .then((driver) => {
        this.#stops.set(
          key,
          driver.watch(app, (e) => {
            if (e.type === 'drift')
              this.#drift.set(key, {
                objectIds: [...e.objectIds],
                message: e.detail,
                atMs: Date.now(),
              });
            if (e.type === 'in-sync') this.#drift.delete(key);
            const event = toStreamEvent(e);
            if (event) this.#hub.event(topic, event);
          }),
        );
      })
      .catch(() => undefined);
  }

  /** The drift last reported for an app on a controller; undefined while in sync. */
  driftOf(controllerId: number, tenant: string, appId: string): DriftState | undefined {
    return this.#drift.get(`${controllerId}/${tenant}/${appId}`);
  }

  close(): void {
    for (const stop of this.#stops.values()) stop();
    this.#stops.clear();
  }
}
