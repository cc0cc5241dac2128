import {
  type Application,
  type Endpoint,
  type FirewallRule,
  healthCheckSource,
  type NetworkObject,
  resolveAddresses,
  type Service,
  stableMac,
} from '@netcanvas/model';
import { OvnNames } from '@netcanvas/ovn';

/** What the generator writes: one `ovn-nbctl` command line per entry, in script order. */
export type NbctlScript = string[][];

/** ACL priorities an engineer would pick: first rule highest, as the console orders them. */
const TOP_PRIORITY = 30000;
/** logged drops per second before OVN drops log lines (the same rate netcanvas uses) */
const LOG_PPS = '100';
const HANDLED = new Set([
  'switch',
  'router',
  'uplink',
  'workload',
  'loadBalancer',
  'group',
  'firewall',
]);

type Kind<K extends NetworkObject['kind']> = Extract<NetworkObject, { kind: K }>;

/**
 * The `ovn-nbctl` script a network engineer would write for `app` (IPv4 designs of
 * switches, routers with a gateway, uplinks, single-address workloads, load balancers,
 * tag groups and firewall rules): the same names netcanvas gives the rows, so the same
 * lab workloads bind to the ports. Throws on anything it does not write.
 */
export function nbctlScript(app: Application): NbctlScript {
  for (const o of app.objects) {
    if (!HANDLED.has(o.kind)) throw new Error(`the nbctl script does not write ${o.kind} ${o.id}`);
    if (o.kind === 'switch' && (o.subnet6 || o.uplink))
      throw new Error(`the nbctl script writes IPv4 switches without uplinks only (${o.id})`);
  }
  const names = new OvnNames(app);
  const plan = resolveAddresses(app);
  const of = <K extends NetworkObject['kind']>(kind: K) =>
    app.objects.filter((o): o is Kind<K> => o.kind === kind);
  const byId = new Map(app.objects.map((o) => [o.id, o]));
  const cmds: NbctlScript = [];
  const lspOf = (workload: string) =>
    plan.nics.filter((n) => n.workloadId === workload).map((n) => names.nic(n.workloadId, n.nicId));

  for (const sw of of('switch')) {
    const ls = names.object(sw.id);
    cmds.push(['ls-add', ls]);
    for (const nic of plan.nics.filter((n) => n.switchId === sw.id)) {
      const lsp = names.nic(nic.workloadId, nic.nicId);
      const addr = [nic.mac, nic.ip].filter(Boolean).join(' ');
      cmds.push(['lsp-add', ls, lsp]);
      cmds.push(['lsp-set-addresses', lsp, addr]);
      cmds.push(['lsp-set-port-security', lsp, addr]);
    }
  }
  for (const r of of('router')) {
    const lr = names.object(r.id);
    cmds.push(['lr-add', lr]);
    for (const i of r.interfaces) {
      const sw = byId.get(i.switch);
      const port = plan.routerPorts.find((p) => p.routerId === r.id && p.switchId === i.switch);
      if (sw?.kind !== 'switch' || !port?.ip)
        throw new Error(`router ${r.id}: no address on ${i.switch}`);
      cmds.push(...routerLink(names, r.id, sw.id, port.mac, `${port.ip}/${prefixOf(sw.subnet)}`));
    }
    const gw = r.gateway;
    if (gw) {
      const uplink = byId.get(gw.uplink);
      if (uplink?.kind !== 'uplink') throw new Error(`router ${r.id}: no uplink ${gw.uplink}`);
      if (gw.chassis.length > 0) throw new Error(`router ${r.id}: gateway chassis are not written`);
      const ls = names.object(uplink.id);
      const localnet = `${ls}-localnet`;
      cmds.push(['ls-add', ls]);
      cmds.push(['lsp-add', ls, localnet]);
      cmds.push(['lsp-set-type', localnet, 'localnet']);
      cmds.push(['lsp-set-addresses', localnet, 'unknown']);
      cmds.push(['lsp-set-options', localnet, `network_name=${uplink.physicalNetwork}`]);
      const mac = gw.mac ?? stableMac(`${r.id}/gateway`);
      cmds.push(...routerLink(names, r.id, uplink.id, mac, `${gw.ip}/${prefixOf(uplink.subnet)}`));
      if (uplink.gatewayIp) cmds.push(['lr-route-add', lr, '0.0.0.0/0', uplink.gatewayIp]);
    }
    for (const route of r.routes) cmds.push(['lr-route-add', lr, route.prefix, route.nextHop]);
    for (const nat of r.nat) {
      if (nat.type === 'dnat_and_snat' || !nat.internalIp)
        throw new Error(`nat ${nat.id} is not written`);
      cmds.push(['lr-nat-add', lr, nat.type, nat.externalIp, nat.internalIp]);
    }
  }
  for (const sw of of('switch')) {
    if (!sw.dhcp?.enabled || !sw.subnet) continue;
    const port = plan.routerPorts.find((p) => p.switchId === sw.id && p.ip);
    if (!port?.ip) throw new Error(`switch ${sw.id}: DHCP without a router port is not written`);
    // one invocation: the new row is named by --id, no UUID to copy between commands
    const create = [
      '--id=@dhcp',
      'create',
      'DHCP_Options',
      `cidr=${sw.subnet}`,
      `options:lease_time="${sw.dhcp.leaseTime ?? 3600}"`,
      `options:router="${port.ip}"`,
      `options:server_id="${port.ip}"`,
      `options:server_mac="${port.mac}"`,
    ];
    const ports = plan.nics
      .filter((n) => n.switchId === sw.id)
      .flatMap((n) => [
        '--',
        'set',
        'Logical_Switch_Port',
        names.nic(n.workloadId, n.nicId),
        'dhcpv4_options=@dhcp',
      ]);
    cmds.push([...create, ...ports]);
  }
  for (const lb of of('loadBalancer')) {
    const name = names.object(lb.id);
    lb.vips.forEach((vip, v) => {
      const backends = vip.backends.map((b) => {
        const ip = b.ip ?? plan.nics.find((n) => n.workloadId === b.workload)?.ip;
        if (!ip) throw new Error(`load balancer ${lb.id}: backend without an IPv4 address`);
        return `${ip}:${b.port}`;
      });
      cmds.push(['lb-add', name, `${vip.ip}:${vip.port}`, backends.join(','), lb.protocol]);
      if (lb.healthCheck) {
        const hc = lb.healthCheck;
        cmds.push([
          `--id=@hc${v}`,
          'create',
          'Load_Balancer_Health_Check',
          `vip="${vip.ip}:${vip.port}"`,
          `options:interval="${hc.intervalSeconds}"`,
          `options:timeout="${hc.timeoutSeconds}"`,
          `options:success_count="${hc.successCount}"`,
          `options:failure_count="${hc.failureCount}"`,
          '--',
          'add',
          'Load_Balancer',
          name,
          'health_check',
          `@hc${v}`,
        ]);
        for (const b of vip.backends) {
          const nic = plan.nics.find((n) => n.workloadId === b.workload);
          const sw = nic && byId.get(nic.switchId);
          if (!nic?.ip || sw?.kind !== 'switch') continue;
          const source = healthCheckSource(sw.subnet);
          cmds.push([
            'set',
            'Load_Balancer',
            name,
            `ip_port_mappings:"${nic.ip}"="${names.nic(nic.workloadId, nic.nicId)}:${source}"`,
          ]);
        }
      }
    });
    for (const target of lb.attachedTo) {
      const o = byId.get(target);
      cmds.push([o?.kind === 'router' ? 'lr-lb-add' : 'ls-lb-add', names.object(target), name]);
    }
  }
  const workloads = of('workload');
  for (const g of of('group')) {
    if (g.members.type !== 'tags') throw new Error(`group ${g.id}: only tag groups are written`);
    const tags = g.members.tags;
    const members = workloads.filter((w) => tags.every((t) => (w.tags ?? []).includes(t)));
    cmds.push(['pg-add', names.ident(g.id), ...members.flatMap((w) => lspOf(w.id))]);
  }
  const rules = of('firewall')
    .sort((a, b) => a.priority - b.priority)
    .flatMap((f) => {
      if ((f.appliesTo ?? []).length > 0)
        throw new Error(`firewall ${f.id}: appliesTo is not written`);
      return f.rules;
    });
  if (rules.length > 0) {
    const all = names.appPortGroup();
    const meter = names.ident('acl_log');
    cmds.push(['pg-add', all, ...workloads.flatMap((w) => lspOf(w.id))]);
    if (rules.some((r) => r.log))
      cmds.push(['meter-add', meter, 'drop', LOG_PPS, 'pktps', LOG_PPS]);
    rules.forEach((rule, rank) => {
      // ovn-nbctl turns logging on for any ACL given --name: only logged rules get their name
      const name = `--name=${(rule.name ?? rule.id).slice(0, 63)}`;
      const flags = rule.log ? ['--log', '--severity=info', `--meter=${meter}`, name] : [];
      cmds.push([
        '--type=port-group',
        ...flags,
        'acl-add',
        all,
        rule.direction,
        String(TOP_PRIORITY - rank),
        ruleMatch(rule, all, (id) => names.ident(id)),
        rule.action,
      ]);
    });
  }
  return cmds;
}

