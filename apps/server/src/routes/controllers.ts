import { accessSync, constants } from 'node:fs';
import { isAbsolute } from 'node:path';
import { schemas } from '@netcanvas/model';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import { parseHypervisorRemotes } from '../live/hypervisor-remotes.ts';
import type { ControllerRow } from '../store/controllers.ts';
import { authorOf, versionJson } from './applications.ts';
import { controllerRow } from './pipeline.ts';
import { ControllerParams, Message, StoredApp, TenantParams } from './schemas.ts';

const ENDPOINT = /^(?:(?:tcp|ssl):(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}|unix:\/[^,\s]+)$/;

/** An NB remote: `tcp:H:P`, `ssl:H:P`, `unix:/path`, or a comma-separated cluster list of them. */
export const Remote = z
  .string()
  .max(2000)
  .refine((r) => r.split(',').every((e) => ENDPOINT.test(e.trim())), {
    message:
      'a remote is tcp:HOST:PORT, ssl:HOST:PORT or unix:/PATH, or a comma-separated list of them',
  });

/** Hypervisors' Open_vSwitch DBs: comma-separated `REMOTE` or `AGENT@REMOTE` (the sFlow agent address). */
export const HypervisorRemotes = z
  .string()
  .max(2000)
  .superRefine((text, ctx) => {
    const bad = text
      .split(',')
      .map((e) => e.trim())
      .find((e) => !ENDPOINT.test(e.slice(e.indexOf('@') + 1)));
    const parsed = bad === undefined ? parseHypervisorRemotes(text) : undefined;
    if (bad !== undefined || typeof parsed === 'string') {
      ctx.addIssue({
        code: 'custom',
        message:
          (typeof parsed === 'string' ? parsed : undefined) ??
          `"${bad}": each hypervisor is tcp:HOST:PORT, ssl:HOST:PORT or unix:/PATH, optionally AGENT@ before it (the sFlow agent address)`,
      });
    }
  });

const isReadable = (file: string) => {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

const PemPath = z
  .string()
  .max(4096)
  .refine((p) => isAbsolute(p), { message: 'give an absolute path on the server host' })
  .refine((p) => isReadable(p), { message: 'the server cannot read this file' });

/** PEM files for `ssl:` remotes, by path on the server host, as `ovn-nbctl -p -c -C` takes them. */
const SslBody = z.object({ privateKey: PemPath, certificate: PemPath, caCert: PemPath }).strict();

const usesSsl = (...remotes: (string | undefined)[]) =>
  remotes.some((r) => r?.split(',').some((e) => e.trim().startsWith('ssl:')));

const CreateBody = z.discriminatedUnion('kind', [
  z.object({
    name: schemas.Name,
    kind: z.literal('ovn'),
    remote: Remote,
    /** the Southbound DB: port status and ovn-trace */
    sbRemote: Remote.optional(),
    /** the hypervisors' Open_vSwitch DBs: telemetry port map */
    ovsRemote: HypervisorRemotes.optional(),
    /** key, certificate and CA for the `ssl:` remotes */
    ssl: SslBody.optional(),
  }),
  z.object({ name: schemas.Name, kind: z.literal('sandbox') }),
]);

const Health = z.object({
  healthy: z.boolean(),
  version: z.string().optional(),
  detail: z.string(),
  checkedAt: z.string(),
});
const Controller = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(['ovn', 'sandbox']),
  remote: z.string().nullable(),
  sbRemote: z.string().nullable(),
  ovsRemote: z.string().nullable(),
  ssl: z.object({ privateKey: z.string(), certificate: z.string(), caCert: z.string() }).nullable(),
  createdAt: z.string(),
  health: Health.nullable(),
});

const ImportBody = z.object({ id: schemas.ObjectId, name: schemas.Name, message: Message });

