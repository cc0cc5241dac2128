import type { AddressPlan, Application, NetworkObject } from '@netcanvas/model';

/** One line of key facts on a node. */
export interface Fact {
  readonly text: string;
  /** a short label before the value, e.g. the switch a router port is on */
  readonly label?: string;
  readonly mono?: boolean;
}

/** The facts a node shows at a glance, and small tags for the rest. */
export interface NodeFacts {
  readonly subtitle: string;
  readonly lines: readonly Fact[];
  readonly chips: readonly string[];
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What an engineer wants to read on a node without opening it. */
export function objectFacts(
  obj: NetworkObject,
  app: Application,
  plan: AddressPlan,
  nameOf: (id: string) => string,
): NodeFacts {
  const members = (tags: readonly string[]) =>
    app.objects.filter(
      (o) => o.kind === 'workload' && tags.every((t) => o.tags?.includes(t) ?? false),
    ).length;
  switch (obj.kind) {
    case 'switch': {
      const lines = [obj.subnet, obj.subnet6].flatMap((s) => (s ? [{ text: s, mono: true }] : []));
      const ports =
        plan.nics.filter((n) => n.switchId === obj.id).length +
        plan.routerPorts.filter((p) => p.switchId === obj.id).length;
      const chips = [
        plural(ports, 'port'),
        obj.dhcp?.enabled ? 'DHCP' : undefined,
        obj.vlan !== undefined ? `VLAN ${obj.vlan}` : undefined,
        obj.uplink ? 'localnet' : undefined,
      ].filter((c): c is string => c !== undefined);
      return {
        subtitle: 'Logical switch',
        lines: lines.length ? lines : [{ text: 'no subnet' }],
        chips,
      };
    }
    case 'router': {
      const lines: Fact[] = plan.routerPorts
        .filter((p) => p.routerId === obj.id)
        .map((p) => ({
          label: nameOf(p.switchId),
          text: p.ip ?? p.ip6 ?? 'no address',
          mono: true,
        }));
      if (obj.gateway) lines.push({ label: 'gw', text: obj.gateway.ip, mono: true });
      const chips = [
        ...new Set(obj.nat.map((n) => n.type.toUpperCase().replace('DNAT_AND_SNAT', '1:1 NAT'))),
      ];
      if (obj.routes.length) chips.push(plural(obj.routes.length, 'route'));
      return { subtitle: 'Logical router', lines, chips };
    }
    case 'workload': {
      const nics = plan.nics.filter((n) => n.workloadId === obj.id);
      const lines: Fact[] = nics.map((n) => ({
        label: nics.length > 1 ? n.nicId : undefined,
        text: [n.ip, n.ip6].filter(Boolean).join(' · ') || 'no address',
        mono: true,
      }));
      const allocated = nics.some((n) => n.ipSource === 'allocated');
      const chips = allocated ? ['IPAM'] : [];
      const subtitle = obj.workloadType === 'container' ? 'Container' : 'Virtual machine';
      return { subtitle, lines: lines.length ? lines : [{ text: 'no NIC' }], chips };
    }
    case 'loadBalancer': {
      const lines: Fact[] = obj.vips.map((v) => ({ text: `${v.ip}:${v.port}`, mono: true }));
      const backends = obj.vips.reduce((sum, v) => sum + v.backends.length, 0);
      const chips = [obj.protocol.toUpperCase(), plural(backends, 'backend')];
      if (obj.healthCheck) chips.push('health check');
      return { subtitle: 'Load balancer', lines, chips };
    }
    case 'group': {
      const m = obj.members;
      const lines: Fact[] =
        m.type === 'tags'
          ? m.tags.map((t) => ({ text: t, mono: true }))
          : m.cidrs.slice(0, 3).map((c) => ({ text: c, mono: true }));
      if (m.type === 'cidrs' && m.cidrs.length > 3)
        lines.push({ text: `+${m.cidrs.length - 3} more` });
      const chips = m.type === 'tags' ? [plural(members(m.tags), 'member')] : [];
      return { subtitle: m.type === 'tags' ? 'Tag group' : 'Address group', lines, chips };
    }
    case 'firewall': {
      const last = obj.rules.at(-1);
      const defaultDrop =
        last?.from === 'any' &&
        last.to === 'any' &&
        last.services.length === 0 &&
        last.action !== 'allow';
      const chips = [`priority ${obj.priority}`];
      if (defaultDrop) chips.push('default deny');
      return {
        subtitle: 'Firewall policy',
        lines: [{ text: plural(obj.rules.length, 'rule') }],
        chips,
      };
    }
    case 'qos': {
      const parts = [
        obj.rateKbps !== undefined ? `${obj.rateKbps} kbps` : undefined,
        obj.dscp !== undefined ? `DSCP ${obj.dscp}` : undefined,
      ].filter((p): p is string => p !== undefined);
      return {
        subtitle: 'QoS policy',
        lines: [{ text: parts.join(' · ') || 'no limit' }],
        chips: [obj.direction],
      };
    }
    case 'uplink': {
      const lines: Fact[] = [{ label: 'physnet', text: obj.physicalNetwork, mono: true }];
      if (obj.subnet) lines.push({ text: obj.subnet, mono: true });
      return {
        subtitle: 'Uplink',
        lines,
        chips: obj.vlan !== undefined ? [`VLAN ${obj.vlan}`] : [],
      };
    }
  }
}
