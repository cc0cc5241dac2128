import { Addressing } from './addressing.ts';
import { AppIndex } from './app-index.ts';
import { firstMatch, orderedRules, type PacketProtocol, type PlacedRule } from './firewall.ts';
import { resolveAddresses } from './ipam.ts';
import { cidrContains, formatIp, type IpAddress, parseCidr, parseIp } from './net/ip.ts';
import { type Attachment, type Hop, route } from './routing.ts';
import type { Application, LoadBalancer, LogicalRouter, Workload } from './schema/types.ts';

/** A packet to trace: endpoints by workload id/name, load balancer id/name or address. */
export interface WhatIfQuery {
  readonly from: string;
  readonly to: string;
  readonly protocol: PacketProtocol;
  /** destination port; ignored for icmp */
  readonly port?: number;
}

/** The firewall rule that decided a verdict. */
export interface DecidingRule {
  readonly policyId: string;
  readonly policyName: string;
  readonly ruleId: string;
  readonly ruleName: string | undefined;
  readonly action: string;
  readonly direction: string;
}

/** What would happen to the packet, and why. */
export interface WhatIfResult {
  readonly verdict: 'delivered' | 'dropped';
  readonly hops: readonly Hop[];
  readonly decidingRule: DecidingRule | undefined;
  readonly reason: string;
  /** the destination after load balancing / NAT */
  readonly finalDestination: string | undefined;
}

interface Endpoint {
  ip: IpAddress;
  workload: Workload | undefined;
  label: string;
}

function resolveEndpoint(addr: Addressing, text: string): Endpoint | string {
  const obj = addr.index.find(text);
  if (obj?.kind === 'workload') {
    const ip = addr.primaryIp(obj);
    return ip ? { ip, workload: obj, label: obj.name } : `${obj.name} has no address`;
  }
  if (obj?.kind === 'loadBalancer') {
    const ip = obj.vips[0] && parseIp(obj.vips[0].ip);
    return ip ? { ip, workload: undefined, label: `${obj.name} VIP` } : `${obj.name} has no VIP`;
  }
  const ip = parseIp(text);
  if (!ip) return `"${text}" is neither a workload, a load balancer nor an IP address`;
  const nic = addr.nicWithIp(ip);
  const workload = nic && addr.index.getKind(nic.workloadId, 'workload');
  return { ip, workload, label: workload?.name ?? text };
}

const fmt = (ip: IpAddress) => formatIp(ip.family, ip.value);

function decided(p: PlacedRule): DecidingRule {
  return {
    policyId: p.policy.id,
    policyName: p.policy.name,
    ruleId: p.rule.id,
    ruleName: p.rule.name,
    action: p.rule.action,
    direction: p.rule.direction,
  };
}

function findVip(
  addr: Addressing,
  dst: IpAddress,
  protocol: PacketProtocol,
  port: number | undefined,
): { lb: LoadBalancer; backend: IpAddress | undefined; backendPort: number } | undefined {
  for (const lb of addr.index.all('loadBalancer')) {
    if (lb.protocol !== protocol) continue;
    for (const vip of lb.vips) {
      const ip = parseIp(vip.ip);
      if (!ip || ip.value !== dst.value || ip.family !== dst.family || vip.port !== port) continue;
      const b = vip.backends[0];
      const w = b?.workload ? addr.index.getKind(b.workload, 'workload') : undefined;
      const backend = w ? addr.primaryIp(w) : b?.ip ? parseIp(b.ip) : undefined;
      return { lb, backend, backendPort: b?.port ?? vip.port };
    }
  }
  return undefined;
}

/**
 * A static trace of the design: the logical path a packet takes (switch → router →
 * switch, load balancer translation, NAT), and the firewall rule that decides it.
 * Mirrors OVN: from-lport rules see the packet as sent (VIP), to-lport rules see it
 * as delivered (backend); a packet no rule matches is allowed.
 */
