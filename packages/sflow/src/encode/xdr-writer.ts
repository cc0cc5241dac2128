import { SflowEncodeError } from './errors.ts';

const TWO_POW_32 = 0x1_0000_0000;
const ALL_ONES = 0xffff_ffff;

/** Growable XDR (RFC 4506) writer: big-endian, every item padded to 4 bytes. */
export class XdrWriter {
  #buf = new Uint8Array(256);
  #view = new DataView(this.#buf.buffer);
  #len = 0;

  get length(): number {
    return this.#len;
  }

  #grow(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  u32(v: number, what = 'field'): this {
    if (!Number.isInteger(v) || v < 0 || v > ALL_ONES)
      throw new SflowEncodeError('out-of-range', `${what}: ${v} is not an unsigned 32-bit integer`);
    this.#grow(4);
    this.#view.setUint32(this.#len, v);
    this.#len += 4;
    return this;
  }

  /** unsigned 64-bit from a number (exact up to 2^53, as the decoder reads it) */
  u64(v: number, what = 'field'): this {
    if (!Number.isInteger(v) || v < 0 || v > Number.MAX_SAFE_INTEGER)
      throw new SflowEncodeError('out-of-range', `${what}: ${v} is not a safe unsigned integer`);
    return this.u32(Math.floor(v / TWO_POW_32), what).u32(v % TWO_POW_32, what);
  }

  /** 32-bit counter; null ("unknown") is all ones */
  counter32(v: number | null, what = 'counter'): this {
    return this.u32(v ?? ALL_ONES, what);
  }

  /** 64-bit counter; null ("unknown") is all ones */
  counter64(v: number | null, what = 'counter'): this {
    return v === null ? this.u32(ALL_ONES).u32(ALL_ONES) : this.u64(v, what);
  }

  /** raw bytes, zero-padded to 4 */
  fixed(b: ArrayLike<number>): this {
    const padded = (b.length + 3) & ~3;
    this.#grow(padded);
    for (let i = 0; i < b.length; i++) this.#buf[this.#len + i] = b[i] ?? 0;
    this.#buf.fill(0, this.#len + b.length, this.#len + padded);
    this.#len += padded;
    return this;
  }

  /** variable-length opaque: length, bytes, padding */
  opaque(b: ArrayLike<number>): this {
    return this.u32(b.length, 'opaque length').fixed(b);
  }

  string(s: string): this {
    return this.opaque(new TextEncoder().encode(s));
  }

  /** an XDR item framed by its byte length: data_format, length, body */
  framed(dataFormat: number, body: (w: XdrWriter) => void): this {
    this.u32(dataFormat, 'data_format');
    const at = this.#len;
    this.u32(0);
    body(this);
    this.#view.setUint32(at, this.#len - at - 4);
    return this;
  }

  /** a copy of the bytes written so far */
  done(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}
