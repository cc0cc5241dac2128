import { templateById } from '@netcanvas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvnDriver } from './driver.ts';
import { type PortStatus, PortStatusWatcher } from './port-status.ts';
import { type OvnCentral, startOvnCentral } from './testing/ovn-central.ts';

const WEB1 = 'acme.shop.web-1.eth0';

describe('PortStatusWatcher against a real OVN Southbound DB', { timeout: 30_000 }, () => {
  let ovn: OvnCentral;
  let watcher: PortStatusWatcher;
  const changes: PortStatus[] = [];
  const removed: string[] = [];

  /** waits for a pushed change of `port` that satisfies `check` */
  async function changeOf(port: string, check: (s: PortStatus) => boolean): Promise<PortStatus> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const hit = changes.find((s) => s.port === port && check(s));
      if (hit) {
        changes.splice(changes.indexOf(hit), 1);
        return hit;
      }
      if (Date.now() > deadline) throw new Error(`no change of ${port} in time`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    ovn = await startOvnCentral();
    const driver = await OvnDriver.connect({ remote: ovn.nbRemote });
    await driver.apply(
      templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' }),
    );
    driver.close();
    await ovn.sync();
    watcher = await PortStatusWatcher.connect({
      sbRemote: ovn.sb.tcpRemote,
      ports: (port) => port.startsWith('acme.shop.'),
    });
    watcher.on('change', (status) => changes.push(status));
    watcher.on('removed', (port) => removed.push(port));
  });
  afterAll(async () => {
    await watcher?.stop();
    await ovn?.stop();
  });

  it('starts with every port of the applied app unbound and down', () => {
    const snapshot = watcher.snapshot();
    expect(snapshot.get(WEB1)).toEqual({
      port: WEB1,
      up: false,
      chassis: undefined,
      hostname: undefined,
    });
    expect(snapshot.has('acme.shop.db-1.eth0')).toBe(true);
    expect(snapshot.has('acme.shop.ls-web-lr-edge')).toBe(true);
  });

  it('a chassis claiming the port arrives as a pushed change, as does its up state', async () => {
    await ovn.sbctl('chassis-add', 'ch1', 'geneve', '127.0.0.1');
    await ovn.sbctl('set', 'Chassis', 'ch1', 'hostname=hv1.lab');
    // ovn-sbctl lsp-bind sets chassis and up together, as ovn-controller does once flows are in
    await ovn.sbctl('lsp-bind', WEB1, 'ch1');
    expect(await changeOf(WEB1, (s) => s.chassis === 'ch1')).toEqual({
      port: WEB1,
      up: true,
      chassis: 'ch1',
      hostname: 'hv1.lab',
    });
    await ovn.sbctl('set', 'Port_Binding', WEB1, 'up=false');
    expect(await changeOf(WEB1, (s) => !s.up)).toMatchObject({ chassis: 'ch1', up: false });
    await ovn.sbctl('set', 'Port_Binding', WEB1, 'up=true');
    expect(await changeOf(WEB1, (s) => s.up)).toMatchObject({ chassis: 'ch1', up: true });
    expect(watcher.snapshot().get(WEB1)).toMatchObject({ chassis: 'ch1', up: true });
    expect(changes.filter((s) => s.port !== WEB1)).toEqual([]);
  });

  it('unbinding the port is a change back to no chassis, down', async () => {
    await ovn.sbctl('lsp-unbind', WEB1);
    expect(await changeOf(WEB1, (s) => s.chassis === undefined)).toEqual({
      port: WEB1,
      up: false,
      chassis: undefined,
      hostname: undefined,
    });
    expect(watcher.snapshot().get(WEB1)?.chassis).toBeUndefined();
  });

  it('a port deleted from the NB is removed once northd drops its binding', async () => {
    await ovn.nbctl('lsp-del', 'acme.shop.db-1.eth0');
    await ovn.sync();
    const deadline = Date.now() + 5_000;
    while (!removed.includes('acme.shop.db-1.eth0') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(removed).toEqual(['acme.shop.db-1.eth0']);
    expect(watcher.snapshot().has('acme.shop.db-1.eth0')).toBe(false);
  });
});
