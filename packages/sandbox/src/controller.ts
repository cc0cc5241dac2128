import {
  type Application,
  type Change,
  type ControllerApplyResult,
  type ControllerDriver,
  type ControllerEvent,
  type ControllerInfo,
  type ControllerPlan,
  plan as planChanges,
  validate,
  type WhatIfQuery,
  type WhatIfResult,
  whatIf,
} from '@netcanvas/model';
import { appKey, toControllerChanges } from './changes.ts';
import { driftDetail, driftedObjects } from './drift.ts';
import { SandboxError } from './errors.ts';
import { MemorySandboxStore, type SandboxStore, type StoredApplication } from './store.ts';
import type { TrafficFlow } from './telemetry/flows.ts';
import { IfIndexAllocator, type SandboxPortMapEntry } from './telemetry/port-map.ts';
import { DEFAULT_AGENT, type TelemetryOptions, TelemetryRun } from './telemetry/telemetry.ts';
import { Watchers } from './watchers.ts';

/** The sandbox's version, reported by `info()`. */
export const SANDBOX_VERSION = '0.1.0';

/** A sandbox plan: the object-level changes and the stored revision they were made against. */
export interface SandboxPlan extends ControllerPlan {
  /** the app's stored revision when planned; 0 when it was not applied */
  readonly revision: number;
  /** the design the commit will store */
  readonly desired: Application;
  /** the model's changes the controller changes come from */
  readonly objectChanges: readonly Change[];
}

export interface SandboxControllerOptions {
  /** where applied state lives (default: in memory) */
  readonly store?: SandboxStore;
  /** clock for telemetry (default Date.now) */
  readonly now?: () => number;
  /**
   * how often a watch rereads the store to notice changes made outside `commit` and report
   * them as drift, as OVN's watch does for NB edits (default 1000 ms; 0: never)
   */
  readonly driftPollMs?: number;
}

/**
 * The embedded controller netcanvas runs when no OVN is configured: applied designs
 * live in a store, `trace` is the model's `whatIf` on what is applied, and telemetry
 * sends real sFlow v5 for the traffic the applied policy permits.
 */
export class SandboxController implements ControllerDriver<SandboxPlan> {
  readonly #store: SandboxStore;
  readonly #now: () => number;
  readonly #watchers = new Watchers();
  readonly #ifIndex = new IfIndexAllocator();
  readonly #driftPollMs: number;
  /** per app key, the design this controller last stored: what drift is measured against */
  readonly #committed = new Map<string, Application>();
  #telemetry: TelemetryRun | undefined;

  constructor(options: SandboxControllerOptions = {}) {
    this.#store = options.store ?? new MemorySandboxStore();
    this.#now = options.now ?? Date.now;
    this.#driftPollMs = options.driftPollMs ?? 1000;
  }

  async info(): Promise<ControllerInfo> {
    return {
      kind: 'sandbox',
      remote: undefined,
      version: SANDBOX_VERSION,
      healthy: true,
      detail: 'embedded sandbox: no real network',
    };
  }

  /** The applied design of an app and its revision, if it is applied. */
  read(app: Pick<Application, 'tenant' | 'id'>): StoredApplication | undefined {
    return this.#store.load(appKey(app));
  }

  async plan(app: Application): Promise<SandboxPlan> {
    const key = appKey(app);
    const stored = this.#store.load(key);
    const objectChanges = planChanges(stored?.app ?? { objects: [] }, app);
    return {
      appKey: key,
      version: app.version,
      revision: stored?.revision ?? 0,
      desired: app,
      objectChanges,
      changes: toControllerChanges(objectChanges),
    };
  }

