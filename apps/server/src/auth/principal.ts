import type { IncomingMessage } from 'node:http';
import type { Role } from '../roles.ts';
import type { Store } from '../store/store.ts';
import type { User } from '../store/users.ts';

/** Who is asking, and what they may do in which tenant. */
export interface Principal {
  readonly user: User;
  readonly via: 'session' | 'token';
  /** how the audit log names them: `alice`, or `token:ci (alice)` */
  readonly actor: string;
  /** tenant id → role; a token holds exactly one */
  readonly roles: ReadonlyMap<string, Role>;
  /** the session's CSRF token; state-changing cookie requests must echo it */
  readonly csrfToken?: string;
}

/** Resolves a request to a principal; usable from plain `http` upgrade requests too. */
export type Authenticate = (req: IncomingMessage) => Principal | undefined;

export const SESSION_COOKIE = 'nc_session';

/** The value of one cookie in a Cookie header. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header && /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : undefined;
}

/** The one auth resolver for REST and the stream: a bearer token wins over a session cookie. */
export function authenticator(store: Store): Authenticate {
  return (req) => {
    const secret = bearer(req);
    if (secret !== undefined) {
      const token = store.tokens.resolve(secret);
      if (!token) return undefined;
      const user = store.users.byId(token.createdBy);
      // a token dies with its creator's membership
      if (!user || !store.tenants.rolesOf(user.id).has(token.tenantId)) return undefined;
      return {
        // a token is scoped to one tenant and role: its creator's server-wide powers stay behind
        user: { ...user, superuser: false },
        via: 'token',
        actor: `token:${token.name} (${user.username})`,
        roles: new Map([[token.tenantId, token.role]]),
      };
    }
    const cookie = readCookie(req, SESSION_COOKIE);
    if (!cookie) return undefined;
    const session = store.sessions.resolve(cookie);
    const user = session && store.users.byId(session.userId);
    if (!session || !user) return undefined;
    return {
      user,
      via: 'session',
      actor: user.username,
      roles: store.tenants.rolesOf(user.id),
      csrfToken: session.csrfToken,
    };
  };
}
