import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPlan, deepEqual, plan } from './plan.ts';
import type { Application, NetworkObject } from './schema/types.ts';
import { editObject, threeTierApp } from './test-apps.ts';

const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const name = fc.constantFrom('web', 'app', 'db', 'edge');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const strip = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const sw: fc.Arbitrary<NetworkObject> = fc
  .record({
    id,
    name,
    subnet: maybe(fc.constantFrom('10.0.1.0/24', '10.0.2.0/24')),
    mtu: maybe(fc.constantFrom(1400, 1500)),
    tags: maybe(fc.array(name, { maxLength: 3 })),
  })
  .map((r) => strip({ ...r, kind: 'switch' as const }));
const workload: fc.Arbitrary<NetworkObject> = fc
  .record({
    id,
    name,
    workloadType: fc.constantFrom('vm' as const, 'container' as const),
    nics: fc.array(
      fc
        .record({
          id: fc.constantFrom('eth0', 'eth1'),
          switch: id,
          ip: maybe(fc.constantFrom('10.0.1.5', '10.0.1.6')),
        })
        .map(strip),
      { maxLength: 3 },
    ),
  })
  .map((r) => ({ ...r, kind: 'workload' as const }));
const firewall: fc.Arbitrary<NetworkObject> = fc
  .record({
    id,
    name,
    priority: fc.integer({ min: 0, max: 3 }),
    rules: fc.array(
      fc.record({
        id: fc.constantFrom('r1', 'r2', 'r3'),
        from: fc.constantFrom('any' as const, { group: 'g' }, { cidr: '10.0.0.0/8' }),
        to: fc.constantFrom('any' as const, { group: 'h' }),
        services: fc.array(
          fc
            .record({
              protocol: fc.constantFrom('tcp' as const, 'udp' as const),
              ports: maybe(fc.constantFrom('80', '1-1024')),
            })
            .map(strip),
          { maxLength: 2 },
        ),
        action: fc.constantFrom('allow' as const, 'drop' as const),
        log: fc.boolean(),
        direction: fc.constantFrom('to-lport' as const, 'from-lport' as const),
      }),
      { maxLength: 4 },
    ),
  })
  .map((r) => ({ ...r, kind: 'firewall' as const }));

const objects = fc.uniqueArray(fc.oneof(sw, workload, firewall), {
  selector: (o) => o.id,
  maxLength: 6,
});
const appOf = (objs: NetworkObject[]): Application => ({
  schemaVersion: 1,
  id: 'p',
  name: 'p',
  tenant: 't',
  version: 0,
  objects: objs,
  layout: { positions: {}, collapsed: [] },
});
const sameObjects = (x: readonly NetworkObject[], y: readonly NetworkObject[]) =>
  x.length === y.length &&
  x.every((o) =>
    deepEqual(
      o,
      y.find((p) => p.id === o.id),
    ),
  );

describe('plan', () => {
  it('plan(x, x) is empty', () => {
    fc.assert(fc.property(objects, (objs) => plan(appOf(objs), appOf(objs)).length === 0));
  });

  it('applying plan(a, b) to a yields b', () => {
    fc.assert(
      fc.property(objects, objects, (a, b) => {
        const result = applyPlan(appOf(a), plan(appOf(a), appOf(b)));
        return sameObjects(result.objects, b);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on object order', () => {
    fc.assert(
      fc.property(objects, objects, (a, b) => {
        const forward = plan(appOf(a), appOf(b));
        const shuffled = plan(appOf([...a].reverse()), appOf([...b].reverse()));
        return deepEqual(forward, shuffled);
      }),
    );
  });

  it('reports field-level updates a reviewer can read, and ignores layout', () => {
    const a = threeTierApp();
    const b = editObject(a, 'fw-tiers', (p) => {
      if (p.kind !== 'firewall') return p;
      return {
        ...p,
        rules: p.rules.map((r) =>
          r.id === 'web-to-app'
            ? { ...r, services: [{ protocol: 'tcp' as const, ports: '8443' }] }
            : r,
        ),
      };
    });
    const moved = {
      ...b,
      layout: { ...b.layout, positions: { ...b.layout.positions, 'db-1': { x: 1, y: 1 } } },
    };
    const changes = plan(a, moved);
    expect(changes).toEqual([
      {
        op: 'update',
        id: 'fw-tiers',
        kind: 'firewall',
        name: 'tiers',
        fields: [{ path: ['rules', 1, 'services', 0, 'ports'], before: '8080', after: '8443' }],
      },
    ]);
  });

  it('orders creates by dependency and deletes in reverse', () => {
    const a = threeTierApp();
    const empty = { ...a, objects: [] };
    const creates = plan(empty, a).map((c) => c.kind);
    expect(creates.indexOf('switch')).toBeLessThan(creates.indexOf('workload'));
    expect(creates.indexOf('uplink')).toBeLessThan(creates.indexOf('router'));
    const deletes = plan(a, empty).map((c) => c.kind);
    expect(deletes.indexOf('workload')).toBeLessThan(deletes.indexOf('switch'));
  });
});
