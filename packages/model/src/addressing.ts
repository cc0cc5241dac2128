import type { AppIndex } from './app-index.ts';
import type { AddressPlan, NicAddresses } from './ipam.ts';
import { type Cidr, cidrContains, type IpAddress, parseCidr, parseIp } from './net/ip.ts';
import type { LogicalSwitch, Workload } from './schema/types.ts';

/** The addresses of an application joined to its objects: who owns which IP, where. */
export class Addressing {
  readonly index: AppIndex;
  readonly plan: AddressPlan;
  readonly #nicByIp = new Map<string, NicAddresses>();

  constructor(index: AppIndex, plan: AddressPlan) {
    this.index = index;
    this.plan = plan;
    for (const nic of plan.nics) {
      for (const text of [nic.ip, nic.ip6]) {
        const ip = text === undefined ? undefined : parseIp(text);
        if (ip && !this.#nicByIp.has(key(ip))) this.#nicByIp.set(key(ip), nic);
      }
    }
  }

  /** The NIC that owns the address, if a workload of the app has it. */
  nicWithIp(ip: IpAddress): NicAddresses | undefined {
    return this.#nicByIp.get(key(ip));
  }

  /** Every address of a workload (all NICs, both families). */
  workloadIps(w: Workload): IpAddress[] {
    return this.plan.nics
      .filter((n) => n.workloadId === w.id)
      .flatMap((n) => [n.ip, n.ip6])
      .map((t) => (t === undefined ? undefined : parseIp(t)))
      .filter((ip): ip is IpAddress => ip !== undefined);
  }

  /** The first IPv4 (else IPv6) address of a workload's first NIC. */
  primaryIp(w: Workload): IpAddress | undefined {
    const nic = this.plan.nics.find((n) => n.workloadId === w.id);
    const text = nic?.ip ?? nic?.ip6;
    return text === undefined ? undefined : parseIp(text);
  }

  /** The switch whose subnet holds the address. */
  switchForIp(ip: IpAddress): LogicalSwitch | undefined {
    return this.index
      .all('switch')
      .find((sw) => switchSubnets(sw).some((c) => cidrContains(c, ip)));
  }

  /** The router interface address on a switch, for the family. */
  routerIpOn(routerId: string, switchId: string, family: 4 | 6): IpAddress | undefined {
    const port = this.plan.routerPorts.find(
      (p) => p.routerId === routerId && p.switchId === switchId,
    );
    const text = family === 4 ? port?.ip : port?.ip6;
    return text === undefined ? undefined : parseIp(text);
  }
}

function key(ip: IpAddress): string {
  return `${ip.family}/${ip.value}`;
}

/** The parseable subnets of a switch. */
export function switchSubnets(sw: LogicalSwitch): Cidr[] {
  return [sw.subnet, sw.subnet6]
    .map((t) => (t === undefined ? undefined : parseCidr(t)))
    .filter((c): c is Cidr => c !== undefined);
}