export function whatIf(app: Application, query: WhatIfQuery): WhatIfResult {
  const index = new AppIndex(app);
  const addr = new Addressing(index, resolveAddresses(app));
  const hops: Hop[] = [];
  const fail = (reason: string, rule?: PlacedRule): WhatIfResult => ({
    verdict: 'dropped',
    hops,
    decidingRule: rule && decided(rule),
    reason,
    finalDestination: undefined,
  });
  const src = resolveEndpoint(addr, query.from);
  if (typeof src === 'string') return fail(src);
  const dst0 = resolveEndpoint(addr, query.to);
  if (typeof dst0 === 'string') return fail(dst0);
  const port = query.protocol === 'icmp' ? undefined : query.port;
  const rules = orderedRules(index.all('firewall'));

  let from: Attachment;
  if (src.workload) {
    const nic = addr.nicWithIp(src.ip);
    const sw = nic && index.getKind(nic.switchId, 'switch');
    if (!sw) return fail(`${src.label} is not connected to a switch`);
    hops.push({
      kind: 'workload',
      objectId: src.workload.id,
      name: src.label,
      detail: fmt(src.ip),
    });
    from = { kind: 'switch', sw };
    const egress = firstMatch(
      addr,
      rules,
      'from-lport',
      {
        src: src.ip,
        dst: dst0.ip,
        protocol: query.protocol,
        port,
      },
      sw.id,
    );
    if (egress) {
      hops.push(firewallHop(egress));
      if (egress.rule.action === 'drop' || egress.rule.action === 'reject') {
        return fail(
          `${ruleLabel(egress)} ${egress.rule.action}s it as it leaves ${src.label}`,
          egress,
        );
      }
    }
  } else {
    const gw = index.all('router').find((r) => r.gateway !== undefined);
    if (!gw) return fail(`${src.label} is outside the app and no router has a gateway uplink`);
    const uplink = gw.gateway && index.getKind(gw.gateway.uplink, 'uplink');
    hops.push({ kind: 'external', objectId: undefined, name: src.label, detail: fmt(src.ip) });
    hops.push({
      kind: 'uplink',
      objectId: uplink?.id,
      name: uplink?.name ?? 'uplink',
      detail: `into ${gw.name}`,
    });
    from = { kind: 'router', router: gw };
  }

  let dst = dst0;
  let dstPort = port;
  const vip = findVip(addr, dst0.ip, query.protocol, port);
  if (vip) {
    const onPath = vipReachable(vip.lb, from, index.all('router'));
    if (!onPath) {
      return fail(
        `${vip.lb.name} is not attached to the switch or router the packet enters, so ${fmt(dst0.ip)} is not answered`,
      );
    }
    if (!vip.backend)
      return fail(`${vip.lb.name} has no reachable backend for ${fmt(dst0.ip)}:${port}`);
    const nic = addr.nicWithIp(vip.backend);
    const w = nic && index.getKind(nic.workloadId, 'workload');
    dst = { ip: vip.backend, workload: w, label: w?.name ?? fmt(vip.backend) };
    dstPort = vip.backendPort;
    hops.push({
      kind: 'load-balancer',
      objectId: vip.lb.id,
      name: vip.lb.name,
      detail: `${fmt(dst0.ip)}:${port} → ${fmt(vip.backend)}:${dstPort}`,
    });
  } else if (!dst0.workload) {
    const dnat = findDnat(addr, dst0.ip);
    if (dnat) {
      const internal = dnat.internal;
      const nic = addr.nicWithIp(internal);
      const w = nic && index.getKind(nic.workloadId, 'workload');
      dst = { ip: internal, workload: w, label: w?.name ?? fmt(internal) };
      hops.push({
        kind: 'nat',
        objectId: dnat.router.id,
        name: dnat.router.name,
        detail: `DNAT ${fmt(dst0.ip)} → ${fmt(internal)}`,
      });
      from = { kind: 'router', router: dnat.router };
    }
  }

  const path = route(addr, from, dst.ip);
  hops.push(...path.hops);
  if (!path.ok) return fail(path.reason);
  if (path.egress === 'uplink') {
    const snat = findSnat(path.routers, src.ip);
    if (snat)
      hops.push({
        kind: 'nat',
        objectId: snat.router.id,
        name: snat.router.name,
        detail: `SNAT ${fmt(src.ip)} → ${snat.external}`,
      });
    hops.push({ kind: 'external', objectId: undefined, name: dst.label, detail: fmt(dst.ip) });
  }

  let decidingRule: PlacedRule | undefined;
  if (dst.workload) {
    const ingress = firstMatch(
      addr,
      rules,
      'to-lport',
      {
        src: src.ip,
        dst: dst.ip,
        protocol: query.protocol,
        port: dstPort,
      },
      addr.nicWithIp(dst.ip)?.switchId ?? '',
    );
    if (ingress) {
      hops.push(firewallHop(ingress));
      if (ingress.rule.action === 'drop' || ingress.rule.action === 'reject') {
        return fail(
          `${ruleLabel(ingress)} ${ingress.rule.action}s it before it reaches ${dst.label}`,
          ingress,
        );
      }
      decidingRule = ingress;
    }
    hops.push({
      kind: 'workload',
      objectId: dst.workload.id,
      name: dst.label,
      detail: `${fmt(dst.ip)}${dstPort ? `:${dstPort}` : ''}`,
    });
  }
  const reason = decidingRule
    ? `${ruleLabel(decidingRule)} allows it`
    : dst.workload
      ? 'no firewall rule matches, and OVN allows what no rule matches'
      : 'routed out of the app';
  return {
    verdict: 'delivered',
    hops,
    decidingRule: decidingRule && decided(decidingRule),
    reason,
    finalDestination: `${fmt(dst.ip)}${dstPort ? `:${dstPort}` : ''}`,
  };
}

