import {
  type Application,
  cidrContains,
  type NetworkObject,
  type NicAddresses,
  parseCidr,
  parseIp,
  type WhatIfQuery,
} from '@netcanvas/model';
import { OvnError } from './errors.ts';
import { RenderContext } from './render/context.ts';

/** The packet `ovn-trace` is asked about, built from the design's addresses. */
export interface TracePacket {
  /** the source NIC's logical switch (OVN name): where the trace starts */
  readonly datapath: string;
  /** the ovn-trace microflow expression */
  readonly microflow: string;
  /** `backend:port` the VIP should pick (`--lb-dst`): the first backend, as whatIf picks */
  readonly lbDst: string | undefined;
  readonly src: { readonly workloadId: string; readonly label: string; readonly ip: string };
  readonly dst: {
    readonly ip: string;
    readonly workloadId: string | undefined;
    readonly label: string;
  };
  /** set when the destination is a load balancer VIP */
  readonly vip: { readonly lbId: string; readonly ip: string; readonly port: number } | undefined;
  readonly port: number | undefined;
}

const fail = (message: string) => new OvnError('trace-failed', message);

function find(app: Application, text: string): NetworkObject | undefined {
  return app.objects.find((o) => o.id === text) ?? app.objects.find((o) => o.name === text);
}

/**
 * Builds the microflow for a packet between workloads of an applied app (or from a
 * workload to a VIP or address): source port and MAC, the router port MAC as eth.dst when
 * the destination is off the source subnet, IPs, TTL and the L4 header.
 */
export function tracePacket(app: Application, query: WhatIfQuery): TracePacket {
  const ctx = new RenderContext(app);
  const plan = ctx.addresses;
  const nicsOf = (id: string) => plan.nics.filter((n) => n.workloadId === id);
  const addressOf = (n: NicAddresses | undefined) => n?.ip ?? n?.ip6;

  const from = find(app, query.from);
  const fromIp = parseIp(query.from);
  const srcNic =
    from?.kind === 'workload'
      ? nicsOf(from.id).find((n) => addressOf(n) !== undefined)
      : fromIp && plan.nics.find((n) => n.ip === query.from || n.ip6 === query.from);
  if (!srcNic) {
    throw fail(
      from
        ? `${from.name} is not a workload with an address: ovn-trace starts a packet at a workload's port`
        : `"${query.from}" is not a workload of ${app.name}: ovn-trace starts a packet at a workload's port`,
    );
  }
  const srcIp = addressOf(srcNic) as string;
  const family = parseIp(srcIp)?.family ?? 4;
  const srcSwitch = app.objects.find((o) => o.id === srcNic.switchId);
  if (srcSwitch?.kind !== 'switch') throw fail(`${srcNic.workloadId} is not on a switch`);

  const to = find(app, query.to);
  const port = query.protocol === 'icmp' ? undefined : query.port;
  let vip: TracePacket['vip'];
  let lbDst: string | undefined;
  let dst: TracePacket['dst'];
  if (to?.kind === 'workload') {
    const nic = nicsOf(to.id).find((n) => (family === 4 ? n.ip : n.ip6) !== undefined);
    const ip = family === 4 ? nic?.ip : nic?.ip6;
    if (!ip) throw fail(`${to.name} has no IPv${family} address to send to`);
    dst = { ip, workloadId: to.id, label: to.name };
  } else if (to?.kind === 'loadBalancer' || (!to && parseIp(query.to))) {
    const lb =
      to?.kind === 'loadBalancer'
        ? to
        : app.objects.find(
            (o) => o.kind === 'loadBalancer' && o.vips.some((v) => v.ip === query.to),
          );
    const v =
      lb?.kind === 'loadBalancer'
        ? lb.vips.find((x) => (to ? true : x.ip === query.to) && (port ?? x.port) === x.port)
        : undefined;
    if (lb?.kind === 'loadBalancer' && v && lb.protocol === query.protocol) {
      vip = { lbId: lb.id, ip: v.ip, port: v.port };
      const b = v.backends[0];
      const bIp = b?.workload ? addressOf(nicsOf(b.workload)[0]) : b?.ip;
      if (bIp && b) lbDst = `${bIp}:${b.port}`;
      dst = { ip: v.ip, workloadId: undefined, label: `${lb.name} VIP` };
    } else if (to) {
      throw fail(`${to.name} has no ${query.protocol} VIP on port ${port ?? 'any'}`);
    } else {
      const nic = plan.nics.find((n) => n.ip === query.to || n.ip6 === query.to);
      // off the app, ovn-trace follows the router's ARP for the next hop, not the packet
      if (!nic)
        throw fail(
          `${query.to} is not an address of ${app.name}'s workloads or VIPs: trace between workloads, or use whatIf for traffic leaving the app`,
        );
      const w = app.objects.find((o) => o.id === nic.workloadId);
      dst = { ip: query.to, workloadId: nic.workloadId, label: w?.name ?? nic.workloadId };
    }
  } else {
    throw fail(
      `"${query.to}" is neither a workload, a load balancer nor an IP address of ${app.name}`,
    );
  }

  const dstIp = parseIp(dst.ip);
  if (!dstIp || dstIp.family !== family)
    throw fail(`${dst.label} (${dst.ip}) is not an IPv${family} address like the source's`);
  const subnet = parseCidr((family === 4 ? srcSwitch.subnet : srcSwitch.subnet6) ?? '', false);
  const local = subnet !== undefined && cidrContains(subnet, dstIp);
  const dstNic = plan.nics.find((n) => n.ip === dst.ip || n.ip6 === dst.ip);
  const routerMac = plan.routerPorts.find((p) => p.switchId === srcSwitch.id)?.mac;
  const ethDst = local && dstNic ? dstNic.mac : (routerMac ?? dstNic?.mac);
  if (!ethDst) throw fail(`${srcSwitch.name} has no router to take the packet to ${dst.ip}`);

  const ip = family === 4 ? 'ip4' : 'ip6';
  const l4 =
    query.protocol === 'icmp'
      ? family === 4
        ? 'icmp4 && icmp4.type == 8 && icmp4.code == 0'
        : 'icmp6 && icmp6.type == 128 && icmp6.code == 0'
      : `${query.protocol}.dst == ${port ?? 0}`;
  const microflow = [
    `inport == "${ctx.nicName(srcNic.workloadId, srcNic.nicId)}"`,
    `eth.src == ${srcNic.mac}`,
    `eth.dst == ${ethDst}`,
    `${ip}.src == ${srcIp}`,
    `${ip}.dst == ${dst.ip}`,
    'ip.ttl == 64',
    l4,
  ].join(' && ');
  return {
    datapath: srcSwitch.ovn?.name ?? ctx.names.object(srcSwitch.id),
    microflow,
    lbDst,
    src: { workloadId: srcNic.workloadId, label: from?.name ?? srcNic.workloadId, ip: srcIp },
    dst,
    vip,
    port,
  };
}
