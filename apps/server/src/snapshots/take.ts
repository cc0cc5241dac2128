import { createSnapshot, type Snapshot } from '@netcanvas/model';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { designAt } from '../routes/pipeline.ts';
import type { ControllerRow } from '../store/controllers.ts';
import type { SnapshotMeta, SnapshotSource } from '../store/snapshots.ts';

/** What to snapshot, from where, on whose behalf. */
export interface TakeSnapshot {
  readonly tenant: string;
  readonly appId: string;
  readonly row: ControllerRow;
  readonly actor: string;
  readonly source: Exclude<SnapshotSource, 'imported'>;
  /** ISO time of the snapshot; the scheduler passes its clock's */
  readonly createdAt?: string;
}

/**
 * Snapshots an app as the controller holds it (read back, not the saved design), with the
 * design and layout of the version applied there, and stores it with an audit entry in one
 * transaction. 409 `not-applied` when the controller holds nothing of the app.
 */
export async function takeSnapshot(
  ctx: ServerContext,
  take: TakeSnapshot,
): Promise<{ created: boolean; meta: SnapshotMeta; snapshot: Snapshot }> {
  const { tenant, appId, row } = take;
  const deployed = ctx.store.deployments
    .forApp(tenant, appId)
    .find((d) => d.controllerId === row.id)?.version;
  const stored =
    (deployed === undefined ? undefined : ctx.store.apps.get(tenant, appId, deployed)) ??
    designAt(ctx, tenant, appId);
  const driver = await ctx.controllers.driver(row);
  const applied = await driver.readApplied({ tenant, id: appId }, stored.design);
  if (!applied) {
    throw new HttpError(
      409,
      'not-applied',
      `controller "${row.name}" holds nothing of ${appId}: apply it there first, then snapshot`,
    );
  }
  const snapshot = createSnapshot({
    app: applied.app,
    design: stored.design,
    createdBy: take.actor,
    controller: {
      kind: row.kind,
      remote: row.remote ?? row.name,
      stateVersion: applied.stateVersion,
    },
    ...(take.createdAt ? { createdAt: take.createdAt } : {}),
  });
  const result = ctx.store.transaction(() => {
    const added = ctx.store.snapshots.add(tenant, snapshot, {
      source: take.source,
      appId,
      appVersion: stored.version,
      controllerId: row.id,
    });
    ctx.store.audit.record({
      tenantId: tenant,
      actor: take.actor,
      action: 'snapshot.create',
      appId,
      version: stored.version,
      controllerId: row.id,
      result: 'ok',
      detail: { snapshotId: snapshot.id, source: take.source, stateVersion: applied.stateVersion },
    });
    return added;
  });
  return { ...result, snapshot };
}
