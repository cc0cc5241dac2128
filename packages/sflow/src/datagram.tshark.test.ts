import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RawPacketHeader } from './flow-types.ts';
import { decodeDatagram } from './index.ts';
import { FIXTURE_PCAP, fixtureDatagrams } from './test-support/fixture.ts';
import type { FlowSample, SflowDatagram, SflowInterface } from './types.ts';

type Tree = { [key: string]: string | string[] | Tree | Tree[] };

const hasTshark = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasTshark) {
  console.warn(
    'tshark is not installed: skipping the comparison with Wireshark (apt-get install tshark)',
  );
}

function str(t: Tree, key: string): string {
  const v = t[key];
  if (typeof v !== 'string') throw new Error(`tshark field ${key} missing`);
  return v;
}

function num(t: Tree, key: string): number {
  return Number(str(t, key));
}

function sub(t: Tree, key: string): Tree {
  const v = t[key];
  if (v === undefined || typeof v === 'string' || Array.isArray(v))
    throw new Error(`tshark tree ${key} missing`);
  return v;
}

function flowSamplesOf(sflow: Tree): Tree[] {
  return Object.entries(sflow)
    .filter(([k]) => k.startsWith('Flow sample'))
    .flatMap(([, v]) => (Array.isArray(v) ? (v as Tree[]) : [v as Tree]));
}

function ifaceField(s: Tree, which: 'input' | 'output'): { format: number; value: number } {
  const prefix = `sflow.flow_sample.${which}_interface`;
  const tree = s[`${prefix}_tree`];
  if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
    return { format: num(tree, `${prefix}_format`), value: num(tree, `${prefix}_value`) };
  }
  return { format: 0, value: num(s, prefix) };
}

function ours(i: SflowInterface): { format: number; value: number } {
  switch (i.format) {
    case 'ifindex':
      return { format: 0, value: i.ifIndex };
    case 'internal':
      return { format: 0, value: 0x3fffffff };
    case 'discard':
      return { format: 1, value: i.reason };
    case 'multiple':
      return { format: 2, value: i.count };
  }
}

