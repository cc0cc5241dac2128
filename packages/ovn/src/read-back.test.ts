import { allocateAddresses, plan, templateById } from '@netcanvas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvnDriver } from './driver.ts';
import { appKey } from './names.ts';
import { readBack } from './read-back.ts';
import { type OvnCentral, startOvnCentral } from './testing/ovn-central.ts';

const design = templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });

describe('readBack against a real OVN NB', { timeout: 30_000 }, () => {
  let ovn: OvnCentral;
  let driver: OvnDriver;

  beforeAll(async () => {
    ovn = await startOvnCentral();
    driver = await OvnDriver.connect({ remote: ovn.nbRemote, watchApps: false });
    await driver.apply(design);
  });
  afterAll(async () => {
    driver?.close();
    await ovn?.stop();
  });

  it('reads back exactly the applied design (addresses filled in)', async () => {
    const rows = await driver.readRows(appKey(design));
    const back = readBack(rows, design);
    expect(plan(allocateAddresses(design), back)).toEqual([]);
    expect(back.objects).toEqual(allocateAddresses(design).objects);
    // nothing of the back-read app needs the NB to change
    expect((await driver.plan(back)).changes).toEqual([]);
  });

  it('without the design, still renders to the same NB rows', async () => {
    const back = readBack(await driver.readRows(appKey(design)));
    expect(back.tenant).toBe('acme');
    expect(back.id).toBe('shop');
    const wl = back.objects.find((o) => o.id === 'web-1');
    expect(wl?.kind === 'workload' && wl.nics[0]?.ip).toBe('10.0.1.11');
  });

  it('shows an address changed on the controller with ovn-nbctl', async () => {
    const mac = (await ovn.nbctl('get', 'Logical_Switch_Port', 'acme.shop.web-1.eth0', 'addresses'))
      .trim()
      .replace(/^\["|"\]$/g, '')
      .split(' ')[0];
    await ovn.nbctl('lsp-set-addresses', 'acme.shop.web-1.eth0', `${mac} 10.0.1.99`);
    const back = readBack(await driver.readRows(appKey(design)), design);
    const changes = plan(allocateAddresses(design), back);
    // the VIP still sends to the old address: it now reads as a plain IP backend
    expect(changes.map((c) => c.id)).toEqual(['web-1', 'lb-web']);
    expect(changes[0]).toMatchObject({
      op: 'update',
      id: 'web-1',
      fields: [{ path: ['nics', 0, 'ip'], before: '10.0.1.11', after: '10.0.1.99' }],
    });
  });

  it('drops a rule whose ACL was deleted on the controller', async () => {
    const uuid = (
      await ovn.nbctl('--bare', '--columns=_uuid', 'find', 'ACL', 'name="web to app"')
    ).trim();
    await ovn.nbctl('remove', 'Port_Group', 'nc_acme_shop_all', 'acls', uuid);
    const back = readBack(await driver.readRows(appKey(design)), design);
    const fw = back.objects.find((o) => o.id === 'fw-tiers');
    expect(fw?.kind === 'firewall' && fw.rules.map((r) => r.id)).toEqual([
      'any-to-web',
      'app-to-db',
      'default-drop',
    ]);
  });

  it('keeps a match edited on the controller verbatim', async () => {
    const uuid = (
      await ovn.nbctl('--bare', '--columns=_uuid', 'find', 'ACL', 'name="app to db"')
    ).trim();
    await ovn.nbctl('set', 'ACL', uuid, 'match="outport == @nc_acme_shop_all && tcp.dst == 5433"');
    const back = readBack(await driver.readRows(appKey(design)), design);
    const fw = back.objects.find((o) => o.id === 'fw-tiers');
    const rule = fw?.kind === 'firewall' ? fw.rules.find((r) => r.id === 'app-to-db') : undefined;
    expect(rule?.match).toBe('outport == @nc_acme_shop_all && tcp.dst == 5433');
  });
});
