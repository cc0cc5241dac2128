import { describe, expect, it } from 'vitest';
import { formatTrafficProfile, parseTrafficProfile, trafficCommand } from './traffic.ts';

describe('traffic profiles', () => {
  it('reads what a user types and writes it back the same way', () => {
    for (const text of [
      'http-server 8080',
      'http-client http://10.0.2.11:8080/ every 500',
      'udp-stream 10.0.2.11:9000 100pps 512',
      'ping 10.0.2.11 every 1000',
    ]) {
      expect(formatTrafficProfile(parseTrafficProfile(text))).toBe(text);
    }
    expect(parseTrafficProfile('ping 10.0.1.1')).toEqual({
      kind: 'ping',
      target: '10.0.1.1',
      everyMs: 1000,
    });
  });

  it('refuses names where a workload needs numeric addresses (it has no DNS)', () => {
    expect(() =>
      trafficCommand({ kind: 'http-client', url: 'http://app-1:8080/', everyMs: 100 }, undefined),
    ).toThrow(/not a numeric IP address/);
    expect(() => parseTrafficProfile('ping')).toThrow(/is not a traffic profile/);
    expect(() => parseTrafficProfile('http-server 70000')).toThrow(/is not a traffic profile/);
  });

  it('binds the HTTP server to the workload address and pings numerically', () => {
    expect(trafficCommand({ kind: 'http-server', port: 80 }, '10.0.1.11').args.slice(-2)).toEqual([
      '10.0.1.11',
      '80',
    ]);
    expect(trafficCommand({ kind: 'ping', target: '10.0.1.1', everyMs: 200 }, undefined)).toEqual({
      command: 'ping',
      args: ['-n', '-q', '-i', '0.2', '10.0.1.1'],
    });
  });
});
