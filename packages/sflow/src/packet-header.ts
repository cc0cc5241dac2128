import { formatIpv4, formatIpv6, formatMac } from './addresses.ts';
import type {
  DecodedPacket,
  EthernetHeader,
  Ipv4Header,
  Ipv6Header,
  TransportHeader,
  TunnelHeader,
  VlanTag,
} from './packet-types.ts';

/** sFlow header_protocol values we decode. */
export const HEADER_PROTOCOL = { ethernet: 1, ipv4: 11, ipv6: 12 } as const;

const VXLAN_PORT = 4789;
const GENEVE_PORT = 6081;
const MAX_VLAN_TAGS = 4;
const MAX_IPV6_EXTENSIONS = 8;
// outer packet plus two levels of encapsulation is plenty; deeper is likely hostile
const MAX_TUNNEL_DEPTH = 2;

interface Draft {
  ethernet?: EthernetHeader;
  vlans: VlanTag[];
  ip?: Ipv4Header | Ipv6Header;
  transport?: TransportHeader;
  tunnel?: TunnelHeader;
  truncated: boolean;
}

/**
 * Decodes the sampled bytes of a packet (header_protocol 1, 11 or 12). Never throws: a
 * sampled header is a prefix of the packet, so running out of bytes only sets `truncated`.
 */
export function decodePacketHeader(
  bytes: Uint8Array,
  headerProtocol: number,
): DecodedPacket | undefined {
  switch (headerProtocol) {
    case HEADER_PROTOCOL.ethernet:
      return decodeEthernet(bytes, 0, 0);
    case HEADER_PROTOCOL.ipv4:
    case HEADER_PROTOCOL.ipv6:
      return decodeIpOnly(bytes, 0, 0);
    default:
      return undefined;
  }
}

