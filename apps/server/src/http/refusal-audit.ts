import type { ErrorRequestHandler } from 'express';
import { HttpError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { principalOf } from './route.ts';

const TENANT_PATH = /^\/api\/tenants\/([^/?#]+)/;
const REFUSALS = new Set([401, 403, 404]);

/** The tenant a request aimed at, when it names one that exists. */
function targetTenant(store: Store, url: string): string | undefined {
  const match = TENANT_PATH.exec(url);
  if (!match?.[1]) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  return store.tenants.get(id) ? id : undefined;
}

/**
 * Records every refused request on a tenant's routes (not signed in, wrong role, CSRF,
 * another tenant's ids) in that tenant's audit log, so its admins see who probed what.
 */
export function auditRefusals(store: Store): ErrorRequestHandler {
  return (err, req, _res, next) => {
    if (err instanceof HttpError && REFUSALS.has(err.status)) {
      const tenantId = targetTenant(store, req.originalUrl);
      if (tenantId) {
        try {
          store.audit.record({
            tenantId,
            actor: principalOf(req)?.actor ?? 'anonymous',
            action: 'access.refused',
            result: 'refused',
            detail: {
              method: req.method,
              path: req.originalUrl.split('?')[0],
              status: err.status,
              code: err.code,
            },
          });
        } catch {
          // an audit write that fails must not turn a refusal into a 500
        }
      }
    }
    next(err);
  };
}
