import {
  type Application,
  hasErrors,
  parseApplication,
  remapForSite,
  type SiteRemap,
  validate,
} from '@netcanvas/model';
import type { ServerContext } from '../context.ts';
import type { PendingPlan } from '../controllers/plans.ts';
import { HttpError } from '../errors.ts';
import { designAt } from '../routes/pipeline.ts';
import type { StoredVersion } from '../store/apps.ts';
import type { ControllerRow } from '../store/controllers.ts';
import type { StoredSnapshot } from '../store/snapshots.ts';

/** A restore to plan: which snapshot, onto which controller, remapped how, by whom. */
export interface RestoreRequest {
  readonly tenant: string;
  readonly appId: string;
  readonly stored: StoredSnapshot;
  readonly row: ControllerRow;
  readonly remap?: SiteRemap | undefined;
  readonly actor: string;
  readonly action: 'restore' | 'standby-replicate';
}

/**
 * An app remapped for a target site, always as this tenant's app (a snapshot imported from
 * elsewhere never writes another tenant's rows). Refused with 422 and the diagnostics when
 * the result is not a valid design; `what` names the source in the message.
 */
export function remappedApp(
  app: Application,
  what: string,
  tenant: string,
  appId: string,
  remap?: SiteRemap,
): Application {
  const moved = remapForSite(app, { ...remap, tenant, appId });
  const parsed = parseApplication(moved);
  const diagnostics = parsed.ok ? validate(parsed.app) : parsed.diagnostics;
  if (!parsed.ok || hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    throw new HttpError(
      422,
      'design-has-errors',
      `${what}${remap ? ' after the remap' : ''} is not a valid design (${errors.length} error${errors.length === 1 ? '' : 's'}, first: ${errors[0]?.message}); nothing was planned or applied`,
      diagnostics,
    );
  }
  return parsed.app;
}

/** The app a restore of a stored snapshot applies (see {@link remappedApp}). */
export const restoreTarget = (
  stored: StoredSnapshot,
  tenant: string,
  appId: string,
  remap?: SiteRemap,
): Application =>
  remappedApp(stored.snapshot.app, `snapshot ${stored.id.slice(0, 12)}`, tenant, appId, remap);

/**
 * Plans restoring a snapshot onto a controller and keeps the plan for `apply {planId}`;
 * committing it is audited as a restore (or standby replication) with the snapshot id.
 */
export async function planRestore(
  ctx: ServerContext,
  req: RestoreRequest,
): Promise<{ pending: PendingPlan; basedOn: StoredVersion }> {
  const { tenant, appId, stored, row } = req;
  const basedOn =
    (stored.appId === appId && stored.appVersion !== null
      ? ctx.store.apps.get(tenant, appId, stored.appVersion)
      : undefined) ?? designAt(ctx, tenant, appId);
  const audit = (result: 'ok' | 'refused' | 'failed', detail: Record<string, unknown>) =>
    ctx.store.audit.record({
      tenantId: tenant,
      actor: req.actor,
      action: 'plan',
      appId,
      version: basedOn.version,
      controllerId: row.id,
      result,
      detail: { snapshotId: stored.id, for: req.action, ...detail },
    });
  try {
    const design = restoreTarget(stored, tenant, appId, req.remap);
    const plan = await (await ctx.controllers.driver(row)).plan(design);
    const pending = ctx.plans.add({
      tenant,
      appId,
      version: basedOn.version,
      controllerId: row.id,
      design,
      plan,
      createdBy: req.actor,
      action: req.action,
      auditDetail: {
        snapshotId: stored.id,
        target: { controllerId: row.id, name: row.name },
        remapped: req.remap !== undefined,
      },
    });
    audit('ok', { planId: pending.id, changes: plan.changes.length });
    return { pending, basedOn };
  } catch (err) {
    const refused = err instanceof HttpError && err.code === 'design-has-errors';
    audit(refused ? 'refused' : 'failed', { error: (err as Error).message });
    throw err;
  }
}
