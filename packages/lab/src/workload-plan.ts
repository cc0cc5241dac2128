import { type AddressPlan, type Application, resolveAddresses } from '@netcanvas/model';
import { appKey, OvnNames } from '@netcanvas/ovn';
import { shortHash } from './site.ts';
import type { TrafficProfile } from './traffic.ts';

/** One NIC as the lab plugs it: a veth whose lab end is the OVS port bound to `lsp`. */
export interface PlannedNic {
  readonly nicId: string;
  /** the logical switch port name = the `iface-id` ovn-controller binds */
  readonly lsp: string;
  /** device name inside the workload namespace */
  readonly device: string;
  /** veth end in the lab namespace, added to br-int */
  readonly hostDevice: string;
  readonly mac: string;
  /** `ip/prefix`, numeric */
  readonly ipv4: string | undefined;
  readonly ipv6: string | undefined;
  /** the router interface address on this NIC's switch */
  readonly gateway: string | undefined;
}

/** One workload as the lab runs it: a network namespace with one veth per NIC. */
export interface PlannedWorkload {
  readonly appKey: string;
  readonly workloadId: string;
  readonly netns: string;
  readonly nics: readonly PlannedNic[];
  /** changes whenever anything the namespace is built from changes */
  readonly signature: string;
  /** the profile chosen in the editor, targets resolved to numeric addresses */
  readonly traffic: TrafficProfile | undefined;
}

const DEVICE_NAME = /^[A-Za-z0-9_-]{1,15}$/;

/**
 * The namespaces and veths `app`'s workloads need on lab site `site`: names from the ovn
 * package (so the iface-id matches what the driver applied), addresses from IPAM.
 */
export function planWorkloads(app: Application, site: string): PlannedWorkload[] {
  const key = appKey(app);
  const names = new OvnNames(app);
  const plan = resolveAddresses(app);
  const switches = new Map(
    app.objects.flatMap((o) => (o.kind === 'switch' ? [[o.id, o] as const] : [])),
  );
  const out: PlannedWorkload[] = [];
  for (const w of app.objects) {
    if (w.kind !== 'workload') continue;
    const nics = w.nics.map((nic, i): PlannedNic => {
      const lsp = nic.ovn?.name ?? names.nic(w.id, nic.id);
      const addr = plan.nics.find((n) => n.workloadId === w.id && n.nicId === nic.id);
      const sw = switches.get(nic.switch);
      const gateway = plan.routerPorts.find((p) => p.switchId === nic.switch && p.ip)?.ip;
      return {
        nicId: nic.id,
        lsp,
        device: DEVICE_NAME.test(nic.id) && nic.id !== 'lo' ? nic.id : `eth${i}`,
        hostDevice: `nc${shortHash(`${site}|${lsp}`, 8)}`,
        mac: addr?.mac ?? '',
        ipv4: withPrefix(addr?.ip, sw?.subnet),
        ipv6: withPrefix(addr?.ip6, sw?.subnet6),
        gateway,
      };
    });
    out.push({
      appKey: key,
      workloadId: w.id,
      netns: `nc-${shortHash(`${site}|${key}|${w.id}`, 8)}`,
      nics,
      signature: JSON.stringify(nics),
      traffic: designTraffic(w, plan),
    });
  }
  return out;
}

function withPrefix(ip: string | undefined, subnet: string | undefined): string | undefined {
  if (ip === undefined) return undefined;
  const prefix = subnet?.split('/')[1] ?? (ip.includes(':') ? '128' : '32');
  return `${ip}/${prefix}`;
}

type DesignWorkload = Extract<Application['objects'][number], { kind: 'workload' }>;

/** The workload's design profile as the lab runs it: a target workload becomes its first address. */
function designTraffic(w: DesignWorkload, plan: AddressPlan): TrafficProfile | undefined {
  const t = w.traffic;
  if (!t) return undefined;
  if (t.kind === 'http-server') return { kind: t.kind, port: t.port };
  const nic = plan.nics.find((n) => n.workloadId === t.target);
  const ip = nic?.ip ?? nic?.ip6;
  // validate refuses such a design; a lab fed one anyway runs no traffic for it
  if (ip === undefined) return undefined;
  switch (t.kind) {
    case 'http-client':
      return {
        kind: t.kind,
        url: `http://${ip.includes(':') ? `[${ip}]` : ip}:${t.port}/`,
        everyMs: t.everyMs,
      };
    case 'udp-stream':
      return {
        kind: t.kind,
        target: ip,
        port: t.port,
        packetsPerSecond: t.packetsPerSecond,
        size: t.size,
      };
    case 'ping':
      return { kind: t.kind, target: ip, everyMs: t.everyMs };
  }
}
