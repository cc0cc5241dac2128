import { type Application, hasErrors, validate } from '@netcanvas/model';
import type { ServerContext } from '../context.ts';
import type { PendingPlan } from '../controllers/plans.ts';
import { HttpError } from '../errors.ts';
import type { StoredVersion } from '../store/apps.ts';
import type { AuditResult } from '../store/audit.ts';
import type { ControllerRow } from '../store/controllers.ts';
import { etagOf } from './etag.ts';

/** Refuses a design with errors: 422 with the diagnostics. */
export function refuseErrors(design: Application): void {
  const diagnostics = validate(design);
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    throw new HttpError(
      422,
      'design-has-errors',
      `the design has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix them before applying (first: ${errors[0]?.message})`,
      diagnostics,
    );
  }
}

/** What POST …/plan answers: the changes and the version they are based on. */
export function planResponse(pending: PendingPlan, row: ControllerRow, stored: StoredVersion) {
  const count = (op: string) => pending.plan.changes.filter((c) => c.op === op).length;
  return {
    planId: pending.id,
    expiresAt: pending.expiresAt,
    basedOn: {
      version: stored.version,
      etag: etagOf(stored.id, stored.version),
      author: stored.author,
      createdAt: stored.createdAt,
      message: stored.message,
    },
    controller: { id: row.id, name: row.name, kind: row.kind },
    summary: { insert: count('insert'), update: count('update'), delete: count('delete') },
    changes: pending.plan.changes,
  };
}

/** Writes the apply-started record: app, version, controller, actor, plan and the design. */
function startApply(ctx: ServerContext, pending: PendingPlan, controllerId: number, actor: string) {
  const previous = ctx.store.deployments
    .forApp(pending.tenant, pending.appId)
    .find((d) => d.controllerId === controllerId);
  return ctx.store.appliesInFlight.start({
    tenantId: pending.tenant,
    appId: pending.appId,
    version: pending.version,
    controllerId,
    previousVersion: previous?.version,
    actor,
    action: pending.action ?? 'apply',
    planId: pending.id,
    changes: pending.plan.changes.length,
    design: pending.design,
    detail: pending.auditDetail ?? {},
  });
}

const isConflict = (err: unknown): err is Error & { details?: unknown } =>
  err instanceof Error && (err as { code?: unknown }).code === 'conflict';

/** Commits a pending plan through its controller and records the result in the audit log. */
export async function commitPlan(ctx: ServerContext, pending: PendingPlan, actor: string) {
  const row = ctx.store.controllers.get(pending.tenant, pending.controllerId);
  if (!row)
    throw new HttpError(
      404,
      'not-found',
      `controller ${pending.controllerId} was removed; plan again`,
    );
  const audit = (result: AuditResult, detail: Record<string, unknown>) =>
    ctx.store.audit.record({
      tenantId: pending.tenant,
      actor,
      action: pending.action ?? 'apply',
      appId: pending.appId,
      version: pending.version,
      controllerId: row.id,
      result,
      detail: { planId: pending.id, ...pending.auditDetail, ...detail },
    });
  // the plan was checked when made; checked again so no path commits a design with errors
  refuseErrors(pending.design);
  // written ahead: if the server dies between the commit and its record, a restart reconciles it
  const started = startApply(ctx, pending, row.id, actor);
  const finish = (record: () => void) =>
    ctx.store.transaction(() => {
      record();
      ctx.store.appliesInFlight.finish(started);
    });
  try {
    const driver = await ctx.controllers.driver(row);
    const result = await driver.commit(pending.plan);
    ctx.plans.delete(pending.id);
    finish(() => {
      ctx.store.deployments.record(pending.tenant, pending.appId, row.id, pending.version, actor);
      audit('ok', { changed: result.changed, changes: result.changes.length });
    });
    ctx.metrics.applies.inc({ result: 'ok' });
    ctx.followApp?.(row, pending.design);
    if (result.changed) {
      ctx.publishEvent?.(pending.tenant, pending.appId, {
        kind: 'applied',
        atMs: Date.now(),
        by: actor,
        version: pending.version,
      });
    }
    return {
      applied: true,
      changed: result.changed,
      changes: result.changes,
      version: pending.version,
      controller: { id: row.id, name: row.name },
    };
  } catch (err) {
    if (isConflict(err)) {
      ctx.plans.delete(pending.id);
      finish(() => audit('conflict', { error: err.message, changed: err.details }));
      ctx.metrics.applies.inc({ result: 'conflict' });
      throw new HttpError(
        409,
        'controller-changed',
        `${err.message}`,
        {
          planId: pending.id,
          basedOn: pending.version,
          ...(typeof err.details === 'object' ? err.details : {}),
        },
        { cause: err },
      );
    }
    finish(() => audit('failed', { error: (err as Error).message }));
    ctx.metrics.applies.inc({ result: 'failed' });
    throw err;
  }
}
