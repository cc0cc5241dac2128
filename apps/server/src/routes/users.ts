import { z } from 'zod';
import { hashPassword } from '../auth/passwords.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import { RoleSchema } from '../roles.ts';
import { authorOf } from './applications.ts';
import { Member, Password, TenantParams, Username } from './schemas.ts';

const User = z.object({
  id: z.number(),
  username: z.string(),
  superuser: z.boolean(),
  createdAt: z.string(),
});
const CreateUser = z.object({
  username: Username,
  password: Password,
  superuser: z.boolean().default(false),
});
const MemberParams = TenantParams.extend({ username: Username });
const SetMember = z.object({
  role: RoleSchema,
  password: Password.optional().describe('creates the user when it does not exist yet'),
});

/** Server users (server admin) and tenant members with their roles (tenant admin). */
export function userRoutes(api: ApiRoutes, ctx: ServerContext): void {
  const { store } = ctx;
  const audit = (
    tenantId: string,
    actor: string,
    action: 'member.set' | 'member.remove',
    detail: Record<string, unknown>,
  ) => store.audit.record({ tenantId, actor, action, result: 'ok', detail });

  api.route(
    {
      method: 'get',
      path: '/users',
      summary: 'List every user (server admin)',
      tag: 'users',
      access: { kind: 'superuser' },
      responses: { 200: { description: 'users', schema: User.array() } },
    },
    ({ res }) => res.json(store.users.list()),
  );

  api.route(
    {
      method: 'post',
      path: '/users',
      summary: 'Create a user (server admin); the password is stored as an argon2id hash',
      tag: 'users',
      access: { kind: 'superuser' },
      body: CreateUser,
      responses: { 201: { description: 'created', schema: User } },
    },
    async ({ res, body }) => {
      const hash = await hashPassword(body.password);
      const user = store.transaction(() =>
        store.users.byUsername(body.username)
          ? undefined
          : store.users.create(body.username, hash, body.superuser),
      );
      if (!user) throw new HttpError(409, 'already-exists', `a user "${body.username}" exists`);
      res.status(201).json(user);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/tenants/{tenant}/members',
      summary: "List the tenant's members and their roles",
      tag: 'users',
      access: { kind: 'tenant', roles: ['admin'] },
      params: TenantParams,
      responses: { 200: { description: 'members', schema: Member.array() } },
    },
    ({ res, params }) =>
      res.json(
        store.tenants.members(params.tenant).map(({ username, role }) => ({ username, role })),
      ),
  );

  api.route(
    {
      method: 'put',
      path: '/tenants/{tenant}/members/{username}',
      summary: "Set a member's role; with a password, creates the user first",
      tag: 'users',
      access: { kind: 'tenant', roles: ['admin'] },
      params: MemberParams,
      body: SetMember,
      responses: { 200: { description: 'the member', schema: Member } },
    },
    async ({ res, params, body, principal }) => {
      const hash = body.password === undefined ? undefined : await hashPassword(body.password);
      const outcome = store.transaction(() => {
        let user = store.users.byUsername(params.username);
        if (user && hash) return 'exists' as const;
        if (!user && !hash) return 'missing' as const;
        user ??= store.users.create(params.username, hash as string);
        store.tenants.setRole(params.tenant, user.id, body.role);
        audit(params.tenant, authorOf(principal).name, 'member.set', {
          username: params.username,
          role: body.role,
        });
        return 'ok' as const;
      });
      if (outcome === 'exists') {
        throw new HttpError(
          409,
          'already-exists',
          `a user "${params.username}" exists; omit the password to add them`,
        );
      }
      if (outcome === 'missing') {
        throw new HttpError(
          404,
          'not-found',
          `no user "${params.username}"; send a password to create them`,
        );
      }
      res.json({ username: params.username, role: body.role });
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/tenants/{tenant}/members/{username}',
      summary: 'Remove a member from the tenant',
      tag: 'users',
      access: { kind: 'tenant', roles: ['admin'] },
      params: MemberParams,
      responses: { 204: { description: 'removed' } },
    },
    ({ res, params, principal }) => {
      const user = store.users.byUsername(params.username);
      const removed = store.transaction(() => {
        const gone = user !== undefined && store.tenants.removeMember(params.tenant, user.id);
        if (gone)
          audit(params.tenant, authorOf(principal).name, 'member.remove', {
            username: params.username,
          });
        return gone;
      });
      if (!removed) throw new HttpError(404, 'not-found', `"${params.username}" is not a member`);
      res.status(204).end();
    },
  );
}
