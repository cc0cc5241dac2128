import { readAddress } from './address-reader.ts';
import { formatIpv4, formatIpv6, formatMac } from './addresses.ts';
import type { AsPathSegment, FlowRecord } from './flow-types.ts';
import { decodePacketHeader } from './packet-header.ts';
import type { XdrReader } from './xdr-reader.ts';

// bounds on variable parts of extended_gateway, far above anything BGP sends
const MAX_AS_PATH_SEGMENTS = 64;
const MAX_AS_PER_SEGMENT = 1024;
const MAX_COMMUNITIES = 1024;

/** Decodes one flow record's body; `r` is bounded by the record's length. */
export function decodeFlowRecord(
  r: XdrReader,
  enterprise: number,
  format: number,
  decodeHeaders: boolean,
): FlowRecord {
  if (enterprise !== 0) return { type: 'unknown', enterprise, format, length: r.remaining };
  switch (format) {
    case 1: {
      const headerProtocol = r.u32('header_protocol');
      const frameLength = r.u32('frame_length');
      const stripped = r.u32('stripped');
      const header = r.opaque('sampled header');
      const decoded = decodeHeaders ? decodePacketHeader(header, headerProtocol) : undefined;
      return decoded
        ? { type: 'raw-header', headerProtocol, frameLength, stripped, header, decoded }
        : { type: 'raw-header', headerProtocol, frameLength, stripped, header };
    }
    case 2: {
      const length = r.u32('length');
      const src = formatMac(r.fixed(6, 'src_mac'));
      const dst = formatMac(r.fixed(6, 'dst_mac'));
      return { type: 'sampled-ethernet', length, src, dst, etherType: r.u32('type') };
    }
    case 3:
      return {
        type: 'sampled-ipv4',
        length: r.u32('length'),
        protocol: r.u32('protocol'),
        src: formatIpv4(r.fixed(4, 'src_ip')),
        dst: formatIpv4(r.fixed(4, 'dst_ip')),
        srcPort: r.u32('src_port'),
        dstPort: r.u32('dst_port'),
        tcpFlags: r.u32('tcp_flags'),
        tos: r.u32('tos'),
      };
    case 4:
      return {
        type: 'sampled-ipv6',
        length: r.u32('length'),
        protocol: r.u32('protocol'),
        src: formatIpv6(r.fixed(16, 'src_ip')),
        dst: formatIpv6(r.fixed(16, 'dst_ip')),
        srcPort: r.u32('src_port'),
        dstPort: r.u32('dst_port'),
        tcpFlags: r.u32('tcp_flags'),
        priority: r.u32('priority'),
      };
    case 1001:
      return {
        type: 'extended-switch',
        srcVlan: r.u32('src_vlan'),
        srcPriority: r.u32('src_priority'),
        dstVlan: r.u32('dst_vlan'),
        dstPriority: r.u32('dst_priority'),
      };
    case 1002:
      return {
        type: 'extended-router',
        nextHop: readAddress(r, 'next hop').address,
        srcMaskLength: r.u32('src_mask_len'),
        dstMaskLength: r.u32('dst_mask_len'),
      };
    case 1003:
      return decodeExtendedGateway(r);
    default:
      return { type: 'unknown', enterprise, format, length: r.remaining };
  }
}

function decodeExtendedGateway(r: XdrReader): FlowRecord {
  const nextHop = readAddress(r, 'next hop').address;
  const as = r.u32('as');
  const srcAs = r.u32('src_as');
  const srcPeerAs = r.u32('src_peer_as');
  const segments = r.count(8, MAX_AS_PATH_SEGMENTS, 'as path segments');
  const asPath: AsPathSegment[] = [];
  for (let i = 0; i < segments; i++) {
    const segmentType = r.u32('as path segment type');
    const n = r.count(4, MAX_AS_PER_SEGMENT, 'as path segment');
    const asNumbers: number[] = [];
    for (let j = 0; j < n; j++) asNumbers.push(r.u32('as number'));
    asPath.push({ segmentType, asNumbers });
  }
  const nCommunities = r.count(4, MAX_COMMUNITIES, 'communities');
  const communities: number[] = [];
  for (let i = 0; i < nCommunities; i++) communities.push(r.u32('community'));
  const localPref = r.u32('localpref');
  return {
    type: 'extended-gateway',
    nextHop,
    as,
    srcAs,
    srcPeerAs,
    asPath,
    communities,
    localPref,
  };
}
