import type { Application } from '@netcanvas/model';
import type { Logger } from '../observability/logger.ts';
import type { ApplyInFlight } from '../store/applies-in-flight.ts';
import type { AuditResult } from '../store/audit.ts';
import type { Store } from '../store/store.ts';
import type { ControllerRegistry } from './registry.ts';
import type { SiteDriver } from './site-driver.ts';

/** What a restart found on the controller for an apply whose server died. */
export type ApplyReconciliation =
  /** the controller holds the started design: the apply is recorded as deployed */
  | 'committed-before-restart'
  /** it holds what was deployed before (or nothing, as before): the apply did not happen */
  | 'not-applied'
  /** it holds neither: left as drift for someone to look at */
  | 'unknown';

/** One started apply settled at start-up. */
export interface ReconciledApply {
  readonly apply: ApplyInFlight;
  readonly outcome: ApplyReconciliation;
}

const RESULT: Record<ApplyReconciliation, AuditResult> = {
  'committed-before-restart': 'ok',
  'not-applied': 'failed',
  unknown: 'unknown',
};

/** Whether the controller holds exactly this design: a fresh plan of it changes nothing. */
const holds = async (driver: SiteDriver, design: Application) =>
  (await driver.plan(design)).changes.length === 0;

async function outcomeOf(
  store: Store,
  driver: SiteDriver,
  a: ApplyInFlight,
): Promise<ApplyReconciliation> {
  if (await holds(driver, a.design)) return 'committed-before-restart';
  const previous =
    a.previousVersion === undefined
      ? undefined
      : store.apps.get(a.tenantId, a.appId, a.previousVersion);
  if (previous) return (await holds(driver, previous.design)) ? 'not-applied' : 'unknown';
  if (a.previousVersion !== undefined) return 'unknown';
  const held = await driver.readApplied({ tenant: a.tenantId, id: a.appId });
  return held === undefined ? 'not-applied' : 'unknown';
}

const within = <T>(ms: number, work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

/**
 * Settles every apply started and never recorded (the server died between the start record
 * and the outcome) by reading the app back from its controller: recorded as deployed when
 * the controller holds the started design, as failed when it holds the previous version, as
 * `unknown` otherwise, each in the audit log under the original actor. An apply whose
 * controller does not answer within `timeoutMs` stays unfinished for the next start.
 */
export async function reconcileUnfinishedApplies(
  store: Store,
  controllers: ControllerRegistry,
  log: Pick<Logger, 'info' | 'warn'>,
  timeoutMs = 10_000,
): Promise<ReconciledApply[]> {
  const settled: ReconciledApply[] = [];
  for (const a of store.appliesInFlight.unfinished()) {
    const row = store.controllers.get(a.tenantId, a.controllerId);
    if (!row) {
      store.appliesInFlight.finish(a.id);
      continue;
    }
    let outcome: ApplyReconciliation;
    try {
      outcome = await within(
        timeoutMs,
        controllers.driver(row).then((driver) => outcomeOf(store, driver, a)),
      );
    } catch (err) {
      controllers.forget(row.id);
      log.warn(
        { tenant: a.tenantId, app: a.appId, controller: row.name, err: (err as Error).message },
        'an apply interrupted by a restart could not be checked: its controller did not answer; checked again at the next start',
      );
      continue;
    }
    store.transaction(() => {
      if (outcome === 'committed-before-restart') {
        store.deployments.record(a.tenantId, a.appId, a.controllerId, a.version, a.actor);
      }
      store.audit.record({
        tenantId: a.tenantId,
        actor: a.actor,
        action: a.action,
        appId: a.appId,
        version: a.version,
        controllerId: a.controllerId,
        result: RESULT[outcome],
        detail: {
          planId: a.planId,
          ...a.detail,
          outcome,
          startedAt: a.startedAt,
          previousVersion: a.previousVersion ?? null,
          changes: a.changes,
        },
      });
      store.appliesInFlight.finish(a.id);
    });
    log.info(
      { tenant: a.tenantId, app: a.appId, version: a.version, controller: row.name, outcome },
      'an apply interrupted by a restart was reconciled with its controller',
    );
    settled.push({ apply: a, outcome });
  }
  return settled;
}
