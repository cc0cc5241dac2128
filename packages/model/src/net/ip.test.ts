import { describe, expect, it } from 'vitest';
import { cidrOverlaps, formatIp, parseCidr, parseIp, parseIpRange } from './ip.ts';

describe('ip', () => {
  it('parses and formats IPv4 and IPv6 canonically', () => {
    expect(parseIp('10.0.1.11')).toEqual({ family: 4, value: 0x0a00010bn });
    for (const bad of [
      '10.0.1',
      '256.1.1.1',
      '01.2.3.4',
      '1.2.3.4.5',
      ':::',
      '1::2::3',
      'fe80::g',
    ]) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
    const v6 = parseIp('2001:DB8:0:0:1:0:0:1');
    expect(v6 && formatIp(6, v6.value)).toBe('2001:db8::1:0:0:1');
    expect(formatIp(6, parseIp('::ffff:10.0.0.1')?.value ?? 0n)).toBe('::ffff:a00:1');
    expect(formatIp(6, 0n)).toBe('::');
  });

  it('parses CIDRs strictly and ranges in OVN form', () => {
    expect(parseCidr('10.0.1.0/24')).toBeDefined();
    expect(parseCidr('10.0.1.5/24')).toBeUndefined();
    expect(parseCidr('10.0.1.5/24', false)?.network).toBe(0x0a000100n);
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(cidrOverlaps(parseCidr('10.0.0.0/16')!, parseCidr('10.0.5.0/24')!)).toBe(true);
    expect(cidrOverlaps(parseCidr('10.0.0.0/24')!, parseCidr('10.0.1.0/24')!)).toBe(false);
    expect(parseIpRange('10.0.0.2..10.0.0.9')).toEqual({
      family: 4,
      first: 0x0a000002n,
      last: 0x0a000009n,
    });
    expect(parseIpRange('10.0.0.9..10.0.0.2')).toBeUndefined();
  });
});
