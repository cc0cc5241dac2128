import { SflowEncodeError } from './errors.ts';

const bad = (what: string, text: string) =>
  new SflowEncodeError('out-of-range', `${what}: "${text}" is not a valid address`);

/** 4 bytes of a dotted quad. */
export function ipv4Bytes(text: string, what = 'address'): Uint8Array {
  const parts = text.split('.');
  if (parts.length !== 4) throw bad(what, text);
  const out = new Uint8Array(4);
  parts.forEach((p, i) => {
    const n = /^\d{1,3}$/.test(p) ? Number(p) : Number.NaN;
    if (!(n <= 255)) throw bad(what, text);
    out[i] = n;
  });
  return out;
}

/** 16 bytes of an IPv6 address (`::` compression and a trailing dotted quad allowed). */
export function ipv6Bytes(text: string, what = 'address'): Uint8Array {
  let groups = text;
  let tail: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tail = ipv4Bytes(text.slice(lastColon + 1), what);
    groups = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = groups.split('::');
  if (halves.length > 2) throw bad(what, text);
  const split = (s: string | undefined) => (s ? s.split(':') : []);
  const head = split(halves[0]);
  const rest = split(halves[1]);
  const fill = 8 - head.length - rest.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0) throw bad(what, text);
  const all = [...head, ...Array<string>(fill).fill('0'), ...rest];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) throw bad(what, text);
    const n = Number.parseInt(g, 16);
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  });
  if (tail) out.set(tail, 12);
  return out;
}

/** 6 bytes of `aa:bb:cc:dd:ee:ff`. */
export function macBytes(text: string, what = 'mac'): Uint8Array {
  const parts = text.split(/[:-]/);
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{2}$/.test(p))) throw bad(what, text);
  return Uint8Array.from(parts.map((p) => Number.parseInt(p, 16)));
}
