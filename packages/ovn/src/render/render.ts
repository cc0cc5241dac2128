import type { Application } from '@netcanvas/model';
import { RenderContext } from './context.ts';
import { renderFirewall } from './firewall.ts';
import { renderLoadBalancers } from './load-balancers.ts';
import { renderQos } from './qos.ts';
import { renderRouters } from './routers.ts';
import type { DesiredRow } from './rows.ts';
import { renderSwitches, renderUplinks } from './switches.ts';

/**
 * Every Northbound row an application needs, keyed so the same design always renders
 * the same rows. Pure: no I/O, no UUIDs; references are by key.
 */
export function renderApplication(app: Application): DesiredRow[] {
  const ctx = new RenderContext(app);
  const rows = [
    ...renderUplinks(ctx),
    ...renderSwitches(ctx),
    ...renderRouters(ctx),
    ...renderLoadBalancers(ctx),
    ...renderFirewall(ctx),
    ...renderQos(ctx),
  ];
  // references to rows that were not rendered (e.g. a QoS target with no NIC) are dropped
  const keys = new Set(rows.map((r) => r.key));
  return rows.map((r) => ({
    ...r,
    refs: Object.fromEntries(
      Object.entries(r.refs).map(([col, ks]) => [col, ks.filter((k) => keys.has(k))]),
    ),
  }));
}
