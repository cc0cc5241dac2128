import { type Application, templateById, type Workload } from '@netcanvas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvnDriver } from './driver.ts';
import { captureSnapshot } from './snapshot.ts';
import { type OvnCentral, startOvnCentral } from './testing/ovn-central.ts';

const shop = (): Application =>
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });

const withTraffic = (app: Application): Application => ({
  ...app,
  objects: app.objects.map((o) =>
    o.id === 'web-1'
      ? ({
          ...o,
          traffic: {
            kind: 'udp-stream',
            target: 'app-1',
            port: 9000,
            packetsPerSecond: 50,
            size: 100,
          },
        } as Workload)
      : o,
  ),
});

describe('a workload traffic profile is not the controller’s', { timeout: 30_000 }, () => {
  let ovn: OvnCentral;
  let driver: OvnDriver;

  beforeAll(async () => {
    ovn = await startOvnCentral();
    driver = await OvnDriver.connect({ remote: ovn.nbRemote, watchApps: false });
  });
  afterAll(async () => {
    driver?.close();
    await ovn?.stop();
  });

  it('a traffic-only edit plans no NB change, and a snapshot keeps the profile', async () => {
    await driver.apply(shop());
    const before = await ovn.nbctl('show');
    const edited = withTraffic(shop());
    expect((await driver.plan(edited)).changes).toEqual([]);
    const result = await driver.apply(edited);
    expect(result.changed).toBe(false);
    expect(await ovn.nbctl('show')).toBe(before);
    expect(await ovn.nbctl('find', 'Logical_Switch_Port', 'external_ids:traffic!=""')).toBe('');

    const snap = await captureSnapshot(driver, edited, { createdBy: 'alice', remote: 'x' });
    const web1 = snap.app.objects.find((o) => o.id === 'web-1');
    expect(web1?.kind === 'workload' ? web1.traffic : undefined).toMatchObject({
      kind: 'udp-stream',
      target: 'app-1',
    });
  });
});