/** Controllers (sites) of a tenant: register, list with health, remove, import from. */
export function controllerRoutes(api: ApiRoutes, ctx: ServerContext): void {
  const json = (row: ControllerRow) => {
    const { tenantId: _t, ...rest } = row;
    return { ...rest, health: ctx.controllers.lastHealth(row.id) ?? null };
  };

  api.route(
    {
      method: 'get',
      path: '/tenants/{tenant}/controllers',
      summary: "List the tenant's controllers with their last health check",
      tag: 'controllers',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: TenantParams,
      responses: { 200: { description: 'the controllers', schema: Controller.array() } },
    },
    ({ res, params }) => res.json(ctx.store.controllers.list(params.tenant).map(json)),
  );

  api.route(
    {
      method: 'post',
      path: '/tenants/{tenant}/controllers',
      summary:
        'Register a controller: an OVN NB remote (TCP, SSL, unix, cluster list), optionally its SB and hypervisor OVS DBs, or the sandbox',
      tag: 'controllers',
      access: { kind: 'tenant', roles: ['admin'] },
      params: TenantParams,
      body: CreateBody,
      responses: { 201: { description: 'registered', schema: Controller } },
    },
    ({ res, params, body, principal }) => {
      const remote = body.kind === 'ovn' ? body.remote : null;
      if (body.kind === 'ovn' && !body.ssl && usesSsl(body.remote, body.sbRemote)) {
        throw new HttpError(
          400,
          'invalid-request',
          'an ssl: remote needs "ssl": {privateKey, certificate, caCert}, the PEM files on the server host',
        );
      }
      const remotes =
        body.kind === 'ovn'
          ? {
              sbRemote: body.sbRemote ?? null,
              ovsRemote: body.ovsRemote ?? null,
              ssl: body.ssl ?? null,
            }
          : { sbRemote: null, ovsRemote: null, ssl: null };
      const row = ctx.store.transaction(() => {
        const created = ctx.store.controllers.create(
          params.tenant,
          body.name,
          body.kind,
          remote,
          remotes,
        );
        if (created) {
          ctx.store.audit.record({
            tenantId: params.tenant,
            actor: authorOf(principal).name,
            action: 'controller.create',
            controllerId: created.id,
            result: 'ok',
            detail: { name: body.name, kind: body.kind, remote, ...remotes },
          });
        }
        return created;
      });
      if (!row)
        throw new HttpError(409, 'already-exists', `a controller named "${body.name}" exists`);
      res.status(201).json(json(row));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/tenants/{tenant}/controllers/{controller}/health',
      summary: 'Check a controller now: connect and read its schema version',
      tag: 'controllers',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: ControllerParams,
      responses: { 200: { description: 'the health', schema: Health } },
    },
    async ({ res, params }) => {
      res.json(await ctx.controllers.check(controllerRow(ctx, params.tenant, params.controller)));
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/tenants/{tenant}/controllers/{controller}',
      summary: 'Unregister a controller (what it holds stays on it)',
      tag: 'controllers',
      access: { kind: 'tenant', roles: ['admin'] },
      params: ControllerParams,
      responses: { 204: { description: 'removed' } },
    },
    ({ res, params, principal }) => {
      const row = controllerRow(ctx, params.tenant, params.controller);
      ctx.store.transaction(() => {
        ctx.store.controllers.delete(params.tenant, row.id);
        ctx.store.audit.record({
          tenantId: params.tenant,
          actor: authorOf(principal).name,
          action: 'controller.delete',
          controllerId: row.id,
          result: 'ok',
          detail: { name: row.name },
        });
      });
      ctx.controllers.forget(row.id);
      res.status(204).end();
    },
  );

  api.route(
    {
      method: 'post',
      path: '/tenants/{tenant}/controllers/{controller}/import',
      summary: 'Import what the controller holds that netcanvas does not own as a new application',
      tag: 'controllers',
      access: { kind: 'tenant', roles: ['designer'] },
      params: ControllerParams,
      body: ImportBody,
      responses: { 201: { description: 'the imported application and notes', schema: StoredApp } },
    },
    async ({ res, params, body, principal }) => {
      const row = controllerRow(ctx, params.tenant, params.controller);
      const driver = await ctx.controllers.driver(row);
      if (!driver.importForeign) {
        throw new HttpError(
          400,
          'invalid-request',
          `controller "${row.name}" (${row.kind}) has nothing to import`,
        );
      }
      const imported = await driver.importForeign({
        id: body.id,
        name: body.name,
        tenant: params.tenant,
      });
      const author = authorOf(principal);
      const message = body.message || `imported from ${row.name}`;
      const created = ctx.store.transaction(() => {
        const app = ctx.store.apps.create(params.tenant, imported.app, author, message);
        ctx.store.audit.record({
          tenantId: params.tenant,
          actor: author.name,
          action: 'import',
          appId: body.id,
          version: app ? 1 : undefined,
          controllerId: row.id,
          result: app ? 'ok' : 'refused',
          detail: { notes: imported.notes.length },
        });
        return app;
      });
      if (!created)
        throw new HttpError(409, 'already-exists', `an application "${body.id}" exists`);
      res.status(201).json({ ...versionJson(created), notes: imported.notes });
    },
  );
}
