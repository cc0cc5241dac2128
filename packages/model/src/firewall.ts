import type { Addressing } from './addressing.ts';
import { cidrContains, type IpAddress, parseCidr } from './net/ip.ts';
import type { Endpoint, FirewallPolicy, FirewallRule, Service } from './schema/types.ts';

/** A rule with the policy it belongs to, in evaluation order. */
export interface PlacedRule {
  readonly policy: FirewallPolicy;
  readonly rule: FirewallRule;
  readonly index: number;
}

/** The transport of a packet under test; icmp has no port. */
export type PacketProtocol = 'tcp' | 'udp' | 'sctp' | 'icmp';

/** Policies by priority (lower first, then document order), rules in list order. */
export function orderedRules(policies: readonly FirewallPolicy[]): PlacedRule[] {
  return policies
    .map((policy, order) => ({ policy, order }))
    .sort((a, b) => a.policy.priority - b.policy.priority || a.order - b.order)
    .flatMap(({ policy }) => policy.rules.map((rule, index) => ({ policy, rule, index })));
}

/** Parses `80` or `8000-8080` into an inclusive range; undefined when impossible. */
export function parsePortRange(text: string): { lo: number; hi: number } | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo < 1 || hi > 65535 || lo > hi) return undefined;
  return { lo, hi };
}

/** True when the endpoint selects the address. */
export function endpointMatches(addr: Addressing, ep: Endpoint, ip: IpAddress): boolean {
  if (ep === 'any') return true;
  if ('cidr' in ep) {
    const c = parseCidr(ep.cidr, false);
    return c !== undefined && cidrContains(c, ip);
  }
  const group = addr.index.getKind(ep.group, 'group');
  if (!group) return false;
  if (group.members.type === 'cidrs') {
    return group.members.cidrs.some((t) => {
      const c = parseCidr(t, false);
      return c !== undefined && cidrContains(c, ip);
    });
  }
  const nic = addr.nicWithIp(ip);
  const w = nic && addr.index.getKind(nic.workloadId, 'workload');
  const tags = new Set(w?.tags ?? []);
  return w !== undefined && group.members.tags.every((t) => tags.has(t));
}

/** True when one of the services covers the packet (no services: any IP traffic). */
export function servicesMatch(
  services: readonly Service[],
  protocol: PacketProtocol,
  port: number | undefined,
): boolean {
  if (services.length === 0) return true;
  return services.some((s) => {
    if (s.protocol !== protocol) return false;
    if (s.ports === undefined || protocol === 'icmp') return true;
    const r = parsePortRange(s.ports);
    return r !== undefined && port !== undefined && port >= r.lo && port <= r.hi;
  });
}

/** The first rule of the direction that matches the packet, as OVN's ACL stage picks it. */
export function firstMatch(
  addr: Addressing,
  rules: readonly PlacedRule[],
  direction: FirewallRule['direction'],
  packet: { src: IpAddress; dst: IpAddress; protocol: PacketProtocol; port: number | undefined },
  /** the switch of the port the rule is checked on */
  switchId: string,
): PlacedRule | undefined {
  return rules.find(
    ({ rule, policy }) =>
      rule.direction === direction &&
      // a verbatim OVN match cannot be evaluated statically
      rule.match === undefined &&
      (policy.appliesTo === undefined ||
        policy.appliesTo.length === 0 ||
        policy.appliesTo.includes(switchId)) &&
      endpointMatches(addr, rule.from, packet.src) &&
      endpointMatches(addr, rule.to, packet.dst) &&
      servicesMatch(rule.services, packet.protocol, packet.port),
  );
}
