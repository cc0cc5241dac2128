import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './route.ts';

describe('routes', () => {
  it('reads the app list, a tenant list and an app', () => {
    expect(parseRoute('')).toEqual({ kind: 'apps' });
    expect(parseRoute('#/apps')).toEqual({ kind: 'apps' });
    expect(parseRoute('#/t/acme/apps')).toEqual({ kind: 'apps', tenant: 'acme' });
    expect(parseRoute('#/t/acme/apps/web-shop')).toEqual({
      kind: 'app',
      tenant: 'acme',
      appId: 'web-shop',
    });
    expect(parseRoute('#t/acme/apps/web-shop/')).toEqual({
      kind: 'app',
      tenant: 'acme',
      appId: 'web-shop',
    });
  });

  it('sends a bad or unknown link to the app list rather than a blank page', () => {
    expect(parseRoute('#/nonsense')).toEqual({ kind: 'apps' });
    expect(parseRoute('#/t/acme/apps/a/b')).toEqual({ kind: 'apps' });
    expect(parseRoute('#/t/%E0%A4%A/apps')).toEqual({ kind: 'apps' });
    expect(parseRoute('#/t/acme/apps/..%2Fadmin')).toEqual({ kind: 'apps', tenant: 'acme' });
  });

  it('formats every route so that it reads back the same', () => {
    const routes: Route[] = [
      { kind: 'apps' },
      { kind: 'apps', tenant: 'acme' },
      { kind: 'app', tenant: 'acme', appId: 'web.shop_2' },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
    expect(formatRoute({ kind: 'app', tenant: 'acme', appId: 'web' })).toBe('#/t/acme/apps/web');
  });
});
