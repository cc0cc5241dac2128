import type {
  CounterSample,
  FlowSample,
  SflowDatagram,
  SflowInterface,
  SflowSample,
  SourceId,
} from '../types.ts';
import { writeCounterRecord } from './counter-records.ts';
import { SflowEncodeError } from './errors.ts';
import { writeAddress, writeFlowRecord } from './flow-records.ts';
import { XdrWriter } from './xdr-writer.ts';

/** What `encodeDatagram` needs: a datagram as decoded, minus the fields it derives. */
export type DatagramInput = Omit<SflowDatagram, 'version' | 'agentAddressType'> &
  Partial<Pick<SflowDatagram, 'version' | 'agentAddressType'>>;

const INTERNAL = 0x3fff_ffff;

function interfaceWord(i: SflowInterface): { format: number; value: number } {
  switch (i.format) {
    case 'ifindex':
      if (i.ifIndex > INTERNAL - 1)
        throw new SflowEncodeError('out-of-range', `ifIndex ${i.ifIndex} does not fit 30 bits`);
      return { format: 0, value: i.ifIndex };
    case 'internal':
      return { format: 0, value: INTERNAL };
    case 'discard':
      return { format: 1, value: i.reason };
    case 'multiple':
      return { format: 2, value: i.count };
  }
}

function writeInterface(w: XdrWriter, i: SflowInterface, expanded: boolean, what: string): void {
  const { format, value } = interfaceWord(i);
  if (expanded) {
    w.u32(format, what).u32(value, what);
    return;
  }
  if (value > INTERNAL) throw new SflowEncodeError('out-of-range', `${what}: ${value} > 2^30-1`);
  w.u32(((format << 30) | value) >>> 0, what);
}

function writeSourceId(w: XdrWriter, s: SourceId, expanded: boolean): void {
  if (expanded) {
    w.u32(s.type, 'source_id_type').u32(s.index, 'source_id_index');
    return;
  }
  if (s.type > 0xff || s.index > 0xff_ffff)
    throw new SflowEncodeError(
      'out-of-range',
      `source ${s.type}:${s.index} needs the expanded sample format`,
    );
  w.u32(((s.type << 24) | s.index) >>> 0, 'source_id');
}

function writeFlowSample(w: XdrWriter, s: FlowSample): void {
  w.framed(s.expanded ? 3 : 1, (b) => {
    b.u32(s.sequence, 'sample sequence_number');
    writeSourceId(b, s.sourceId, s.expanded);
    b.u32(s.samplingRate, 'sampling_rate').u32(s.samplePool, 'sample_pool').u32(s.drops, 'drops');
    writeInterface(b, s.input, s.expanded, 'input');
    writeInterface(b, s.output, s.expanded, 'output');
    b.u32(s.records.length);
    for (const r of s.records) writeFlowRecord(b, r);
  });
}

function writeCounterSample(w: XdrWriter, s: CounterSample): void {
  w.framed(s.expanded ? 4 : 2, (b) => {
    b.u32(s.sequence, 'sample sequence_number');
    writeSourceId(b, s.sourceId, s.expanded);
    b.u32(s.records.length);
    for (const r of s.records) writeCounterRecord(b, r);
  });
}

function writeSample(w: XdrWriter, s: SflowSample): void {
  if (s.kind === 'flow') writeFlowSample(w, s);
  else if (s.kind === 'counters') writeCounterSample(w, s);
  else
    throw new SflowEncodeError('unsupported', `sample ${s.enterprise}:${s.format} is not encoded`);
}

/**
 * Encodes one sFlow v5 datagram (the UDP payload). What `decodeDatagram` returns for the
 * bytes equals the input, for the records this encoder writes: raw header, sampled
 * Ethernet/IPv4/IPv6, extended switch/router flow records; generic interface, Ethernet,
 * VLAN and port-name counter records. Throws `SflowEncodeError` for anything else.
 */
export function encodeDatagram(d: DatagramInput): Uint8Array {
  const w = new XdrWriter().u32(5);
  writeAddress(w, d.agent, 'agent address');
  w.u32(d.subAgentId, 'sub_agent_id')
    .u32(d.sequence, 'sequence_number')
    .u32(d.uptimeMs, 'uptime')
    .u32(d.samples.length);
  for (const s of d.samples) writeSample(w, s);
  return w.done();
}
