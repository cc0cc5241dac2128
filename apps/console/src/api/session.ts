import { ApiError, request, setCsrfToken } from './http.ts';

/** A role in a tenant, weakest first. */
export type Role = 'viewer' | 'operator' | 'designer' | 'admin';

const ROLES: readonly Role[] = ['viewer', 'operator', 'designer', 'admin'];

/** Who is signed in and what they may do where. */
export interface Session {
  readonly user: { readonly id: number; readonly username: string; readonly superuser: boolean };
  readonly tenants: readonly { readonly id: string; readonly role: Role }[];
}

function parseSession(body: unknown): Session {
  const b = body as {
    user?: { id?: unknown; username?: unknown; superuser?: unknown };
    tenants?: unknown;
    csrfToken?: unknown;
  } | null;
  const tenants = Array.isArray(b?.tenants) ? b.tenants : undefined;
  if (
    typeof b?.user?.id !== 'number' ||
    typeof b.user.username !== 'string' ||
    !tenants?.every(
      (t: { id?: unknown; role?: unknown }) =>
        typeof t?.id === 'string' && ROLES.includes(t.role as Role),
    )
  ) {
    throw new ApiError(200, 'bad-response', 'the server sent a session this console cannot read');
  }
  setCsrfToken(typeof b.csrfToken === 'string' ? b.csrfToken : undefined);
  return {
    user: { id: b.user.id, username: b.user.username, superuser: b.user.superuser === true },
    tenants: tenants as Session['tenants'],
  };
}

/** The current session, or null when nobody is signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    return parseSession((await request('GET', '/api/auth/session')).body);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw err;
  }
}

/** Signs in; the server sets the session cookie. Throws `invalid-credentials` or `rate-limited`. */
export async function login(username: string, password: string): Promise<Session> {
  return parseSession(
    (await request('POST', '/api/auth/login', { body: { username, password } })).body,
  );
}

/** Ends the session on the server. */
export async function logout(): Promise<void> {
  await request('POST', '/api/auth/logout');
  setCsrfToken(undefined);
}

/** The user's role in a tenant; a server admin with no membership is treated as admin. */
export function roleIn(session: Session, tenant: string): Role | undefined {
  return (
    session.tenants.find((t) => t.id === tenant)?.role ??
    (session.user.superuser ? 'admin' : undefined)
  );
}

/** Designers and admins edit designs (save, create, import); operators and viewers do not. */
export const canEdit = (role: Role | undefined): boolean => role === 'designer' || role === 'admin';
