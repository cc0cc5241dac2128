import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, formatIpv6, formatMac } from '../addresses.ts';
import { decodePacketHeader, encodePacket, type PacketSpec } from '../index.ts';

const port = fc.nat(0xffff);
const ipv4 = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b));
const ipv6 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIpv6(b));
const mac = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => formatMac(b));

const spec: fc.Arbitrary<PacketSpec> = fc.record({
  ethernet: fc.record({ src: mac, dst: mac }),
  vlans: fc.array(fc.record({ id: fc.nat(4095), priority: fc.nat(7) }), { maxLength: 2 }),
  ip: fc.oneof(
    fc.record({
      version: fc.constant(4 as const),
      src: ipv4,
      dst: ipv4,
      ttl: fc.nat(255),
      tos: fc.nat(255),
      id: fc.nat(0xffff),
    }),
    fc.record({
      version: fc.constant(6 as const),
      src: ipv6,
      dst: ipv6,
      hopLimit: fc.nat(255),
      trafficClass: fc.nat(255),
      flowLabel: fc.nat(0xfffff),
    }),
  ),
  transport: fc.oneof(
    fc.record({
      protocol: fc.constant('tcp' as const),
      srcPort: port,
      dstPort: port,
      flags: fc.nat(0x1ff),
    }),
    fc.record({
      protocol: fc.constant('udp' as const),
      srcPort: port.filter((p) => p !== 4789 && p !== 6081),
      dstPort: port.filter((p) => p !== 4789 && p !== 6081),
    }),
    fc.record({ protocol: fc.constant('icmp' as const), type: fc.nat(255), code: fc.nat(255) }),
  ),
  frameLength: fc.integer({ min: 0, max: 9000 }),
});

/** RFC 1071: the one's complement sum over a header with its checksum is 0xffff. */
function checksumOk(b: Uint8Array, start: number, end: number): boolean {
  let s = 0;
  for (let i = start; i < end; i += 2) s += ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s === 0xffff;
}

describe('encodePacket', () => {
  it('builds frames the header decoder reads back field for field', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const { bytes, frameLength } = encodePacket(s, 256);
        const p = decodePacketHeader(bytes, 1);
        expect(p?.ethernet).toMatchObject({ src: s.ethernet.src, dst: s.ethernet.dst });
        expect(p?.vlans.map((v) => ({ id: v.id, priority: v.priority }))).toEqual(s.vlans);
        expect(p?.ip).toMatchObject({ version: s.ip.version, src: s.ip.src, dst: s.ip.dst });
        const t = s.transport;
        if (t.protocol === 'icmp') {
          expect(p?.transport).toEqual({
            protocol: s.ip.version === 4 ? 'icmp' : 'icmpv6',
            type: t.type,
            code: t.code,
          });
        } else {
          expect(p?.transport).toMatchObject({
            protocol: t.protocol,
            srcPort: t.srcPort,
            dstPort: t.dstPort,
          });
        }
        expect(frameLength).toBeGreaterThanOrEqual(Math.max(60, s.frameLength ?? 0));
        expect(bytes.length).toBe(Math.min(256, frameLength));
      }),
      { numRuns: 300 },
    );
  });

  it('writes a valid IPv4 header checksum and the total length of the whole frame', () => {
    const { bytes, frameLength } = encodePacket({
      ethernet: { src: '02:4e:43:00:00:01', dst: '02:4e:43:00:00:02' },
      ip: { version: 4, src: '10.0.1.11', dst: '10.0.2.11' },
      transport: { protocol: 'tcp', srcPort: 40000, dstPort: 8080, flags: 0x18 },
      frameLength: 1514,
    });
    expect(frameLength).toBe(1514);
    expect(bytes.length).toBe(128);
    expect(checksumOk(bytes, 14, 34)).toBe(true);
    const p = decodePacketHeader(bytes, 1);
    expect(p?.ip).toMatchObject({ totalLength: 1500, ttl: 64 });
    expect(p?.truncated).toBe(false);
  });
});
