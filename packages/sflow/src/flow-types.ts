import type { DecodedPacket } from './packet-types.ts';

export type FlowRecord =
  | RawPacketHeader
  | SampledEthernet
  | SampledIpv4
  | SampledIpv6
  | ExtendedSwitch
  | ExtendedRouter
  | ExtendedGateway
  | UnknownRecord;

/** 0:1 — the first bytes of the sampled packet. */
export interface RawPacketHeader {
  readonly type: 'raw-header';
  /** header_protocol: 1 Ethernet, 11 IPv4, 12 IPv6, ... */
  readonly headerProtocol: number;
  /** length of the original frame, before sampling truncated it */
  readonly frameLength: number;
  /** bytes removed before sampling (e.g. FCS) */
  readonly stripped: number;
  /** the sampled bytes (a view into the datagram) */
  readonly header: Uint8Array;
  /** absent when header decoding is disabled or the protocol is not one we know */
  readonly decoded?: DecodedPacket;
}

/** 0:2 */
export interface SampledEthernet {
  readonly type: 'sampled-ethernet';
  readonly length: number;
  readonly src: string;
  readonly dst: string;
  readonly etherType: number;
}

/** 0:3 */
export interface SampledIpv4 {
  readonly type: 'sampled-ipv4';
  readonly length: number;
  readonly protocol: number;
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly tcpFlags: number;
  readonly tos: number;
}

/** 0:4 */
export interface SampledIpv6 {
  readonly type: 'sampled-ipv6';
  readonly length: number;
  readonly protocol: number;
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly tcpFlags: number;
  readonly priority: number;
}

/** 0:1001 */
export interface ExtendedSwitch {
  readonly type: 'extended-switch';
  readonly srcVlan: number;
  readonly srcPriority: number;
  readonly dstVlan: number;
  readonly dstPriority: number;
}

/** 0:1002 */
export interface ExtendedRouter {
  readonly type: 'extended-router';
  readonly nextHop: string;
  readonly srcMaskLength: number;
  readonly dstMaskLength: number;
}

export interface AsPathSegment {
  /** 1 = AS_SET, 2 = AS_SEQUENCE */
  readonly segmentType: number;
  readonly asNumbers: readonly number[];
}

/** 0:1003 */
export interface ExtendedGateway {
  readonly type: 'extended-gateway';
  readonly nextHop: string;
  readonly as: number;
  readonly srcAs: number;
  readonly srcPeerAs: number;
  readonly asPath: readonly AsPathSegment[];
  readonly communities: readonly number[];
  readonly localPref: number;
}

/** Any record we do not decode, skipped by its length. */
export interface UnknownRecord {
  readonly type: 'unknown';
  readonly enterprise: number;
  readonly format: number;
  readonly length: number;
}
