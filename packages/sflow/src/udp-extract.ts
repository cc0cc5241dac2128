import { formatIpv4, formatIpv6 } from './addresses.ts';
import type { CapturedPacket, CaptureFile, UdpPayload } from './capture-types.ts';
import { readCapture } from './pcap.ts';

/** The IANA port for sFlow. */
export const SFLOW_PORT = 6343;

const LINKTYPE = {
  null: 0,
  ethernet: 1,
  raw: 101,
  rawAlt: 12,
  rawAlt2: 14,
  loop: 108,
  linuxSll: 113,
  ipv4: 228,
  ipv6: 229,
  linuxSll2: 276,
} as const;

export interface ExtractOptions {
  /** destination UDP port to keep (default 6343); null keeps every UDP payload */
  readonly port?: number | null;
}

/**
 * UDP payloads sent to `port` in a capture (Ethernet, Linux cooked v1/v2, raw IP or BSD
 * loopback link types), in capture order. IP fragments and non-UDP packets are skipped.
 */
export function extractUdpPayloads(
  capture: CaptureFile | Uint8Array,
  options: ExtractOptions = {},
): UdpPayload[] {
  const file = capture instanceof Uint8Array ? readCapture(capture) : capture;
  const port = options.port === undefined ? SFLOW_PORT : options.port;
  const out: UdpPayload[] = [];
  for (const packet of file.packets) {
    const udp = udpOf(packet);
    if (udp && (port === null || udp.dstPort === port)) out.push(udp);
  }
  return out;
}

function u16(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

function udpOf(packet: CapturedPacket): UdpPayload | undefined {
  const b = packet.data;
  switch (packet.linkType) {
    case LINKTYPE.ethernet: {
      let etherType = u16(b, 12);
      let off = 14;
      for (let tags = 0; tags < 4 && (etherType === 0x8100 || etherType === 0x88a8); tags++) {
        etherType = u16(b, off + 2);
        off += 4;
      }
      return ip(packet, off, etherType);
    }
    case LINKTYPE.linuxSll:
      return ip(packet, 16, u16(b, 14));
    case LINKTYPE.linuxSll2:
      return ip(packet, 20, u16(b, 0));
    case LINKTYPE.null:
    case LINKTYPE.loop: {
      const family = packet.linkType === LINKTYPE.loop ? (b[3] ?? 0) : (b[0] ?? 0) | (b[3] ?? 0);
      return ip(packet, 4, family === 2 ? 0x0800 : 0x86dd);
    }
    case LINKTYPE.raw:
    case LINKTYPE.rawAlt:
    case LINKTYPE.rawAlt2:
    case LINKTYPE.ipv4:
    case LINKTYPE.ipv6:
      return ip(packet, 0, (b[0] ?? 0) >> 4 === 6 ? 0x86dd : 0x0800);
    default:
      return undefined;
  }
}

function ip(packet: CapturedPacket, at: number, etherType: number): UdpPayload | undefined {
  const b = packet.data;
  if (etherType === 0x0800) {
    if (b.length - at < 20 || (b[at] ?? 0) >> 4 !== 4) return undefined;
    const ihl = ((b[at] ?? 0) & 0x0f) * 4;
    // fragments: a payload split over several packets is not reassembled
    if ((u16(b, at + 6) & 0x3fff) !== 0 || b[at + 9] !== 17) return undefined;
    return udp(packet, at + ihl, formatIpv4(b, at + 12), formatIpv4(b, at + 16));
  }
  if (etherType === 0x86dd) {
    if (b.length - at < 40 || (b[at] ?? 0) >> 4 !== 6) return undefined;
    let next = b[at + 6];
    let off = at + 40;
    for (let i = 0; i < 8 && (next === 0 || next === 43 || next === 60); i++) {
      next = b[off];
      off += ((b[off + 1] ?? 0) + 1) * 8;
    }
    if (next !== 17) return undefined;
    return udp(packet, off, formatIpv6(b, at + 8), formatIpv6(b, at + 24));
  }
  return undefined;
}

function udp(packet: CapturedPacket, at: number, src: string, dst: string): UdpPayload | undefined {
  const b = packet.data;
  if (b.length - at < 8) return undefined;
  const length = u16(b, at + 4);
  if (length < 8) return undefined;
  const end = Math.min(at + length, b.length);
  return {
    timestampMs: packet.timestampMs,
    src,
    srcPort: u16(b, at),
    dst,
    dstPort: u16(b, at + 2),
    payload: b.subarray(at + 8, end),
  };
}
