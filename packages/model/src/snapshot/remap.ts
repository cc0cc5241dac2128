import { cidrContains, formatCidr, formatIp, parseCidr, parseIp } from '../net/ip.ts';
import type { Application, NetworkObject } from '../schema/types.ts';

/** What differs between two sites: each map is old → new. */
export interface SiteRemap {
  /** uplink bridge-mapping names (`physnet1` → `physnet-b`) */
  readonly physicalNetworks?: Readonly<Record<string, string>>;
  /**
   * external addresses: exact (`203.0.113.2` → `198.51.100.2`) or whole prefixes
   * (`203.0.113.0/24` → `198.51.100.0/24`, host part kept)
   */
  readonly externalIps?: Readonly<Record<string, string>>;
  /** gateway chassis names */
  readonly gatewayChassis?: Readonly<Record<string, string>>;
  readonly tenant?: string;
  readonly appId?: string;
}

/** Translates one address (or prefix) by an exact entry, else by the first prefix entry holding it. */
function remapAddress(text: string, table: Readonly<Record<string, string>>): string {
  const exact = table[text];
  if (exact !== undefined) return exact;
  const [addr, len] = text.split('/');
  const ip = addr === undefined ? undefined : parseIp(addr);
  if (!ip) return text;
  for (const [from, to] of Object.entries(table)) {
    const a = parseCidr(from, false);
    const b = parseCidr(to, false);
    if (!a || !b || a.family !== ip.family || b.family !== ip.family) continue;
    if (a.prefixLength !== b.prefixLength || !cidrContains(a, ip)) continue;
    const moved = formatIp(ip.family, b.network + (ip.value - a.network));
    if (len === undefined) return moved;
    const c = parseCidr(`${moved}/${len}`, false);
    return c ? formatCidr(c) : text;
  }
  return text;
}

/**
 * Rewrites what differs between sites in an app before a restore elsewhere: uplink
 * physical networks, external addresses (uplink subnets and gateways, router gateway
 * addresses, NAT external addresses, VIPs, route next hops) and gateway chassis; and
 * optionally restores it under another tenant or id. Run `validate` on the result.
 */
export function remapForSite(app: Application, remap: SiteRemap): Application {
  const nets = remap.physicalNetworks ?? {};
  const ips = remap.externalIps ?? {};
  const chassis = remap.gatewayChassis ?? {};
  const ip = (v: string) => remapAddress(v, ips);
  const opt = (v: string | undefined) => (v === undefined ? undefined : ip(v));
  const objects = app.objects.map((o): NetworkObject => {
    switch (o.kind) {
      case 'uplink':
        return stripUndefined({
          ...o,
          physicalNetwork: nets[o.physicalNetwork] ?? o.physicalNetwork,
          subnet: opt(o.subnet),
          gatewayIp: opt(o.gatewayIp),
        });
      case 'router':
        return {
          ...o,
          routes: o.routes.map((r) => ({ ...r, nextHop: ip(r.nextHop) })),
          nat: o.nat.map((n) => ({ ...n, externalIp: ip(n.externalIp) })),
          ...(o.gateway
            ? {
                gateway: {
                  ...o.gateway,
                  ip: ip(o.gateway.ip),
                  chassis: o.gateway.chassis.map((c) => ({
                    ...c,
                    name: chassis[c.name] ?? c.name,
                  })),
                },
              }
            : {}),
        };
      case 'loadBalancer':
        return { ...o, vips: o.vips.map((v) => ({ ...v, ip: ip(v.ip) })) };
      default:
        return o;
    }
  });
  return {
    ...app,
    tenant: remap.tenant ?? app.tenant,
    id: remap.appId ?? app.id,
    objects,
  };
}

function stripUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
