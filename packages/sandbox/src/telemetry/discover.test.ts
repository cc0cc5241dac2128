import { type Application, templateById } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { discoverDeniedFlows, discoverFlows } from './discover.ts';

const app = (): Application =>
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });

const ifIndexes = () => {
  const m = new Map<string, number>();
  return (w: string, n: string) => {
    const k = `${w}/${n}`;
    if (!m.has(k)) m.set(k, m.size + 1);
    return m.get(k)!;
  };
};

const pairs = (a: Application) =>
  discoverFlows('acme/shop', a, ifIndexes()).map(
    (f) => `${f.request.srcIp}>${f.request.dstIp}:${f.protocol}/${f.request.dstPort}`,
  );

describe('discoverFlows', () => {
  it('finds what the three-tier policy permits: clients via the VIP to both webs, web→app, app→db', () => {
    expect(pairs(app()).sort()).toEqual(
      [
        '198.51.100.10>10.0.1.11:tcp/80',
        '198.51.100.11>10.0.1.11:tcp/80',
        '198.51.100.12>10.0.1.12:tcp/80',
        '198.51.100.13>10.0.1.12:tcp/80',
        '10.0.1.11>10.0.2.11:tcp/8080',
        '10.0.1.11>10.0.2.12:tcp/8080',
        '10.0.1.12>10.0.2.11:tcp/8080',
        '10.0.1.12>10.0.2.12:tcp/8080',
        '10.0.2.11>10.0.3.11:tcp/5432',
        '10.0.2.12>10.0.3.11:tcp/5432',
      ].sort(),
    );
  });

  it('drops a connection as soon as the policy stops permitting it', () => {
    const a = app();
    const objects = a.objects.map((o) =>
      o.kind === 'firewall' ? { ...o, rules: o.rules.filter((r) => r.id !== 'app-to-db') } : o,
    );
    const found = pairs({ ...a, objects });
    expect(found.some((p) => p.endsWith(':tcp/5432'))).toBe(false);
    expect(found.some((p) => p.endsWith(':tcp/8080'))).toBe(true);
  });

  it('sends a client packet from the router MAC to the backend, and a response back to the router', () => {
    const flows = discoverFlows('acme/shop', app(), ifIndexes());
    const fromOutside = flows.find((f) => f.request.srcIp.startsWith('198.51.100.'))!;
    expect(fromOutside.request.senderIfIndex).toBeUndefined();
    expect(fromOutside.request.receiverIfIndex).toBeGreaterThan(0);
    expect(fromOutside.response.dstMac).toBe(fromOutside.request.srcMac);
    const toApp = flows.find((f) => f.request.dstPort === 8080)!;
    expect(toApp.profile.tier).toBe('app');
    expect(toApp.response.srcPort).toBe(8080);
  });

  it('finds the attempts the policy drops: each web server trying the database, with the rule that drops it', () => {
    const a = app();
    const ifIndexOf = ifIndexes();
    const denied = discoverDeniedFlows(
      'acme/shop',
      a,
      ifIndexOf,
      discoverFlows('acme/shop', a, ifIndexOf),
    );
    expect(
      denied
        .map((f) => `${f.request.srcIp}>${f.request.dstIp}:${f.protocol}/${f.request.dstPort}`)
        .sort(),
    ).toEqual(['10.0.1.11>10.0.3.11:tcp/5432', '10.0.1.12>10.0.3.11:tcp/5432']);
    for (const f of denied) {
      expect(f.denied).toEqual({ policyId: 'fw-tiers', ruleId: 'default-drop' });
      expect(f.profile.tier).toBe('denied');
      expect(f.label).toMatch(/^web-\d → db-1 tcp\/5432 \(dropped by rule /);
    }
    // once the policy lets web reach the database, nothing of it is dropped any more
    const open = {
      ...a,
      objects: a.objects.map((o) =>
        o.kind === 'firewall' ? { ...o, rules: o.rules.filter((r) => r.id !== 'default-drop') } : o,
      ),
    };
    expect(
      discoverDeniedFlows(
        'acme/shop',
        open,
        ifIndexOf,
        discoverFlows('acme/shop', open, ifIndexOf),
      ),
    ).toEqual([]);
  });
});
