import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import { appNotFound, authorOf, versionJson } from './applications.ts';
import { etagOf, ifMatchVersion } from './etag.ts';
import { AppParams, Message, StoredApp, VersionMeta, VersionParams } from './schemas.ts';

/** The version history of an application, and restoring an old version as a new one. */
export function versionRoutes(api: ApiRoutes, ctx: ServerContext): void {
  const { store } = ctx;
  api.route(
    {
      method: 'get',
      path: '/tenants/{tenant}/apps/{app}/versions',
      summary: 'List every version, newest first: who saved it, when, why',
      tag: 'applications',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: AppParams,
      responses: { 200: { description: 'the versions', schema: VersionMeta.array() } },
    },
    ({ res, params }) => {
      const versions = store.apps.versions(params.tenant, params.app);
      if (!versions) throw appNotFound(params.tenant, params.app);
      res.json(versions);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/tenants/{tenant}/apps/{app}/versions/{version}',
      summary: 'Read one version of an application',
      tag: 'applications',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: VersionParams,
      responses: { 200: { description: 'the version', schema: StoredApp } },
    },
    ({ res, params }) => {
      const version = store.apps.get(params.tenant, params.app, params.version);
      if (!version) throw appNotFound(params.tenant, `${params.app}@${params.version}`);
      res.json(versionJson(version));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/tenants/{tenant}/apps/{app}/versions/{version}/restore',
      summary: 'Save an old version as the new latest version (If-Match names the current one)',
      tag: 'applications',
      access: { kind: 'tenant', roles: ['designer', 'operator'] },
      params: VersionParams,
      body: z.object({ message: Message }),
      headers: [
        { name: 'If-Match', required: true, description: 'the ETag of the current version' },
      ],
      responses: { 200: { description: 'restored as a new version', schema: StoredApp } },
    },
    ({ req, res, params, body, principal }) => {
      const expected = ifMatchVersion(req.get('if-match'), params.app);
      const old = store.apps.get(params.tenant, params.app, params.version);
      if (!old) throw appNotFound(params.tenant, `${params.app}@${params.version}`);
      const author = authorOf(principal);
      const message = body.message || `restore version ${params.version}`;
      const result = store.transaction(() => {
        const saved = store.apps.save(
          params.tenant,
          params.app,
          expected,
          old.design,
          author,
          message,
        );
        store.audit.record({
          tenantId: params.tenant,
          actor: author.name,
          action: 'restore',
          appId: params.app,
          version: saved.kind === 'saved' ? saved.app.version : params.version,
          result: saved.kind === 'saved' ? 'ok' : 'conflict',
          detail: { from: params.version },
        });
        return saved;
      });
      if (result.kind === 'not-found') throw appNotFound(params.tenant, params.app);
      if (result.kind === 'conflict') {
        throw new HttpError(
          412,
          'version-conflict',
          `this application is at version ${result.current}, not the one you looked at; reload and restore again`,
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
}
