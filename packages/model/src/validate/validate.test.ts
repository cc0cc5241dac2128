import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../diagnostics.ts';
import { parseApplication } from '../parse.ts';
import type {
  Application,
  FirewallPolicy,
  LoadBalancer,
  LogicalRouter,
  LogicalSwitch,
  Workload,
} from '../schema/types.ts';
import { templates } from '../templates/index.ts';
import { editObject, threeTierApp, withObjects } from '../test-apps.ts';
import { validate } from './validate.ts';

const vm = (id: string, sw: string, ip?: string, mac?: string): Workload => ({
  id,
  name: id,
  kind: 'workload',
  workloadType: 'vm',
  nics: [{ id: 'eth0', switch: sw, ...(ip ? { ip } : {}), ...(mac ? { mac } : {}) }],
});

function codes(app: Application) {
  return validate(app).map((d) => `${d.code}@${d.objectId}`);
}

function expectFinding(app: Application, code: DiagnosticCode, objectId: string) {
  const found = validate(app).filter((d) => d.code === code && d.objectId === objectId);
  expect(found, `expected ${code} on ${objectId}, got ${codes(app).join(', ')}`).not.toHaveLength(
    0,
  );
  for (const d of found) expect(d.message.length).toBeGreaterThan(20);
  return found;
}

const base = threeTierApp();

