import type { CounterRecord } from './counter-types.ts';
import type { FlowRecord } from './flow-types.ts';
import type { DecodedPacket } from './packet-types.ts';
import type { CounterSample, FlowSample, SflowDatagram, SflowInterface } from './types.ts';

/** One sample as a flat JSON-ready object; unknown counters are null, absent fields omitted. */
export type FlatSample = Record<string, string | number | boolean | null>;

/** Where and when the datagram was received, added to every line. */
export interface FlatSampleMeta {
  readonly timestampMs?: number;
  /** sender as "address:port" */
  readonly source?: string;
}

/**
 * Flattens a datagram into one object per sample: agent and sample identity, then the
 * decoded header fields of a flow sample or the counters of a counter sample.
 */
export function flattenSamples(d: SflowDatagram, meta: FlatSampleMeta = {}): FlatSample[] {
  return d.samples.map((s) => {
    const base: FlatSample = {};
    if (meta.timestampMs !== undefined) base.timestampMs = meta.timestampMs;
    if (meta.source !== undefined) base.source = meta.source;
    base.agent = d.agent;
    base.subAgentId = d.subAgentId;
    base.datagramSequence = d.sequence;
    base.uptimeMs = d.uptimeMs;
    base.kind = s.kind;
    if (s.kind === 'unknown') {
      base.enterprise = s.enterprise;
      base.format = s.format;
      return base;
    }
    base.sequence = s.sequence;
    base.sourceIdType = s.sourceId.type;
    base.sourceIdIndex = s.sourceId.index;
    return s.kind === 'flow' ? flattenFlow(base, s) : flattenCounters(base, s);
  });
}

/** Newline-delimited JSON, one line per sample, each line ending in "\n". */
export function toJsonLines(d: SflowDatagram, meta: FlatSampleMeta = {}): string {
  let out = '';
  for (const line of flattenSamples(d, meta)) out += `${JSON.stringify(line)}\n`;
  return out;
}

function ifIndexOf(i: SflowInterface): number | null {
  return i.format === 'ifindex' ? i.ifIndex : null;
}

function flattenFlow(o: FlatSample, s: FlowSample): FlatSample {
  o.samplingRate = s.samplingRate;
  o.samplePool = s.samplePool;
  o.drops = s.drops;
  o.inputFormat = s.input.format;
  o.inputIfIndex = ifIndexOf(s.input);
  o.outputFormat = s.output.format;
  o.outputIfIndex = ifIndexOf(s.output);
  if (s.output.format === 'discard') o.discardReason = s.output.reason;
  for (const r of s.records) flattenFlowRecord(o, r);
  return o;
}

function flattenFlowRecord(o: FlatSample, r: FlowRecord): void {
  switch (r.type) {
    case 'raw-header':
      o.headerProtocol = r.headerProtocol;
      o.frameLength = r.frameLength;
      o.headerLength = r.header.length;
      if (r.decoded) flattenPacket(o, r.decoded, '');
      return;
    case 'sampled-ipv4':
    case 'sampled-ipv6':
      o.frameLength ??= r.length;
      o.srcIp ??= r.src;
      o.dstIp ??= r.dst;
      o.ipProtocol ??= r.protocol;
      o.srcPort ??= r.srcPort;
      o.dstPort ??= r.dstPort;
      o.tcpFlags ??= r.tcpFlags;
      return;
    case 'sampled-ethernet':
      o.srcMac ??= r.src;
      o.dstMac ??= r.dst;
      o.etherType ??= r.etherType;
      return;
    case 'extended-switch':
      o.srcVlan = r.srcVlan;
      o.dstVlan = r.dstVlan;
      return;
    case 'extended-router':
      o.nextHop = r.nextHop;
      return;
    case 'extended-gateway':
      o.nextHop = r.nextHop;
      o.srcAs = r.srcAs;
      o.dstAs = r.asPath.at(-1)?.asNumbers.at(-1) ?? r.as;
      return;
    case 'unknown':
      return;
  }
}

function flattenPacket(o: FlatSample, p: DecodedPacket, prefix: string): void {
  const k = (name: string) => (prefix ? prefix + name[0]?.toUpperCase() + name.slice(1) : name);
  if (p.ethernet) {
    o[k('srcMac')] = p.ethernet.src;
    o[k('dstMac')] = p.ethernet.dst;
    o[k('etherType')] = p.ethernet.etherType;
  }
  if (p.vlans[0]) o[k('vlan')] = p.vlans[0].id;
  if (p.vlans[1]) o[k('innerVlan')] = p.vlans[1].id;
  if (p.ip) {
    o[k('ipVersion')] = p.ip.version;
    o[k('srcIp')] = p.ip.src;
    o[k('dstIp')] = p.ip.dst;
    o[k('ipProtocol')] = p.ip.protocol;
    o[k('ttl')] = p.ip.version === 4 ? p.ip.ttl : p.ip.hopLimit;
  }
  const t = p.transport;
  if (t?.protocol === 'tcp' || t?.protocol === 'udp') {
    o[k('srcPort')] = t.srcPort;
    o[k('dstPort')] = t.dstPort;
    if (t.protocol === 'tcp') o[k('tcpFlags')] = t.flags;
  } else if (t) {
    o[k('icmpType')] = t.type;
    o[k('icmpCode')] = t.code;
  }
  if (p.tunnel && !prefix) {
    o.tunnel = p.tunnel.type;
    o.vni = p.tunnel.vni;
    flattenPacket(o, p.tunnel.inner, 'inner');
  }
  if (p.truncated) o[k('headerTruncated')] = true;
}

function flattenCounters(o: FlatSample, s: CounterSample): FlatSample {
  for (const r of s.records) flattenCounterRecord(o, r);
  return o;
}

function flattenCounterRecord(o: FlatSample, r: CounterRecord): void {
  switch (r.type) {
    case 'port-name':
      o.ifName = r.name;
      return;
    case 'openflow-port':
      o.ofDatapathId = r.datapathId;
      o.ofPort = r.portNo;
      return;
    case 'unknown':
      return;
    case 'generic-interface':
      for (const [key, value] of Object.entries(r)) if (key !== 'type') o[key] = value;
      return;
    default:
      for (const [key, value] of Object.entries(r))
        if (key !== 'type') o[`${r.type}.${key}`] = value;
  }
}
