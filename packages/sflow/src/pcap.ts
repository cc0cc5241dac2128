import type { CapturedPacket, CaptureFile } from './capture-types.ts';
import { CaptureFormatError } from './errors.ts';
import { readPcapng } from './pcapng.ts';

const PCAP_HEADER_BYTES = 24;
const PCAP_RECORD_HEADER_BYTES = 16;

/**
 * Reads a capture file: classic pcap (either byte order, µs or ns timestamps) or pcapng.
 * A file cut short mid-record keeps the packets before the cut and sets `truncated`.
 */
export function readCapture(bytes: Uint8Array): CaptureFile {
  if (bytes.length < 4) throw new CaptureFormatError('truncated', 'capture file too short', 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic === 0x0a0d0d0a) return readPcapng(bytes, view);
  return readPcap(bytes, view);
}

function readPcap(bytes: Uint8Array, view: DataView): CaptureFile {
  const magicBig = view.getUint32(0, false);
  const magicLittle = view.getUint32(0, true);
  let little: boolean;
  let nanos: boolean;
  if (magicBig === 0xa1b2c3d4 || magicBig === 0xa1b23c4d) {
    little = false;
    nanos = magicBig === 0xa1b23c4d;
  } else if (magicLittle === 0xa1b2c3d4 || magicLittle === 0xa1b23c4d) {
    little = true;
    nanos = magicLittle === 0xa1b23c4d;
  } else {
    throw new CaptureFormatError('bad-magic', 'not a pcap or pcapng file', 0);
  }
  if (bytes.length < PCAP_HEADER_BYTES) {
    throw new CaptureFormatError('truncated', 'pcap file header cut short', 0);
  }
  // the upper bits of the link type field carry FCS flags
  const linkType = view.getUint32(20, little) & 0x0fff_ffff;
  const packets: CapturedPacket[] = [];
  let off = PCAP_HEADER_BYTES;
  let truncated = false;
  while (off < bytes.length) {
    if (bytes.length - off < PCAP_RECORD_HEADER_BYTES) {
      truncated = true;
      break;
    }
    const seconds = view.getUint32(off, little);
    const fraction = view.getUint32(off + 4, little);
    const capLen = view.getUint32(off + 8, little);
    const origLen = view.getUint32(off + 12, little);
    off += PCAP_RECORD_HEADER_BYTES;
    if (capLen > bytes.length - off) {
      truncated = true;
      break;
    }
    packets.push({
      timestampMs: seconds * 1000 + (nanos ? fraction / 1e6 : fraction / 1e3),
      linkType,
      data: bytes.subarray(off, off + capLen),
      originalLength: origLen,
    });
    off += capLen;
  }
  return { format: 'pcap', packets, truncated };
}
