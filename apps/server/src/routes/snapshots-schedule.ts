import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import { remappedApp } from '../snapshots/restore.ts';
import type { SnapshotSchedule } from '../store/snapshots.ts';
import { authorOf } from './applications.ts';
import { controllerRow, designAt } from './pipeline.ts';
import { AppParams } from './schemas.ts';
import { SiteRemapBody } from './snapshots-schemas.ts';

const ScheduleBody = z
  .object({
    controller: z.number().int().min(1),
    everyMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60, 'at most once a week (10080 minutes)'),
    keep: z.number().int().min(1).max(1000),
    standby: z
      .object({ controller: z.number().int().min(1), remap: SiteRemapBody.optional() })
      .strict()
      .optional(),
  })
  .strict();

const ScheduleJson = z.object({
  controller: z.object({ id: z.number(), name: z.string() }),
  everyMinutes: z.number(),
  keep: z.number(),
  standby: z
    .object({
      controller: z.object({ id: z.number(), name: z.string() }),
      remap: z.unknown().optional(),
    })
    .nullable(),
  nextDueAt: z.string(),
  lastRunAt: z.string().nullable(),
  lastResult: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

/** Scheduled snapshots per app: every N minutes, keep N, and optionally a standby (DR) controller. */
export function snapshotScheduleRoutes(api: ApiRoutes, ctx: ServerContext): void {
  const path = '/tenants/{tenant}/apps/{app}/snapshot-schedule';
  const now = () => ctx.snapshotClock?.now() ?? Date.now();
  const named = (tenant: string, id: number) => ({
    id,
    name: ctx.store.controllers.get(tenant, id)?.name ?? `#${id}`,
  });
  const json = (s: SnapshotSchedule): z.infer<typeof ScheduleJson> => ({
    controller: named(s.tenantId, s.controllerId),
    everyMinutes: s.everyMinutes,
    keep: s.keep,
    standby: s.standby
      ? {
          controller: named(s.tenantId, s.standby.controllerId),
          ...(s.standby.remap ? { remap: s.standby.remap } : {}),
        }
      : null,
    nextDueAt: new Date(s.nextDueMs).toISOString(),
    lastRunAt: s.lastRunAt,
    lastResult: s.lastResult,
    updatedBy: s.updatedBy,
    updatedAt: s.updatedAt,
  });
  const noSchedule = (app: string) =>
    new HttpError(404, 'not-found', `${app} has no snapshot schedule`);

  api.route(
    {
      method: 'put',
      path,
      summary:
        'Snapshot the app on a controller every N minutes and keep the newest N; with `standby`, restore each snapshot onto that controller (remapped) so recovery there is one push',
      tag: 'snapshots',
      access: { kind: 'tenant', roles: ['operator'] },
      params: AppParams,
      body: ScheduleBody,
      responses: { 200: { description: 'the schedule', schema: ScheduleJson } },
    },
    ({ res, params, body, principal }) => {
      const current = designAt(ctx, params.tenant, params.app);
      const row = controllerRow(ctx, params.tenant, body.controller);
      const standby = body.standby && controllerRow(ctx, params.tenant, body.standby.controller);
      if (standby?.id === row.id)
        throw new HttpError(
          400,
          'invalid-request',
          'the standby controller must be another controller than the one snapshotted',
        );
      // a remap that breaks the design is refused now, not at the first scheduled run
      if (body.standby?.remap)
        remappedApp(current.design, params.app, params.tenant, params.app, body.standby.remap);
      const actor = authorOf(principal).name;
      const saved = ctx.store.transaction(() => {
        const s = ctx.store.snapshots.setSchedule({
          tenantId: params.tenant,
          appId: params.app,
          controllerId: row.id,
          everyMinutes: body.everyMinutes,
          keep: body.keep,
          standby: standby
            ? {
                controllerId: standby.id,
                ...(body.standby?.remap ? { remap: body.standby.remap } : {}),
              }
            : null,
          nextDueMs: now() + body.everyMinutes * 60_000,
          updatedBy: actor,
        });
        ctx.store.audit.record({
          tenantId: params.tenant,
          actor,
          action: 'snapshot.schedule',
          appId: params.app,
          controllerId: row.id,
          result: 'ok',
          detail: {
            everyMinutes: body.everyMinutes,
            keep: body.keep,
            standby: standby?.id ?? null,
          },
        });
        return s;
      });
      res.json(json(saved));
    },
  );

  api.route(
    {
      method: 'get',
      path,
      summary: "The app's snapshot schedule, when it runs next and how the last run went",
      tag: 'snapshots',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: AppParams,
      responses: { 200: { description: 'the schedule', schema: ScheduleJson } },
    },
    ({ res, params }) => {
      const s = ctx.store.snapshots.schedule(params.tenant, params.app);
      if (!s) throw noSchedule(params.app);
      res.json(json(s));
    },
  );

  api.route(
    {
      method: 'delete',
      path,
      summary: 'Stop scheduled snapshots (and standby replication) of the app; snapshots stay',
      tag: 'snapshots',
      access: { kind: 'tenant', roles: ['operator'] },
      params: AppParams,
      responses: { 204: { description: 'removed' } },
    },
    ({ res, params, principal }) => {
      const removed = ctx.store.transaction(() => {
        const gone = ctx.store.snapshots.deleteSchedule(params.tenant, params.app);
        if (gone) {
          ctx.store.audit.record({
            tenantId: params.tenant,
            actor: authorOf(principal).name,
            action: 'snapshot.schedule',
            appId: params.app,
            result: 'ok',
            detail: { removed: true },
          });
        }
        return gone;
      });
      if (!removed) throw noSchedule(params.app);
      res.status(204).end();
    },
  );
}
