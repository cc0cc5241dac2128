import {
  type Application,
  type ControllerEvent,
  templateById,
  type WhatIfQuery,
  whatIf,
} from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { MemorySandboxStore, SandboxController, SandboxError } from './index.ts';

const threeTier = (): Application =>
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });

function withObjects(
  app: Application,
  map: (o: Application['objects'][number]) => Application['objects'][number],
) {
  return { ...app, objects: app.objects.map(map) };
}

describe('SandboxController apply', () => {
  it('says it is the sandbox, healthy, with no real network', async () => {
    const info = await new SandboxController().info();
    expect(info).toMatchObject({ kind: 'sandbox', healthy: true, remote: undefined });
    expect(info.detail).toBe('embedded sandbox: no real network');
  });

  it('plans every object as an insert, commits it to the store, then has nothing to do', async () => {
    const store = new MemorySandboxStore();
    const c = new SandboxController({ store });
    const app = threeTier();
    const p = await c.plan(app);
    expect(p).toMatchObject({ appKey: 'acme/shop', revision: 0 });
    expect(p.changes).toHaveLength(app.objects.length);
    expect(p.changes.every((x) => x.op === 'insert')).toBe(true);
    expect(p.changes).toContainEqual({
      op: 'insert',
      objectId: 'web-1',
      key: 'workload/web-1',
      table: 'workload',
    });
    expect(await c.commit(p)).toEqual({ changed: true, changes: p.changes });
    expect(store.load('acme/shop')).toMatchObject({ revision: 1, app: { id: 'shop' } });
    const again = await c.plan(app);
    expect(again).toMatchObject({ revision: 1, changes: [] });
    expect(await c.commit(again)).toEqual({ changed: false, changes: [] });
    expect(store.load('acme/shop')?.revision).toBe(1);
  });

  it('plans an edit as an update naming the changed top-level fields', async () => {
    const c = new SandboxController();
    await c.apply(threeTier());
    const edited = withObjects(threeTier(), (o) =>
      o.id === 'ls-db' && o.kind === 'switch' ? { ...o, name: 'database', mtu: 1400 } : o,
    );
    const p = await c.plan({ ...edited, objects: edited.objects.filter((o) => o.id !== 'app-2') });
    expect(p.changes).toEqual([
      { op: 'delete', objectId: 'app-2', key: 'workload/app-2', table: 'workload' },
      {
        op: 'update',
        objectId: 'ls-db',
        key: 'switch/ls-db',
        table: 'switch',
        columns: ['mtu', 'name'],
      },
    ]);
    await c.commit(p);
    expect(c.read({ tenant: 'acme', id: 'shop' })?.revision).toBe(2);
  });

  it('refuses a plan made before someone else applied, and keeps what they applied', async () => {
    const c = new SandboxController();
    await c.apply(threeTier());
    const mine = await c.plan(
      withObjects(threeTier(), (o) => (o.id === 'web-1' ? { ...o, name: 'mine' } : o)),
    );
    await c.apply(
      withObjects(threeTier(), (o) => (o.id === 'web-1' ? { ...o, name: 'theirs' } : o)),
    );
    const err = await c.commit(mine).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxError);
    expect(err).toMatchObject({ code: 'conflict' });
    const web1 = c.read({ tenant: 'acme', id: 'shop' })?.app.objects.find((o) => o.id === 'web-1');
    expect(web1?.name).toBe('theirs');
  });

  it('refuses a design with validation errors and stores nothing', async () => {
    const c = new SandboxController();
    const broken = withObjects(threeTier(), (o) =>
      o.kind === 'workload' && o.id === 'web-2'
        ? { ...o, nics: [{ id: 'eth0', switch: 'ls-web', ip: '10.0.1.11' }] }
        : o,
    );
    await expect(c.apply(broken)).rejects.toMatchObject({ code: 'invalid-design' });
    expect(c.read(broken)).toBeUndefined();
  });

  it('removes every object of the app, and is a no-op the second time', async () => {
    const c = new SandboxController();
    const app = threeTier();
    await c.apply(app);
    const r = await c.remove(app);
    expect(r.changed).toBe(true);
    expect(r.changes).toHaveLength(app.objects.length);
    expect(r.changes.every((x) => x.op === 'delete')).toBe(true);
    expect(c.read(app)).toBeUndefined();
    expect(await c.remove(app)).toEqual({ changed: false, changes: [] });
  });
});

