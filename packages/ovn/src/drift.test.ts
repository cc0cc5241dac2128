import { type Application, templateById, type Workload } from '@netcanvas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DriftReport, DriftWatcher } from './drift.ts';
import { OvnDriver } from './driver.ts';
import { type OvnCentral, startOvnCentral } from './testing/ovn-central.ts';

const threeTier = (): Application =>
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });

type Event = { type: 'drift'; report: DriftReport } | { type: 'clean' };

/** Collects watcher events; `next()` waits for the next one. */
function recorder(watcher: DriftWatcher) {
  const events: Event[] = [];
  let wake: (() => void) | undefined;
  watcher.on('drift', (report) => {
    events.push({ type: 'drift', report });
    wake?.();
  });
  watcher.on('clean', () => {
    events.push({ type: 'clean' });
    wake?.();
  });
  let read = 0;
  return {
    events,
    async next(timeoutMs = 5_000): Promise<Event> {
      const deadline = Date.now() + timeoutMs;
      while (read >= events.length) {
        if (Date.now() > deadline) throw new Error('no drift watcher event in time');
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
      return events[read++] as Event;
    },
    quiet: (ms: number) =>
      new Promise((resolve) => setTimeout(resolve, ms)).then(() => events.slice(read)),
  };
}

const app3: Workload = {
  id: 'app-3',
  name: 'app-3',
  kind: 'workload',
  workloadType: 'vm',
  tags: ['tier=app'],
  nics: [{ id: 'eth0', switch: 'ls-app', ip: '10.0.2.13' }],
};

describe('DriftWatcher against a real OVN NB', { timeout: 30_000 }, () => {
  let ovn: OvnCentral;
  let driver: OvnDriver;
  let watcher: DriftWatcher;
  let events: ReturnType<typeof recorder>;
  const app = threeTier();

  beforeAll(async () => {
    ovn = await startOvnCentral();
    driver = await OvnDriver.connect({ remote: ovn.nbRemote });
    await driver.apply(app);
    watcher = await new DriftWatcher(driver, app, { settleMs: 150 }).start();
    events = recorder(watcher);
  });
  afterAll(async () => {
    await watcher?.stop();
    driver?.close();
    await ovn?.stop();
  });

  it('an applied app has no drift', async () => {
    expect(await events.quiet(400)).toEqual([]);
    expect(watcher.report).toBeUndefined();
  });

  it('ovn-nbctl lsp-set-addresses on db-1 is drift naming db-1 and the changed columns', async () => {
    await ovn.nbctl('lsp-set-addresses', 'acme.shop.db-1.eth0', '0a:00:00:00:00:99 10.0.3.99');
    const event = await events.next();
    expect(event.type).toBe('drift');
    const report = (event as { report: DriftReport }).report;
    expect(report.objects.map((o) => o.objectId)).toEqual(['db-1']);
    expect(report.objects[0]).toMatchObject({
      name: 'db-1',
      missing: false,
      rows: [
        {
          table: 'Logical_Switch_Port',
          key: 'lsp/db-1/eth0',
          kind: 'modified',
          columns: ['addresses'],
        },
      ],
    });
  });

  it('deleting one of our ACLs with ovn-nbctl is drift naming fw-tiers', async () => {
    const [priority, match] = (
      await ovn.nbctl('--bare', '--columns=priority,match', 'find', 'ACL', 'name="web to app"')
    )
      .trim()
      .split('\n');
    expect(priority).toBe('29999');
    await ovn.nbctl('acl-del', 'nc_acme_shop_all', 'to-lport', '29999', String(match));
    const event = await events.next();
    const report = (event as { report: DriftReport }).report;
    expect(report.objects.map((o) => o.objectId).sort()).toEqual(['db-1', 'fw-tiers', 'shop']);
    const fw = report.objects.find((o) => o.objectId === 'fw-tiers');
    expect(fw?.rows).toEqual([
      { table: 'ACL', key: 'acl/fw-tiers/web-to-app', kind: 'deleted', columns: [] },
    ]);
    expect(report.objects.find((o) => o.objectId === 'shop')?.rows[0]?.columns).toEqual(['acls']);
    expect(await ovn.nbctl('acl-list', 'nc_acme_shop_all')).not.toContain('8080');
  });

  it('re-applying the design is clean again', async () => {
    const result = await driver.apply(app);
    expect(result.changes.map((c) => c.key).sort()).toEqual([
      'acl/fw-tiers/web-to-app',
      'lsp/db-1/eth0',
      'pg-all',
    ]);
    expect((await events.next()).type).toBe('clean');
    expect(watcher.report).toBeUndefined();
  });

  it('netcanvas applying a new version and setting it as the design raises no drift', async () => {
    const v2: Application = { ...app, version: 2, objects: [...app.objects, app3] };
    await driver.apply(v2);
    watcher.setDesign(v2);
    expect(await events.quiet(400)).toEqual([]);
    // and drift is now measured against v2: deleting app-3's port is drift of app-3
    await ovn.nbctl('lsp-del', 'acme.shop.app-3.eth0');
    const report = ((await events.next()) as { report: DriftReport }).report;
    expect(report.version).toBe(2);
    expect(report.objects.find((o) => o.objectId === 'app-3')).toMatchObject({ missing: true });
  });
});