/** Deletes what {@link nbctlScript} created (the NB back to empty for the next run). */
export function nbctlTeardown(app: Application): NbctlScript {
  const names = new OvnNames(app);
  const cmds: NbctlScript = [];
  for (const o of app.objects) {
    if (o.kind === 'switch' || o.kind === 'uplink')
      cmds.push(['--if-exists', 'ls-del', names.object(o.id)]);
    if (o.kind === 'router') cmds.push(['--if-exists', 'lr-del', names.object(o.id)]);
    if (o.kind === 'loadBalancer') cmds.push(['--if-exists', 'lb-del', names.object(o.id)]);
    if (o.kind === 'group') cmds.push(['pg-del', names.ident(o.id)]);
  }
  cmds.push(['pg-del', names.appPortGroup()]);
  cmds.push(['meter-del', names.ident('acl_log')]);
  cmds.push(['--all', 'destroy', 'DHCP_Options']);
  cmds.push(['--all', 'destroy', 'Load_Balancer_Health_Check']);
  return cmds;
}

function routerLink(names: OvnNames, router: string, sw: string, mac: string, network: string) {
  const lrp = names.routerPort(router, sw);
  const lsp = names.switchRouterPort(sw, router);
  return [
    ['lrp-add', names.object(router), lrp, mac, network],
    ['lsp-add', names.object(sw), lsp],
    ['lsp-set-type', lsp, 'router'],
    ['lsp-set-addresses', lsp, 'router'],
    ['lsp-set-options', lsp, `router-port=${lrp}`],
  ];
}

