import { type Application, parseIp, resolveAddresses } from '@netcanvas/model';
import type { Endpoint, PortOwner } from '../stream/index.ts';

/**
 * Where telemetry from one sFlow agent leads in the designs: (agent, ifIndex) → the workload
 * NIC of an applied app, and an app's addresses → its NICs. One per kind of site (the
 * sandbox's own map, OVN hypervisors' OVS DBs); the pipeline asks them in turn.
 */
export interface PortResolver {
  port(agent: string, ifIndex: number): PortOwner | undefined;
  address(appKey: string, ip: string): Endpoint | undefined;
}

/** Asks each resolver in order; the first that knows the port (or address) answers. */
export function firstResolver(resolvers: readonly PortResolver[]): PortResolver {
  return {
    port: (agent, ifIndex) => {
      for (const r of resolvers) {
        const owner = r.port(agent, ifIndex);
        if (owner) return owner;
      }
      return undefined;
    },
    address: (appKey, ip) => {
      for (const r of resolvers) {
        const endpoint = r.address(appKey, ip);
        if (endpoint) return endpoint;
      }
      return undefined;
    },
  };
}

/** Every address the design gives a workload NIC (IPAM included), by address. */
export function addressesOf(app: Application): Map<string, Endpoint> {
  const byIp = new Map<string, Endpoint>();
  for (const n of resolveAddresses(app).nics) {
    for (const ip of [n.ip, n.ip6])
      if (ip && parseIp(ip)) byIp.set(ip, { objectId: n.workloadId, nicId: n.nicId });
  }
  return byIp;
}
