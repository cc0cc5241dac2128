import {
  type Application,
  type FirewallRule,
  formatCidr,
  formatIp,
  type LbBackend,
  type NetworkObject,
  type Nic,
  parseCidr,
  parseIp,
  type RouterInterface,
} from '@netcanvas/model';
import { EXT } from '../names.ts';
import { IdAllocator } from './ids.ts';
import { list, map, type NbRow, type NbSnapshot, num, str, verbatim } from './nb-snapshot.ts';

/** Columns northd writes back into the NB: status, not design. */
const STATUS = ['up', 'dynamic_addresses', 'tag', 'status'];
/** Reference columns import does not carry over (each is reported in `notes`). */
const DROPPED_REFS: Record<string, readonly string[]> = {
  Logical_Switch: ['dns_records', 'copp', 'forwarding_groups', 'load_balancer_group', 'qos_rules'],
  Logical_Switch_Port: ['dhcpv4_options', 'dhcpv6_options', 'ha_chassis_group', 'mirror_rules'],
  Logical_Router: ['policies', 'copp', 'load_balancer_group'],
  Logical_Router_Port: ['gateway_chassis', 'ha_chassis_group'],
  Logical_Router_Static_Route: ['bfd'],
  NAT: ['allowed_ext_ips', 'exempted_ext_ips', 'gateway_port'],
  Load_Balancer: ['health_check'],
};

export interface ImportOptions {
  readonly id: string;
  readonly name: string;
  readonly tenant: string;
}

/** An application read from an NB, and what could not be carried over. */
export interface ImportResult {
  readonly app: Application;
  readonly notes: readonly string[];
}

const isOurs = (row: NbRow) => map(row.external_ids)[EXT.owner] === 'netcanvas';

/**
 * Turns the rows of an NB that netcanvas does not own (built by hand with ovn-nbctl, or
 * by another system) into one application. Objects keep their OVN names; columns the
 * model has no field for, and ACL matches, are kept verbatim so an apply writes them back
 * unchanged. Subnets come from `other_config:subnet`, else the router port on the switch.
 */
