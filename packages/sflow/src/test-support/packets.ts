import { ipv4Bytes, ipv6Bytes } from './xdr-writer.ts';

/** Packet builders for decoder tests; checksums are left at zero. */
function be16(v: number): number[] {
  return [(v >> 8) & 0xff, v & 0xff];
}

function mac(text: string): number[] {
  return text.split(':').map((h) => Number.parseInt(h, 16));
}

export function ethernet(
  dst: string,
  src: string,
  etherType: number,
  payload: number[],
  tags: { tpid: number; id: number; priority?: number }[] = [],
): number[] {
  const out = [...mac(dst), ...mac(src)];
  for (const t of tags) out.push(...be16(t.tpid), ...be16(((t.priority ?? 0) << 13) | t.id));
  return [...out, ...be16(etherType), ...payload];
}

export function ipv4(
  src: string,
  dst: string,
  protocol: number,
  payload: number[],
  ttl = 64,
): number[] {
  const total = 20 + payload.length;
  return [
    0x45,
    0,
    ...be16(total),
    ...be16(0x1234),
    0x40,
    0,
    ttl,
    protocol,
    0,
    0,
    ...ipv4Bytes(src),
    ...ipv4Bytes(dst),
    ...payload,
  ];
}

export function ipv6(
  src: string,
  dst: string,
  nextHeader: number,
  payload: number[],
  hopLimit = 64,
): number[] {
  return [
    0x60,
    0,
    0,
    0,
    ...be16(payload.length),
    nextHeader,
    hopLimit,
    ...ipv6Bytes(src),
    ...ipv6Bytes(dst),
    ...payload,
  ];
}

export function udp(srcPort: number, dstPort: number, payload: number[]): number[] {
  return [...be16(srcPort), ...be16(dstPort), ...be16(8 + payload.length), 0, 0, ...payload];
}

export function tcp(srcPort: number, dstPort: number, flags: number): number[] {
  return [
    ...be16(srcPort),
    ...be16(dstPort),
    0,
    0,
    0,
    1,
    0,
    0,
    0,
    0,
    0x50,
    flags,
    0xff,
    0xff,
    0,
    0,
    0,
    0,
  ];
}

export function icmp(type: number, code: number): number[] {
  return [type, code, 0, 0, 0, 1, 0, 1];
}

export function vxlan(vni: number, inner: number[]): number[] {
  return [0x08, 0, 0, 0, (vni >> 16) & 0xff, (vni >> 8) & 0xff, vni & 0xff, 0, ...inner];
}

/** Geneve with one 8-byte option, carrying Ethernet (0x6558) */
export function geneve(vni: number, inner: number[], protocolType = 0x6558): number[] {
  return [
    0x02,
    0,
    ...be16(protocolType),
    (vni >> 16) & 0xff,
    (vni >> 8) & 0xff,
    vni & 0xff,
    0,
    0x01,
    0x02,
    0x80,
    0x01,
    0,
    0,
    0,
    5,
    ...inner,
  ];
}
