import { formatIpv4, formatIpv6 } from './addresses.ts';
import { SflowDecodeError } from './errors.ts';
import type { XdrReader } from './xdr-reader.ts';

export interface SflowAddress {
  readonly family: 'ipv4' | 'ipv6' | 'unknown';
  readonly address: string;
}

/** XDR `address` union: type 0 (no data), 1 (IPv4), 2 (IPv6). */
export function readAddress(r: XdrReader, what: string): SflowAddress {
  const at = r.offset;
  const type = r.u32(`${what} type`);
  if (type === 1) return { family: 'ipv4', address: formatIpv4(r.fixed(4, what)) };
  if (type === 2) return { family: 'ipv6', address: formatIpv6(r.fixed(16, what)) };
  if (type === 0) return { family: 'unknown', address: '' };
  throw new SflowDecodeError('bad-address-type', `${what}: address type ${type}`, at);
}
