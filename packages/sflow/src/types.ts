import type { CounterRecord } from './counter-types.ts';
import type { FlowRecord } from './flow-types.ts';

/** One sFlow v5 datagram, as sent by an agent. */
export interface SflowDatagram {
  readonly version: 5;
  /** Agent address as text (dotted quad or RFC 5952 IPv6); '' when the agent sent type 0. */
  readonly agent: string;
  readonly agentAddressType: 'ipv4' | 'ipv6' | 'unknown';
  readonly subAgentId: number;
  /** Datagram sequence number per agent/sub-agent; resets when the agent restarts. */
  readonly sequence: number;
  /** Milliseconds since the agent booted. */
  readonly uptimeMs: number;
  readonly samples: readonly SflowSample[];
}

export type SflowSample = FlowSample | CounterSample | UnknownSample;

/** Data source: type 0 = ifIndex, 1 = smonVlanDataSource, 2 = entPhysicalEntry. */
export interface SourceId {
  readonly type: number;
  readonly index: number;
}

/** An input/output port of a flow sample. */
export type SflowInterface =
  /** single interface; ifIndex 0 means not known */
  | { readonly format: 'ifindex'; readonly ifIndex: number }
  /** the packet came from, or went to, the device itself (0x3FFFFFFF) */
  | { readonly format: 'internal' }
  | { readonly format: 'discard'; readonly reason: number }
  /** sent to several interfaces; count 0 means not known */
  | { readonly format: 'multiple'; readonly count: number };

export interface FlowSample {
  readonly kind: 'flow';
  /** true for the expanded encoding (0:3) */
  readonly expanded: boolean;
  readonly sequence: number;
  readonly sourceId: SourceId;
  /** one packet in `samplingRate` was sampled */
  readonly samplingRate: number;
  /** packets that could have been sampled since the source started */
  readonly samplePool: number;
  readonly drops: number;
  readonly input: SflowInterface;
  readonly output: SflowInterface;
  readonly records: readonly FlowRecord[];
}

export interface CounterSample {
  readonly kind: 'counters';
  readonly expanded: boolean;
  readonly sequence: number;
  readonly sourceId: SourceId;
  readonly records: readonly CounterRecord[];
}

/** A sample of a format we do not decode, skipped by its length. */
export interface UnknownSample {
  readonly kind: 'unknown';
  readonly enterprise: number;
  readonly format: number;
  readonly length: number;
}

/** Limits that bound the work spent on one datagram. */
export interface DecodeOptions {
  /** samples per datagram (default 512) */
  readonly maxSamples?: number;
  /** records per sample (default 128) */
  readonly maxRecords?: number;
  /** decode raw packet headers into protocol fields (default true) */
  readonly decodeHeaders?: boolean;
}
