import { type Application, templateById, type WhatIfQuery, whatIf } from '@netcanvas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvnDriver } from './driver.ts';
import { OvnError } from './errors.ts';
import { type OvnCentral, startOvnCentral } from './testing/ovn-central.ts';
import { traceWorkloads } from './trace.ts';

const threeTier = (): Application =>
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });
const kinds = (r: { hops: readonly { kind: string; name: string }[] }) =>
  r.hops.map((h) => `${h.kind}:${h.name}`);

describe('traceWorkloads: ovn-trace against the flows northd computed', { timeout: 30_000 }, () => {
  let ovn: OvnCentral;
  const app = threeTier();
  const trace = (query: WhatIfQuery) => traceWorkloads(app, query, { sbRemote: ovn.sb.unixRemote });

  beforeAll(async () => {
    ovn = await startOvnCentral();
    const driver = await OvnDriver.connect({ remote: ovn.nbRemote });
    await driver.apply(app);
    driver.close();
    await ovn.sync();
  });
  afterAll(async () => {
    await ovn?.stop();
  });

  const flows: [string, WhatIfQuery, 'delivered' | 'dropped', string][] = [
    [
      'web-1 → app-1 tcp/8080',
      { from: 'web-1', to: 'app-1', protocol: 'tcp', port: 8080 },
      'delivered',
      'web-to-app',
    ],
    [
      'web-1 → db-1 tcp/5432',
      { from: 'web-1', to: 'db-1', protocol: 'tcp', port: 5432 },
      'dropped',
      'default-drop',
    ],
    [
      'app-1 → db-1 tcp/5432',
      { from: 'app-1', to: 'db-1', protocol: 'tcp', port: 5432 },
      'delivered',
      'app-to-db',
    ],
    [
      'web-2 → web-1 tcp/22 (same switch)',
      { from: 'web-2', to: 'web-1', protocol: 'tcp', port: 22 },
      'dropped',
      'default-drop',
    ],
    [
      'app-1 → web-vip tcp/80 (the LB on the router)',
      { from: 'app-1', to: 'lb-web', protocol: 'tcp', port: 80 },
      'delivered',
      'any-to-web',
    ],
    [
      'app-1 → db-1 icmp',
      { from: 'app-1', to: 'db-1', protocol: 'icmp' },
      'dropped',
      'default-drop',
    ],
  ];
  for (const [title, query, verdict, ruleId] of flows) {
    it(`${title}: OVN and whatIf agree (${verdict}, deciding rule ${ruleId})`, async () => {
      const [ours, model] = [await trace(query), whatIf(app, query)];
      expect(ours.verdict).toBe(verdict);
      expect(ours.decidingRule?.ruleId).toBe(ruleId);
      expect(ours.decidingRule).toEqual(model.decidingRule);
      expect(ours.verdict).toBe(model.verdict);
      expect(ours.finalDestination).toBe(model.finalDestination);
    });
  }

  it('names the hops after model objects, in the same order as whatIf', async () => {
    const query: WhatIfQuery = { from: 'web-1', to: 'app-1', protocol: 'tcp', port: 8080 };
    const ours = await trace(query);
    expect(kinds(ours)).toEqual(kinds(whatIf(app, query)));
    expect(ours.hops.map((h) => h.objectId)).toEqual([
      'web-1',
      'ls-web',
      'lr-edge',
      'ls-app',
      'fw-tiers',
      'app-1',
    ]);
    expect(ours.reason).toBe('rule web to app of tiers allows it');
    const dropped = await trace({ from: 'web-1', to: 'db-1', protocol: 'tcp', port: 5432 });
    expect(dropped.reason).toBe('rule everything else of tiers drops it before it reaches db-1');
    expect(dropped.packet.microflow).toContain('eth.dst == ');
  });

  it('a client on the web switch reaches the VIP: balanced to web-1, allowed by "clients to web"', async () => {
    const query: WhatIfQuery = { from: 'web-2', to: 'lb-web', protocol: 'tcp', port: 80 };
    const [ours, model] = [await trace(query), whatIf(app, query)];
    expect(ours.verdict).toBe('delivered');
    expect(model.verdict).toBe('delivered');
    expect(ours.decidingRule?.ruleId).toBe('any-to-web');
    expect(ours.decidingRule).toEqual(model.decidingRule);
    expect(ours.finalDestination).toBe('10.0.1.11:80');
    expect(ours.finalDestination).toBe(model.finalDestination);
    const lb = ours.hops.find((h) => h.kind === 'load-balancer');
    expect(lb).toMatchObject({ objectId: 'lb-web', detail: '203.0.113.10:80 → 10.0.1.11:80' });
    // OVN hairpins through the router (eth.dst was its MAC); whatIf delivers on the switch
    expect(kinds(ours)).toEqual([
      'workload:web-2',
      'switch:web',
      'load-balancer:web-vip',
      'router:edge',
      'switch:web',
      'firewall:tiers',
      'workload:web-1',
    ]);
    expect(kinds(model)).toEqual([
      'workload:web-2',
      'load-balancer:web-vip',
      'switch:web',
      'firewall:tiers',
      'workload:web-1',
    ]);
  });

  it('an unknown workload is a clear trace-failed error', async () => {
    const error = await trace({ from: 'web-9', to: 'app-1', protocol: 'tcp', port: 80 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OvnError);
    expect((error as OvnError).code).toBe('trace-failed');
    expect((error as OvnError).message).toContain('"web-9" is not a workload of shop');
    const to = await trace({ from: 'web-1', to: 'nope', protocol: 'tcp', port: 80 }).catch(
      (e: unknown) => e,
    );
    expect((to as OvnError).message).toContain('"nope" is neither a workload');
    const out = await trace({
      from: 'app-1',
      to: '198.51.100.7',
      protocol: 'tcp',
      port: 443,
    }).catch((e: unknown) => e);
    expect((out as OvnError).message).toContain('use whatIf for traffic leaving the app');
  });

  it("an app that is not applied fails with ovn-trace's own words", async () => {
    const other = templateById('three-tier').build({ id: 'other', name: 'other', tenant: 'acme' });
    const error = await traceWorkloads(
      other,
      { from: 'web-1', to: 'app-1', protocol: 'tcp', port: 8080 },
      { sbRemote: ovn.sb.unixRemote },
    ).catch((e: unknown) => e);
    expect((error as OvnError).code).toBe('trace-failed');
    expect((error as OvnError).message).toContain('unknown datapath "acme.other.ls-web"');
    const down = await traceWorkloads(
      app,
      { from: 'web-1', to: 'app-1', protocol: 'tcp', port: 8080 },
      { sbRemote: 'unix:/nonexistent/sb.sock', timeoutMs: 5_000 },
    ).catch((e: unknown) => e);
    expect((down as OvnError).code).toBe('trace-failed');
    expect((down as OvnError).message).toContain('database connection failed');
  });
});
