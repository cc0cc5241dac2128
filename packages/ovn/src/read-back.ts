import {
  type Application,
  KIND_ORDER,
  type LogicalRouter,
  type LogicalSwitch,
  type NatRule,
  type NetworkObject,
  type Nic,
  type RouterInterface,
  stableMac,
  type Uplink,
  type Workload,
} from '@netcanvas/model';
import { EXT } from './names.ts';
import { readFirewalls, readGroups, readLoadBalancers, readQos } from './read-back-policy.ts';
import {
  compact,
  designFields,
  designOrder,
  list,
  map,
  num,
  ReadBackRows,
  splitNetwork,
  str,
} from './read-back-rows.ts';
import type { ActualRow } from './reconcile.ts';
import { KEY } from './render/context.ts';

const DEFAULT_LEASE = 3600;

/**
 * Rebuilds an application as it is applied on the controller from its own NB rows
 * (`netcanvas:key` tells which object and part each row is). The design, when given,
 * supplies only what rows cannot say (names, tags, descriptions, layout, IPAM exclusions)
 * and the form of a value the rows still agree with; every network fact comes from the
 * rows, so a change made on the controller shows up.
 */
export function readBack(rows: readonly ActualRow[], design?: Application): Application {
  const rb = new ReadBackRows(rows, design);
  const [tenant, id] = appIdentity(rows, design);
  const uplinkIds = new Set(rb.withPrefix('ls-uplink/').map((x) => x.parts[0] ?? ''));
  const routers = readRouters(rb, uplinkIds);
  const switches = readSwitches(rb, design);
  for (const sw of switches) if (sw.uplink) uplinkIds.add(sw.uplink);
  const uplinks = readUplinks(rb, uplinkIds, routers);
  const workloads = readWorkloads(rb);
  const partial: NetworkObject[] = [...uplinks, ...switches, ...routers, ...workloads];
  const objects: NetworkObject[] = [
    ...partial,
    ...readLoadBalancers(rb, partial),
    ...readGroups(rb),
    ...readFirewalls(rb),
    ...readQos(rb),
  ];
  const designIds = design?.objects.map((o) => o.id) ?? [];
  const kindRank = (o: NetworkObject) => KIND_ORDER.indexOf(o.kind);
  const sorted = designOrder(
    [...objects].sort((a, b) => kindRank(a) - kindRank(b)),
    designIds,
    (o) => o.id,
  );
  return compact({
    schemaVersion: 1 as const,
    id,
    name: design?.name ?? id,
    tenant,
    version: design?.version ?? 0,
    description: design?.description,
    objects: sorted,
    layout: design?.layout ?? { positions: {}, collapsed: [] },
  });
}

function appIdentity(
  rows: readonly ActualRow[],
  design: Application | undefined,
): [string, string] {
  if (design) return [design.tenant, design.id];
  const key = rows.map((r) => map(r.row.external_ids)[EXT.app]).find((k) => k !== undefined);
  const [tenant, ...rest] = (key ?? 'default/app').split('/');
  return [tenant ?? 'default', rest.join('/') || 'app'];
}