  /**
   * Stores the planned design, all or nothing. Refuses a design with validation errors
   * (`invalid-design`) and a plan whose app was applied or removed since (`conflict`).
   */
  async commit(planned: SandboxPlan): Promise<ControllerApplyResult> {
    const errors = validate(planned.desired).filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const first = errors.slice(0, 3).map((d) => d.message);
      throw new SandboxError(
        'invalid-design',
        `the design has ${errors.length} error(s), nothing was applied: ${first.join('; ')}`,
        { details: errors },
      );
    }
    // check and save in one synchronous step, so no other commit slips in between
    const stored = this.#store.load(planned.appKey);
    const revision = stored?.revision ?? 0;
    if (revision !== planned.revision) {
      throw new SandboxError(
        'conflict',
        `${planned.appKey} changed on the sandbox since this plan was made (revision ${planned.revision} → ${revision}); nothing was applied — review the plan again and re-apply`,
        { details: { planned: planned.revision, current: revision } },
      );
    }
    if (planned.changes.length === 0) return { changed: false, changes: [] };
    this.#store.save(planned.appKey, planned.desired, revision + 1);
    this.#committed.set(planned.appKey, planned.desired);
    this.#watchers.notify(planned.appKey, planned.desired, stored?.app);
    return { changed: true, changes: planned.changes };
  }

  /** Plans and commits: makes the sandbox hold `app`. */
  async apply(app: Application): Promise<ControllerApplyResult> {
    return this.commit(await this.plan(app));
  }

  async remove(app: Pick<Application, 'tenant' | 'id'>): Promise<ControllerApplyResult> {
    const key = appKey(app);
    const stored = this.#store.load(key);
    if (!stored) return { changed: false, changes: [] };
    const changes = toControllerChanges(planChanges(stored.app, { objects: [] }));
    this.#store.delete(key);
    this.#committed.delete(key);
    this.#watchers.notify(key, undefined, stored.app);
    return { changed: changes.length > 0, changes };
  }

  /**
   * `whatIf` on the design applied under the app's key, not on the one passed in: a
   * trace answers for the network as it runs, as ovn-trace does. `not-applied` if none is.
   */
  async trace(app: Application, query: WhatIfQuery): Promise<WhatIfResult> {
    const stored = this.#store.load(appKey(app));
    if (!stored) {
      throw new SandboxError(
        'not-applied',
        `${app.name} is not applied on the sandbox, so there is nothing to trace: apply it, or ask what-if of the design`,
      );
    }
    return whatIf(stored.app, query);
  }

  /**
   * Port events (every NIC of the applied app up on chassis `sandbox`), then `in-sync`; again
   * after each change. Drift when the stored app stops matching what was applied (`app`, or
   * what this controller committed since) without going through `commit`, `in-sync` when it
   * matches again.
   */
  watch(app: Application, listener: (event: ControllerEvent) => void): () => void {
    const key = appKey(app);
    // the watcher says what it holds as applied (after a restart, after take-theirs)
    this.#committed.set(key, app);
    const off = this.#watchers.add(key, listener);
    let live = true;
    queueMicrotask(() => {
      if (live) this.#watchers.notify(key, this.#store.load(key)?.app, undefined, listener);
    });
    let reported = '';
    const poll =
      this.#driftPollMs > 0
        ? setInterval(() => {
            const stored = this.#store.load(key);
            if (!stored) return;
            const ids = driftedObjects(this.#committed.get(key) ?? app, stored.app);
            const seen = ids.join(',');
            if (seen === reported) return;
            reported = seen;
            listener(
              ids.length > 0
                ? { type: 'drift', appKey: key, objectIds: ids, detail: driftDetail(ids) }
                : { type: 'in-sync', appKey: key },
            );
          }, this.#driftPollMs)
        : undefined;
    poll?.unref?.();
    return () => {
      live = false;
      clearInterval(poll);
      off();
    };
  }

  /** Which agent + ifIndex is which workload NIC, for every applied app. */
  portMap(): SandboxPortMapEntry[] {
    return this.#ifIndex.entries(this.#telemetry?.agent ?? DEFAULT_AGENT, this.#applied());
  }

  /** Starts sending sFlow for every applied app (replacing a running emitter). */
  async startTelemetry(options: TelemetryOptions): Promise<void> {
    await this.stopTelemetry();
    this.#telemetry = await TelemetryRun.start(
      options,
      {
        applied: () => this.#applied(),
        ifIndexOf: (key, w, n) => this.#ifIndex.of(key, w, n),
        ports: (agent) => this.#ifIndex.entries(agent, this.#applied()),
      },
      this.#now,
    );
  }

  /** The connections telemetry is emitting now (empty when it is stopped). */
  trafficFlows(): TrafficFlow[] {
    return this.#telemetry?.flows() ?? [];
  }

  async stopTelemetry(): Promise<void> {
    const run = this.#telemetry;
    this.#telemetry = undefined;
    await run?.stop();
  }

  async close(): Promise<void> {
    this.#watchers.clear();
    await this.stopTelemetry();
  }

  #applied(): (StoredApplication & { key: string })[] {
    const out: (StoredApplication & { key: string })[] = [];
    for (const key of this.#store.keys()) {
      const s = this.#store.load(key);
      if (s) out.push({ key, ...s });
    }
    return out;
  }
}
