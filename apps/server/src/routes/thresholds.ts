import type { Application } from '@netcanvas/model';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import { type Threshold, ThresholdStore } from '../store/thresholds.ts';
import { appNotFound, authorOf } from './applications.ts';
import { AppParams } from './schemas.ts';

const MAX_THRESHOLDS = 256;
// 10 Tb/s: far above any port, low enough to catch a unit slip
const MAX_BPS = 1e13;

const ThresholdJson = z.object({
  target: z
    .string()
    .min(1)
    .max(130)
    .describe('`app` (all its ports summed) or a NIC port `<objectId>/<nicId>`'),
  direction: z.enum(['in', 'out', 'both']).default('both'),
  bps: z.number().positive().max(MAX_BPS).describe('the limit in bits per second'),
});

const AlertJson = z.object({
  target: z.string(),
  direction: z.enum(['in', 'out', 'both']),
  limit: z.number(),
  bps: z.number(),
  raisedAtMs: z.number(),
});

const ThresholdsBody = z.object({ thresholds: z.array(ThresholdJson).max(MAX_THRESHOLDS) });
const ThresholdsReply = z.object({
  thresholds: z.array(ThresholdJson),
  /** thresholds crossed now, so a page opened later shows them */
  alerts: z.array(AlertJson),
});

/** Why a target names nothing in the design; undefined when it names a workload NIC. */
function targetProblem(design: Application, target: string): string | undefined {
  if (target === 'app') return undefined;
  const [objectId, nicId, extra] = target.split('/');
  if (!objectId || !nicId || extra !== undefined)
    return `"${target}" is neither "app" nor a port "<workload>/<nic>"`;
  const o = design.objects.find((x) => x.id === objectId);
  if (!o) return `there is no object "${objectId}" in the application`;
  if (o.kind !== 'workload') return `"${objectId}" is a ${o.kind}, not a workload with ports`;
  if (!o.nics.some((n) => n.id === nicId))
    return `workload "${objectId}" has no NIC "${nicId}" (it has ${o.nics.map((n) => n.id).join(', ') || 'none'})`;
  return undefined;
}

/** Checks a whole list against the app's latest design; throws before anything is stored. */
function checkThresholds(design: Application, list: readonly Threshold[]): void {
  const seen = new Set<string>();
  list.forEach((t, index) => {
    const problem = targetProblem(design, t.target);
    if (problem)
      throw new HttpError(400, 'invalid-request', `thresholds[${index}]: ${problem}`, {
        index,
        target: t.target,
      });
    const key = `${t.target}|${t.direction}`;
    if (seen.has(key))
      throw new HttpError(
        400,
        'invalid-request',
        `thresholds[${index}]: a second limit on ${t.target} (${t.direction}); keep one per target and direction`,
        { index, target: t.target, direction: t.direction },
      );
    seen.add(key);
  });
}

/** Rate thresholds of an app: viewers read them and the active alerts, operators set them. */
export function thresholdRoutes(api: ApiRoutes, ctx: ServerContext): void {
  const { store } = ctx;
  const thresholds = new ThresholdStore(store.db);
  const reply = (tenant: string, app: string) => ({
    thresholds: thresholds.forApp(tenant, app),
    alerts: thresholds.active(tenant, app).map((a) => ({
      target: a.target,
      direction: a.direction,
      limit: a.limit,
      bps: Math.round(a.bps),
      raisedAtMs: a.raisedAtMs,
    })),
  });
  const responses = {
    200: { description: 'thresholds and active alerts', schema: ThresholdsReply },
  };

  api.route(
    {
      method: 'get',
      path: '/tenants/{tenant}/apps/{app}/thresholds',
      summary: "The app's rate thresholds and the alerts active now",
      tag: 'live',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: AppParams,
      responses,
    },
    ({ res, params }) => {
      if (!store.apps.get(params.tenant, params.app)) throw appNotFound(params.tenant, params.app);
      res.json(reply(params.tenant, params.app));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/tenants/{tenant}/apps/{app}/thresholds',
      summary:
        "Replaces the app's rate thresholds; each is checked on every telemetry tick and alerts on the app's event stream",
      tag: 'live',
      access: { kind: 'tenant', roles: ['operator', 'designer'] },
      params: AppParams,
      body: ThresholdsBody,
      responses,
    },
    ({ res, params, body, principal }) => {
      const current = store.apps.get(params.tenant, params.app);
      if (!current) throw appNotFound(params.tenant, params.app);
      checkThresholds(current.design, body.thresholds);
      thresholds.replace(params.tenant, params.app, body.thresholds, authorOf(principal).name);
      res.json(reply(params.tenant, params.app));
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/tenants/{tenant}/apps/{app}/thresholds',
      summary: 'Removes every threshold of the app (its alerts clear at the next tick)',
      tag: 'live',
      access: { kind: 'tenant', roles: ['operator', 'designer'] },
      params: AppParams,
      responses: { 204: { description: 'removed' } },
    },
    ({ res, params, principal }) => {
      if (!store.apps.get(params.tenant, params.app)) throw appNotFound(params.tenant, params.app);
      thresholds.replace(params.tenant, params.app, [], authorOf(principal).name);
      res.status(204).end();
    },
  );
}
