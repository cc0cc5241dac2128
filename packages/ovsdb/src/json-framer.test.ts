import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FramingError } from './errors.ts';
import { JsonFramer } from './json-framer.ts';

function feed(framer: JsonFramer, chunks: Uint8Array[]): unknown[] {
  return chunks.flatMap((chunk) => framer.push(chunk));
}

function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let previous = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(previous, point));
    previous = point;
  }
  return chunks;
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('JsonFramer', () => {
  it('emits messages merged in one chunk and split across chunks', () => {
    const framer = new JsonFramer();
    const wire =
      '{"id":1,"result":[]} {"id":2,"result":{"a":"}"}}\n{"method":"echo","params":[],"id":"echo"}';
    const bytes = Buffer.from(wire);
    expect(framer.push(bytes.subarray(0, 30))).toEqual([{ id: 1, result: [] }]);
    expect(framer.push(bytes.subarray(30))).toEqual([
      { id: 2, result: { a: '}' } },
      { method: 'echo', params: [], id: 'echo' },
    ]);
    expect(framer.bufferedBytes).toBe(0);
  });

  it('ignores braces and quotes inside strings, including escaped ones', () => {
    const framer = new JsonFramer();
    const message = { s: 'a "quoted" {brace} [bracket] \\ back\\slash \\"', t: '\\' };
    expect(framer.push(Buffer.from(JSON.stringify(message)))).toEqual([message]);
  });

  it('reassembles a UTF-8 character split between chunks', () => {
    const framer = new JsonFramer();
    const bytes = Buffer.from(JSON.stringify({ name: 'ünïcødé 🌐 网络' }));
    const chunks = [...bytes].map((b) => Uint8Array.of(b));
    expect(feed(framer, chunks)).toEqual([{ name: 'ünïcødé 🌐 网络' }]);
  });

  it('rejects a message over the size limit without buffering it', () => {
    const framer = new JsonFramer({ maxMessageBytes: 100 });
    const big = Buffer.from(JSON.stringify({ pad: 'x'.repeat(1000) }));
    const error = thrownBy(() => feed(framer, splitAt(big, [10, 60, 90])));
    expect(error).toBeInstanceOf(FramingError);
    expect((error as FramingError).code).toBe('FRAME_TOO_LARGE');
    expect(framer.bufferedBytes).toBe(0);
    // once failed, the stream stays failed
    expect(() => framer.push(Buffer.from('{}'))).toThrow(FramingError);
  });

  it('reports bad JSON, stray bytes and invalid UTF-8 as FRAME_MALFORMED with a cause', () => {
    for (const wire of [
      Buffer.from('{"a":tru}'),
      Buffer.from('hello'),
      Buffer.from(']'),
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
    ]) {
      const error = thrownBy(() => new JsonFramer().push(wire));
      expect(error).toBeInstanceOf(FramingError);
      expect((error as FramingError).code).toBe('FRAME_MALFORMED');
    }
    const error = thrownBy(() => new JsonFramer().push(Buffer.from('{"a":tru}')));
    expect((error as FramingError).cause).toBeInstanceOf(SyntaxError);
  });

  it('rejects absurd nesting', () => {
    const deep = Buffer.from(`{"a":${'['.repeat(1000)}`);
    const error = thrownBy(() => new JsonFramer().push(deep));
    expect((error as FramingError).code).toBe('FRAME_MALFORMED');
  });

  it('after reset accepts a fresh stream', () => {
    const framer = new JsonFramer();
    expect(() => framer.push(Buffer.from('x'))).toThrow(FramingError);
    framer.reset();
    expect(framer.push(Buffer.from('{"ok":true}'))).toEqual([{ ok: true }]);
  });
});

describe('JsonFramer properties', () => {
  const message = fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ maxDepth: 4 }), {
    maxKeys: 6,
  });

  it('any split of any concatenation yields the same messages', () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom('', ' ', '\n'),
        (messages, cuts, separator) => {
          const bytes = Buffer.from(messages.map((m) => JSON.stringify(m)).join(separator));
          const framer = new JsonFramer();
          const out = feed(framer, splitAt(bytes, cuts));
          // JSON round trip normalises -0 and the like, exactly as the peer would see it
          expect(out).toEqual(messages.map((m) => JSON.parse(JSON.stringify(m))));
          expect(framer.bufferedBytes).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('garbage only ever yields messages or a FramingError, with bounded buffering', () => {
    const limit = 256;
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 10 }),
        fc.boolean(),
        (chunks, startWithBrace) => {
          const framer = new JsonFramer({ maxMessageBytes: limit });
          const input = startWithBrace ? [Uint8Array.of(0x7b), ...chunks] : chunks;
          for (const chunk of input) {
            try {
              framer.push(chunk);
            } catch (error) {
              expect(error).toBeInstanceOf(FramingError);
              return;
            }
            expect(framer.bufferedBytes).toBeLessThanOrEqual(limit);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
