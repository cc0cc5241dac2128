import type { Principal } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { parseApplicationBody } from '../http/body.ts';
import type { ApiRoutes } from '../http/route.ts';
import type { Author, StoredVersion } from '../store/apps.ts';
import { etagOf, ifMatchVersion } from './etag.ts';
import { AppParams, ListedApp, SaveBody, SaveBodyDoc, StoredApp, TenantParams } from './schemas.ts';

export const authorOf = (p: Principal | undefined): Author => ({
  userId: p?.user.id,
  name: p?.actor ?? 'unknown',
});

export const appNotFound = (tenant: string, app: string) =>
  new HttpError(404, 'not-found', `no application "${app}" in tenant "${tenant}"`);

/** The JSON of a stored version, with its ETag. */
export const versionJson = (v: StoredVersion) => {
  const { design, ...meta } = v;
  return { ...meta, etag: etagOf(v.id, v.version), design };
};

const editors = ['designer'] as const;

/** Applications: list, create, read, save a new version (If-Match), delete. */
export function applicationRoutes(api: ApiRoutes, ctx: ServerContext): void {
  const { store } = ctx;
  api.route(
    {
      method: 'get',
      path: '/tenants/{tenant}/apps',
      summary: "List the tenant's applications at their latest version",
      tag: 'applications',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: TenantParams,
      responses: { 200: { description: 'the applications', schema: ListedApp.array() } },
    },
    ({ res, params }) => {
      const deployed = store.deployments.forTenant(params.tenant);
      res.json(
        store.apps.list(params.tenant).map((a) => ({
          ...a,
          etag: etagOf(a.id, a.version),
          deployments: deployed
            .filter((d) => d.appId === a.id)
            .map((d) => ({
              controller: d.controllerId,
              version: d.version,
              appliedAt: d.appliedAt,
            })),
        })),
      );
    },
  );

  api.route(
    {
      method: 'post',
      path: '/tenants/{tenant}/apps',
      summary: 'Create an application (version 1)',
      tag: 'applications',
      access: { kind: 'tenant', roles: editors },
      params: TenantParams,
      body: SaveBody,
      documentedBody: SaveBodyDoc,
      responses: { 201: { description: 'created; ETag names version 1', schema: StoredApp } },
    },
    ({ res, params, body, principal }) => {
      const design = parseApplicationBody(body.app);
      const created = store.transaction(() => {
        const app = store.apps.create(params.tenant, design, authorOf(principal), body.message);
        if (app) {
          store.audit.record({
            tenantId: params.tenant,
            actor: authorOf(principal).name,
            action: 'app.create',
            appId: app.id,
            version: 1,
            result: 'ok',
          });
        }
        return app;
      });
      if (!created) {
        throw new HttpError(
          409,
          'already-exists',
          `tenant "${params.tenant}" already has an application "${design.id}"`,
        );
      }
      res.status(201).setHeader('etag', etagOf(created.id, created.version));
      res.setHeader('location', `/api/tenants/${params.tenant}/apps/${created.id}`);
      res.json(versionJson(created));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/tenants/{tenant}/apps/{app}',
      summary: 'Read the latest version of an application; the ETag names it',
      tag: 'applications',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: AppParams,
      responses: { 200: { description: 'the latest version', schema: StoredApp } },
    },
    ({ res, params }) => {
      const app = store.apps.get(params.tenant, params.app);
      if (!app) throw appNotFound(params.tenant, params.app);
      res.setHeader('etag', etagOf(app.id, app.version));
      res.json(versionJson(app));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/tenants/{tenant}/apps/{app}',
      summary:
        'Save a new version; If-Match must name the version edited, else 412 says what came since',
      tag: 'applications',
      access: { kind: 'tenant', roles: editors },
      params: AppParams,
      body: SaveBody,
      documentedBody: SaveBodyDoc,
      headers: [
        { name: 'If-Match', required: true, description: 'the ETag of the version edited' },
      ],
      responses: { 200: { description: 'saved; ETag names the new version', schema: StoredApp } },
    },
    ({ req, res, params, body, principal }) => {
      const expected = ifMatchVersion(req.get('if-match'), params.app);
      const design = parseApplicationBody(body.app);
      const author = authorOf(principal);
      const result = store.transaction(() => {
        const saved = store.apps.save(
          params.tenant,
          params.app,
          expected,
          design,
          author,
          body.message,
        );
        if (saved.kind === 'saved') {
          store.audit.record({
            tenantId: params.tenant,
            actor: author.name,
            action: 'app.save',
            appId: params.app,
            version: saved.app.version,
            result: 'ok',
          });
        }
        return saved;
      });
      if (result.kind === 'not-found') throw appNotFound(params.tenant, params.app);
      if (result.kind === 'conflict') {
        const who = [...new Set(result.since.map((v) => v.author))].join(', ');
        throw new HttpError(
          412,
          'version-conflict',
          `this application is at version ${result.current} (saved by ${who || 'someone'}), not the version you edited; reload it, merge your change and save again`,
          {
            current: result.current,
            etag: etagOf(params.app, result.current),
            yours: expected,
            since: result.since,
          },
        );
      }
      res.setHeader('etag', etagOf(result.app.id, result.app.version));
      res.json(versionJson(result.app));
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/tenants/{tenant}/apps/{app}',
      summary:
        'Delete an application, its versions and its deployment records (not what is applied on a controller)',
      tag: 'applications',
      access: { kind: 'tenant', roles: editors },
      params: AppParams,
      responses: { 204: { description: 'deleted' } },
    },
    ({ res, params, principal }) => {
      const deleted = store.transaction(() => {
        const gone = store.apps.delete(params.tenant, params.app);
        if (gone) {
          store.deployments.forget(params.tenant, params.app);
          store.audit.record({
            tenantId: params.tenant,
            actor: authorOf(principal).name,
            action: 'app.delete',
            appId: params.app,
            result: 'ok',
          });
        }
        return gone;
      });
      if (!deleted) throw appNotFound(params.tenant, params.app);
      res.status(204).end();
    },
  );
}
