import type {
  FirewallPolicy,
  FirewallRule,
  Group,
  LbBackend,
  LoadBalancer,
  NetworkObject,
  QosPolicy,
  Vip,
} from '@netcanvas/model';
import {
  compact,
  designFields,
  designOrder,
  list,
  map,
  num,
  type ReadBackRows,
  str,
} from './read-back-rows.ts';

const HOST_PORT = /^\[?([^\]]+?)\]?:(\d+)$/;

function hostPort(text: string): { ip: string; port: number } | undefined {
  const m = HOST_PORT.exec(text.trim());
  return m?.[1] && m[2] ? { ip: m[1], port: Number(m[2]) } : undefined;
}

/** Load balancers: VIPs and backends by address, health checks, where they are attached. */
export function readLoadBalancers(
  rb: ReadBackRows,
  objects: readonly NetworkObject[],
): LoadBalancer[] {
  const firstIp = (wid: string | undefined) => {
    const w = objects.find((o) => o.id === wid);
    const nic = w?.kind === 'workload' ? w.nics[0] : undefined;
    return nic?.ip ?? nic?.ip6;
  };
  return rb.withPrefix('lb/').map(({ row, parts: [id = ''] }) => {
    const d = rb.designed(id, 'loadBalancer');
    const vips = Object.entries(map(row.row.vips)).flatMap(([vip, backends]): Vip[] => {
      const v = hostPort(vip);
      if (!v) return [];
      const spec = d?.vips.find((x) => x.ip === v.ip && x.port === v.port);
      const list = backends.split(',').flatMap((text): LbBackend[] => {
        const b = hostPort(text);
        if (!b) return [];
        const same = spec?.backends.find(
          (s) => s.port === b.port && (s.ip ?? firstIp(s.workload)) === b.ip,
        );
        return [same ?? b];
      });
      return [{ ...v, backends: list }];
    });
    const check = rb.withPrefix(`lb-hc/${id}/`)[0];
    const opts = map(check?.row.row.options);
    const attachedTo = [
      ...rb.holders(row.uuid, 'Logical_Switch', 'load_balancer'),
      ...rb.holders(row.uuid, 'Logical_Router', 'load_balancer'),
    ];
    return compact({
      ...designFields(id, d),
      kind: 'loadBalancer' as const,
      protocol: (str(row.row.protocol) ?? 'tcp') as LoadBalancer['protocol'],
      vips: designOrder(
        vips,
        d?.vips.map((v) => `${v.ip}:${v.port}`) ?? [],
        (v) => `${v.ip}:${v.port}`,
      ),
      healthCheck: check
        ? {
            intervalSeconds: Number(opts.interval ?? 5),
            timeoutSeconds: Number(opts.timeout ?? 3),
            successCount: Number(opts.success_count ?? 3),
            failureCount: Number(opts.failure_count ?? 3),
          }
        : undefined,
      attachedTo: designOrder(attachedTo, d?.attachedTo ?? [], (x) => x),
      ovn: d?.ovn,
    });
  });
}

/** Groups: tag groups (port groups; their tags come from the design) and CIDR groups (address sets). */
export function readGroups(rb: ReadBackRows): Group[] {
  const ids = new Set([
    ...rb.withPrefix('pg/').map((x) => x.parts[0] ?? ''),
    ...rb.withPrefix('as/').map((x) => x.parts[0] ?? ''),
  ]);
  return [...ids].map((id) => {
    const d = rb.designed(id, 'group');
    const base = { id, name: d?.name ?? id, description: d?.description, tags: d?.tags };
    const sets = rb.withPrefix(`as/${id}/`);
    if (sets.length === 0) {
      const members: Group['members'] =
        d?.members.type === 'tags' ? d.members : { type: 'tags', tags: [`group=${id}`] };
      return compact({ ...base, kind: 'group' as const, members, ovn: d?.ovn });
    }
    const cidrs = sets
      .sort((a, b) => (a.parts[1] ?? '').localeCompare(b.parts[1] ?? ''))
      .flatMap((s) => list(s.row.row.addresses));
    const designed = d?.members.type === 'cidrs' ? d.members.cidrs : [];
    return compact({
      ...base,
      kind: 'group' as const,
      members: { type: 'cidrs' as const, cidrs: designOrder(cidrs, designed, (c) => c) },
      ovn: d?.ovn,
    });
  });
}

