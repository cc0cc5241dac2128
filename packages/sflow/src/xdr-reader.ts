import { SflowDecodeError, type SflowDecodeErrorCode } from './errors.ts';

const TWO_POW_32 = 0x1_0000_0000;

/**
 * Bounds-checked cursor over XDR (RFC 4506) data: big-endian, 4-byte aligned. Every read
 * past `end` throws an SflowDecodeError with `overrun` as its code.
 */
export class XdrReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #overrun: SflowDecodeErrorCode;
  readonly end: number;
  offset: number;

  constructor(
    bytes: Uint8Array,
    start = 0,
    end = bytes.length,
    overrun: SflowDecodeErrorCode = 'truncated',
    view?: DataView,
  ) {
    this.#bytes = bytes;
    this.#view = view ?? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#overrun = overrun;
    this.offset = start;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  #need(n: number, what: string): void {
    if (n > this.end - this.offset) {
      throw new SflowDecodeError(
        this.#overrun,
        `${what}: needs ${n} bytes, ${this.end - this.offset} left`,
        this.offset,
      );
    }
  }

  u32(what = 'field'): number {
    this.#need(4, what);
    const v = this.#view.getUint32(this.offset);
    this.offset += 4;
    return v;
  }

  /** 64-bit unsigned as a number: exact below 2^53, within 2^-53 relative error above. */
  u64(what = 'field'): number {
    this.#need(8, what);
    const hi = this.#view.getUint32(this.offset);
    const lo = this.#view.getUint32(this.offset + 4);
    this.offset += 8;
    return hi * TWO_POW_32 + lo;
  }

  /** 64-bit value as 16 hex digits, for identifiers that must stay exact. */
  hex64(what = 'field'): string {
    this.#need(8, what);
    const hi = this.#view.getUint32(this.offset);
    const lo = this.#view.getUint32(this.offset + 4);
    this.offset += 8;
    return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
  }

  /** 32-bit counter; all ones means "unknown". */
  counter32(what = 'counter'): number | null {
    const v = this.u32(what);
    return v === 0xffff_ffff ? null : v;
  }

  /** 64-bit counter; all ones means "unknown". */
  counter64(what = 'counter'): number | null {
    this.#need(8, what);
    const hi = this.#view.getUint32(this.offset);
    const lo = this.#view.getUint32(this.offset + 4);
    this.offset += 8;
    return hi === 0xffff_ffff && lo === 0xffff_ffff ? null : hi * TWO_POW_32 + lo;
  }

  float(what = 'float'): number {
    this.#need(4, what);
    const v = this.#view.getFloat32(this.offset);
    this.offset += 4;
    return v;
  }

  /** `n` bytes as a view (no copy), then skip the XDR padding. */
  fixed(n: number, what = 'opaque'): Uint8Array {
    const padded = (n + 3) & ~3;
    this.#need(padded, what);
    const out = this.#bytes.subarray(this.offset, this.offset + n);
    this.offset += padded;
    return out;
  }

  /** Variable-length opaque: u32 length, bytes, padding. */
  opaque(what = 'opaque', max = Number.POSITIVE_INFINITY): Uint8Array {
    const at = this.offset;
    const n = this.u32(what);
    if (n > max) throw new SflowDecodeError('bad-length', `${what}: length ${n} over ${max}`, at);
    return this.fixed(n, what);
  }

  /** XDR string (bytes as UTF-8, invalid sequences replaced), at most `max` bytes. */
  string(max: number, what = 'string'): string {
    const at = this.offset;
    const n = this.u32(what);
    if (n > max) throw new SflowDecodeError('bad-string', `${what}: length ${n} over ${max}`, at);
    return utf8.decode(this.fixed(n, what));
  }

  /** Reads an XDR array count, rejecting counts that cannot fit before any loop runs. */
  count(minItemBytes: number, max: number, what: string): number {
    const at = this.offset;
    const n = this.u32(`${what} count`);
    if (n > max) {
      throw new SflowDecodeError('too-many-records', `${what}: ${n} over the limit of ${max}`, at);
    }
    if (n * minItemBytes > this.end - this.offset) {
      throw new SflowDecodeError(
        'bad-count',
        `${what}: ${n} cannot fit in ${this.end - this.offset} bytes`,
        at,
      );
    }
    return n;
  }

  /**
   * Carves out the next `length` bytes (padded to 4) as a child reader whose overruns
   * mean the record lied about its length, and moves this reader past them.
   */
  child(length: number, what: string): XdrReader {
    if (length > this.end - this.offset) {
      throw new SflowDecodeError(
        'bad-length',
        `${what}: length ${length} runs past the ${this.end - this.offset} bytes left`,
        this.offset - 4,
      );
    }
    const sub = new XdrReader(
      this.#bytes,
      this.offset,
      this.offset + length,
      'bad-length',
      this.#view,
    );
    // the last record may omit its padding
    this.offset = Math.min(this.offset + ((length + 3) & ~3), this.end);
    return sub;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
