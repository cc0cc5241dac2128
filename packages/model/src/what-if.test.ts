import { describe, expect, it } from 'vitest';
import type { FirewallPolicy, LogicalRouter } from './schema/types.ts';
import { editObject, threeTierApp } from './test-apps.ts';
import { whatIf } from './what-if.ts';

const app = threeTierApp();
const kinds = (r: ReturnType<typeof whatIf>) => r.hops.map((h) => `${h.kind}:${h.name}`);

describe('whatIf on the three-tier template', () => {
  it('web reaches app on 8080 through the router, allowed by "web to app"', () => {
    const r = whatIf(app, { from: 'web-1', to: 'app-1', protocol: 'tcp', port: 8080 });
    expect(r.verdict).toBe('delivered');
    expect(r.decidingRule).toMatchObject({
      ruleId: 'web-to-app',
      action: 'allow-related',
      policyId: 'fw-tiers',
    });
    expect(kinds(r)).toEqual([
      'workload:web-1',
      'switch:web',
      'router:edge',
      'switch:app',
      'firewall:tiers',
      'workload:app-1',
    ]);
    expect(r.finalDestination).toBe('10.0.2.11:8080');
  });

  it('web does not reach db on 5432: "everything else" drops it', () => {
    const r = whatIf(app, { from: 'web-1', to: 'db-1', protocol: 'tcp', port: 5432 });
    expect(r.verdict).toBe('dropped');
    expect(r.decidingRule).toMatchObject({ ruleId: 'default-drop', action: 'drop' });
    expect(r.reason).toContain('db-1');
  });

  it('app reaches db on 5432, but not on 22', () => {
    expect(whatIf(app, { from: 'app-2', to: 'db-1', protocol: 'tcp', port: 5432 }).verdict).toBe(
      'delivered',
    );
    expect(whatIf(app, { from: 'app-2', to: '10.0.3.11', protocol: 'tcp', port: 22 }).verdict).toBe(
      'dropped',
    );
  });

  it('an outside client reaches the VIP: uplink, LB translation to a web backend', () => {
    const r = whatIf(app, { from: '198.51.100.7', to: 'web-vip', protocol: 'tcp', port: 80 });
    expect(r.verdict).toBe('delivered');
    expect(kinds(r).slice(0, 3)).toEqual([
      'external:198.51.100.7',
      'uplink:external',
      'load-balancer:web-vip',
    ]);
    expect(r.hops[2]?.detail).toBe('203.0.113.10:80 → 10.0.1.11:80');
    expect(r.decidingRule?.ruleId).toBe('any-to-web');
  });

  it('the VIP on an unlisted port is not load balanced, only routed', () => {
    const r = whatIf(app, { from: '198.51.100.7', to: '203.0.113.10', protocol: 'tcp', port: 443 });
    expect(r.verdict).toBe('delivered');
    expect(r.hops.some((h) => h.kind === 'load-balancer')).toBe(false);
  });

  it('traffic leaving the app is SNATed to the gateway address', () => {
    const r = whatIf(app, { from: 'db-1', to: '198.51.100.7', protocol: 'tcp', port: 443 });
    expect(r.verdict).toBe('delivered');
    expect(r.hops.find((h) => h.kind === 'nat')?.detail).toBe('SNAT 10.0.3.11 → 203.0.113.2');
  });

  it('a from-lport drop stops the packet where it leaves the source', () => {
    const strict = editObject<FirewallPolicy>(app, 'fw-tiers', (p) => ({
      ...p,
      rules: [
        {
          id: 'no-egress',
          from: { group: 'g-web' },
          to: 'any',
          services: [],
          action: 'reject',
          log: false,
          direction: 'from-lport',
        },
        ...p.rules,
      ],
    }));
    const r = whatIf(strict, { from: 'web-1', to: 'app-1', protocol: 'tcp', port: 8080 });
    expect(r.verdict).toBe('dropped');
    expect(r.decidingRule?.ruleId).toBe('no-egress');
    expect(kinds(r)).toEqual(['workload:web-1', 'firewall:tiers']);
  });

  it('no route: a router without the destination subnet', () => {
    const cut = editObject<LogicalRouter>(app, 'lr-edge', (r) => ({
      ...r,
      interfaces: r.interfaces.filter((i) => i.switch !== 'ls-db'),
    }));
    const r = whatIf(cut, { from: 'web-1', to: 'db-1', protocol: 'tcp', port: 5432 });
    expect(r.verdict).toBe('dropped');
    expect(r.decidingRule).toBeUndefined();
  });

  it('explains unknown endpoints', () => {
    const r = whatIf(app, { from: 'nobody', to: 'db-1', protocol: 'icmp' });
    expect(r.verdict).toBe('dropped');
    expect(r.reason).toContain('"nobody"');
  });
});
