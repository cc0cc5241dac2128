import type { RawPacketHeader } from '../flow-types.ts';
import { ipv4Bytes, ipv6Bytes, macBytes } from './addresses.ts';
import { SflowEncodeError } from './errors.ts';

/** The transport header of a synthetic packet. */
export type TransportSpec =
  | {
      readonly protocol: 'tcp';
      readonly srcPort: number;
      readonly dstPort: number;
      /** the 9 flag bits, e.g. 0x18 for PSH+ACK */
      readonly flags: number;
      readonly seq?: number;
      readonly ack?: number;
    }
  | { readonly protocol: 'udp'; readonly srcPort: number; readonly dstPort: number }
  | { readonly protocol: 'icmp'; readonly type: number; readonly code: number };

/** A synthetic Ethernet frame: addresses, optional VLAN tags, IPv4/IPv6 and a transport header. */
export interface PacketSpec {
  readonly ethernet: { readonly src: string; readonly dst: string };
  readonly vlans?: readonly { readonly id: number; readonly priority?: number }[];
  readonly ip:
    | {
        readonly version: 4;
        readonly src: string;
        readonly dst: string;
        readonly ttl?: number;
        readonly tos?: number;
        readonly id?: number;
      }
    | {
        readonly version: 6;
        readonly src: string;
        readonly dst: string;
        readonly hopLimit?: number;
        readonly trafficClass?: number;
        readonly flowLabel?: number;
      };
  readonly transport: TransportSpec;
  /** frame length without FCS; the payload is zeros up to it (default: headers only) */
  readonly frameLength?: number;
}

const MIN_FRAME = 60;
const PROTO = { tcp: 6, udp: 17, icmp: 1 } as const;

function sum16(bytes: Uint8Array, start: number, end: number, acc = 0): number {
  let s = acc;
  for (let i = start; i < end; i += 2)
    s += ((bytes[i] ?? 0) << 8) | (i + 1 < end ? (bytes[i + 1] ?? 0) : 0);
  return s;
}

function fold(s: number): number {
  let v = s;
  while (v > 0xffff) v = (v & 0xffff) + Math.floor(v / 0x10000);
  return ~v & 0xffff;
}

function transportLength(t: TransportSpec): number {
  return t.protocol === 'tcp' ? 20 : 8;
}

function checkPort(v: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff)
    throw new SflowEncodeError('out-of-range', `${what}: ${v} is not a 16-bit value`);
}

/**
 * The bytes of a synthetic frame (checksums correct, zero payload), cut to `snapLength`
 * as an agent samples it. Returns the sampled bytes and the full frame length.
 */
