import { readFileSync } from 'node:fs';
import { type Application, templateById, type WhatIfQuery, whatIf } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { interpretTrace } from './trace-interpret.ts';
import { tracePacket } from './trace-packet.ts';
import { parseDetailedTrace } from './trace-parse.ts';

// real `ovn-trace --detailed` output (OVN 23.03) for the three-tier template applied as
// acme/shop by the driver; see ../fixtures/README.md for how they were produced
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/ovn-trace-three-tier-${name}.txt`, import.meta.url), 'utf8');

const build = (tenant: string): Application =>
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant });

function interpret(app: Application, query: WhatIfQuery, name: string) {
  const parsed = parseDetailedTrace(fixture(name));
  if (!parsed) throw new Error(`fixture ${name} holds no trace`);
  return interpretTrace(app, tracePacket(app, query), parsed);
}

describe('interpretTrace: ovn-trace hops back onto the design the canvas draws', () => {
  it('web-1 → app-1 tcp/8080: every datapath, port and ACL names a design object', () => {
    const app = build('acme');
    const query: WhatIfQuery = { from: 'web-1', to: 'app-1', protocol: 'tcp', port: 8080 };
    const ours = interpret(app, query, 'web-1-app-1-tcp-8080');
    expect(ours.hops.map((h) => [h.kind, h.objectId])).toEqual([
      ['workload', 'web-1'],
      ['switch', 'ls-web'],
      ['router', 'lr-edge'],
      ['switch', 'ls-app'],
      ['firewall', 'fw-tiers'],
      ['workload', 'app-1'],
    ]);
    // the canvas lights up the same objects as for the model's own trace
    const model = whatIf(app, query);
    expect(new Set(ours.hops.map((h) => h.objectId))).toEqual(
      new Set(model.hops.map((h) => h.objectId)),
    );
    expect(ours.decidingRule).toEqual(model.decidingRule);
    expect(ours.decidingRule).toMatchObject({ policyId: 'fw-tiers', ruleId: 'web-to-app' });
    expect(ours.hops.find((h) => h.kind === 'firewall')?.detail).toBe(
      'to-lport rule web to app: allow-related',
    );
    expect(ours.finalDestination).toBe('10.0.2.11:8080');
  });

  it('web-1 → db-1 tcp/5432: dropped, with the ACL mapped to the "everything else" rule', () => {
    const app = build('acme');
    const query: WhatIfQuery = { from: 'web-1', to: 'db-1', protocol: 'tcp', port: 5432 };
    const ours = interpret(app, query, 'web-1-db-1-tcp-5432');
    expect(ours.verdict).toBe('dropped');
    expect(ours.hops.map((h) => h.objectId)).toEqual([
      'web-1',
      'ls-web',
      'lr-edge',
      'ls-db',
      'fw-tiers',
    ]);
    expect(ours.decidingRule).toMatchObject({
      policyId: 'fw-tiers',
      ruleId: 'default-drop',
      action: 'drop',
    });
    expect(ours.decidingRule).toEqual(whatIf(app, query).decidingRule);
    expect(ours.reason).toBe('rule everything else of tiers drops it before it reaches db-1');
  });

  it("rows of another tenant's app map to none of this design's objects", () => {
    // same ids, other tenant: OVN names its rows acme.shop.*, this design's are other.shop.*
    const app = build('other');
    const query: WhatIfQuery = { from: 'web-1', to: 'app-1', protocol: 'tcp', port: 8080 };
    const ours = interpret(app, query, 'web-1-app-1-tcp-8080');
    const between = ours.hops.slice(1);
    expect(between.map((h) => h.objectId)).toEqual(between.map(() => undefined));
    expect(between.map((h) => h.name)).toContain('acme.shop.lr-edge');
    expect(ours.decidingRule).toBeUndefined();
  });
});