function ruleLabel(p: PlacedRule): string {
  return `rule ${p.rule.name ?? p.rule.id} of ${p.policy.name}`;
}

function firewallHop(p: PlacedRule): Hop {
  return {
    kind: 'firewall',
    objectId: p.policy.id,
    name: p.policy.name,
    detail: `${p.rule.direction} rule ${p.rule.name ?? p.rule.id}: ${p.rule.action}`,
  };
}

function vipReachable(
  lb: LoadBalancer,
  from: Attachment,
  routers: readonly LogicalRouter[],
): boolean {
  if (from.kind === 'router') return lb.attachedTo.includes(from.router.id);
  if (lb.attachedTo.includes(from.sw.id)) return true;
  return routers.some(
    (r) => lb.attachedTo.includes(r.id) && r.interfaces.some((i) => i.switch === from.sw.id),
  );
}

function findDnat(addr: Addressing, ip: IpAddress) {
  for (const router of addr.index.all('router')) {
    for (const n of router.nat) {
      if (n.type === 'snat') continue;
      const ext = parseIp(n.externalIp);
      const w = n.workload ? addr.index.getKind(n.workload, 'workload') : undefined;
      const internal = n.internalIp !== undefined ? parseIp(n.internalIp) : w && addr.primaryIp(w);
      if (ext && internal && ext.value === ip.value && ext.family === ip.family)
        return { router, internal };
    }
  }
  return undefined;
}

function findSnat(routers: readonly LogicalRouter[], src: IpAddress) {
  for (const router of routers) {
    for (const n of router.nat) {
      if (n.type === 'dnat' || n.internalIp === undefined) continue;
      const c =
        parseCidr(n.internalIp, false) ??
        parseCidr(`${n.internalIp}/${src.family === 4 ? 32 : 128}`);
      if (c && cidrContains(c, src)) return { router, external: n.externalIp };
    }
  }
  return undefined;
}
