import type { Endpoint, FlowEntry } from './protocol.ts';

/** Both directions of one connection, told from the client's side. */
export interface Conversation {
  readonly key: string;
  readonly protocol: number;
  readonly client: string;
  readonly server: string;
  readonly clientEndpoint?: Endpoint;
  readonly serverEndpoint?: Endpoint;
  /** the service port (the server's) */
  readonly port: number;
  readonly bytesPerSec: number;
  readonly packetsPerSec: number;
}

/**
 * Folds the sampled flows' two directions into connections. The end with the lower port is
 * taken as the server (8080, 5432, 80 against ephemeral ports).
 */
export function conversations(flows: Iterable<FlowEntry>): Conversation[] {
  const byKey = new Map<string, Conversation>();
  for (const f of flows) {
    const forward = f.dstPort <= f.srcPort;
    const client = forward
      ? { ip: f.src, port: f.srcPort, ep: f.srcEndpoint }
      : { ip: f.dst, port: f.dstPort, ep: f.dstEndpoint };
    const server = forward
      ? { ip: f.dst, port: f.dstPort, ep: f.dstEndpoint }
      : { ip: f.src, port: f.srcPort, ep: f.srcEndpoint };
    const key = `${f.protocol}|${client.ip}|${client.port}|${server.ip}|${server.port}`;
    const held = byKey.get(key);
    byKey.set(key, {
      key,
      protocol: f.protocol,
      client: client.ip,
      server: server.ip,
      ...(client.ep ? { clientEndpoint: client.ep } : {}),
      ...(server.ep ? { serverEndpoint: server.ep } : {}),
      port: server.port,
      bytesPerSec: (held?.bytesPerSec ?? 0) + f.bytesPerSec,
      packetsPerSec: (held?.packetsPerSec ?? 0) + f.packetsPerSec,
    });
  }
  return [...byKey.values()].sort((a, b) => b.bytesPerSec - a.bytesPerSec);
}
