import type { Addressing } from './addressing.ts';
import { switchSubnets } from './addressing.ts';
import { cidrContains, formatIp, type IpAddress, parseCidr, parseIp } from './net/ip.ts';
import type { LogicalRouter, LogicalSwitch } from './schema/types.ts';

/** One step of a logical path. */
export interface Hop {
  readonly kind:
    | 'workload'
    | 'switch'
    | 'router'
    | 'load-balancer'
    | 'nat'
    | 'firewall'
    | 'uplink'
    | 'external';
  readonly objectId: string | undefined;
  readonly name: string;
  readonly detail: string;
}

/** Where a packet is when routing starts: on a switch, or at a router (from outside). */
export type Attachment =
  | { readonly kind: 'switch'; readonly sw: LogicalSwitch }
  | { readonly kind: 'router'; readonly router: LogicalRouter };

export type RouteResult =
  | {
      readonly ok: true;
      readonly hops: Hop[];
      readonly egress: 'switch' | 'uplink';
      readonly routers: LogicalRouter[];
    }
  | {
      readonly ok: false;
      readonly hops: Hop[];
      readonly reason: string;
      readonly routers: LogicalRouter[];
    };

const MAX_ROUTER_HOPS = 16;

const switchHop = (sw: LogicalSwitch): Hop => ({
  kind: 'switch',
  objectId: sw.id,
  name: sw.name,
  detail: [sw.subnet, sw.subnet6].filter(Boolean).join(', '),
});

function routerHop(r: LogicalRouter, detail: string): Hop {
  return { kind: 'router', objectId: r.id, name: r.name, detail };
}

/**
 * Follows a packet for `dst` through switches and routers: delivered on the switch
 * whose subnet holds it, forwarded by a router attached to that switch, by a static
 * route's next hop, or out of a gateway uplink for addresses outside the app.
 */
export function route(addr: Addressing, from: Attachment, dst: IpAddress): RouteResult {
  const hops: Hop[] = [];
  const routers: LogicalRouter[] = [];
  const dstSwitch = addr.switchForIp(dst);
  let first: LogicalRouter | undefined;
  if (from.kind === 'switch') {
    hops.push(switchHop(from.sw));
    if (dstSwitch?.id === from.sw.id) return { ok: true, hops, egress: 'switch', routers };
    const attached = addr.index
      .all('router')
      .filter((r) => r.interfaces.some((i) => i.switch === from.sw.id));
    first =
      attached.find((r) => dstSwitch && r.interfaces.some((i) => i.switch === dstSwitch.id)) ??
      attached.find((r) => r.routes.some((rt) => covers(rt.prefix, dst))) ??
      attached.find((r) => r.gateway !== undefined && !dstSwitch);
    if (!first) {
      const reason =
        attached.length === 0
          ? `${from.sw.name} has no router, so nothing leaves its subnet`
          : `no router on ${from.sw.name} has a route to ${fmt(dst)}`;
      return { ok: false, hops, reason, routers };
    }
  } else {
    first = from.router;
  }
  let router: LogicalRouter = first;
  for (let ttl = 0; ttl < MAX_ROUTER_HOPS; ttl++) {
    routers.push(router);
    const direct = router.interfaces.find((i) => i.switch === dstSwitch?.id);
    if (dstSwitch && direct) {
      hops.push(routerHop(router, `connected route to ${dstSwitch.name}`), switchHop(dstSwitch));
      return { ok: true, hops, egress: 'switch', routers };
    }
    const rt = router.routes
      .filter((r) => covers(r.prefix, dst))
      .sort((a, b) => prefixLen(b.prefix) - prefixLen(a.prefix))[0];
    if (rt) {
      const nextHop = parseIp(rt.nextHop);
      const via = nextHop ? nextRouter(addr, router, nextHop) : undefined;
      if (!via) {
        hops.push(routerHop(router, `route ${rt.prefix} via ${rt.nextHop}: next hop not found`));
        return {
          ok: false,
          hops,
          reason: `next hop ${rt.nextHop} is not a router interface of this app`,
          routers,
        };
      }
      hops.push(routerHop(router, `route ${rt.prefix} via ${rt.nextHop}`), switchHop(via.sw));
      router = via.router;
      continue;
    }
    if (router.gateway && !dstSwitch) {
      const uplink = addr.index.getKind(router.gateway.uplink, 'uplink');
      hops.push(routerHop(router, `default route out of gateway ${router.gateway.ip}`));
      hops.push({
        kind: 'uplink',
        objectId: uplink?.id,
        name: uplink?.name ?? router.gateway.uplink,
        detail: uplink ? `physical network ${uplink.physicalNetwork}` : 'missing uplink',
      });
      return { ok: true, hops, egress: 'uplink', routers };
    }
    hops.push(routerHop(router, 'no route'));
    return { ok: false, hops, reason: `${router.name} has no route to ${fmt(dst)}`, routers };
  }
  return { ok: false, hops, reason: 'routing loop: more than 16 router hops', routers };
}

function nextRouter(
  addr: Addressing,
  from: LogicalRouter,
  nextHop: IpAddress,
): { router: LogicalRouter; sw: LogicalSwitch } | undefined {
  for (const itf of from.interfaces) {
    const sw = addr.index.getKind(itf.switch, 'switch');
    if (!sw || !switchSubnets(sw).some((c) => cidrContains(c, nextHop))) continue;
    for (const r of addr.index.all('router')) {
      if (r.id === from.id) continue;
      const ip = addr.routerIpOn(r.id, sw.id, nextHop.family);
      if (ip && ip.value === nextHop.value) return { router: r, sw };
    }
  }
  return undefined;
}

function covers(prefix: string, ip: IpAddress): boolean {
  const c = parseCidr(prefix, false);
  return c !== undefined && cidrContains(c, ip);
}

function prefixLen(prefix: string): number {
  return parseCidr(prefix, false)?.prefixLength ?? -1;
}

function fmt(ip: IpAddress): string {
  return formatIp(ip.family, ip.value);
}
