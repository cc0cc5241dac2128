import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CounterRecord } from '../counter-types.ts';
import { encodeDatagram, encodePcap, type PacketSpec, rawHeaderRecord } from '../index.ts';
import type { SflowSample } from '../types.ts';

const hasTshark = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;

const A = { src: '02:4e:43:00:00:01', dst: '02:4e:43:00:00:02' };
const packets: PacketSpec[] = [
  {
    ethernet: A,
    ip: { version: 4, src: '10.0.1.11', dst: '10.0.2.11' },
    transport: { protocol: 'tcp', srcPort: 41000, dstPort: 8080, flags: 0x18 },
    frameLength: 1514,
  },
  {
    ethernet: A,
    ip: { version: 4, src: '10.0.2.11', dst: '10.0.3.11', tos: 0x10 },
    transport: { protocol: 'udp', srcPort: 33000, dstPort: 40000 },
    frameLength: 90,
  },
  {
    ethernet: A,
    vlans: [{ id: 42, priority: 3 }],
    ip: { version: 4, src: '198.51.100.7', dst: '10.0.1.12' },
    transport: { protocol: 'icmp', type: 8, code: 0 },
  },
  {
    ethernet: A,
    ip: { version: 6, src: '2001:db8::1', dst: '2001:db8::2' },
    transport: { protocol: 'tcp', srcPort: 5432, dstPort: 50000, flags: 0x10 },
    frameLength: 800,
  },
];

const counters = (ifIndex: number, octets: number): CounterRecord[] => [
  {
    type: 'generic-interface',
    ifIndex,
    ifType: 6,
    ifSpeed: 10_000_000_000,
    ifDirection: 1,
    adminUp: true,
    operUp: true,
    inOctets: octets,
    inUcastPkts: Math.floor(octets / 900),
    inMulticastPkts: 0,
    inBroadcastPkts: 0,
    inDiscards: 0,
    inErrors: 0,
    inUnknownProtos: 0,
    outOctets: octets * 3,
    outUcastPkts: Math.floor(octets / 400),
    outMulticastPkts: 0,
    outBroadcastPkts: 0,
    outDiscards: 0,
    outErrors: 0,
    promiscuous: false,
  },
  {
    type: 'ethernet',
    alignmentErrors: 0,
    fcsErrors: 0,
    singleCollisionFrames: 0,
    multipleCollisionFrames: 0,
    sqeTestErrors: 0,
    deferredTransmissions: 0,
    lateCollisions: 0,
    excessiveCollisions: 0,
    internalMacTransmitErrors: 0,
    carrierSenseErrors: 0,
    frameTooLongs: 0,
    internalMacReceiveErrors: 0,
    symbolErrors: 0,
  },
];

function samples(n: number): SflowSample[] {
  return [
    ...packets.map(
      (p, i): SflowSample => ({
        kind: 'flow',
        expanded: i % 2 === 1,
        sequence: n * 10 + i,
        sourceId: { type: 0, index: i + 1 },
        samplingRate: 400,
        samplePool: 400 * (n + 1),
        drops: 0,
        input: { format: 'ifindex', ifIndex: i + 1 },
        output: i === 2 ? { format: 'internal' } : { format: 'ifindex', ifIndex: i + 2 },
        records: [
          rawHeaderRecord(p),
          { type: 'extended-switch', srcVlan: 0, srcPriority: 0, dstVlan: 0, dstPriority: 0 },
        ],
      }),
    ),
    {
      kind: 'counters',
      expanded: n % 2 === 1,
      sequence: n,
      sourceId: { type: 0, index: 1 },
      records: counters(1, 1_000_000 * (n + 1)),
    },
  ];
}

describe.runIf(hasTshark)('encoded datagrams in Wireshark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sflow-encode-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('dissects every sample and record without a malformed packet', () => {
    const payloads = [0, 1, 2].map((n) =>
      encodeDatagram({
        agent: '192.0.2.10',
        subAgentId: 0,
        sequence: n + 1,
        uptimeMs: 1000 * (n + 1),
        samples: samples(n),
      }),
    );
    const file = join(dir, 'encoded.pcap');
    writeFileSync(
      file,
      encodePcap(payloads.map((payload, i) => ({ payload, timestampMs: 1e12 + i }))),
    );
    const text = execFileSync('tshark', ['-r', file, '-V', '-d', 'udp.port==6343,sflow'], {
      maxBuffer: 16 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
    expect(text).not.toMatch(/Malformed/i);
    expect(text).not.toMatch(/Expert Info \(Error/);
    expect(text.match(/^Frame \d+:/gm)).toHaveLength(3);
    expect(text.match(/[Ff]low sample, seq/g)).toHaveLength(12);
    expect(text.match(/[Cc]ounters sample, seq/g)).toHaveLength(3);
    expect(text).toContain('Agent address: 192.0.2.10');
    for (const port of ['8080', '40000', '50000'])
      expect(text).toMatch(new RegExp(`Dst Port: ${port}\\b`));
    expect(text).toContain('Internet Control Message Protocol');
    expect(text).toContain('Input Octets: 3000000');
  });
});