export function importForeign(snapshot: NbSnapshot, options: ImportOptions): ImportResult {
  const notes: string[] = [];
  const ids = new IdAllocator();
  const rows = (table: string) => (snapshot[table] ?? []).filter((r) => !isOurs(r));
  const byUuid = new Map<string, NbRow>();
  for (const table of Object.keys(snapshot))
    for (const r of snapshot[table] ?? []) byUuid.set(r._uuid, r);
  const note = (table: string, row: NbRow) => {
    for (const col of DROPPED_REFS[table] ?? []) {
      if (list(row[col]).length > 0)
        notes.push(`${table} ${str(row.name) ?? row._uuid}: ${col} is not imported`);
    }
  };

  const switchId = new Map<string, string>();
  const routerId = new Map<string, string>();
  const lspSwitch = new Map<string, string>();
  for (const ls of rows('Logical_Switch')) {
    switchId.set(ls._uuid, ids.take(str(ls.name) ?? '', 'switch'));
    for (const p of list(ls.ports)) lspSwitch.set(p, ls._uuid);
  }
  for (const lr of rows('Logical_Router'))
    routerId.set(lr._uuid, ids.take(str(lr.name) ?? '', 'router'));
  const lrpByName = new Map(rows('Logical_Router_Port').map((p) => [str(p.name) ?? '', p]));

  const objects: NetworkObject[] = [];
  const subnets = new Map<string, { v4?: string; v6?: string }>();
  const interfaces = new Map<string, RouterInterface[]>();
  const uplinks: NetworkObject[] = [];
  const switchUplink = new Map<string, string>();
  const vifIps = new Map<string, string[]>();

  for (const lsp of rows('Logical_Switch_Port')) {
    const lsUuid = lspSwitch.get(lsp._uuid);
    const sw = lsUuid && switchId.get(lsUuid);
    if (!sw) continue;
    note('Logical_Switch_Port', lsp);
    const type = str(lsp.type) ?? '';
    const name = str(lsp.name) ?? '';
    if (type === 'router') {
      const lrp = lrpByName.get(map(lsp.options)['router-port'] ?? '');
      const lr = lrp && rows('Logical_Router').find((r) => list(r.ports).includes(lrp._uuid));
      const rid = lr && routerId.get(lr._uuid);
      if (!lrp || !rid) {
        notes.push(`router port ${name} on ${sw} leads to no imported router; skipped`);
        continue;
      }
      const networks = list(lrp.networks);
      const v4 = networks.map((n) => parseCidr(n, false)).find((c) => c?.family === 4);
      const v6 = networks.map((n) => parseCidr(n, false)).find((c) => c?.family === 6);
      const ip4 = networks.find((n) => parseCidr(n, false)?.family === 4)?.split('/')[0];
      const ip6 = networks.find((n) => parseCidr(n, false)?.family === 6)?.split('/')[0];
      subnets.set(sw, {
        ...subnets.get(sw),
        ...(v4 ? { v4: formatCidr(v4) } : {}),
        ...(v6 ? { v6: formatCidr(v6) } : {}),
      });
      note('Logical_Router_Port', lrp);
      const extraNets = networks.filter(
        (n) => !n.startsWith(`${ip4}/`) && !n.startsWith(`${ip6}/`),
      );
      const lrpColumns = verbatim(lrp, [
        'name',
        'mac',
        'networks',
        ...STATUS,
        ...(DROPPED_REFS.Logical_Router_Port ?? []),
      ]);
      const peerColumns = verbatim(lsp, [
        'name',
        'type',
        'addresses',
        ...STATUS,
        ...(DROPPED_REFS.Logical_Switch_Port ?? []),
      ]);
      const addresses = list(lsp.addresses);
      const opts = map(lsp.options);
      const peer: Record<string, unknown> = { ...(peerColumns ?? {}) };
      if (Object.keys(opts).length === 1) delete peer.options;
      if (!(addresses.length === 1 && addresses[0] === 'router')) peer.addresses = addresses;
      const itf: RouterInterface = {
        switch: sw,
        ...(ip4 ? { ip: ip4 } : {}),
        ...(ip6 ? { ip6 } : {}),
        mac: str(lrp.mac) ?? '',
        ovn: {
          name: str(lrp.name) ?? '',
          ...(lrpColumns || extraNets.length
            ? { columns: { ...lrpColumns, ...(extraNets.length ? { networks } : {}) } }
            : {}),
        },
        ovnPeer: { name, ...(Object.keys(peer).length > 0 ? { columns: peer } : {}) },
      };
      interfaces.set(rid, [...(interfaces.get(rid) ?? []), itf]);
      continue;
    }
    if (type === 'localnet') {
      const id = ids.take(name, 'uplink');
      const columns = verbatim(lsp, ['name', 'type', 'addresses', 'tag_request', ...STATUS]);
      const opts = map(lsp.options);
      if (columns && Object.keys(opts).length === 1 && opts.network_name) delete columns.options;
      uplinks.push({
        id,
        name,
        kind: 'uplink',
        physicalNetwork: opts.network_name ?? 'physnet',
        ...(num(lsp.tag_request) ? { vlan: num(lsp.tag_request) } : {}),
        ovn: { name, ...(columns && Object.keys(columns).length > 0 ? { columns } : {}) },
      });
      switchUplink.set(sw, id);
      continue;
    }
    const addresses = list(lsp.addresses);
    const [first] = addresses;
    const parts = first?.split(/\s+/) ?? [];
    const mac = parts[0] && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(parts[0]) ? parts[0] : undefined;
    const ips = parts.slice(1).map((p) => parseIp(p));
    const ip = parts.slice(1).find((_, i) => ips[i]?.family === 4);
    const ip6 = parts.slice(1).find((_, i) => ips[i]?.family === 6);
    const managed = [
      'name',
      'addresses',
      'port_security',
      ...STATUS,
      ...(DROPPED_REFS.Logical_Switch_Port ?? []),
    ];
    const columns: Record<string, unknown> = { ...(verbatim(lsp, managed) ?? {}) };
    const simple = mac !== undefined && addresses.length === 1;
    if (!simple) columns.addresses = addresses;
    const ps = list(lsp.port_security);
    if (!(ps.length === 1 && ps[0] === first)) columns.port_security = ps;
    const nic: Nic = {
      id: 'eth0',
      switch: sw,
      ...(simple && mac ? { mac } : {}),
      ...(simple && ip ? { ip } : {}),
      ...(simple && ip6 ? { ip6 } : {}),
      ovn: { name, ...(Object.keys(columns).length > 0 ? { columns } : {}) },
    };
    if (simple && ip) vifIps.set(sw, [...(vifIps.get(sw) ?? []), ip]);
    objects.push({
      id: ids.take(name, 'workload'),
      name,
      kind: 'workload',
      workloadType: 'vm',
      nics: [nic],
    });
  }

  for (const ls of rows('Logical_Switch')) {
    note('Logical_Switch', ls);
    const id = switchId.get(ls._uuid) ?? '';
    const oc = map(ls.other_config);
    const inferred = subnets.get(id);
    const subnet = oc.subnet ?? inferred?.v4 ?? coveringSubnet(vifIps.get(id) ?? []);
    if (!oc.subnet && !inferred?.v4 && subnet)
      notes.push(`subnet of ${str(ls.name)} inferred from its ports' addresses: ${subnet}`);
    const subnet6 = oc.ipv6_prefix ? undefined : inferred?.v6;
    const columns = verbatim(ls, [
      'name',
      'ports',
      'acls',
      'load_balancer',
      ...(DROPPED_REFS.Logical_Switch ?? []),
    ]);
    objects.push({
      id,
      name: str(ls.name) ?? id,
      kind: 'switch',
      ...(subnet ? { subnet } : {}),
      ...(subnet6 ? { subnet6 } : {}),
      ...(switchUplink.get(id) ? { uplink: switchUplink.get(id) } : {}),
      ovn: { name: str(ls.name) ?? '', ...(columns ? { columns } : {}) },
    });
    const acls = list(ls.acls)
      .map((u) => byUuid.get(u))
      .filter((a): a is NbRow => a !== undefined)
      .sort((a, b) => (num(b.priority) ?? 0) - (num(a.priority) ?? 0));
    if (acls.length > 0) {
      objects.push({
        id: ids.take(`acls-${id}`, 'acls'),
        name: `ACLs of ${str(ls.name)}`,
        kind: 'firewall',
        priority: 100,
        appliesTo: [id],
        rules: acls.map((a, i) => aclRule(a, i)),
      });
    }
  }
  objects.push(...uplinks);

  for (const lr of rows('Logical_Router')) {
    note('Logical_Router', lr);
    const id = routerId.get(lr._uuid) ?? '';
    const columns = verbatim(lr, [
      'name',
      'ports',
      'static_routes',
      'nat',
      'load_balancer',
      'enabled',
      ...(DROPPED_REFS.Logical_Router ?? []),
    ]);
    const routes = list(lr.static_routes)
      .map((u) => byUuid.get(u))
      .filter((r): r is NbRow => r !== undefined)
      .map((r) => {
        note('Logical_Router_Static_Route', r);
        const extra = verbatim(r, [
          'ip_prefix',
          'nexthop',
          ...(DROPPED_REFS.Logical_Router_Static_Route ?? []),
        ]);
        return {
          prefix: str(r.ip_prefix) ?? '',
          nextHop: str(r.nexthop) ?? '',
          ...(extra ? { ovn: { columns: extra } } : {}),
        };
      });
    const nat = list(lr.nat)
      .map((u) => byUuid.get(u))
      .filter((r): r is NbRow => r !== undefined)
      .map((n, i) => {
        note('NAT', n);
        const extra = verbatim(n, [
          'type',
          'external_ip',
          'logical_ip',
          ...(DROPPED_REFS.NAT ?? []),
        ]);
        return {
          id: `nat-${i + 1}`,
          type: (str(n.type) ?? 'snat') as 'snat' | 'dnat' | 'dnat_and_snat',
          externalIp: str(n.external_ip) ?? '',
          internalIp: str(n.logical_ip) ?? '',
          ...(extra ? { ovn: { columns: extra } } : {}),
        };
      });
    for (const p of list(lr.ports)) {
      const lrp = byUuid.get(p);
      const attached = (interfaces.get(id) ?? []).some((i) => i.ovn?.name === str(lrp?.name));
      if (lrp && !attached)
        notes.push(
          `router port ${str(lrp.name)} of ${str(lr.name)} has no switch peer (router-to-router or gateway); not imported`,
        );
    }
    objects.push({
      id,
      name: str(lr.name) ?? id,
      kind: 'router',
      interfaces: interfaces.get(id) ?? [],
      routes,
      nat,
      ovn: { name: str(lr.name) ?? '', ...(columns ? { columns } : {}) },
    });
  }

  for (const lb of rows('Load_Balancer')) {
    note('Load_Balancer', lb);
    const name = str(lb.name) ?? '';
    const attachedTo = [
      ...rows('Logical_Switch')
        .filter((s) => list(s.load_balancer).includes(lb._uuid))
        .map((s) => switchId.get(s._uuid) ?? ''),
      ...rows('Logical_Router')
        .filter((r) => list(r.load_balancer).includes(lb._uuid))
        .map((r) => routerId.get(r._uuid) ?? ''),
    ];
    const vips = Object.entries(map(lb.vips)).flatMap(([vip, backends]) => {
      const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(vip);
      if (!m) {
        notes.push(`load balancer ${name}: VIP ${vip} has no port; not imported`);
        return [];
      }
      const parsed: LbBackend[] = backends
        .split(',')
        .filter(Boolean)
        .map((b) => {
          const bm = /^\[?([^\]]+?)\]?:(\d+)$/.exec(b.trim());
          return { ip: bm?.[1] ?? b.trim(), port: Number(bm?.[2] ?? m[2]) };
        });
      return [{ ip: m[1] ?? '', port: Number(m[2]), backends: parsed }];
    });
    const columns = verbatim(lb, [
      'name',
      'vips',
      'protocol',
      ...(DROPPED_REFS.Load_Balancer ?? []),
    ]);
    objects.push({
      id: ids.take(name, 'lb'),
      name,
      kind: 'loadBalancer',
      protocol: (str(lb.protocol) ?? 'tcp') as 'tcp' | 'udp' | 'sctp',
      vips,
      attachedTo,
      ovn: { name, ...(columns ? { columns } : {}), ...(str(lb.protocol) ? {} : {}) },
    });
  }
  for (const pg of rows('Port_Group')) {
    if (list(pg.ports).length > 0 || list(pg.acls).length > 0)
      notes.push(
        `port group ${str(pg.name)} is not imported (membership by port is not in the model yet)`,
      );
  }
  for (const t of ['DHCP_Options', 'QoS']) {
    if (rows(t).length > 0) notes.push(`${rows(t).length} ${t} rows are not imported`);
  }
  const app: Application = {
    schemaVersion: 1,
    id: options.id,
    name: options.name,
    tenant: options.tenant,
    version: 0,
    objects,
    layout: { positions: {}, collapsed: [] },
  };
  return { app, notes };
}

