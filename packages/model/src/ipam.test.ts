import { describe, expect, it } from 'vitest';
import { allocateAddresses, resolveAddresses } from './ipam.ts';
import { cidrContains, parseCidr, parseIp } from './net/ip.ts';
import type { Application, LogicalSwitch, Workload } from './schema/types.ts';
import { withObjects } from './test-apps.ts';
import { validate } from './validate/validate.ts';

const sw = (id: string, extra: Partial<LogicalSwitch> = {}): LogicalSwitch => ({
  id,
  name: id,
  kind: 'switch',
  subnet: '10.1.0.0/24',
  ...extra,
});
const vm = (id: string, switchId: string, ip?: string): Workload => ({
  id,
  name: id,
  kind: 'workload',
  workloadType: 'vm',
  nics: [{ id: 'eth0', switch: switchId, ...(ip ? { ip } : {}) }],
});
const app = (...objects: Application['objects']): Application => ({
  schemaVersion: 1,
  id: 'a',
  name: 'a',
  tenant: 't',
  version: 0,
  objects,
  layout: { positions: {}, collapsed: [] },
});
const ipOf = (a: Application, w: string) =>
  resolveAddresses(a).nics.find((n) => n.workloadId === w)?.ip;

describe('IPAM', () => {
  it('allocates unique addresses inside the subnet, skipping network, broadcast and router', () => {
    const vms = Array.from({ length: 50 }, (_, i) => vm(`vm${i}`, 'ls'));
    const a = app(
      sw('ls'),
      { id: 'r', name: 'r', kind: 'router', interfaces: [{ switch: 'ls' }], routes: [], nat: [] },
      ...vms,
    );
    const plan = resolveAddresses(a);
    const subnet = parseCidr('10.1.0.0/24');
    const ips = plan.nics.map((n) => n.ip);
    expect(new Set(ips).size).toBe(50);
    for (const ip of ips) {
      const p = parseIp(ip ?? '');
      expect(p && subnet && cidrContains(subnet, p)).toBe(true);
      expect(ip).not.toMatch(/\.(0|255)$/);
    }
    expect(plan.routerPorts[0]?.ip).toBe('10.1.0.1');
    expect(ips).not.toContain('10.1.0.1');
    expect(plan.nics.every((n) => n.ipSource === 'allocated' && n.macSource === 'allocated')).toBe(
      true,
    );
  });

  it('honours exclusions, the DHCP range and static addresses', () => {
    const s = sw('ls', {
      subnet: '10.1.0.0/28',
      excludeIps: ['10.1.0.1..10.1.0.6'],
      dhcp: { enabled: true, range: { start: '10.1.0.10', end: '10.1.0.14' } },
    });
    // hosts .1-.14; .1-.6 excluded, .10-.14 DHCP: .7 .8 .9 remain; .8 is static
    const a = app(s, vm('fixed', 'ls', '10.1.0.8'), vm('x', 'ls'), vm('y', 'ls'), vm('z', 'ls'));
    const ips = resolveAddresses(a).nics.map((n) => n.ip);
    expect(ips.slice(0, 3).sort()).toEqual(['10.1.0.7', '10.1.0.8', '10.1.0.9']);
    expect(ips[3]).toBeUndefined();
    expect(validate(a).find((d) => d.objectId === 'z')?.code).toBe('ipam-exhausted');
  });

  it('is deterministic and independent of object order', () => {
    const objs = [sw('ls'), vm('a1', 'ls'), vm('b2', 'ls'), vm('c3', 'ls')];
    const one = resolveAddresses(app(...objs)).nics;
    const two = resolveAddresses(app(...[...objs].reverse())).nics;
    const byId = (ns: typeof one) =>
      Object.fromEntries(ns.map((n) => [n.workloadId, [n.ip, n.mac]]));
    expect(byId(two)).toEqual(byId(one));
    expect(resolveAddresses(app(...objs)).nics).toEqual(one);
  });

  it('keeps existing allocations when unrelated objects are added or removed', () => {
    const before = app(
      sw('ls'),
      sw('other', { subnet: '10.2.0.0/24' }),
      vm('a', 'ls'),
      vm('b', 'ls'),
      vm('c', 'ls'),
    );
    const after = withObjects(
      { ...before, objects: before.objects.filter((o) => o.id !== 'c') },
      vm('d', 'other'),
      vm('e', 'ls'),
    );
    for (const w of ['a', 'b']) expect(ipOf(after, w)).toBe(ipOf(before, w));
  });

  it('writes allocations into the design so they stay put', () => {
    const a = app(sw('ls', { subnet6: 'fd00:1::/64' }), vm('a', 'ls'), vm('b', 'ls', '10.1.0.50'));
    const filled = allocateAddresses(a);
    const nic = (id: string) => (filled.objects.find((o) => o.id === id) as Workload).nics[0];
    expect(nic('a')?.ip).toBe(ipOf(a, 'a'));
    expect(nic('b')?.ip).toBe('10.1.0.50');
    expect(nic('a')?.mac).toMatch(/^02:4e:43(:[0-9a-f]{2}){3}$/);
    // EUI-64 from the MAC, as OVN derives it for IPv6 on a /64
    const mac = nic('a')?.mac ?? '';
    const [m0, m1, m2, m3, m4, m5] = mac.split(':');
    const expected =
      `fd00:1::${(Number.parseInt(m0 ?? '0', 16) ^ 2).toString(16)}${m1}:${m2}ff:fe${m3}:${m4}${m5}`.replace(
        /:0+([0-9a-f])/g,
        ':$1',
      );
    expect(nic('a')?.ip6).toBe(expected);
    expect(allocateAddresses(filled)).toEqual(filled);
    expect(validate(filled)).toEqual([]);
  });
});
