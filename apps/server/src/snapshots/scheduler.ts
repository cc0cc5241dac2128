import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { commitPlan } from '../routes/pipeline-apply.ts';
import type { SnapshotSchedule } from '../store/snapshots.ts';
import { planRestore } from './restore.ts';
import { takeSnapshot } from './take.ts';

/** Time as the scheduler sees it: injectable so tests move it by hours in a millisecond. */
export interface SchedulerClock {
  now(): number;
  /** calls `tick` every `ms`; returns the function that stops it */
  every(ms: number, tick: () => Promise<void>): () => void;
}

/** The wall clock, with an unref'd interval so it never keeps the process alive. */
export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const timer = setInterval(() => void tick(), ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** What one scheduled run did. */
export interface ScheduleRun {
  readonly tenantId: string;
  readonly appId: string;
  readonly ok: boolean;
  readonly snapshotId?: string;
  readonly pruned: readonly string[];
  /** the standby controller the snapshot was restored onto */
  readonly replicatedTo?: number;
  readonly error?: string;
}

interface SchedulerLog {
  warn(obj: object, msg: string): void;
}

/** The actor scheduled snapshots and standby restores are recorded under. */
export const SCHEDULER_ACTOR = 'scheduler';

/**
 * Takes each app's scheduled snapshot when due, prunes to the schedule's keep (never the
 * newest), and in standby mode restores every new snapshot onto the standby controller
 * (plan and commit, audited as `standby-replicate`), so recovery there is one push.
 */
export class SnapshotScheduler {
  readonly #ctx: ServerContext;
  readonly #clock: SchedulerClock;
  readonly #checkMs: number;
  readonly #log: SchedulerLog | undefined;
  #stop: (() => void) | undefined;
  #running: Promise<ScheduleRun[]> | undefined;

  constructor(
    ctx: ServerContext,
    options: { clock?: SchedulerClock; checkEveryMs?: number; log?: SchedulerLog } = {},
  ) {
    this.#ctx = ctx;
    this.#clock = options.clock ?? systemClock;
    this.#checkMs = options.checkEveryMs ?? 30_000;
    this.#log = options.log;
  }

  start(): void {
    this.#stop ??= this.#clock.every(this.#checkMs, async () => {
      await this.tick();
    });
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    this.#stop?.();
    this.#stop = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** Runs every schedule that is due now; one run at a time (a tick during a run joins it). */
  tick(): Promise<ScheduleRun[]> {
    this.#running ??= this.#runDue().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #runDue(): Promise<ScheduleRun[]> {
    const runs: ScheduleRun[] = [];
    for (const schedule of this.#ctx.store.snapshots.due(this.#clock.now())) {
      runs.push(await this.#run(schedule));
    }
    return runs;
  }

  async #run(s: SnapshotSchedule): Promise<ScheduleRun> {
    const { store } = this.#ctx;
    const nowMs = this.#clock.now();
    // missed runs (the server was down) are not caught up: one snapshot, then the usual pace
    const nextDueMs = nowMs + s.everyMinutes * 60_000;
    const which = { tenantId: s.tenantId, appId: s.appId };
    let snapshotId: string | undefined;
    let pruned: string[] = [];
    try {
      const row = store.controllers.get(s.tenantId, s.controllerId);
      if (!row) throw new HttpError(404, 'not-found', `controller ${s.controllerId} was removed`);
      const taken = await takeSnapshot(this.#ctx, {
        tenant: s.tenantId,
        appId: s.appId,
        row,
        actor: SCHEDULER_ACTOR,
        source: 'scheduled',
        createdAt: new Date(nowMs).toISOString(),
      });
      snapshotId = taken.meta.id;
      pruned = store.snapshots.prune(s.tenantId, s.appId, s.keep);
      if (pruned.length > 0) {
        store.audit.record({
          tenantId: s.tenantId,
          actor: SCHEDULER_ACTOR,
          action: 'snapshot.prune',
          appId: s.appId,
          result: 'ok',
          detail: { deleted: pruned, keep: s.keep },
        });
      }
      const replicatedTo = s.standby ? await this.#replicate(s, snapshotId) : undefined;
      store.snapshots.ran(s.tenantId, s.appId, nextDueMs, `ok: snapshot ${snapshotId}`);
      return {
        ...which,
        ok: true,
        snapshotId,
        pruned,
        ...(replicatedTo === undefined ? {} : { replicatedTo }),
      };
    } catch (err) {
      const error = (err as Error).message;
      this.#log?.warn({ ...which, err }, 'scheduled snapshot failed');
      store.snapshots.ran(s.tenantId, s.appId, nextDueMs, `failed: ${error}`);
      return { ...which, ok: false, pruned, error, ...(snapshotId ? { snapshotId } : {}) };
    }
  }

  async #replicate(s: SnapshotSchedule, snapshotId: string): Promise<number> {
    const standby = s.standby;
    const stored = this.#ctx.store.snapshots.get(s.tenantId, snapshotId, s.appId);
    const row = standby && this.#ctx.store.controllers.get(s.tenantId, standby.controllerId);
    if (!stored || !standby || !row)
      throw new HttpError(404, 'not-found', 'the standby controller was removed');
    const { pending } = await planRestore(this.#ctx, {
      tenant: s.tenantId,
      appId: s.appId,
      stored,
      row,
      remap: standby.remap,
      actor: SCHEDULER_ACTOR,
      action: 'standby-replicate',
    });
    await commitPlan(this.#ctx, pending, SCHEDULER_ACTOR);
    return row.id;
  }
}