describe('SandboxController trace and watch', () => {
  const queries: WhatIfQuery[] = [
    { from: 'web-1', to: 'app-1', protocol: 'tcp', port: 8080 },
    { from: 'web-1', to: 'db-1', protocol: 'tcp', port: 5432 },
    { from: 'app-2', to: 'db-1', protocol: 'tcp', port: 5432 },
    { from: '198.51.100.7', to: 'web-vip', protocol: 'tcp', port: 80 },
    { from: 'db-1', to: '8.8.8.8', protocol: 'udp', port: 53 },
  ];

  it('answers exactly what whatIf answers for the applied three-tier design', async () => {
    const c = new SandboxController();
    const app = threeTier();
    await c.apply(app);
    for (const q of queries) expect(await c.trace(app, q)).toEqual(whatIf(app, q));
    expect((await c.trace(app, queries[1]!)).verdict).toBe('dropped');
  });

  it('traces the applied design, not an unapplied edit, and refuses an app never applied', async () => {
    const c = new SandboxController();
    const app = threeTier();
    await c.apply(app);
    const open = withObjects(app, (o) => (o.kind === 'firewall' ? { ...o, rules: [] } : o));
    const q = queries[1]!;
    expect((await c.trace(open, q)).verdict).toBe('dropped');
    await expect(c.trace({ ...app, id: 'other' }, q)).rejects.toMatchObject({
      code: 'not-applied',
    });
  });

  it('reports every NIC up on chassis sandbox, in sync, and NICs going down on remove', async () => {
    const c = new SandboxController();
    const app = threeTier();
    await c.apply(app);
    const events: ControllerEvent[] = [];
    const off = c.watch(app, (e) => events.push(e));
    await Promise.resolve();
    const ports = events.filter((e) => e.type === 'port');
    expect(ports.map((e) => e.objectId).sort()).toEqual([
      'app-1',
      'app-2',
      'db-1',
      'web-1',
      'web-2',
    ]);
    expect(ports.every((e) => e.up && e.chassis === 'sandbox' && e.nicId === 'eth0')).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'in-sync', appKey: 'acme/shop' });
    events.length = 0;
    await c.remove(app);
    expect(events.filter((e) => e.type === 'port' && !e.up)).toHaveLength(5);
    off();
    events.length = 0;
    await c.apply(app);
    expect(events).toEqual([]);
  });
});

describe('SandboxController drift', () => {
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('reports objects changed in the store outside commit as drift, and in-sync once they match again', async () => {
    const store = new MemorySandboxStore();
    const c = new SandboxController({ store, driftPollMs: 20 });
    const app = threeTier();
    await c.apply(app);
    const events: ControllerEvent[] = [];
    const off = c.watch(app, (e) => events.push(e));
    await wait(60);
    expect(events.some((e) => e.type === 'drift')).toBe(false);

    // someone edits the applied state behind the controller's back
    const stored = store.load('acme/shop');
    const edited = withObjects(app, (o) => (o.id === 'db-1' ? { ...o, name: 'db-renamed' } : o));
    store.save('acme/shop', edited, (stored?.revision ?? 0) + 1);
    await wait(60);
    const drift = events.filter((e) => e.type === 'drift');
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({ objectIds: ['db-1'], appKey: 'acme/shop' });

    events.length = 0;
    store.save('acme/shop', app, (stored?.revision ?? 0) + 2);
    await wait(60);
    expect(events).toEqual([{ type: 'in-sync', appKey: 'acme/shop' }]);
    off();
    await c.close();
  });

  it('an apply through the controller is not drift', async () => {
    const c = new SandboxController({ driftPollMs: 20 });
    const app = threeTier();
    await c.apply(app);
    const events: ControllerEvent[] = [];
    const off = c.watch(app, (e) => events.push(e));
    await c.apply(withObjects(app, (o) => (o.id === 'web-1' ? { ...o, name: 'web-one' } : o)));
    await wait(60);
    expect(events.some((e) => e.type === 'drift')).toBe(false);
    off();
    await c.close();
  });
});
