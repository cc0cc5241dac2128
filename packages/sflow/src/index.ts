export { formatIpv4, formatIpv6, formatMac } from './addresses.ts';
export {
  type AgentHealth,
  type AgentHealthOptions,
  AgentHealthTracker,
  type SequenceEvent,
} from './aggregate/agent-health.ts';
export { counterDelta, type Delta } from './aggregate/counter-delta.ts';
export {
  type FlowObservation,
  FlowTracker,
  type FlowTrackerOptions,
  observeFlowSample,
} from './aggregate/flow-tracker.ts';
export { type PortRate, type PortRateOptions, PortRateTracker } from './aggregate/port-rates.ts';
export { type Counted, SpaceSaving } from './aggregate/space-saving.ts';
export {
  type FlowEstimate,
  type FlowKey,
  flowKeyString,
  SlidingTopFlows,
  type SlidingWindowOptions,
} from './aggregate/top-flows.ts';
export type { CapturedPacket, CaptureFile, UdpPayload } from './capture-types.ts';
export type * from './counter-types.ts';
export {
  DEFAULT_MAX_RECORDS,
  DEFAULT_MAX_SAMPLES,
  decodeDatagram,
  peekAgentAddress,
} from './datagram.ts';
export { type DatagramInput, encodeDatagram } from './encode/datagram.ts';
export { SflowEncodeError, type SflowEncodeErrorCode } from './encode/errors.ts';
export {
  encodePacket,
  type PacketSpec,
  rawHeaderRecord,
  type TransportSpec,
} from './encode/packet.ts';
export { encodePcap, type PcapDatagram } from './encode/pcap-writer.ts';
export {
  CaptureFormatError,
  type CaptureFormatErrorCode,
  SflowDecodeError,
  type SflowDecodeErrorCode,
} from './errors.ts';
export type * from './flow-types.ts';
export { type FlatSample, type FlatSampleMeta, flattenSamples, toJsonLines } from './json-lines.ts';
export { decodePacketHeader, HEADER_PROTOCOL } from './packet-header.ts';
export type * from './packet-types.ts';
export { readCapture } from './pcap.ts';
export type * from './types.ts';
export { type ExtractOptions, extractUdpPayloads, SFLOW_PORT } from './udp-extract.ts';
