import { type Application, type NetworkObject, templateById } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { objectStates } from './object-state.ts';
import { deploySummary } from './summary.ts';
import type { Deployment } from './types.ts';

const shop = (): Application =>
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });

const edit = (app: Application, id: string, change: (o: NetworkObject) => NetworkObject) => ({
  ...app,
  objects: app.objects.map((o) => (o.id === id ? change(o) : o)),
});

const deployment = (version: number, name = 'sandbox', appliedAt = '2026-11-24T10:00:00Z') =>
  ({
    controller: { id: 1, name, kind: 'sandbox' },
    version,
    appliedAt,
    appliedBy: 'oscar',
    drift: null,
  }) satisfies Deployment;

describe('object deploy states', () => {
  it('marks nothing while the app is applied nowhere', () => {
    const s = objectStates(shop(), undefined, new Set());
    expect(s.objects.size).toBe(0);
  });

  it('marks every object applied when the editor holds the deployed design', () => {
    const s = objectStates(shop(), shop(), new Set());
    expect([...s.objects.values()].every((v) => v === 'applied')).toBe(true);
    expect(s.objects.size).toBe(shop().objects.length);
    expect(s.pending).toBe(0);
  });

  it('marks a renamed object and a new object pending, the rest applied', () => {
    const deployed = shop();
    const renamed = edit(deployed, 'web-1', (o) => ({ ...o, name: 'web-one' }));
    const added = {
      ...renamed,
      objects: [
        ...renamed.objects,
        { ...deployed.objects[1], id: 'ls-extra', name: 'extra' } as NetworkObject,
      ],
    };
    const s = objectStates(added, deployed, new Set());
    expect(s.objects.get('web-1')).toBe('pending');
    expect(s.objects.get('ls-extra')).toBe('pending');
    expect(s.objects.get('web-2')).toBe('applied');
    expect(s.pending).toBe(2);
  });

  it('counts objects removed in the editor as pending removals', () => {
    const deployed = shop();
    const fewer = { ...deployed, objects: deployed.objects.filter((o) => o.id !== 'db-1') };
    const s = objectStates(fewer, deployed, new Set());
    expect(s.removed).toBe(1);
    expect(s.objects.has('db-1')).toBe(false);
  });

  it('drift wins over pending and applied', () => {
    const deployed = shop();
    const doc = edit(deployed, 'db-1', (o) => ({ ...o, name: 'database' }));
    const s = objectStates(doc, deployed, new Set(['db-1', 'web-1']));
    expect(s.objects.get('db-1')).toBe('drift');
    expect(s.objects.get('web-1')).toBe('drift');
    expect(s.drifted).toBe(2);
    expect(s.pending).toBe(0);
  });

  it('layout moves are not network changes', () => {
    const deployed = shop();
    const moved = {
      ...deployed,
      layout: { ...deployed.layout, positions: { 'web-1': { x: 999, y: 999 } } },
    };
    expect(objectStates(moved, deployed, new Set()).pending).toBe(0);
  });
});

describe('deploy summary', () => {
  it('says where the app is applied and what is pending or drifted', () => {
    const deployed = shop();
    const doc = edit(deployed, 'web-1', (o) => ({ ...o, name: 'web-one' }));
    expect(deploySummary([], objectStates(doc, undefined, new Set()))).toBe('Not applied');
    expect(deploySummary([deployment(3)], objectStates(deployed, deployed, new Set()))).toBe(
      'Applied v3 to sandbox · in sync',
    );
    expect(deploySummary([deployment(3)], objectStates(doc, deployed, new Set(['db-1'])))).toBe(
      'Applied v3 to sandbox · 1 pending · 1 drifted',
    );
  });

  it('names the most recently applied controller first', () => {
    const s = objectStates(shop(), shop(), new Set());
    const older = deployment(2, 'lab-a', '2026-11-24T09:00:00Z');
    const newer = deployment(4, 'lab-b', '2026-11-24T11:00:00Z');
    expect(deploySummary([older, newer], s)).toBe('Applied v4 to lab-b (+1) · in sync');
  });
});
