import type { RequestHandler } from 'express';
import { HttpError } from '../errors.ts';
import { type Role, roleAllows } from '../roles.ts';
import { checkCsrf } from './csrf.ts';
import type { Authenticate, Principal } from './principal.ts';

/** Who may call a route. */
export type Access =
  | { readonly kind: 'public' }
  | { readonly kind: 'user' }
  | { readonly kind: 'superuser' }
  /** a member of the route's `{tenant}` with one of these roles (admin always passes) */
  | { readonly kind: 'tenant'; readonly roles: readonly Role[] };

/** What a guarded request carries into its handler. */
export interface Grant {
  readonly principal: Principal | undefined;
  readonly tenant: string | undefined;
  readonly role: Role | undefined;
}

const UNAUTHENTICATED = () =>
  new HttpError(
    401,
    'unauthenticated',
    'sign in (POST /api/auth/login) or send an API token as "Authorization: Bearer …"',
  );

/** The principal, or a 401; also enforces CSRF for cookie sessions. */
export function requirePrincipal(
  principal: Principal | undefined,
  req: Parameters<Authenticate>[0],
): Principal {
  if (!principal) throw UNAUTHENTICATED();
  checkCsrf(req, principal);
  return principal;
}

/**
 * The role a principal holds in a tenant, if allowed. A tenant the principal does not
 * belong to answers 404 exactly like one that does not exist: existence is not revealed.
 */
export function tenantRole(principal: Principal, tenant: string, allowed: readonly Role[]): Role {
  const role = principal.roles.get(tenant);
  if (role === undefined) throw new HttpError(404, 'not-found', `no tenant "${tenant}"`);
  if (!roleAllows(role, allowed)) {
    throw new HttpError(
      403,
      'forbidden',
      `this needs the ${allowed.join(' or ')} role in tenant "${tenant}"; you are ${role}`,
    );
  }
  return role;
}

/** Checks `access` for a request whose `{tenant}` path parameter is `tenant`. */
export function grant(
  access: Access,
  principal: Principal | undefined,
  req: Parameters<Authenticate>[0],
  tenant: string | undefined,
): Grant {
  if (access.kind === 'public') return { principal, tenant: undefined, role: undefined };
  const who = requirePrincipal(principal, req);
  if (access.kind === 'superuser' && !who.user.superuser) {
    throw new HttpError(403, 'forbidden', 'only a server administrator may do this');
  }
  if (access.kind !== 'tenant') return { principal: who, tenant: undefined, role: undefined };
  if (tenant === undefined) throw new Error('a tenant route needs a {tenant} path parameter');
  return { principal: who, tenant, role: tenantRole(who, tenant, access.roles) };
}

/** Express middleware form: resolves the tenant from `req.params.tenant` and checks membership. */
export function requireRole(authenticate: Authenticate, ...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const tenant = req.params.tenant;
    grant(
      { kind: 'tenant', roles },
      authenticate(req),
      req,
      typeof tenant === 'string' ? tenant : undefined,
    );
    next();
  };
}
