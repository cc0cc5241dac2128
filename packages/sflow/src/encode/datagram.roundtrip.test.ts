import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, formatIpv6, formatMac } from '../addresses.ts';
import type { CounterRecord } from '../counter-types.ts';
import type { FlowRecord } from '../flow-types.ts';
import { decodeDatagram, encodeDatagram, SflowEncodeError } from '../index.ts';
import type { SflowDatagram, SflowInterface, SflowSample } from '../types.ts';

const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const c32 = fc.option(fc.integer({ min: 0, max: 0xffff_fffe }), { nil: null });
const c64 = fc.option(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), { nil: null });
const ipv4 = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => formatIpv4(b));
const ipv6 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIpv6(b));
const mac = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => formatMac(b));

const flowRecord: fc.Arbitrary<FlowRecord> = fc.oneof(
  fc.record({
    type: fc.constant('raw-header' as const),
    headerProtocol: u32,
    frameLength: u32,
    stripped: u32,
    header: fc.uint8Array({ maxLength: 200 }),
  }),
  fc.record({
    type: fc.constant('sampled-ethernet' as const),
    length: u32,
    src: mac,
    dst: mac,
    etherType: u32,
  }),
  fc.record({
    type: fc.constant('sampled-ipv4' as const),
    length: u32,
    protocol: u32,
    src: ipv4,
    dst: ipv4,
    srcPort: u32,
    dstPort: u32,
    tcpFlags: u32,
    tos: u32,
  }),
  fc.record({
    type: fc.constant('sampled-ipv6' as const),
    length: u32,
    protocol: u32,
    src: ipv6,
    dst: ipv6,
    srcPort: u32,
    dstPort: u32,
    tcpFlags: u32,
    priority: u32,
  }),
  fc.record({
    type: fc.constant('extended-switch' as const),
    srcVlan: u32,
    srcPriority: u32,
    dstVlan: u32,
    dstPriority: u32,
  }),
  fc.record({
    type: fc.constant('extended-router' as const),
    nextHop: fc.oneof(ipv4, ipv6, fc.constant('')),
    srcMaskLength: u32,
    dstMaskLength: u32,
  }),
);

const counterRecord: fc.Arbitrary<CounterRecord> = fc.oneof(
  fc.record({
    type: fc.constant('generic-interface' as const),
    ifIndex: u32,
    ifType: u32,
    ifSpeed: c64,
    ifDirection: u32,
    adminUp: fc.boolean(),
    operUp: fc.boolean(),
    inOctets: c64,
    inUcastPkts: c32,
    inMulticastPkts: c32,
    inBroadcastPkts: c32,
    inDiscards: c32,
    inErrors: c32,
    inUnknownProtos: c32,
    outOctets: c64,
    outUcastPkts: c32,
    outMulticastPkts: c32,
    outBroadcastPkts: c32,
    outDiscards: c32,
    outErrors: c32,
    promiscuous: fc.option(fc.boolean(), { nil: null }),
  }),
  fc.record({
    type: fc.constant('ethernet' as const),
    alignmentErrors: c32,
    fcsErrors: c32,
    singleCollisionFrames: c32,
    multipleCollisionFrames: c32,
    sqeTestErrors: c32,
    deferredTransmissions: c32,
    lateCollisions: c32,
    excessiveCollisions: c32,
    internalMacTransmitErrors: c32,
    carrierSenseErrors: c32,
    frameTooLongs: c32,
    internalMacReceiveErrors: c32,
    symbolErrors: c32,
  }),
  fc.record({
    type: fc.constant('vlan' as const),
    vlanId: u32,
    octets: c64,
    ucastPkts: c32,
    multicastPkts: c32,
    broadcastPkts: c32,
    discards: c32,
  }),
  fc.record({
    type: fc.constant('port-name' as const),
    name: fc.string({ maxLength: 64, unit: 'grapheme-ascii' }),
  }),
);

const iface: fc.Arbitrary<SflowInterface> = fc.oneof(
  fc.record({ format: fc.constant('ifindex' as const), ifIndex: fc.nat(0x3fff_fffe) }),
  fc.constant({ format: 'internal' as const }),
  fc.record({ format: fc.constant('discard' as const), reason: fc.nat(0x3fff_ffff) }),
  fc.record({ format: fc.constant('multiple' as const), count: fc.nat(0x3fff_ffff) }),
);

const sourceId = (expanded: boolean) =>
  expanded
    ? fc.record({ type: u32, index: u32 })
    : fc.record({ type: fc.nat(0xff), index: fc.nat(0xff_ffff) });

const sample: fc.Arbitrary<SflowSample> = fc.boolean().chain((expanded) =>
  fc.oneof(
    fc.record({
      kind: fc.constant('flow' as const),
      expanded: fc.constant(expanded),
      sequence: u32,
      sourceId: sourceId(expanded),
      samplingRate: u32,
      samplePool: u32,
      drops: u32,
      input: iface,
      output: iface,
      records: fc.array(flowRecord, { maxLength: 6 }),
    }),
    fc.record({
      kind: fc.constant('counters' as const),
      expanded: fc.constant(expanded),
      sequence: u32,
      sourceId: sourceId(expanded),
      records: fc.array(counterRecord, { maxLength: 6 }),
    }),
  ),
);

const agent = fc.oneof(
  ipv4.map((a) => ({ agent: a, agentAddressType: 'ipv4' as const })),
  ipv6.map((a) => ({ agent: a, agentAddressType: 'ipv6' as const })),
  fc.constant({ agent: '', agentAddressType: 'unknown' as const }),
);

const datagram: fc.Arbitrary<SflowDatagram> = fc
  .record({
    agent,
    subAgentId: u32,
    sequence: u32,
    uptimeMs: u32,
    samples: fc.array(sample, { maxLength: 12 }),
  })
  .map(({ agent, ...rest }) => ({ version: 5 as const, ...agent, ...rest }));

describe('encodeDatagram', () => {
  it('decodes back to the datagram it was given', () => {
    fc.assert(
      fc.property(datagram, (d) => {
        expect(decodeDatagram(encodeDatagram(d), { decodeHeaders: false })).toEqual(d);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses what it cannot write with a code, instead of writing something else', () => {
    const base = { agent: '192.0.2.1', subAgentId: 0, sequence: 1, uptimeMs: 1 };
    const compactTooBig: SflowSample = {
      kind: 'counters',
      expanded: false,
      sequence: 1,
      sourceId: { type: 0, index: 0x100_0000 },
      records: [],
    };
    const unknown: SflowSample = { kind: 'unknown', enterprise: 0, format: 9, length: 0 };
    for (const samples of [[compactTooBig], [unknown]]) {
      expect(() => encodeDatagram({ ...base, samples })).toThrow(SflowEncodeError);
    }
    expect(() => encodeDatagram({ ...base, agent: '300.1.1.1', samples: [] })).toThrow(
      expect.objectContaining({ code: 'out-of-range' }),
    );
  });
});