describe.runIf(hasTshark)('decoder against tshark on the OVS capture', () => {
  let frames: Tree[] = [];
  let decoded: SflowDatagram[] = [];

  beforeAll(() => {
    const json = execFileSync(
      'tshark',
      ['-r', FIXTURE_PCAP, '-T', 'json', '--no-duplicate-keys', '-J', 'sflow'],
      { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
    ).toString();
    frames = (JSON.parse(json) as { _source: { layers: { sflow: Tree } } }[]).map(
      (f) => f._source.layers.sflow,
    );
    decoded = fixtureDatagrams().map((u) => decodeDatagram(u.payload));
  });

  it('decodes all 69 datagrams with the header fields tshark shows', () => {
    expect(decoded).toHaveLength(69);
    expect(frames).toHaveLength(69);
    decoded.forEach((d, i) => {
      const t = frames[i] as Tree;
      expect(d.version).toBe(num(t, 'sflow_245.version'));
      expect(d.agentAddressType).toBe(str(t, 'sflow_245.agenttype') === '1' ? 'ipv4' : 'ipv6');
      expect(d.agent).toBe(str(t, 'sflow_245.agent'));
      expect(d.subAgentId).toBe(num(t, 'sflow_245.sub_agent_id'));
      expect(d.sequence).toBe(num(t, 'sflow_245.sequence_number'));
      expect(d.uptimeMs).toBe(num(t, 'sflow_245.sysuptime'));
      expect(d.samples).toHaveLength(num(t, 'sflow_245.numsamples'));
    });
  });

  it('matches every flow sample, record and decoded header field', () => {
    let compared = 0;
    decoded.forEach((d, i) => {
      const tsharkSamples = flowSamplesOf(frames[i] as Tree);
      const mine = d.samples.filter((s): s is FlowSample => s.kind === 'flow');
      expect(mine).toHaveLength(tsharkSamples.length);
      mine.forEach((s, j) => {
        const t = tsharkSamples[j] as Tree;
        expect(s.sequence).toBe(num(t, 'sflow.flow_sample.sequence_number'));
        expect(s.sourceId.type).toBe(num(t, 'sflow.flow_sample.source_id_class'));
        expect(s.sourceId.index).toBe(num(t, 'sflow.flow_sample.index'));
        expect(s.samplingRate).toBe(num(t, 'sflow.flow_sample.sampling_rate'));
        expect(s.samplePool).toBe(num(t, 'sflow.flow_sample.sample_pool'));
        expect(s.drops).toBe(num(t, 'sflow.flow_sample.dropped_packets'));
        expect(ours(s.input)).toEqual(ifaceField(t, 'input'));
        expect(ours(s.output)).toEqual(ifaceField(t, 'output'));
        expect(s.records).toHaveLength(num(t, 'sflow.flow_sample.flow_record'));
        compareSwitch(s, sub(t, 'Extended switch data'));
        compareRawHeader(s, sub(t, 'Raw packet header'));
        compared++;
      });
    });
    expect(compared).toBe(366);
  });
});

function compareSwitch(s: FlowSample, t: Tree): void {
  const r = s.records.find((x) => x.type === 'extended-switch');
  expect(r).toEqual({
    type: 'extended-switch',
    srcVlan: num(t, 'sflow_245.vlan.in'),
    srcPriority: num(t, 'sflow_245.pri.in'),
    dstVlan: num(t, 'sflow_245.vlan.out'),
    dstPriority: num(t, 'sflow_245.pri.out'),
  });
}

function compareRawHeader(s: FlowSample, t: Tree): void {
  const r = s.records.find((x): x is RawPacketHeader => x.type === 'raw-header');
  if (!r) throw new Error('no raw header record');
  expect(r.headerProtocol).toBe(num(t, 'sflow_245.header_protocol'));
  expect(r.frameLength).toBe(num(t, 'sflow_245.header.frame_length'));
  expect(r.stripped).toBe(num(t, 'sflow_245.header.payload_stripped'));
  expect(r.header.length).toBe(num(t, 'sflow_245.header.sampled_header_length'));
  // tshark's bytes field runs on into the XDR padding, which OVS does not zero
  const tsharkHex = str(t, 'sflow_245.header')
    .replaceAll(':', '')
    .slice(0, r.header.length * 2);
  expect(Buffer.from(r.header).toString('hex')).toBe(tsharkHex);
  const tree = sub(t, 'sflow_245.header_tree');
  const eth = sub(tree, 'eth');
  const ip = sub(tree, 'ip');
  const p = r.decoded;
  expect(p?.ethernet).toEqual({
    dst: str(eth, 'eth.dst'),
    src: str(eth, 'eth.src'),
    etherType: Number(str(eth, 'eth.type')),
  });
  expect(p?.ip).toMatchObject({
    version: 4,
    src: str(ip, 'ip.src'),
    dst: str(ip, 'ip.dst'),
    protocol: num(ip, 'ip.proto'),
    ttl: num(ip, 'ip.ttl'),
    totalLength: num(ip, 'ip.len'),
    id: Number(str(ip, 'ip.id')),
    tos: Number(str(ip, 'ip.dsfield')),
  });
  if (tree.tcp) {
    const tcp = sub(tree, 'tcp');
    expect(p?.transport).toEqual({
      protocol: 'tcp',
      srcPort: num(tcp, 'tcp.srcport'),
      dstPort: num(tcp, 'tcp.dstport'),
      flags: Number(str(tcp, 'tcp.flags')),
    });
  } else if (tree.udp) {
    const udp = sub(tree, 'udp');
    expect(p?.transport).toEqual({
      protocol: 'udp',
      srcPort: num(udp, 'udp.srcport'),
      dstPort: num(udp, 'udp.dstport'),
      length: num(udp, 'udp.length'),
    });
  } else {
    const icmp = sub(tree, 'icmp');
    expect(p?.transport).toEqual({
      protocol: 'icmp',
      type: num(icmp, 'icmp.type'),
      code: num(icmp, 'icmp.code'),
    });
  }
}