function prefixOf(subnet: string | undefined): string {
  const prefix = subnet?.split('/')[1];
  if (!prefix) throw new Error(`no IPv4 subnet: ${subnet}`);
  return prefix;
}

function endpoint(ep: Endpoint, side: 'src' | 'dst', set: (group: string) => string) {
  if (ep === 'any') return [];
  if ('group' in ep) return [`ip4.${side} == $${set(ep.group)}_ip4`];
  return [`ip4.${side} == ${ep.cidr}`];
}

function service(s: Service): string {
  if (s.protocol === 'icmp') return 'icmp4';
  if (s.ports === undefined) return s.protocol;
  const [lo, hi] = s.ports.split('-');
  return hi === undefined || hi === lo
    ? `${s.protocol}.dst == ${Number(lo)}`
    : `${s.protocol}.dst >= ${Number(lo)} && ${s.protocol}.dst <= ${Number(hi)}`;
}

/** A rule as an ACL match on the app's port group (IPv4), group endpoints by OVN's `$pg_ip4` sets. */
function ruleMatch(rule: FirewallRule, pg: string, set: (group: string) => string): string {
  const port = rule.direction === 'to-lport' ? `outport == @${pg}` : `inport == @${pg}`;
  const services = rule.services.map(service);
  const svc =
    services.length === 0 ? [] : services.length === 1 ? services : [`(${services.join(' || ')})`];
  return [
    port,
    'ip4',
    ...endpoint(rule.from, 'src', set),
    ...endpoint(rule.to, 'dst', set),
    ...svc,
  ].join(' && ');
}
