import { encodePacket } from './packet.ts';

/** One UDP payload to wrap in a capture frame. */
export interface PcapDatagram {
  readonly payload: Uint8Array;
  readonly timestampMs: number;
  /** defaults: 192.0.2.1 → 192.0.2.2, port 6343 both ends */
  readonly src?: string;
  readonly dst?: string;
  readonly srcPort?: number;
  readonly dstPort?: number;
}

const UDP_PAYLOAD_AT = 14 + 20 + 8;

/**
 * A classic pcap file (microsecond timestamps, Ethernet) holding each payload in an
 * Ethernet/IPv4/UDP frame: lets tshark or Wireshark dissect what an emitter sends.
 */
export function encodePcap(datagrams: readonly PcapDatagram[]): Uint8Array {
  const frames = datagrams.map((d) => {
    const { bytes } = encodePacket(
      {
        ethernet: { src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02' },
        ip: { version: 4, src: d.src ?? '192.0.2.1', dst: d.dst ?? '192.0.2.2' },
        transport: { protocol: 'udp', srcPort: d.srcPort ?? 6343, dstPort: d.dstPort ?? 6343 },
        frameLength: UDP_PAYLOAD_AT + d.payload.length,
      },
      Number.POSITIVE_INFINITY,
    );
    bytes.set(d.payload, UDP_PAYLOAD_AT);
    // the checksum covered a zero payload; 0 means "not computed" in IPv4
    bytes[UDP_PAYLOAD_AT - 2] = 0;
    bytes[UDP_PAYLOAD_AT - 1] = 0;
    return { bytes, ms: d.timestampMs };
  });
  const size = 24 + frames.reduce((n, f) => n + 16 + f.bytes.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 65535, true);
  v.setUint32(20, 1, true);
  let at = 24;
  for (const f of frames) {
    v.setUint32(at, Math.floor(f.ms / 1000), true);
    v.setUint32(at + 4, Math.floor((f.ms % 1000) * 1000), true);
    v.setUint32(at + 8, f.bytes.length, true);
    v.setUint32(at + 12, f.bytes.length, true);
    out.set(f.bytes, at + 16);
    at += 16 + f.bytes.length;
  }
  return out;
}
