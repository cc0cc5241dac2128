import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_RECORDS,
  DEFAULT_MAX_SAMPLES,
  decodeDatagram,
  decodePacketHeader,
  SflowDecodeError,
} from './index.ts';
import { fixtureDatagrams } from './test-support/fixture.ts';
import type { SflowDatagram } from './types.ts';

const real = fixtureDatagrams().map((u) => Uint8Array.from(u.payload));

/** Decodes, failing the test on anything but a result or an SflowDecodeError. */
function decodeOrCodedError(bytes: Uint8Array): SflowDatagram | SflowDecodeError {
  const started = performance.now();
  try {
    const d = decodeDatagram(bytes);
    expect(d.samples.length).toBeLessThanOrEqual(DEFAULT_MAX_SAMPLES);
    for (const s of d.samples) {
      if (s.kind !== 'unknown') expect(s.records.length).toBeLessThanOrEqual(DEFAULT_MAX_RECORDS);
    }
    return d;
  } catch (e) {
    if (!(e instanceof SflowDecodeError)) throw e;
    expect(e.offset).toBeGreaterThanOrEqual(0);
    expect(e.offset).toBeLessThanOrEqual(bytes.length);
    return e;
  } finally {
    // a datagram decodes in microseconds; a second means runaway work, not a busy machine
    expect(performance.now() - started).toBeLessThan(1000);
  }
}

const header = Uint8Array.from([
  0, 0, 0, 5, 0, 0, 0, 1, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1,
]);

describe('decoder robustness', () => {
  it('random bytes decode or fail with a coded error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        decodeOrCodedError(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('random bodies behind a valid header decode or fail with a coded error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (body) => {
        const bytes = new Uint8Array(header.length + body.length);
        bytes.set(header);
        bytes.set(body, header.length);
        decodeOrCodedError(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('every truncation of every real datagram fails with a coded error', () => {
    const codes = new Set<string>();
    for (const d of real) {
      for (let n = 0; n < d.length; n++) {
        const r = decodeOrCodedError(d.subarray(0, n));
        expect(r).toBeInstanceOf(SflowDecodeError);
        if (r instanceof SflowDecodeError) codes.add(r.code);
      }
    }
    expect([...codes].sort()).toEqual(['bad-count', 'bad-length', 'truncated']);
  });

  it('byte mutations of real datagrams decode or fail with a coded error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...real),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (original, mutations) => {
          const bytes = Uint8Array.from(original);
          for (const [at, value] of mutations) bytes[at % bytes.length] = value;
          decodeOrCodedError(bytes);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a huge count or length planted in any word of a real datagram is rejected fast', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...real),
        fc.nat(),
        fc.constantFrom(0xffffffff, 0x7fffffff, 0x10000, 0x1000),
        (original, word, value) => {
          const bytes = Uint8Array.from(original);
          const at = (word % (bytes.length >> 2)) * 4;
          new DataView(bytes.buffer).setUint32(at, value);
          decodeOrCodedError(bytes);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('sampled packet headers never throw, whatever the bytes and header protocol', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 256 }),
        fc.constantFrom(1, 11, 12, 99),
        (bytes, proto) => {
          const p = decodePacketHeader(bytes, proto);
          if (proto === 99) expect(p).toBeUndefined();
          else expect(p?.vlans.length ?? 0).toBeLessThanOrEqual(4);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
