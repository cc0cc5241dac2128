import { schemas } from '@netcanvas/model';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import { Tenant, TenantParams } from './schemas.ts';

const CreateTenant = z.object({ id: schemas.ObjectId, name: schemas.Name });

/** Tenants: list mine, create (server admin), read one. */
export function tenantRoutes(api: ApiRoutes, ctx: ServerContext): void {
  const { store } = ctx;
  api.route(
    {
      method: 'get',
      path: '/tenants',
      summary: 'List the tenants you belong to (a server admin sees all)',
      tag: 'tenants',
      access: { kind: 'user' },
      responses: {
        200: {
          description: 'tenants',
          schema: Tenant.extend({ role: z.string().nullable() }).array(),
        },
      },
    },
    ({ res, principal }) => {
      const all = store.tenants.list();
      const visible =
        principal?.user.superuser && principal.via === 'session'
          ? all
          : all.filter((t) => principal?.roles.has(t.id));
      res.json(visible.map((t) => ({ ...t, role: principal?.roles.get(t.id) ?? null })));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/tenants',
      summary: 'Create a tenant; you become its admin',
      tag: 'tenants',
      access: { kind: 'superuser' },
      body: CreateTenant,
      responses: { 201: { description: 'created', schema: Tenant } },
    },
    ({ res, body, principal }) => {
      const tenant = store.transaction(() => {
        if (store.tenants.get(body.id)) return undefined;
        const created = store.tenants.create(body.id, body.name);
        if (principal) store.tenants.setRole(created.id, principal.user.id, 'admin');
        return created;
      });
      if (!tenant) throw new HttpError(409, 'already-exists', `a tenant "${body.id}" exists`);
      res.status(201).json(tenant);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/tenants/{tenant}',
      summary: 'Read a tenant and your role in it',
      tag: 'tenants',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: TenantParams,
      responses: {
        200: { description: 'the tenant', schema: Tenant.extend({ role: z.string() }) },
      },
    },
    ({ res, params, role }) => {
      const tenant = store.tenants.get(params.tenant);
      if (!tenant) throw new HttpError(404, 'not-found', `no tenant "${params.tenant}"`);
      res.json({ ...tenant, role });
    },
  );
}
