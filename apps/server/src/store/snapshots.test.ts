import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocateAddresses, createSnapshot, templateById } from '@netcanvas/model';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'netcanvas-snapstore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const app = allocateAddresses(
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' }),
);
const snap = (minute: number) =>
  createSnapshot({
    app,
    createdBy: 'oscar',
    controller: { kind: 'sandbox', remote: 'sim', stateVersion: 'r1' },
    createdAt: `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`,
  });

describe('the snapshot store', () => {
  const store = Store.open(dir);
  store.tenants.create('acme', 'Acme');
  store.tenants.create('globex', 'Globex');
  const add = (minute: number, source: 'taken' | 'scheduled') =>
    store.snapshots.add('acme', snap(minute), { source, appId: 'shop' }).meta.id;

  it('keeps a snapshot once per tenant, whole, and shows it only to that tenant', () => {
    const s = snap(0);
    const first = store.snapshots.add('acme', s, { source: 'taken', appId: 'shop' });
    const again = store.snapshots.add('acme', s, { source: 'taken', appId: 'shop' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(store.snapshots.list('acme', 'shop')).toHaveLength(1);
    expect(store.snapshots.get('acme', s.id)?.snapshot).toEqual(s);
    expect(store.snapshots.get('globex', s.id)).toBeUndefined();
    expect(store.snapshots.list('globex', 'shop')).toEqual([]);
    expect(first.meta.size).toBeGreaterThan(1000);
  });

  it('prunes old scheduled snapshots to keep N, never a taken one nor the newest', () => {
    const old = [add(1, 'scheduled'), add(2, 'scheduled'), add(3, 'scheduled')];
    const manual = add(4, 'taken');
    expect(store.snapshots.list('acme', 'shop')[0]?.id).toBe(manual);
    expect(store.snapshots.prune('acme', 'shop', 2)).toEqual([old[0]]);
    expect(store.snapshots.prune('acme', 'shop', 1)).toEqual([old[1]]);
    const newest = add(5, 'scheduled');
    expect(store.snapshots.prune('acme', 'shop', 1)).toEqual([old[2]]);
    const left = store.snapshots.list('acme', 'shop').map((s) => s.id);
    expect(left).toEqual([newest, manual, snap(0).id]);
  });

  it('finds a snapshot by a unique prefix of its id', () => {
    const id = store.snapshots.list('acme', 'shop')[0]?.id ?? '';
    expect(store.snapshots.idsByPrefix('acme', 'shop', id.slice(0, 8))).toEqual([id]);
    expect(store.snapshots.idsByPrefix('globex', 'shop', id.slice(0, 8))).toEqual([]);
  });
});
