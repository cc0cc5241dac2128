import type { CapturedPacket, CaptureFile } from './capture-types.ts';
import { CaptureFormatError } from './errors.ts';

const SECTION_HEADER = 0x0a0d0d0a;
const INTERFACE_DESCRIPTION = 1;
const SIMPLE_PACKET = 3;
const ENHANCED_PACKET = 6;
const OPTION_TSRESOL = 9;

interface Interface {
  readonly linkType: number;
  readonly snapLength: number;
  /** timestamp units per second */
  readonly ticksPerSecond: number;
}

/** Reads pcapng: section headers (either byte order), interfaces, enhanced and simple packets. */
export function readPcapng(bytes: Uint8Array, view: DataView): CaptureFile {
  const packets: CapturedPacket[] = [];
  let interfaces: Interface[] = [];
  let little = true;
  let off = 0;
  let truncated = false;
  while (off < bytes.length) {
    if (bytes.length - off < 12) {
      truncated = true;
      break;
    }
    const typeBig = view.getUint32(off, false);
    if (typeBig === SECTION_HEADER) {
      const bom = view.getUint32(off + 8, false);
      if (bom === 0x1a2b3c4d) little = false;
      else if (bom === 0x4d3c2b1a) little = true;
      else throw new CaptureFormatError('bad-magic', 'pcapng byte-order magic unknown', off + 8);
      interfaces = [];
    }
    const type = view.getUint32(off, little);
    const length = view.getUint32(off + 4, little);
    if (length < 12 || length % 4 !== 0) {
      throw new CaptureFormatError('bad-block', `pcapng block length ${length}`, off);
    }
    if (length > bytes.length - off) {
      truncated = true;
      break;
    }
    const body = off + 8;
    const bodyEnd = off + length - 4;
    if (type === INTERFACE_DESCRIPTION && bodyEnd - body >= 8) {
      interfaces.push({
        linkType: view.getUint16(body, little),
        snapLength: view.getUint32(body + 4, little),
        ticksPerSecond: readTsResol(view, body + 8, bodyEnd, little),
      });
    } else if (type === ENHANCED_PACKET && bodyEnd - body >= 20) {
      const iface = interfaces[view.getUint32(body, little)];
      const capLen = view.getUint32(body + 12, little);
      if (iface && capLen <= bodyEnd - body - 20) {
        const hi = view.getUint32(body + 4, little);
        const lo = view.getUint32(body + 8, little);
        packets.push({
          timestampMs: ticksToMs(hi, lo, iface.ticksPerSecond),
          linkType: iface.linkType,
          data: bytes.subarray(body + 20, body + 20 + capLen),
          originalLength: view.getUint32(body + 16, little),
        });
      }
    } else if (type === SIMPLE_PACKET && bodyEnd - body >= 4) {
      const iface = interfaces[0];
      if (iface) {
        const origLen = view.getUint32(body, little);
        const capLen = Math.min(origLen, bodyEnd - body - 4, iface.snapLength || origLen);
        packets.push({
          timestampMs: Number.NaN,
          linkType: iface.linkType,
          data: bytes.subarray(body + 4, body + 4 + capLen),
          originalLength: origLen,
        });
      }
    }
    off += length;
  }
  return { format: 'pcapng', packets, truncated };
}

function readTsResol(view: DataView, at: number, end: number, little: boolean): number {
  let off = at;
  while (end - off >= 4) {
    const code = view.getUint16(off, little);
    const len = view.getUint16(off + 2, little);
    if (code === 0) break;
    if (code === OPTION_TSRESOL && len >= 1 && end - off >= 5) {
      const v = view.getUint8(off + 4);
      // high bit set: negative power of two, else negative power of ten
      return v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
    }
    off += 4 + ((len + 3) & ~3);
  }
  return 1e6;
}

function ticksToMs(hi: number, lo: number, ticksPerSecond: number): number {
  // nanosecond tick counts pass 2^53, so split whole seconds off exactly first
  const ticks = (BigInt(hi) << 32n) | BigInt(lo);
  const tps = BigInt(Math.round(ticksPerSecond));
  const seconds = ticks / tps;
  const rest = ticks - seconds * tps;
  return Number(seconds) * 1000 + (Number(rest) * 1000) / ticksPerSecond;
}
