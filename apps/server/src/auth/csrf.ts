import type { IncomingMessage } from 'node:http';
import { HttpError } from '../errors.ts';
import { sameSecret } from '../store/secrets.ts';
import type { Principal } from './principal.ts';

/** The header a cookie-authenticated client echoes its CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Synchronizer token: a state-changing request riding on a session cookie must carry the
 * session's token in a header another site cannot set. Bearer tokens are not ambient, so exempt.
 */
export function checkCsrf(req: IncomingMessage, principal: Principal): void {
  if (principal.via !== 'session' || SAFE.has(req.method ?? 'GET')) return;
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent === 'string' && principal.csrfToken && sameSecret(sent, principal.csrfToken))
    return;
  throw new HttpError(
    403,
    'csrf-token-invalid',
    `this request changes state: send the session's CSRF token in the ${CSRF_HEADER} header (GET /api/auth/session returns it)`,
  );
}
