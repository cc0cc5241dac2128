import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import type { Deployment } from '../store/deployments.ts';
import { WhatIfQueryBody } from './analysis.ts';
import { appNotFound, authorOf, versionJson } from './applications.ts';
import { etagOf, ifMatchVersion } from './etag.ts';
import { controllerRow, designAt } from './pipeline.ts';
import { AppParams, Message, StoredApp } from './schemas.ts';

export const DeploymentJson = z.object({
  controller: z.object({ id: z.number(), name: z.string(), kind: z.enum(['ovn', 'sandbox']) }),
  version: z.number().int(),
  appliedAt: z.string(),
  appliedBy: z.string(),
  drift: z
    .object({ objectIds: z.array(z.string()), message: z.string(), atMs: z.number() })
    .nullable(),
});

const AdoptBody = z.object({ controller: z.number().int().min(1), message: Message });
const TraceBody = z.object({
  controller: z.number().int().min(1),
  version: z.number().int().min(1).optional(),
  query: WhatIfQueryBody,
});

/** Where an app is applied, taking the controller's state as a new version, tracing on a controller. */
export function deploymentRoutes(api: ApiRoutes, ctx: ServerContext): void {
  const { store } = ctx;
  const json = (d: Deployment) => {
    const row = store.controllers.get(d.tenantId, d.controllerId);
    const drift = ctx.driftOf?.(d.controllerId, d.tenantId, d.appId);
    return {
      controller: {
        id: d.controllerId,
        name: row?.name ?? `#${d.controllerId}`,
        kind: row?.kind ?? 'sandbox',
      },
      version: d.version,
      appliedAt: d.appliedAt,
      appliedBy: d.appliedBy,
      drift: drift
        ? { objectIds: [...drift.objectIds], message: drift.message, atMs: drift.atMs }
        : null,
    };
  };

  api.route(
    {
      method: 'get',
      path: '/tenants/{tenant}/apps/{app}/deployments',
      summary:
        'Where the app is applied: per controller the version, who applied it when, and drift seen since',
      tag: 'pipeline',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: AppParams,
      responses: { 200: { description: 'the deployments', schema: DeploymentJson.array() } },
    },
    ({ res, params }) => {
      if (!store.apps.get(params.tenant, params.app)) throw appNotFound(params.tenant, params.app);
      res.json(store.deployments.forApp(params.tenant, params.app).map(json));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/tenants/{tenant}/apps/{app}/adopt',
      summary:
        '"Take theirs": save what the controller holds for this app as a new version (If-Match names the version you have)',
      tag: 'pipeline',
      access: { kind: 'tenant', roles: ['designer'] },
      params: AppParams,
      body: AdoptBody,
      headers: [
        { name: 'If-Match', required: true, description: 'the ETag of the version you have' },
      ],
      responses: { 201: { description: 'the new version', schema: StoredApp } },
    },
    async ({ req, res, params, body, principal }) => {
      const expected = ifMatchVersion(req.get('if-match'), params.app);
      const current = designAt(ctx, params.tenant, params.app);
      const row = controllerRow(ctx, params.tenant, body.controller);
      const applied = await (await ctx.controllers.driver(row)).readApplied(
        { tenant: params.tenant, id: params.app },
        current.design,
      );
      if (!applied) {
        throw new HttpError(
          409,
          'not-applied',
          `controller "${row.name}" holds nothing of ${params.app}: there is nothing to take`,
        );
      }
      const author = authorOf(principal);
      const message = body.message || `took the state of ${row.name} (changed outside netcanvas)`;
      const result = store.transaction(() => {
        const saved = store.apps.save(
          params.tenant,
          params.app,
          expected,
          { ...applied.app, tenant: params.tenant, id: params.app },
          author,
          message,
        );
        if (saved.kind === 'saved') {
          // the controller holds exactly this version now
          store.deployments.record(
            params.tenant,
            params.app,
            row.id,
            saved.app.version,
            author.name,
          );
          store.audit.record({
            tenantId: params.tenant,
            actor: author.name,
            action: 'adopt',
            appId: params.app,
            version: saved.app.version,
            controllerId: row.id,
            result: 'ok',
            detail: { stateVersion: applied.stateVersion },
          });
        }
        return saved;
      });
      if (result.kind === 'not-found') throw appNotFound(params.tenant, params.app);
      if (result.kind === 'conflict') {
        throw new HttpError(
          412,
          'version-conflict',
          `this application is at version ${result.current}, not the version you have; reload it first`,
          { current: result.current, etag: etagOf(params.app, result.current), yours: expected },
        );
      }
      ctx.followApp?.(row, result.app.design);
      res.setHeader('etag', etagOf(result.app.id, result.app.version));
      res.status(201).json(versionJson(result.app));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/tenants/{tenant}/apps/{app}/trace',
      summary:
        'What-if on the controller: trace a packet through what is applied (ovn-trace on OVN, the model on the sandbox)',
      tag: 'pipeline',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: AppParams,
      body: TraceBody,
      responses: { 200: { description: 'the verdict, hops and deciding rule' } },
    },
    async ({ res, params, body }) => {
      const row = controllerRow(ctx, params.tenant, body.controller);
      // default: the version applied there, since that is what the packet meets
      const deployed = store.deployments
        .forApp(params.tenant, params.app)
        .find((d) => d.controllerId === row.id);
      const stored = designAt(ctx, params.tenant, params.app, body.version ?? deployed?.version);
      const driver = await ctx.controllers.driver(row);
      res.json(await driver.trace(stored.design, body.query));
    },
  );
}
