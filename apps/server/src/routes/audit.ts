import { schemas } from '@netcanvas/model';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import type { ApiRoutes } from '../http/route.ts';
import { TenantParams } from './schemas.ts';

const AuditQuery = z.object({
  app: schemas.ObjectId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

const AuditRecord = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  appId: z.string().optional(),
  version: z.number().optional(),
  controllerId: z.number().optional(),
  result: z.enum(['ok', 'refused', 'conflict', 'failed', 'unknown']),
  detail: z.record(z.string(), z.unknown()),
});

/** The audit log: who planned, applied, restored what, when, from which version, with what result. */
export function auditRoutes(api: ApiRoutes, ctx: ServerContext): void {
  api.route(
    {
      method: 'get',
      path: '/tenants/{tenant}/audit',
      summary: 'Read the audit log, newest first (page with ?before=<id>)',
      tag: 'audit',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: TenantParams,
      query: AuditQuery,
      responses: { 200: { description: 'audit records', schema: AuditRecord.array() } },
    },
    ({ res, params, query }) => {
      const records = ctx.store.audit.list(params.tenant, {
        appId: query.app,
        limit: query.limit,
        before: query.before,
      });
      res.json(records.map(({ tenantId: _t, ...r }) => r));
    },
  );
}
