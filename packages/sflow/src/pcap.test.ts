import { describe, expect, it } from 'vitest';
import { CaptureFormatError, extractUdpPayloads, readCapture } from './index.ts';
import { fixtureBytes } from './test-support/fixture.ts';

interface Frame {
  timestampMs: number;
  data: Uint8Array;
}

/** Writes classic pcap with the given byte order, resolution and link type. */
function classicPcap(
  frames: Frame[],
  opts: { little: boolean; nanos: boolean; linkType: number },
): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.data.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, opts.nanos ? 0xa1b23c4d : 0xa1b2c3d4, opts.little);
  v.setUint16(4, 2, opts.little);
  v.setUint16(6, 4, opts.little);
  v.setUint32(16, 65535, opts.little);
  v.setUint32(20, opts.linkType, opts.little);
  let off = 24;
  for (const f of frames) {
    const seconds = Math.floor(f.timestampMs / 1000);
    const rest = f.timestampMs - seconds * 1000;
    v.setUint32(off, seconds, opts.little);
    v.setUint32(off + 4, Math.round(opts.nanos ? rest * 1e6 : rest * 1e3), opts.little);
    v.setUint32(off + 8, f.data.length, opts.little);
    v.setUint32(off + 12, f.data.length, opts.little);
    out.set(f.data, off + 16);
    off += 16 + f.data.length;
  }
  return out;
}

function linuxCooked(eth: Uint8Array): Uint8Array {
  const out = new Uint8Array(16 + eth.length - 14);
  out.set([0, 0, 0, 772, 0, 6], 0);
  out.set(eth.subarray(12, 14), 14);
  out.set(eth.subarray(14), 16);
  return out;
}

describe('capture reading', () => {
  const ng = readCapture(fixtureBytes());
  const expected = extractUdpPayloads(ng);

  it('reads the pcapng fixture: 69 datagrams to 6343 with nanosecond timestamps', () => {
    expect(ng.format).toBe('pcapng');
    expect(ng.truncated).toBe(false);
    expect(expected).toHaveLength(69);
    expect(expected[0]).toMatchObject({ src: '127.0.0.1', dst: '127.0.0.1', dstPort: 6343 });
    expect(expected[0]?.timestampMs).toBeCloseTo(
      Date.UTC(2026, 10, 24, 13, 58, 23, 856) + 0.945462,
      3,
    );
    expect(expected.at(-1)!.timestampMs - expected[0]!.timestampMs).toBeCloseTo(23000.214154, 4);
  });

  it.each([
    { little: true, nanos: false, linkType: 1 },
    { little: false, nanos: true, linkType: 1 },
    { little: true, nanos: true, linkType: 113 },
    { little: false, nanos: false, linkType: 101 },
  ])('reads classic pcap %o to the same payloads', (opts) => {
    const frames = ng.packets.map((p) => {
      let data = p.data;
      if (opts.linkType === 113) data = linuxCooked(p.data);
      if (opts.linkType === 101) data = p.data.subarray(14);
      return { timestampMs: p.timestampMs, data };
    });
    const file = readCapture(classicPcap(frames, opts));
    expect(file.format).toBe('pcap');
    const got = extractUdpPayloads(file);
    expect(got.map((u) => Buffer.from(u.payload).toString('hex'))).toEqual(
      expected.map((u) => Buffer.from(u.payload).toString('hex')),
    );
    got.forEach((u, i) => {
      expect(Math.abs(u.timestampMs - (expected[i]?.timestampMs ?? 0))).toBeLessThan(0.002);
    });
  });

  it('keeps the packets before a cut and says the file was truncated', () => {
    const whole = classicPcap(
      ng.packets.map((p) => ({ timestampMs: p.timestampMs, data: p.data })),
      { little: true, nanos: false, linkType: 1 },
    );
    const cut = readCapture(whole.subarray(0, whole.length - 10));
    expect(cut.truncated).toBe(true);
    expect(cut.packets).toHaveLength(68);
    const ngCut = readCapture(fixtureBytes().subarray(0, 5000));
    expect(ngCut.truncated).toBe(true);
    expect(ngCut.packets.length).toBeGreaterThan(0);
  });

  it('rejects a file that is not a capture with a coded error', () => {
    expect(() => readCapture(new TextEncoder().encode('hello world, not pcap'))).toThrow(
      CaptureFormatError,
    );
    expect(() => readCapture(new Uint8Array(2))).toThrow(
      expect.objectContaining({ code: 'truncated' }),
    );
  });

  it('can keep UDP to any port', () => {
    expect(extractUdpPayloads(ng, { port: 53 })).toHaveLength(0);
    expect(extractUdpPayloads(ng, { port: null })).toHaveLength(69);
  });
});