function readSwitches(rb: ReadBackRows, design: Application | undefined): LogicalSwitch[] {
  const physnets = new Map<string, string>();
  for (const o of design?.objects ?? [])
    if (o.kind === 'uplink') physnets.set(o.physicalNetwork, o.id);
  return rb.withPrefix('ls/').map(({ parts: [id = ''] }) => {
    const d = rb.designed(id, 'switch');
    const dhcpRow = rb.get(KEY.dhcp(id));
    const options = map(dhcpRow?.row.options);
    const nets = rb
      .withPrefix('lrp/')
      .filter((p) => p.parts[1] === id)
      .flatMap((p) => list(p.row.row.networks))
      .map(splitNetwork);
    const v4 = nets.find((n) => n && !n.ip.includes(':'))?.subnet;
    const v6 = nets.find((n) => n?.ip.includes(':'))?.subnet;
    const localnet = rb.get(KEY.localnet(id));
    const physnet = str(map(localnet?.row.options).network_name);
    const uplink = localnet
      ? (d?.uplink ?? (physnet ? physnets.get(physnet) : undefined))
      : undefined;
    const upVlan = uplink ? rb.designed(uplink, 'uplink')?.vlan : undefined;
    const tag = num(localnet?.row.tag_request ?? undefined);
    const dns = options.dns_server
      ?.replace(/^\{|\}$/g, '')
      .split(/,\s*/)
      .filter(Boolean);
    const lease = options.lease_time === undefined ? undefined : Number(options.lease_time);
    const dhcp = dhcpRow
      ? compact({
          ...d?.dhcp,
          enabled: true,
          leaseTime:
            lease === DEFAULT_LEASE && d?.dhcp?.leaseTime === undefined ? undefined : lease,
          dnsServers: dns && dns.length > 0 ? dns : undefined,
        })
      : d?.dhcp && { ...d.dhcp, enabled: false };
    return compact({
      ...designFields(id, d),
      kind: 'switch' as const,
      subnet: str(dhcpRow?.row.cidr) ?? v4 ?? d?.subnet,
      subnet6: v6 ?? d?.subnet6,
      dhcp,
      excludeIps: d?.excludeIps,
      mtu: dhcpRow ? (options.mtu ? Number(options.mtu) : undefined) : d?.mtu,
      uplink,
      vlan: tag === undefined || (tag === upVlan && d?.vlan === undefined) ? undefined : tag,
      ovn: d?.ovn,
    });
  });
}

function readUplinks(
  rb: ReadBackRows,
  ids: ReadonlySet<string>,
  routers: readonly LogicalRouter[],
): Uplink[] {
  return [...ids].flatMap((id): Uplink[] => {
    const d = rb.designed(id, 'uplink');
    const own = rb.get(KEY.localnet(id));
    const bridged = rb.withPrefix('lsp-localnet/').find((x) => x.row.row.type === 'localnet');
    const localnet = own ?? (d ? bridged?.row : undefined);
    const physicalNetwork = str(map(localnet?.row.options).network_name) ?? d?.physicalNetwork;
    if (!physicalNetwork) return [];
    const gwRouters = routers.filter((r) => r.gateway?.uplink === id);
    const gwNet = gwRouters
      .map((r) => rb.get(KEY.routerPort(r.id, id)))
      .flatMap((p) => list(p?.row.networks))
      .map(splitNetwork)[0];
    const defaults = gwRouters.map((r) => rb.get(KEY.defaultRoute(r.id))).filter(Boolean);
    const gatewayIp =
      gwRouters.length > 0 ? str(defaults[0]?.row.nexthop) : (d?.gatewayIp ?? undefined);
    const subnet = gwNet && !gwNet.subnet.endsWith('/32') ? gwNet.subnet : d?.subnet;
    return [
      compact({
        ...designFields(id, d),
        kind: 'uplink' as const,
        physicalNetwork,
        vlan: own ? num(own.row.tag_request ?? undefined) : d?.vlan,
        subnet,
        gatewayIp,
        ovn: d?.ovn,
      }),
    ];
  });
}

function readWorkloads(rb: ReadBackRows): Workload[] {
  const nics = new Map<string, Nic[]>();
  for (const { row, parts } of rb.withPrefix('lsp/')) {
    const [wid = '', nid = ''] = parts;
    const sw = rb.holders(row.uuid, 'Logical_Switch', 'ports')[0];
    if (!sw) continue;
    const [mac, ...ips] = (list(row.row.addresses)[0] ?? '').split(/\s+/).filter(Boolean);
    const spec = rb.designed(wid, 'workload')?.nics.find((n) => n.id === nid);
    const nic = compact({
      id: nid,
      switch: sw,
      ip: ips.find((ip) => !ip.includes(':')),
      ip6: ips.find((ip) => ip.includes(':')),
      mac,
      ovn: spec?.ovn,
    });
    nics.set(wid, [...(nics.get(wid) ?? []), nic]);
  }
  return [...nics].map(([id, list]) => {
    const d = rb.designed(id, 'workload');
    return compact({
      ...designFields(id, d),
      kind: 'workload' as const,
      workloadType: d?.workloadType ?? 'vm',
      nics: designOrder(list, d?.nics.map((n) => n.id) ?? [], (n) => n.id),
      // not in the NB (a workload concern): kept from the design so snapshots carry it
      traffic: d?.traffic,
    });
  });
}

