import { validate } from '@netcanvas/model';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import type { PendingPlan } from '../controllers/plans.ts';
import { HttpError } from '../errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import type { ControllerRow } from '../store/controllers.ts';
import { appNotFound, authorOf } from './applications.ts';
import { etagOf } from './etag.ts';
import { commitPlan, planResponse, refuseErrors } from './pipeline-apply.ts';
import { AppParams } from './schemas.ts';

const VersionBody = z.object({ version: z.number().int().min(1).optional() });
const PlanBody = VersionBody.extend({ controller: z.number().int().min(1) });
const ApplyBody = z.union([z.object({ planId: z.uuid() }).strict(), PlanBody.extend({}).strict()]);

const Diagnostics = z.object({ version: z.number(), diagnostics: z.array(z.unknown()) });

/** The design at a version (default: latest), or 404. */
export function designAt(ctx: ServerContext, tenant: string, app: string, version?: number) {
  const stored = ctx.store.apps.get(tenant, app, version);
  if (!stored) throw appNotFound(tenant, version === undefined ? app : `${app}@${version}`);
  return stored;
}

/** The tenant's controller row, or 404 (another tenant's row is not there). */
export function controllerRow(ctx: ServerContext, tenant: string, id: number): ControllerRow {
  const row = ctx.store.controllers.get(tenant, id);
  if (!row) throw new HttpError(404, 'not-found', `no controller ${id} in tenant "${tenant}"`);
  return row;
}

/** Validate, plan and apply an application version against a controller. */
export function pipelineRoutes(api: ApiRoutes, ctx: ServerContext): void {
  api.route(
    {
      method: 'post',
      path: '/tenants/{tenant}/apps/{app}/validate',
      summary: 'Validate a version (default: latest)',
      tag: 'pipeline',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: AppParams,
      body: VersionBody,
      responses: { 200: { description: 'the diagnostics', schema: Diagnostics } },
    },
    ({ res, params, body }) => {
      const stored = designAt(ctx, params.tenant, params.app, body.version);
      res.json({ version: stored.version, diagnostics: validate(stored.design) });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/tenants/{tenant}/apps/{app}/plan',
      summary:
        'Plan a version against a controller: what an apply would change, with a planId to apply it',
      tag: 'pipeline',
      access: { kind: 'tenant', roles: ['designer', 'operator'] },
      params: AppParams,
      body: PlanBody,
      responses: { 200: { description: 'the plan' } },
    },
    async ({ res, params, body, principal }) => {
      const stored = designAt(ctx, params.tenant, params.app, body.version);
      const row = controllerRow(ctx, params.tenant, body.controller);
      const audit = (result: 'ok' | 'refused' | 'failed', detail: Record<string, unknown>) =>
        ctx.store.audit.record({
          tenantId: params.tenant,
          actor: authorOf(principal).name,
          action: 'plan',
          appId: params.app,
          version: stored.version,
          controllerId: row.id,
          result,
          detail,
        });
      try {
        refuseErrors(stored.design);
        const plan = await (await ctx.controllers.driver(row)).plan(stored.design);
        const pending = ctx.plans.add({
          tenant: params.tenant,
          appId: params.app,
          version: stored.version,
          controllerId: row.id,
          design: stored.design,
          plan,
          createdBy: authorOf(principal).name,
        });
        audit('ok', { planId: pending.id, changes: plan.changes.length });
        ctx.metrics.plans.inc({ result: 'ok' });
        res.json(planResponse(pending, row, stored));
      } catch (err) {
        const refused = err instanceof HttpError && err.code === 'design-has-errors';
        audit(refused ? 'refused' : 'failed', { error: (err as Error).message });
        ctx.metrics.plans.inc({ result: refused ? 'refused' : 'failed' });
        throw err;
      }
    },
  );

  api.route(
    {
      method: 'post',
      path: '/tenants/{tenant}/apps/{app}/apply',
      summary:
        'Apply: `{planId}` commits exactly the plan shown (409 controller-changed if the controller moved since); `{controller, version?}` plans and commits at once',
      tag: 'pipeline',
      access: { kind: 'tenant', roles: ['operator'] },
      params: AppParams,
      body: ApplyBody,
      responses: { 200: { description: 'applied' } },
    },
    async ({ res, params, body, principal }) => {
      let pending: PendingPlan;
      if ('planId' in body) {
        const found = ctx.plans.get(body.planId, params.tenant, params.app);
        if (!found) {
          throw new HttpError(
            404,
            'plan-not-found',
            'no such plan for this application (plans expire); plan again',
          );
        }
        pending = found;
      } else {
        const stored = designAt(ctx, params.tenant, params.app, body.version);
        const row = controllerRow(ctx, params.tenant, body.controller);
        try {
          refuseErrors(stored.design);
        } catch (err) {
          ctx.store.audit.record({
            tenantId: params.tenant,
            actor: authorOf(principal).name,
            action: 'apply',
            appId: params.app,
            version: stored.version,
            controllerId: row.id,
            result: 'refused',
            detail: { error: (err as Error).message },
          });
          ctx.metrics.applies.inc({ result: 'refused' });
          throw err;
        }
        const plan = await (await ctx.controllers.driver(row)).plan(stored.design);
        pending = ctx.plans.add({
          tenant: params.tenant,
          appId: params.app,
          version: stored.version,
          controllerId: row.id,
          design: stored.design,
          plan,
          createdBy: authorOf(principal).name,
        });
      }
      const result = await commitPlan(ctx, pending, authorOf(principal).name);
      res.json({ ...result, etag: etagOf(params.app, pending.version) });
    },
  );
}