export function encodePacket(
  spec: PacketSpec,
  snapLength = 128,
): { bytes: Uint8Array; frameLength: number } {
  const t = spec.transport;
  if (t.protocol !== 'icmp') {
    checkPort(t.srcPort, 'src port');
    checkPort(t.dstPort, 'dst port');
  }
  const vlans = spec.vlans ?? [];
  const l2 = 14 + 4 * vlans.length;
  const ipHeader = spec.ip.version === 4 ? 20 : 40;
  const headers = l2 + ipHeader + transportLength(t);
  const frameLength = Math.max(spec.frameLength ?? headers, headers, MIN_FRAME);
  const ipLength = frameLength - l2;
  if (ipLength > 0xffff + (spec.ip.version === 6 ? 40 : 0))
    throw new SflowEncodeError('out-of-range', `frame of ${frameLength} bytes is too long for IP`);
  const b = new Uint8Array(frameLength);
  const v = new DataView(b.buffer);
  b.set(macBytes(spec.ethernet.dst, 'dst mac'), 0);
  b.set(macBytes(spec.ethernet.src, 'src mac'), 6);
  let off = 12;
  for (const tag of vlans) {
    v.setUint16(off, 0x8100);
    v.setUint16(off + 2, (((tag.priority ?? 0) & 7) << 13) | (tag.id & 0xfff));
    off += 4;
  }
  v.setUint16(off, spec.ip.version === 4 ? 0x0800 : 0x86dd);
  const ip = l2;
  const l4 = ip + ipHeader;
  const l4Length = frameLength - l4;
  let pseudo: number;
  if (spec.ip.version === 4) {
    const src = ipv4Bytes(spec.ip.src, 'src ip');
    const dst = ipv4Bytes(spec.ip.dst, 'dst ip');
    b[ip] = 0x45;
    b[ip + 1] = spec.ip.tos ?? 0;
    v.setUint16(ip + 2, ipLength);
    v.setUint16(ip + 4, spec.ip.id ?? 0);
    v.setUint16(ip + 6, 0x4000);
    b[ip + 8] = spec.ip.ttl ?? 64;
    b[ip + 9] = PROTO[t.protocol];
    b.set(src, ip + 12);
    b.set(dst, ip + 16);
    v.setUint16(ip + 10, fold(sum16(b, ip, ip + 20)));
    pseudo = sum16(b, ip + 12, ip + 20, PROTO[t.protocol] + l4Length);
  } else {
    const nextHeader = t.protocol === 'icmp' ? 58 : PROTO[t.protocol];
    v.setUint32(
      ip,
      ((6 << 28) | ((spec.ip.trafficClass ?? 0) << 20) | ((spec.ip.flowLabel ?? 0) & 0xfffff)) >>>
        0,
    );
    v.setUint16(ip + 4, l4Length);
    b[ip + 6] = nextHeader;
    b[ip + 7] = spec.ip.hopLimit ?? 64;
    b.set(ipv6Bytes(spec.ip.src, 'src ip'), ip + 8);
    b.set(ipv6Bytes(spec.ip.dst, 'dst ip'), ip + 24);
    pseudo = sum16(b, ip + 8, ip + 40, nextHeader + l4Length);
  }
  writeTransport(b, v, l4, l4Length, t);
  // ICMPv4 has no pseudo-header; the rest do, and the zero payload adds nothing
  const pseudoSum = t.protocol === 'icmp' && spec.ip.version === 4 ? 0 : pseudo;
  const checksumAt = l4 + (t.protocol === 'tcp' ? 16 : t.protocol === 'udp' ? 6 : 2);
  const c = fold(sum16(b, l4, l4 + transportLength(t), pseudoSum));
  v.setUint16(checksumAt, t.protocol === 'udp' && c === 0 ? 0xffff : c);
  return { bytes: b.slice(0, Math.min(snapLength, frameLength)), frameLength };
}

function writeTransport(
  b: Uint8Array,
  v: DataView,
  at: number,
  length: number,
  t: TransportSpec,
): void {
  if (t.protocol === 'tcp') {
    v.setUint16(at, t.srcPort);
    v.setUint16(at + 2, t.dstPort);
    v.setUint32(at + 4, (t.seq ?? 1) >>> 0);
    v.setUint32(at + 8, (t.ack ?? 0) >>> 0);
    v.setUint16(at + 12, (5 << 12) | (t.flags & 0x1ff));
    v.setUint16(at + 14, 0xffff);
  } else if (t.protocol === 'udp') {
    v.setUint16(at, t.srcPort);
    v.setUint16(at + 2, t.dstPort);
    v.setUint16(at + 4, length);
  } else {
    b[at] = t.type;
    b[at + 1] = t.code;
    v.setUint16(at + 4, 1);
    v.setUint16(at + 6, 1);
  }
}

/**
 * A raw packet header flow record (0:1) for a synthetic Ethernet frame, as OVS sends it:
 * the frame length counts the 4-byte FCS, which is reported as stripped.
 */
export function rawHeaderRecord(spec: PacketSpec, snapLength = 128): RawPacketHeader {
  const { bytes, frameLength } = encodePacket(spec, snapLength);
  return {
    type: 'raw-header',
    headerProtocol: 1,
    frameLength: frameLength + 4,
    stripped: 4,
    header: bytes,
  };
}
