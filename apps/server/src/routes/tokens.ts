import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import { RoleSchema } from '../roles.ts';
import { authorOf } from './applications.ts';
import { TenantParams } from './schemas.ts';

const Token = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
const CreateToken = z.object({ name: z.string().min(1).max(128), role: RoleSchema });
const TokenParams = TenantParams.extend({ token: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** API tokens for the CLI and pipelines: one tenant, one role, revocable. */
export function tokenRoutes(api: ApiRoutes, ctx: ServerContext): void {
  const { store } = ctx;
  api.route(
    {
      method: 'get',
      path: '/tenants/{tenant}/tokens',
      summary: "List the tenant's API tokens (never their secrets)",
      tag: 'tokens',
      access: { kind: 'tenant', roles: ['admin'] },
      params: TenantParams,
      responses: { 200: { description: 'tokens', schema: Token.array() } },
    },
    ({ res, params }) =>
      res.json(store.tokens.list(params.tenant).map(({ tenantId: _t, createdBy: _c, ...t }) => t)),
  );

  api.route(
    {
      method: 'post',
      path: '/tenants/{tenant}/tokens',
      summary: 'Create an API token; its secret is in this answer only',
      tag: 'tokens',
      access: { kind: 'tenant', roles: ['admin'] },
      params: TenantParams,
      body: CreateToken,
      responses: { 201: { description: 'created', schema: Token.extend({ secret: z.string() }) } },
    },
    ({ res, params, body, principal }) => {
      if (!principal) return;
      const { token, secret } = store.transaction(() => {
        const made = store.tokens.create(params.tenant, body.name, body.role, principal.user.id);
        store.audit.record({
          tenantId: params.tenant,
          actor: authorOf(principal).name,
          action: 'token.create',
          result: 'ok',
          detail: { id: made.token.id, name: body.name, role: body.role },
        });
        return made;
      });
      const { tenantId: _t, createdBy: _c, ...shown } = token;
      res.status(201).json({ ...shown, secret });
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/tenants/{tenant}/tokens/{token}',
      summary: 'Revoke an API token; it stops working at once',
      tag: 'tokens',
      access: { kind: 'tenant', roles: ['admin'] },
      params: TokenParams,
      responses: { 204: { description: 'revoked' } },
    },
    ({ res, params, principal }) => {
      const revoked = store.transaction(() => {
        const done = store.tokens.revoke(params.tenant, params.token);
        if (done) {
          store.audit.record({
            tenantId: params.tenant,
            actor: authorOf(principal).name,
            action: 'token.revoke',
            result: 'ok',
            detail: { id: params.token },
          });
        }
        return done;
      });
      if (!revoked) throw new HttpError(404, 'not-found', `no live token "${params.token}"`);
      res.status(204).end();
    },
  );
}
