import { readAddress } from './address-reader.ts';
import { decodeCounterRecord } from './counter-records.ts';
import type { CounterRecord } from './counter-types.ts';
import { SflowDecodeError } from './errors.ts';
import { decodeFlowRecord } from './flow-records.ts';
import type { FlowRecord } from './flow-types.ts';
import type {
  CounterSample,
  DecodeOptions,
  FlowSample,
  SflowDatagram,
  SflowInterface,
  SflowSample,
} from './types.ts';
import { XdrReader } from './xdr-reader.ts';

export const DEFAULT_MAX_SAMPLES = 512;
export const DEFAULT_MAX_RECORDS = 128;
const RECORD_HEADER_BYTES = 8;

/**
 * Decodes one sFlow v5 datagram (the UDP payload). Throws SflowDecodeError, and nothing
 * else, when the bytes are not a valid datagram; the work done is bounded by the size of
 * the input and the limits in `options`.
 */
export function decodeDatagram(bytes: Uint8Array, options: DecodeOptions = {}): SflowDatagram {
  const maxSamples = options.maxSamples ?? DEFAULT_MAX_SAMPLES;
  const maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
  const decodeHeaders = options.decodeHeaders ?? true;
  const r = new XdrReader(bytes);
  const version = r.u32('version');
  if (version !== 5) {
    throw new SflowDecodeError('bad-version', `sFlow version ${version}, expected 5`, 0);
  }
  const agent = readAddress(r, 'agent address');
  const subAgentId = r.u32('sub_agent_id');
  const sequence = r.u32('sequence_number');
  const uptimeMs = r.u32('uptime');
  const n = r.count(RECORD_HEADER_BYTES, maxSamples, 'samples');
  const samples: SflowSample[] = [];
  for (let i = 0; i < n; i++) {
    const dataFormat = r.u32('sample data_format');
    const length = r.u32('sample length');
    const body = r.child(length, `sample ${i}`);
    samples.push(decodeSample(body, dataFormat, maxRecords, decodeHeaders));
  }
  return {
    version: 5,
    agent: agent.address,
    agentAddressType: agent.family,
    subAgentId,
    sequence,
    uptimeMs,
    samples,
  };
}

function decodeSample(
  r: XdrReader,
  dataFormat: number,
  maxRecords: number,
  decodeHeaders: boolean,
): SflowSample {
  const enterprise = dataFormat >>> 12;
  const format = dataFormat & 0xfff;
  if (enterprise !== 0 || format < 1 || format > 4) {
    return { kind: 'unknown', enterprise, format, length: r.remaining };
  }
  const expanded = format === 3 || format === 4;
  const sequence = r.u32('sample sequence_number');
  let sourceId: { type: number; index: number };
  if (expanded) {
    sourceId = { type: r.u32('source_id_type'), index: r.u32('source_id_index') };
  } else {
    const word = r.u32('source_id');
    sourceId = { type: word >>> 24, index: word & 0xff_ffff };
  }
  if (format === 2 || format === 4) {
    return {
      kind: 'counters',
      expanded,
      sequence,
      sourceId,
      records: counterRecords(r, maxRecords),
    };
  }
  const samplingRate = r.u32('sampling_rate');
  const samplePool = r.u32('sample_pool');
  const drops = r.u32('drops');
  const input = expanded ? expandedInterface(r) : compactInterface(r.u32('input'));
  const output = expanded ? expandedInterface(r) : compactInterface(r.u32('output'));
  const records = flowRecords(r, maxRecords, decodeHeaders);
  const sample: FlowSample = {
    kind: 'flow',
    expanded,
    sequence,
    sourceId,
    samplingRate,
    samplePool,
    drops,
    input,
    output,
    records,
  };
  return sample;
}

function flowRecords(r: XdrReader, maxRecords: number, decodeHeaders: boolean): FlowRecord[] {
  const n = r.count(RECORD_HEADER_BYTES, maxRecords, 'flow records');
  const out: FlowRecord[] = [];
  for (let i = 0; i < n; i++) {
    const dataFormat = r.u32('flow record data_format');
    const length = r.u32('flow record length');
    const body = r.child(length, `flow record ${dataFormat >>> 12}:${dataFormat & 0xfff}`);
    out.push(decodeFlowRecord(body, dataFormat >>> 12, dataFormat & 0xfff, decodeHeaders));
  }
  return out;
}

function counterRecords(r: XdrReader, maxRecords: number): CounterSample['records'] {
  const n = r.count(RECORD_HEADER_BYTES, maxRecords, 'counter records');
  const out: CounterRecord[] = [];
  for (let i = 0; i < n; i++) {
    const dataFormat = r.u32('counter record data_format');
    const length = r.u32('counter record length');
    const body = r.child(length, `counter record ${dataFormat >>> 12}:${dataFormat & 0xfff}`);
    out.push(decodeCounterRecord(body, dataFormat >>> 12, dataFormat & 0xfff));
  }
  return out;
}

const INTERNAL = 0x3fff_ffff;

function compactInterface(word: number): SflowInterface {
  return toInterface(word >>> 30, word & INTERNAL);
}

function expandedInterface(r: XdrReader): SflowInterface {
  const format = r.u32('interface format');
  return toInterface(format, r.u32('interface value'));
}

function toInterface(format: number, value: number): SflowInterface {
  if (format === 1) return { format: 'discard', reason: value };
  if (format === 2) return { format: 'multiple', count: value };
  if (value === INTERNAL) return { format: 'internal' };
  return { format: 'ifindex', ifIndex: value };
}

/**
 * The agent address of a datagram too broken to decode, when its header is readable;
 * lets a collector charge the error to the agent rather than to the UDP sender.
 */
export function peekAgentAddress(bytes: Uint8Array): string | undefined {
  try {
    const r = new XdrReader(bytes);
    if (r.u32() !== 5) return undefined;
    const agent = readAddress(r, 'agent address');
    return agent.family === 'unknown' ? undefined : agent.address;
  } catch {
    return undefined;
  }
}