function aclRule(a: NbRow, i: number): FirewallRule {
  const extra = verbatim(a, ['name', 'priority', 'direction', 'match', 'action', 'log']);
  return {
    id: `acl-${i + 1}`,
    ...(str(a.name) ? { name: str(a.name) } : {}),
    from: 'any',
    to: 'any',
    services: [],
    action: (str(a.action) ?? 'allow') as FirewallRule['action'],
    log: a.log === true,
    direction: (str(a.direction) ?? 'to-lport') as FirewallRule['direction'],
    match: str(a.match) ?? '1',
    priority: num(a.priority) ?? 0,
    ovn: extra ? { columns: extra } : {},
  };
}

/** The smallest prefix (at most /24) holding every address: a guess for a switch with no router or subnet. */
function coveringSubnet(ips: readonly string[]): string | undefined {
  const values = ips
    .map((t) => parseIp(t))
    .filter((ip) => ip?.family === 4)
    .map((ip) => ip?.value ?? 0n);
  if (values.length === 0) return undefined;
  let len = 24;
  const first = values[0] ?? 0n;
  while (len > 0 && !values.every((v) => v >> BigInt(32 - len) === first >> BigInt(32 - len)))
    len--;
  const c = parseCidr(`${formatIp(4, first)}/${len}`, false);
  return c && formatCidr(c);
}
