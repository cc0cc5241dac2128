import type { Request, Response } from 'express';
import { z } from 'zod';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { type Principal, readCookie, SESSION_COOKIE } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import { RoleSchema } from '../roles.ts';
import { Password } from './schemas.ts';

const LoginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});
const PasswordBody = z.object({ current: z.string().min(1).max(1024), password: Password });

const SessionInfo = z.object({
  user: z.object({ id: z.number(), username: z.string(), superuser: z.boolean() }),
  via: z.enum(['session', 'token']),
  tenants: z.array(z.object({ id: z.string(), role: RoleSchema })),
  csrfToken: z.string().optional(),
});

const sessionInfo = (p: Principal, csrfToken = p.csrfToken) => ({
  user: { id: p.user.id, username: p.user.username, superuser: p.user.superuser },
  via: p.via,
  tenants: [...p.roles].map(([id, role]) => ({ id, role })),
  ...(csrfToken ? { csrfToken } : {}),
});

function setSessionCookie(req: Request, res: Response, value: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeMs,
  });
}

/** Login, logout, who am I, change my password. */
export function authRoutes(api: ApiRoutes, ctx: ServerContext): void {
  const { store } = ctx;
  api.route(
    {
      method: 'post',
      path: '/auth/login',
      summary: 'Sign in; sets an HttpOnly session cookie and returns the CSRF token',
      tag: 'auth',
      access: { kind: 'public' },
      body: LoginBody,
      responses: { 200: { description: 'signed in', schema: SessionInfo } },
    },
    async ({ req, res, body }) => {
      const keys = [`ip:${req.ip ?? 'unknown'}`, `user:${body.username}`];
      ctx.loginLimiter.check(keys);
      const found = store.users.credentials(body.username);
      const ok = await verifyPassword(found?.passwordHash ?? (await decoyHash()), body.password);
      if (!found || !ok) {
        ctx.loginLimiter.fail(keys);
        ctx.metrics.logins.inc({ result: 'failed' });
        throw new HttpError(401, 'invalid-credentials', 'wrong username or password');
      }
      ctx.loginLimiter.succeed(keys);
      ctx.metrics.logins.inc({ result: 'ok' });
      store.sessions.purgeExpired();
      const { cookie, session } = store.sessions.create(found.user.id, ctx.sessionTtlMs);
      setSessionCookie(req, res, cookie, ctx.sessionTtlMs);
      res.json(
        sessionInfo(
          {
            user: found.user,
            via: 'session',
            actor: found.user.username,
            roles: store.tenants.rolesOf(found.user.id),
          },
          session.csrfToken,
        ),
      );
    },
  );

  api.route(
    {
      method: 'post',
      path: '/auth/logout',
      summary: 'Sign out: ends the session and clears the cookie',
      tag: 'auth',
      access: { kind: 'user' },
      responses: { 204: { description: 'signed out' } },
    },
    ({ req, res }) => {
      const cookie = readCookie(req, SESSION_COOKIE);
      if (cookie) store.sessions.delete(cookie);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    },
  );

  api.route(
    {
      method: 'get',
      path: '/auth/session',
      summary: 'Who is signed in, in which tenants with which role, and the CSRF token',
      tag: 'auth',
      access: { kind: 'user' },
      responses: { 200: { description: 'the session', schema: SessionInfo } },
    },
    ({ res, principal }) => {
      if (principal) res.json(sessionInfo(principal));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/auth/password',
      summary: 'Change your password; ends your other sessions',
      tag: 'auth',
      access: { kind: 'user' },
      body: PasswordBody,
      responses: { 204: { description: 'changed; sign in again' } },
    },
    async ({ res, body, principal }) => {
      if (principal?.via !== 'session') {
        throw new HttpError(403, 'forbidden', 'sign in with a password to change it');
      }
      const found = store.users.credentials(principal.user.username);
      if (!found || !(await verifyPassword(found.passwordHash, body.current))) {
        throw new HttpError(401, 'invalid-credentials', 'the current password is wrong');
      }
      const hash = await hashPassword(body.password);
      store.transaction(() => {
        store.users.setPassword(principal.user.id, hash);
        store.sessions.deleteForUser(principal.user.id);
      });
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    },
  );
}
