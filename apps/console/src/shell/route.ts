/** Where the console is: the app list (of a tenant, or the first one the user has) or an app. */
export type Route =
  | { readonly kind: 'apps'; readonly tenant?: string }
  | { readonly kind: 'app'; readonly tenant: string; readonly appId: string };

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function decode(part: string | undefined): string | undefined {
  if (part === undefined) return undefined;
  try {
    const value = decodeURIComponent(part);
    return ID.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a location hash: `#/apps`, `#/t/<tenant>/apps`, `#/t/<tenant>/apps/<app>`.
 * Anything else (or a malformed id) is the app list, so a bad link lands somewhere useful.
 */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 't' && parts[2] === 'apps' && parts.length <= 4) {
    const tenant = decode(parts[1]);
    if (tenant === undefined) return { kind: 'apps' };
    if (parts.length === 3) return { kind: 'apps', tenant };
    const appId = decode(parts[3]);
    return appId === undefined ? { kind: 'apps', tenant } : { kind: 'app', tenant, appId };
  }
  return { kind: 'apps' };
}

/** The hash of a route; `parseRoute(formatRoute(r))` is `r`. */
export function formatRoute(route: Route): string {
  const seg = encodeURIComponent;
  if (route.kind === 'app') return `#/t/${seg(route.tenant)}/apps/${seg(route.appId)}`;
  return route.tenant === undefined ? '#/apps' : `#/t/${seg(route.tenant)}/apps`;
}
