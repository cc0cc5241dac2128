import { describe, expect, it } from 'vitest';
import { decodeDatagram, SflowDecodeError } from './index.ts';
import { ethernet, geneve, icmp, ipv4, ipv6, tcp, udp, vxlan } from './test-support/packets.ts';
import {
  counterSample,
  datagram,
  flowSample,
  ipv4Bytes,
  ipv6Bytes,
  rawHeader,
  XdrWriter,
} from './test-support/xdr-writer.ts';
import type { FlowSample } from './types.ts';

const A = '50:54:00:00:00:01';
const B = '50:54:00:00:00:02';

function onlyFlow(bytes: Uint8Array): FlowSample {
  const d = decodeDatagram(bytes);
  const s = d.samples[0];
  if (s?.kind !== 'flow') throw new Error('expected a flow sample');
  return s;
}

function decodedHeader(packet: number[]) {
  const s = onlyFlow(
    datagram({ samples: [flowSample({ records: [rawHeader(Uint8Array.from(packet))] })] }),
  );
  const r = s.records[0];
  if (r?.type !== 'raw-header') throw new Error('expected a raw header');
  return r.decoded;
}

describe('datagram header', () => {
  it('reads an IPv6 agent address, sub-agent, sequence and uptime', () => {
    const d = decodeDatagram(
      datagram({
        agent: '2001:db8::1',
        subAgentId: 7,
        sequence: 0xfffffffe,
        uptimeMs: 123456,
        samples: [],
      }),
    );
    expect(d).toEqual({
      version: 5,
      agent: '2001:db8::1',
      agentAddressType: 'ipv6',
      subAgentId: 7,
      sequence: 0xfffffffe,
      uptimeMs: 123456,
      samples: [],
    });
  });

  it('rejects sFlow v4 and unknown address types with a code', () => {
    const v4 = new XdrWriter().u32(4).u32(1).fixed([1, 2, 3, 4]).u32(0).u32(1).u32(1).u32(0).done();
    expect(() => decodeDatagram(v4)).toThrow(expect.objectContaining({ code: 'bad-version' }));
    const badType = new XdrWriter().u32(5).u32(9).u32(0).u32(0).u32(0).u32(0).done();
    expect(() => decodeDatagram(badType)).toThrow(
      expect.objectContaining({ code: 'bad-address-type' }),
    );
  });
});

describe('samples', () => {
  it('decodes an expanded flow sample with discard and multiple-interface formats', () => {
    const body = new XdrWriter()
      .u32(42)
      .u32(3)
      .u32(0x1234567)
      .u32(512)
      .u32(99999)
      .u32(3)
      .u32(0)
      .u32(0x12345678)
      .u32(1)
      .u32(259)
      .u32(0)
      .done();
    const s = onlyFlow(datagram({ samples: [{ format: 3, body }] }));
    expect(s).toEqual({
      kind: 'flow',
      expanded: true,
      sequence: 42,
      sourceId: { type: 3, index: 0x1234567 },
      samplingRate: 512,
      samplePool: 99999,
      drops: 3,
      input: { format: 'ifindex', ifIndex: 0x12345678 },
      output: { format: 'discard', reason: 259 },
      records: [],
    });
    const multi = onlyFlow(
      datagram({ samples: [flowSample({ input: 0x3fffffff, output: 0x80000004, records: [] })] }),
    );
    expect(multi.input).toEqual({ format: 'internal' });
    expect(multi.output).toEqual({ format: 'multiple', count: 4 });
  });

  it('decodes an expanded counter sample and VLAN / processor counters', () => {
    const vlan = new XdrWriter()
      .u32(100)
      .u64(2n ** 40n)
      .u32(5)
      .u32(6)
      .u32(7)
      .u32(0xffffffff)
      .done();
    const cpu = new XdrWriter()
      .u32(1250)
      .u32(5000)
      .u32(9999)
      .u64(8n << 30n)
      .u64(0xffffffffffffffffn)
      .done();
    const body = new XdrWriter()
      .u32(9)
      .u32(0)
      .u32(1_000_000)
      .u32(2)
      .record(5, vlan)
      .record(1001, cpu)
      .done();
    const d = decodeDatagram(datagram({ samples: [{ format: 4, body }] }));
    expect(d.samples[0]).toEqual({
      kind: 'counters',
      expanded: true,
      sequence: 9,
      sourceId: { type: 0, index: 1_000_000 },
      records: [
        {
          type: 'vlan',
          vlanId: 100,
          octets: 2 ** 40,
          ucastPkts: 5,
          multicastPkts: 6,
          broadcastPkts: 7,
          discards: null,
        },
        {
          type: 'processor',
          cpu5s: 12.5,
          cpu1m: 50,
          cpu5m: 99.99,
          totalMemory: 8 * 2 ** 30,
          freeMemory: null,
        },
      ],
    });
  });

  it('skips unknown samples and records by their length and keeps going', () => {
    const unknownRecord = {
      format: 77,
      body: Uint8Array.from([1, 2, 3, 4, 5, 6]),
      enterprise: 4413,
    };
    const s = flowSample({
      records: [
        unknownRecord,
        { format: 1001, body: new XdrWriter().u32(10).u32(1).u32(20).u32(2).done() },
      ],
    });
    const d = decodeDatagram(
      datagram({ samples: [{ format: (9 << 12) | 1, body: Uint8Array.from([0, 0, 0, 0]) }, s] }),
    );
    expect(d.samples[0]).toEqual({ kind: 'unknown', enterprise: 9, format: 1, length: 4 });
    expect((d.samples[1] as FlowSample).records).toEqual([
      { type: 'unknown', enterprise: 4413, format: 77, length: 6 },
      { type: 'extended-switch', srcVlan: 10, srcPriority: 1, dstVlan: 20, dstPriority: 2 },
    ]);
  });
});

