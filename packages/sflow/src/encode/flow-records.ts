import type { FlowRecord } from '../flow-types.ts';
import { ipv4Bytes, ipv6Bytes, macBytes } from './addresses.ts';
import { SflowEncodeError } from './errors.ts';
import type { XdrWriter } from './xdr-writer.ts';

/** Writes an XDR `address` union: '' is type 0, text with a colon IPv6, else IPv4. */
export function writeAddress(w: XdrWriter, text: string, what: string): void {
  if (text === '') w.u32(0);
  else if (text.includes(':')) w.u32(2).fixed(ipv6Bytes(text, what));
  else w.u32(1).fixed(ipv4Bytes(text, what));
}

/** Writes one flow record (format, length, body); the `decoded` part of a raw header is not written, its bytes are. */
export function writeFlowRecord(w: XdrWriter, r: FlowRecord): void {
  switch (r.type) {
    case 'raw-header':
      w.framed(1, (b) =>
        b
          .u32(r.headerProtocol, 'header_protocol')
          .u32(r.frameLength, 'frame_length')
          .u32(r.stripped, 'stripped')
          .opaque(r.header),
      );
      return;
    case 'sampled-ethernet':
      w.framed(2, (b) =>
        b
          .u32(r.length, 'length')
          .fixed(macBytes(r.src, 'src_mac'))
          .fixed(macBytes(r.dst, 'dst_mac'))
          .u32(r.etherType, 'type'),
      );
      return;
    case 'sampled-ipv4':
      w.framed(3, (b) =>
        b
          .u32(r.length, 'length')
          .u32(r.protocol, 'protocol')
          .fixed(ipv4Bytes(r.src, 'src_ip'))
          .fixed(ipv4Bytes(r.dst, 'dst_ip'))
          .u32(r.srcPort, 'src_port')
          .u32(r.dstPort, 'dst_port')
          .u32(r.tcpFlags, 'tcp_flags')
          .u32(r.tos, 'tos'),
      );
      return;
    case 'sampled-ipv6':
      w.framed(4, (b) =>
        b
          .u32(r.length, 'length')
          .u32(r.protocol, 'protocol')
          .fixed(ipv6Bytes(r.src, 'src_ip'))
          .fixed(ipv6Bytes(r.dst, 'dst_ip'))
          .u32(r.srcPort, 'src_port')
          .u32(r.dstPort, 'dst_port')
          .u32(r.tcpFlags, 'tcp_flags')
          .u32(r.priority, 'priority'),
      );
      return;
    case 'extended-switch':
      w.framed(1001, (b) =>
        b
          .u32(r.srcVlan, 'src_vlan')
          .u32(r.srcPriority, 'src_priority')
          .u32(r.dstVlan, 'dst_vlan')
          .u32(r.dstPriority, 'dst_priority'),
      );
      return;
    case 'extended-router':
      w.framed(1002, (b) => {
        writeAddress(b, r.nextHop, 'next hop');
        b.u32(r.srcMaskLength, 'src_mask_len').u32(r.dstMaskLength, 'dst_mask_len');
      });
      return;
    default:
      throw new SflowEncodeError('unsupported', `flow record ${r.type} is not encoded`);
  }
}