function readRule(rb: ReadBackRows, policy: FirewallPolicy | undefined, key: string, rid: string) {
  const row = rb.get(key);
  if (!row) return undefined;
  const spec = policy?.rules.find((r) => r.id === rid);
  const rendered = rb.rendered(key)?.columns;
  const match = str(row.row.match) ?? '1';
  const direction = (str(row.row.direction) ?? 'to-lport') as FirewallRule['direction'];
  const sameMatch = spec !== undefined && rendered?.match === match;
  const priority = num(row.row.priority);
  const rule: FirewallRule = compact({
    ...(spec ?? { id: rid, from: 'any' as const, to: 'any' as const, services: [] }),
    name: spec?.name ?? (str(row.row.name) || undefined),
    action: (str(row.row.action) ?? 'allow') as FirewallRule['action'],
    log: row.row.log === true,
    direction,
    // the model rule stands when OVN still holds exactly what it renders to
    match: sameMatch ? spec.match : match,
    priority: spec && rendered?.priority === priority ? spec.priority : priority,
  });
  return { rule, priority: priority ?? 0, uuid: row.uuid };
}

/** Firewall policies and their rules, in the order OVN evaluates them (priority). */
export function readFirewalls(rb: ReadBackRows): FirewallPolicy[] {
  const fromRows = rb.withPrefix('acl/').map((x) => x.parts[0] ?? '');
  const designed = (rb.design?.objects ?? []).filter((o) => o.kind === 'firewall').map((o) => o.id);
  return [...new Set([...designed, ...fromRows])].map((id) => {
    const d = rb.designed(id, 'firewall');
    const rules = rb
      .withPrefix(`acl/${id}/`)
      .flatMap(({ parts: [rid = ''] }) => readRule(rb, d, `acl/${id}/${rid}`, rid) ?? []);
    const order = d?.rules.map((r) => r.id) ?? [];
    const sorted = designOrder(rules, order, (r) => r.rule.id).sort(
      (a, b) => b.priority - a.priority,
    );
    const switches = [
      ...new Set(sorted.flatMap((r) => rb.holders(r.uuid, 'Logical_Switch', 'acls'))),
    ];
    const appliesTo =
      switches.length > 0
        ? designOrder(switches, d?.appliesTo ?? [], (s) => s)
        : (d?.appliesTo ?? []).length === 0
          ? d?.appliesTo
          : undefined;
    return compact({
      ...designFields(id, d),
      kind: 'firewall' as const,
      priority: d?.priority ?? 100,
      rules: sorted.map((r) => r.rule),
      appliesTo,
    });
  });
}

/** QoS policies: targets from the row keys, rate/burst/DSCP from the first row. */
export function readQos(rb: ReadBackRows): QosPolicy[] {
  const byPolicy = new Map<string, ReturnType<ReadBackRows['withPrefix']>>();
  for (const x of rb.withPrefix('qos/')) {
    const id = x.parts[0] ?? '';
    byPolicy.set(id, [...(byPolicy.get(id) ?? []), x]);
  }
  return [...byPolicy].map(([id, rows]) => {
    const d = rb.designed(id, 'qos');
    const first = rows[0]?.row.row;
    const bw = map(first?.bandwidth);
    const action = map(first?.action);
    const n = (v: string | undefined) => (v === undefined ? undefined : Number(v));
    const targets = rows.map((r) => r.parts[1] ?? '');
    return compact({
      ...designFields(id, d),
      kind: 'qos' as const,
      appliesTo: designOrder(targets, d?.appliesTo ?? [], (t) => t),
      direction: str(first?.direction) === 'to-lport' ? ('ingress' as const) : ('egress' as const),
      rateKbps: n(bw.rate),
      burstKbits: n(bw.burst),
      dscp: n(action.dscp),
    });
  });
}