function readRouters(rb: ReadBackRows, uplinks: ReadonlySet<string>): LogicalRouter[] {
  return rb.withPrefix('lr/').map(({ parts: [id = ''] }) => {
    const d = rb.designed(id, 'router');
    const ports = rb.withPrefix(`lrp/${id}/`);
    const interfaces: RouterInterface[] = ports
      .filter((p) => !uplinks.has(p.parts[0] ?? ''))
      .map(({ row, parts: [sw = ''] }) => {
        const nets = list(row.row.networks).map(splitNetwork);
        const spec = d?.interfaces.find((i) => i.switch === sw);
        return compact({
          switch: sw,
          ip: nets.find((n) => n && !n.ip.includes(':'))?.ip,
          ip6: nets.find((n) => n?.ip.includes(':'))?.ip,
          mac: str(row.row.mac),
          ovn: spec?.ovn,
          ovnPeer: spec?.ovnPeer,
        });
      });
    const routes = rb
      .withPrefix(`route/${id}/`)
      .sort((a, b) => Number(a.parts[0]) - Number(b.parts[0]))
      .map(({ row, parts: [i = '0'] }) =>
        compact({
          prefix: str(row.row.ip_prefix) ?? '',
          nextHop: str(row.row.nexthop) ?? '',
          ovn: d?.routes[Number(i)]?.ovn,
        }),
      );
    const nat = rb.withPrefix(`nat/${id}/`).map(({ row, parts: [nid = ''] }): NatRule => {
      const spec = d?.nat.find((n) => n.id === nid);
      const logical = str(row.row.logical_ip);
      const byWorkload = spec?.workload !== undefined && spec.internalIp === undefined;
      const wid = spec?.workload ?? '';
      const firstNic = rb.designed(wid, 'workload')?.nics[0]?.id ?? '';
      const wl = byWorkload ? rb.get(KEY.nic(wid, firstNic)) : undefined;
      const wlIp = list(wl?.row.addresses)[0]?.split(/\s+/)[1];
      const keepWorkload = byWorkload && (wl === undefined || wlIp === logical);
      return compact({
        id: nid,
        type: (str(row.row.type) ?? 'snat') as NatRule['type'],
        externalIp: str(row.row.external_ip) ?? '',
        internalIp: keepWorkload ? undefined : logical,
        workload: keepWorkload ? spec?.workload : undefined,
        ovn: spec?.ovn,
      });
    });
    const gwPort = ports.find((p) => uplinks.has(p.parts[0] ?? ''));
    const uplink = gwPort?.parts[0] ?? '';
    const gwNet = list(gwPort?.row.row.networks).map(splitNetwork)[0];
    const mac = str(gwPort?.row.row.mac);
    const chassis = rb
      .withPrefix(`gwc/${id}/`)
      .map(({ row }) => ({
        name: str(row.row.chassis_name) ?? '',
        priority: num(row.row.priority) ?? 0,
      }))
      .sort((a, b) => b.priority - a.priority || (a.name < b.name ? -1 : 1));
    const gateway =
      gwPort && gwNet
        ? compact({
            uplink,
            ip: gwNet.ip,
            mac:
              mac === stableMac(`${id}/gateway`) && d?.gateway?.mac === undefined ? undefined : mac,
            chassis: designOrder(
              chassis,
              d?.gateway?.chassis.map((c) => c.name) ?? [],
              (c) => c.name,
            ),
          })
        : undefined;
    return compact({
      ...designFields(id, d),
      kind: 'router' as const,
      interfaces: designOrder(
        interfaces,
        d?.interfaces.map((i) => i.switch) ?? [],
        (i) => i.switch,
      ),
      routes,
      nat: designOrder(nat, d?.nat.map((n) => n.id) ?? [], (n) => n.id),
      gateway,
      ovn: d?.ovn,
    });
  });
}