describe('flow records', () => {
  it('decodes sampled Ethernet, IPv4 and IPv6 records', () => {
    const eth = new XdrWriter()
      .u32(1518)
      .fixed([0x50, 0x54, 0, 0, 0, 1])
      .fixed([0x50, 0x54, 0, 0, 0, 2])
      .u32(0x0800)
      .done();
    const v4 = new XdrWriter()
      .u32(1500)
      .u32(6)
      .fixed(ipv4Bytes('10.0.0.1'))
      .fixed(ipv4Bytes('10.0.0.2'))
      .u32(443)
      .u32(50000)
      .u32(0x12)
      .u32(0x10)
      .done();
    const v6 = new XdrWriter()
      .u32(1280)
      .u32(17)
      .fixed(ipv6Bytes('fd00::1'))
      .fixed(ipv6Bytes('fd00::2'))
      .u32(53)
      .u32(5353)
      .u32(0)
      .u32(3)
      .done();
    const s = onlyFlow(
      datagram({
        samples: [
          flowSample({
            records: [
              { format: 2, body: eth },
              { format: 3, body: v4 },
              { format: 4, body: v6 },
            ],
          }),
        ],
      }),
    );
    expect(s.records).toEqual([
      { type: 'sampled-ethernet', length: 1518, src: A, dst: B, etherType: 0x0800 },
      {
        type: 'sampled-ipv4',
        length: 1500,
        protocol: 6,
        src: '10.0.0.1',
        dst: '10.0.0.2',
        srcPort: 443,
        dstPort: 50000,
        tcpFlags: 0x12,
        tos: 0x10,
      },
      {
        type: 'sampled-ipv6',
        length: 1280,
        protocol: 17,
        src: 'fd00::1',
        dst: 'fd00::2',
        srcPort: 53,
        dstPort: 5353,
        tcpFlags: 0,
        priority: 3,
      },
    ]);
  });

  it('decodes extended router and gateway records, AS path included', () => {
    const router = new XdrWriter().u32(2).fixed(ipv6Bytes('2001:db8::fe')).u32(48).u32(64).done();
    const gateway = new XdrWriter()
      .u32(1)
      .fixed(ipv4Bytes('203.0.113.1'))
      .u32(65000)
      .u32(64512)
      .u32(64513)
      .u32(2)
      .u32(2)
      .u32(2)
      .u32(65001)
      .u32(65002)
      .u32(1)
      .u32(1)
      .u32(65010)
      .u32(2)
      .u32(0xfde80001)
      .u32(0xfde80002)
      .u32(100)
      .done();
    const s = onlyFlow(
      datagram({
        samples: [
          flowSample({
            records: [
              { format: 1002, body: router },
              { format: 1003, body: gateway },
            ],
          }),
        ],
      }),
    );
    expect(s.records).toEqual([
      { type: 'extended-router', nextHop: '2001:db8::fe', srcMaskLength: 48, dstMaskLength: 64 },
      {
        type: 'extended-gateway',
        nextHop: '203.0.113.1',
        as: 65000,
        srcAs: 64512,
        srcPeerAs: 64513,
        asPath: [
          { segmentType: 2, asNumbers: [65001, 65002] },
          { segmentType: 1, asNumbers: [65010] },
        ],
        communities: [0xfde80001, 0xfde80002],
        localPref: 100,
      },
    ]);
  });
});