describe('validate', () => {
  it('finds nothing wrong in any template', () => {
    for (const t of templates) {
      const app = t.build({ id: 'x', name: 'x', tenant: 't' });
      expect(parseApplication(app).ok).toBe(true);
      expect(validate(app), t.id).toEqual([]);
    }
  });

  it('reports shape problems as schema diagnostics with the object and path', () => {
    const r = parseApplication({
      id: 'a',
      name: 'a',
      objects: [{ id: 'sw', kind: 'switch' }, { kind: 'nope' }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.every((d) => d.code === 'schema')).toBe(true);
    expect(r.diagnostics.find((d) => d.objectId === 'sw')?.path).toEqual(['name']);
    expect(r.diagnostics.some((d) => d.objectId === 'objects[1]')).toBe(true);
  });

  it('duplicate-id: two objects share an id', () => {
    expectFinding(
      withObjects(base, { ...vm('db-1', 'ls-db', '10.0.3.50'), name: 'other' }),
      'duplicate-id',
      'db-1',
    );
  });

  it('duplicate-name: two switches with one name', () => {
    const sw: LogicalSwitch = { id: 'ls-web2', name: 'Web', kind: 'switch', subnet: '10.9.0.0/24' };
    expectFinding(withObjects(base, sw), 'duplicate-name', 'ls-web2');
  });

  it('dangling-reference: a NIC on a switch that does not exist', () => {
    expectFinding(withObjects(base, vm('x', 'ls-nowhere', '10.0.9.9')), 'dangling-reference', 'x');
  });

  it('reference-wrong-kind: a NIC plugged into a router', () => {
    expectFinding(withObjects(base, vm('x', 'lr-edge')), 'reference-wrong-kind', 'x');
  });

  it('invalid-address: a subnet with host bits set', () => {
    const app = editObject<LogicalSwitch>(base, 'ls-db', (s) => ({ ...s, subnet: '10.0.3.7/24' }));
    expectFinding(app, 'invalid-address', 'ls-db');
  });

  it('invalid-mac: a multicast MAC on a NIC', () => {
    expectFinding(
      withObjects(base, vm('x', 'ls-db', '10.0.3.60', '01:00:5e:00:00:01')),
      'invalid-mac',
      'x',
    );
  });

  it('duplicate-ip: two workloads with one address', () => {
    expectFinding(withObjects(base, vm('x', 'ls-db', '10.0.3.11')), 'duplicate-ip', 'x');
  });

  it('duplicate-mac: two NICs with one MAC', () => {
    const app = withObjects(
      base,
      vm('x', 'ls-db', '10.0.3.60', '0a:00:00:00:00:01'),
      vm('y', 'ls-db', '10.0.3.61', '0A:00:00:00:00:01'),
    );
    expectFinding(app, 'duplicate-mac', 'y');
  });

  it('address-outside-subnet: a static IP from another subnet', () => {
    const [d] = expectFinding(
      withObjects(base, vm('x', 'ls-db', '10.0.4.5')),
      'address-outside-subnet',
      'x',
    );
    expect(d?.path).toEqual(['nics', 0, 'ip']);
    expect(d?.message).toContain('10.0.3.0/24');
  });

  it('address-outside-subnet: the broadcast address', () => {
    expectFinding(withObjects(base, vm('x', 'ls-db', '10.0.3.255')), 'address-outside-subnet', 'x');
  });

  it('reserved-address: a workload on the health-check source of its switch', () => {
    expectFinding(withObjects(base, vm('x', 'ls-web', '10.0.1.254')), 'reserved-address', 'x');
  });

  it('no-subnet: an IPv6 address on a switch without an IPv6 subnet', () => {
    const app = withObjects(base, {
      ...vm('x', 'ls-db', '10.0.3.60'),
      nics: [{ id: 'eth0', switch: 'ls-db', ip: '10.0.3.60', ip6: 'fd00::5' }],
    });
    expectFinding(app, 'no-subnet', 'x');
  });

  it('ip-family-mismatch: an IPv6 address in the IPv4 field, an IPv6 subnet as subnet, v4 route via v6', () => {
    expectFinding(withObjects(base, vm('x', 'ls-db', 'fd00::5')), 'ip-family-mismatch', 'x');
    expectFinding(
      editObject<LogicalSwitch>(base, 'ls-db', (s) => ({ ...s, subnet: 'fd00:3::/64' })),
      'ip-family-mismatch',
      'ls-db',
    );
    const routed = editObject<LogicalRouter>(base, 'lr-edge', (r) => ({
      ...r,
      routes: [{ prefix: '192.0.2.0/24', nextHop: 'fd00::1' }],
    }));
    expectFinding(routed, 'ip-family-mismatch', 'lr-edge');
  });

  it('overlapping-subnets: two switches on one router overlap', () => {
    const app = editObject<LogicalSwitch>(base, 'ls-db', (s) => ({
      ...s,
      subnet: '10.0.2.128/25',
    }));
    const fixed = editObject<Workload>(app, 'db-1', (w) => ({
      ...w,
      nics: [{ id: 'eth0', switch: 'ls-db', ip: '10.0.2.200' }],
    }));
    const routerFixed = editObject<LogicalRouter>(fixed, 'lr-edge', (r) => ({
      ...r,
      interfaces: r.interfaces.map((i) => (i.switch === 'ls-db' ? { ...i, ip: '10.0.2.129' } : i)),
    }));
    expectFinding(routerFixed, 'overlapping-subnets', 'lr-edge');
  });

  it('overlapping subnets on switches no router joins are fine', () => {
    const sw: LogicalSwitch = {
      id: 'ls-iso',
      name: 'isolated',
      kind: 'switch',
      subnet: '10.0.1.0/24',
    };
    expect(codes(withObjects(base, sw)).filter((c) => c.startsWith('overlapping'))).toEqual([]);
  });

  it('router-ip-conflict: a router interface takes a workload address', () => {
    const app = editObject<Workload>(base, 'db-1', (w) => ({
      ...w,
      nics: [{ id: 'eth0', switch: 'ls-db', ip: '10.0.3.1' }],
    }));
    expectFinding(app, 'router-ip-conflict', 'lr-edge');
  });

  it('router-ip-conflict: a router interface inside the DHCP range', () => {
    const app = editObject<LogicalSwitch>(base, 'ls-db', (s) => ({
      ...s,
      dhcp: { enabled: true, range: { start: '10.0.3.1', end: '10.0.3.9' } },
    }));
    expectFinding(app, 'router-ip-conflict', 'lr-edge');
  });

  it('router-attached-twice: two interfaces on one switch', () => {
    const app = editObject<LogicalRouter>(base, 'lr-edge', (r) => ({
      ...r,
      interfaces: [...r.interfaces, { switch: 'ls-web', ip: '10.0.1.254' }],
    }));
    expectFinding(app, 'router-attached-twice', 'lr-edge');
  });

  it('dhcp-range-outside-subnet', () => {
    const app = editObject<LogicalSwitch>(base, 'ls-app', (s) => ({
      ...s,
      dhcp: { enabled: true, range: { start: '10.0.9.100', end: '10.0.9.200' } },
    }));
    expectFinding(app, 'dhcp-range-outside-subnet', 'ls-app');
  });

  it('ipam-exhausted: more workloads than a /30 holds', () => {
    const tiny: LogicalSwitch = {
      id: 'ls-tiny',
      name: 'tiny',
      kind: 'switch',
      subnet: '10.99.0.0/30',
    };
    const app = withObjects(
      base,
      tiny,
      vm('t1', 'ls-tiny'),
      vm('t2', 'ls-tiny'),
      vm('t3', 'ls-tiny'),
    );
    expectFinding(app, 'ipam-exhausted', 't3');
  });

  it('lb-backend-unreachable: a backend on a switch no router joins', () => {
    const iso: LogicalSwitch = {
      id: 'ls-iso',
      name: 'iso',
      kind: 'switch',
      subnet: '10.50.0.0/24',
    };
    const app = editObject<LoadBalancer>(
      withObjects(base, iso, vm('lonely', 'ls-iso', '10.50.0.10')),
      'lb-web',
      (lb) => ({
        ...lb,
        vips: [{ ip: '203.0.113.10', port: 80, backends: [{ workload: 'lonely', port: 80 }] }],
      }),
    );
    const [d] = expectFinding(app, 'lb-backend-unreachable', 'lb-web');
    expect(d?.message).toContain('lonely');
  });

  it('lb-backend-missing: a backend with neither workload nor address', () => {
    const app = editObject<LoadBalancer>(base, 'lb-web', (lb) => ({
      ...lb,
      vips: [{ ip: '203.0.113.10', port: 80, backends: [{ port: 80 }] }],
    }));
    expectFinding(app, 'lb-backend-missing', 'lb-web');
  });

  it('unknown-group: a rule naming a group that does not exist', () => {
    const app = editObject<FirewallPolicy>(base, 'fw-tiers', (p) => ({
      ...p,
      rules: [{ ...p.rules[0]!, to: { group: 'g-cache' } }, ...p.rules.slice(1)],
    }));
    const [d] = expectFinding(app, 'unknown-group', 'fw-tiers');
    expect(d?.path).toEqual(['rules', 0, 'to', 'group']);
  });

  it('invalid-port-range: reversed range and ports on icmp', () => {
    const reversed = editObject<FirewallPolicy>(base, 'fw-tiers', (p) => ({
      ...p,
      rules: [
        { ...p.rules[0]!, services: [{ protocol: 'tcp', ports: '9000-80' }] },
        ...p.rules.slice(1),
      ],
    }));
    expectFinding(reversed, 'invalid-port-range', 'fw-tiers');
    const icmp = editObject<FirewallPolicy>(base, 'fw-tiers', (p) => ({
      ...p,
      rules: [
        { ...p.rules[0]!, services: [{ protocol: 'icmp', ports: '8' }] },
        ...p.rules.slice(1),
      ],
    }));
    expectFinding(icmp, 'invalid-port-range', 'fw-tiers');
  });

  it('shadowed-rule: a rule after a broader one never matches', () => {
    const app = editObject<FirewallPolicy>(base, 'fw-tiers', (p) => ({
      ...p,
      rules: [
        ...p.rules,
        {
          id: 'late',
          from: { group: 'g-web' },
          to: { group: 'g-db' },
          services: [{ protocol: 'tcp', ports: '5432' }],
          action: 'allow',
          log: false,
          direction: 'to-lport',
        },
      ],
    }));
    const [d] = expectFinding(app, 'shadowed-rule', 'fw-tiers');
    expect(d?.severity).toBe('warning');
    expect(d?.path).toEqual(['rules', 4]);
    expect(d?.message).toContain('everything else');
  });

  it('a narrower rule before a broader one is not shadowed', () => {
    const app = editObject<FirewallPolicy>(base, 'fw-tiers', (p) => ({
      ...p,
      rules: [
        {
          id: 'narrow',
          from: { cidr: '10.0.1.0/25' },
          to: 'any',
          services: [{ protocol: 'tcp', ports: '22' }],
          action: 'drop',
          log: false,
          direction: 'to-lport',
        },
        ...p.rules,
      ],
    }));
    expect(codes(app).filter((c) => c.startsWith('shadowed'))).toEqual([]);
  });

  it('gateway-outside-uplink: a gateway address off the physical subnet', () => {
    const app = editObject<LogicalRouter>(base, 'lr-edge', (r) => ({
      ...r,
      gateway: { uplink: 'uplink', ip: '198.51.100.2', chassis: [] },
    }));
    expectFinding(app, 'gateway-outside-uplink', 'lr-edge');
  });

  it('nat-outside-gateway: NAT on a router with no gateway', () => {
    const app = editObject<LogicalRouter>(
      base,
      'lr-edge',
      ({ gateway: _gw, ...r }) => r as LogicalRouter,
    );
    expectFinding(app, 'nat-outside-gateway', 'lr-edge');
  });

  it('puts errors before warnings', () => {
    const app = editObject<FirewallPolicy>(
      withObjects(base, vm('x', 'ls-db', '10.0.4.5')),
      'fw-tiers',
      (p) => ({
        ...p,
        rules: [...p.rules, { ...p.rules[0]!, id: 'dup-of-first' }],
      }),
    );
    const sev = validate(app).map((d) => d.severity);
    expect(sev).toContain('warning');
    expect(sev.indexOf('warning')).toBeGreaterThan(sev.lastIndexOf('error'));
  });
});