function u16(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

function decodeEthernet(b: Uint8Array, at: number, depth: number): DecodedPacket {
  const p: Draft = { vlans: [], truncated: false };
  if (b.length - at < 14) {
    p.truncated = true;
    return p;
  }
  let etherType = u16(b, at + 12);
  let off = at + 14;
  while (
    (etherType === 0x8100 || etherType === 0x88a8 || etherType === 0x9100) &&
    p.vlans.length < MAX_VLAN_TAGS
  ) {
    if (b.length - off < 4) {
      p.truncated = true;
      break;
    }
    const tci = u16(b, off);
    p.vlans.push({ tpid: etherType, id: tci & 0x0fff, priority: tci >> 13 });
    etherType = u16(b, off + 2);
    off += 4;
  }
  p.ethernet = { dst: formatMac(b, at), src: formatMac(b, at + 6), etherType };
  if (!p.truncated) decodeNetwork(b, off, etherType, p, depth);
  return p;
}

function decodeIpOnly(b: Uint8Array, at: number, depth: number): DecodedPacket {
  const p: Draft = { vlans: [], truncated: false };
  const version = (b[at] ?? 0) >> 4;
  if (b.length <= at) p.truncated = true;
  else decodeNetwork(b, at, version === 6 ? 0x86dd : 0x0800, p, depth);
  return p;
}

function decodeNetwork(
  b: Uint8Array,
  at: number,
  etherType: number,
  p: Draft,
  depth: number,
): void {
  if (etherType === 0x0800) decodeIpv4(b, at, p, depth);
  else if (etherType === 0x86dd) decodeIpv6(b, at, p, depth);
}

function decodeIpv4(b: Uint8Array, at: number, p: Draft, depth: number): void {
  if (b.length - at < 20) {
    p.truncated = true;
    return;
  }
  const first = b[at] ?? 0;
  const ihl = (first & 0x0f) * 4;
  if (first >> 4 !== 4 || ihl < 20) return;
  const frag = u16(b, at + 6);
  const protocol = b[at + 9] ?? 0;
  const fragmentOffset = (frag & 0x1fff) * 8;
  p.ip = {
    version: 4,
    src: formatIpv4(b, at + 12),
    dst: formatIpv4(b, at + 16),
    protocol,
    ttl: b[at + 8] ?? 0,
    tos: b[at + 1] ?? 0,
    totalLength: u16(b, at + 2),
    id: u16(b, at + 4),
    fragmentOffset,
    moreFragments: (frag & 0x2000) !== 0,
  };
  if (fragmentOffset !== 0) return;
  if (b.length - at < ihl) {
    p.truncated = true;
    return;
  }
  decodeTransport(b, at + ihl, protocol, p, depth);
}

function decodeIpv6(b: Uint8Array, at: number, p: Draft, depth: number): void {
  if (b.length - at < 40) {
    p.truncated = true;
    return;
  }
  const word = (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | u16(b, at + 2)) >>> 0;
  if (word >>> 28 !== 6) return;
  let next = b[at + 6] ?? 0;
  let off = at + 40;
  let transportAllowed = true;
  for (let i = 0; i < MAX_IPV6_EXTENSIONS; i++) {
    if (next !== 0 && next !== 43 && next !== 44 && next !== 60 && next !== 51) break;
    if (b.length - off < 8) {
      p.truncated = true;
      transportAllowed = false;
      break;
    }
    const following = b[off] ?? 0;
    let len: number;
    if (next === 44) {
      len = 8;
      if ((u16(b, off + 2) & 0xfff8) !== 0) transportAllowed = false;
    } else if (next === 51) len = ((b[off + 1] ?? 0) + 2) * 4;
    else len = ((b[off + 1] ?? 0) + 1) * 8;
    next = following;
    off += len;
  }
  p.ip = {
    version: 6,
    src: formatIpv6(b, at + 8),
    dst: formatIpv6(b, at + 24),
    protocol: next,
    hopLimit: b[at + 7] ?? 0,
    trafficClass: (word >>> 20) & 0xff,
    flowLabel: word & 0xfffff,
    payloadLength: u16(b, at + 4),
  };
  if (!transportAllowed) return;
  if (off > b.length) {
    p.truncated = true;
    return;
  }
  decodeTransport(b, off, next, p, depth);
}

function decodeTransport(
  b: Uint8Array,
  at: number,
  protocol: number,
  p: Draft,
  depth: number,
): void {
  const left = b.length - at;
  switch (protocol) {
    case 6:
      if (left < 14) break;
      p.transport = {
        protocol: 'tcp',
        srcPort: u16(b, at),
        dstPort: u16(b, at + 2),
        flags: u16(b, at + 12) & 0x01ff,
      };
      return;
    case 17: {
      if (left < 8) break;
      const dstPort = u16(b, at + 2);
      p.transport = { protocol: 'udp', srcPort: u16(b, at), dstPort, length: u16(b, at + 4) };
      if (depth < MAX_TUNNEL_DEPTH) {
        if (dstPort === VXLAN_PORT) decodeVxlan(b, at + 8, p, depth);
        else if (dstPort === GENEVE_PORT) decodeGeneve(b, at + 8, p, depth);
      }
      return;
    }
    case 1:
    case 58:
      if (left < 2) break;
      p.transport = {
        protocol: protocol === 1 ? 'icmp' : 'icmpv6',
        type: b[at] ?? 0,
        code: b[at + 1] ?? 0,
      };
      return;
    default:
      return;
  }
  p.truncated = true;
}

function decodeVxlan(b: Uint8Array, at: number, p: Draft, depth: number): void {
  if (b.length - at < 8) {
    p.truncated = true;
    return;
  }
  // the I flag says the VNI is valid
  if (((b[at] ?? 0) & 0x08) === 0) return;
  const vni = (((b[at + 4] ?? 0) << 16) | u16(b, at + 5)) >>> 0;
  const inner = decodeEthernet(b, at + 8, depth + 1);
  p.tunnel = { type: 'vxlan', vni, inner };
}

function decodeGeneve(b: Uint8Array, at: number, p: Draft, depth: number): void {
  if (b.length - at < 8) {
    p.truncated = true;
    return;
  }
  const first = b[at] ?? 0;
  if (first >> 6 !== 0) return;
  const headerLength = 8 + (first & 0x3f) * 4;
  const protocolType = u16(b, at + 2);
  const vni = (((b[at + 4] ?? 0) << 16) | u16(b, at + 5)) >>> 0;
  let inner: DecodedPacket;
  if (b.length - at < headerLength) inner = { vlans: [], truncated: true };
  else if (protocolType === 0x6558) inner = decodeEthernet(b, at + headerLength, depth + 1);
  else if (protocolType === 0x0800 || protocolType === 0x86dd) {
    const draft: Draft = { vlans: [], truncated: false };
    decodeNetwork(b, at + headerLength, protocolType, draft, depth + 1);
    inner = draft;
  } else return;
  p.tunnel = { type: 'geneve', vni, inner };
}