describe('sampled packet headers', () => {
  it('decodes 802.1Q and QinQ tags', () => {
    const p = decodedHeader(
      ethernet(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp(1234, 80, 0x02)), [
        { tpid: 0x88a8, id: 100, priority: 5 },
        { tpid: 0x8100, id: 200 },
      ]),
    );
    expect(p?.vlans).toEqual([
      { tpid: 0x88a8, id: 100, priority: 5 },
      { tpid: 0x8100, id: 200, priority: 0 },
    ]);
    expect(p?.ethernet?.etherType).toBe(0x0800);
    expect(p?.transport).toEqual({ protocol: 'tcp', srcPort: 1234, dstPort: 80, flags: 0x02 });
  });

  it('decodes IPv6 with a hop-by-hop header and ICMPv6', () => {
    const hopByHop = [58, 0, 5, 2, 0, 0, 1, 0];
    const p = decodedHeader(
      ethernet(B, A, 0x86dd, ipv6('fe80::1', 'ff02::1', 0, [...hopByHop, ...icmp(135, 0)], 255)),
    );
    expect(p?.ip).toMatchObject({
      version: 6,
      src: 'fe80::1',
      dst: 'ff02::1',
      protocol: 58,
      hopLimit: 255,
    });
    expect(p?.transport).toEqual({ protocol: 'icmpv6', type: 135, code: 0 });
  });

  it('decodes the packet inside VXLAN', () => {
    const inner = ethernet(B, A, 0x0800, ipv4('192.168.0.1', '192.168.0.2', 1, icmp(8, 0)));
    const outer = ethernet(
      B,
      A,
      0x0800,
      ipv4('172.16.0.1', '172.16.0.2', 17, udp(50000, 4789, vxlan(5001, inner))),
    );
    const p = decodedHeader(outer);
    expect(p?.transport).toMatchObject({ protocol: 'udp', dstPort: 4789 });
    expect(p?.tunnel?.type).toBe('vxlan');
    expect(p?.tunnel?.vni).toBe(5001);
    expect(p?.tunnel?.inner.ip).toMatchObject({ src: '192.168.0.1', dst: '192.168.0.2' });
    expect(p?.tunnel?.inner.transport).toEqual({ protocol: 'icmp', type: 8, code: 0 });
  });

  it('decodes the packet inside Geneve (OVN tunnels), skipping options', () => {
    const inner = ethernet(
      B,
      A,
      0x86dd,
      ipv6('fd00::a', 'fd00::b', 17, udp(40000, 5353, [1, 2, 3])),
    );
    const outer = ethernet(
      B,
      A,
      0x86dd,
      ipv6('2001:db8::1', '2001:db8::2', 17, udp(50000, 6081, geneve(0xabcdef, inner))),
    );
    const p = decodedHeader(outer);
    expect(p?.tunnel).toMatchObject({ type: 'geneve', vni: 0xabcdef });
    expect(p?.tunnel?.inner.ethernet).toEqual({ dst: B, src: A, etherType: 0x86dd });
    expect(p?.tunnel?.inner.transport).toEqual({
      protocol: 'udp',
      srcPort: 40000,
      dstPort: 5353,
      length: 11,
    });
  });

  it('marks a header cut short as truncated instead of failing', () => {
    const full = ethernet(B, A, 0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp(1, 2, 0x10)));
    const p = decodedHeader(full.slice(0, 30));
    expect(p?.truncated).toBe(true);
    expect(p?.ethernet?.src).toBe(A);
    expect(p?.ip).toBeUndefined();
  });
});

describe('lying lengths and counts', () => {
  it('rejects a record whose length runs past the datagram', () => {
    const good = datagram({
      samples: [counterSample([{ format: 1005, body: new XdrWriter().string('eth0').done() }])],
    });
    const view = new DataView(good.buffer);
    // the record length field sits after header (28), sample hdr (8), seq, source, count, format
    view.setUint32(28 + 8 + 12 + 4, 4000);
    expect(() => decodeDatagram(good)).toThrow(expect.objectContaining({ code: 'bad-length' }));
  });

  it('rejects a known record shorter than its layout', () => {
    const d = datagram({ samples: [counterSample([{ format: 1, body: new Uint8Array(8) }])] });
    expect(() => decodeDatagram(d)).toThrow(SflowDecodeError);
    expect(() => decodeDatagram(d)).toThrow(expect.objectContaining({ code: 'bad-length' }));
  });

  it('rejects a huge sample count before looping', () => {
    const d = new XdrWriter()
      .u32(5)
      .u32(1)
      .fixed([1, 2, 3, 4])
      .u32(0)
      .u32(1)
      .u32(1)
      .u32(0xffffffff)
      .done();
    const t = performance.now();
    expect(() => decodeDatagram(d)).toThrow(expect.objectContaining({ code: 'too-many-records' }));
    const fits = new XdrWriter()
      .u32(5)
      .u32(1)
      .fixed([1, 2, 3, 4])
      .u32(0)
      .u32(1)
      .u32(1)
      .u32(100)
      .done();
    expect(() => decodeDatagram(fits)).toThrow(expect.objectContaining({ code: 'bad-count' }));
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('rejects a port name longer than 255 bytes', () => {
    const d = datagram({
      samples: [
        counterSample([{ format: 1005, body: new XdrWriter().string('x'.repeat(300)).done() }]),
      ],
    });
    expect(() => decodeDatagram(d)).toThrow(expect.objectContaining({ code: 'bad-string' }));
  });
});
