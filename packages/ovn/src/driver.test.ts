import {
  type Application,
  type FirewallPolicy,
  templateById,
  type Workload,
} from '@netcanvas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvnDriver } from './driver.ts';
import { OvnError } from './errors.ts';
import { type OvnCentral, startOvnCentral } from './testing/ovn-central.ts';

const threeTier = (): Application =>
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });

function withWebToAppPort(app: Application, port: string): Application {
  return {
    ...app,
    objects: app.objects.map((o) =>
      o.kind === 'firewall'
        ? ({
            ...o,
            rules: o.rules.map((r) =>
              r.id === 'web-to-app' ? { ...r, services: [{ protocol: 'tcp', ports: port }] } : r,
            ),
          } as FirewallPolicy)
        : o,
    ),
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

describe('OvnDriver against a real OVN NB', { timeout: 30_000 }, () => {
  let ovn: OvnCentral;
  let driver: OvnDriver;

  beforeAll(async () => {
    ovn = await startOvnCentral();
    await ovn.nbctl('ls-add', 'foreign-switch');
    await ovn.nbctl('lsp-add', 'foreign-switch', 'foreign-port');
    driver = await OvnDriver.connect({ remote: ovn.nbRemote });
  });
  afterAll(async () => {
    driver?.close();
    await ovn?.stop();
  });

  it('applies the three-tier template as one transaction that OVN tools can see', async () => {
    const result = await driver.apply(threeTier());
    expect(result.changed).toBe(true);
    expect(result.changes.every((c) => c.op === 'insert')).toBe(true);

    const show = await ovn.nbctl('show');
    for (const name of [
      'acme.shop.ls-web',
      'acme.shop.ls-app',
      'acme.shop.ls-db',
      'acme.shop.lr-edge',
      'acme.shop.web-1.eth0',
      'foreign-switch',
    ]) {
      expect(show).toContain(name);
    }
    expect(show).toMatch(/networks: \["10\.0\.2\.1\/24"\]/);
    expect(show).toContain('10.0.0.0/16');

    const acls = await ovn.nbctl('acl-list', 'nc_acme_shop_all');
    expect(acls).toContain(
      'to-lport 29999 (outport == @nc_acme_shop_all && ip4 && ip4.src == $nc_acme_shop_g_web_ip4 && ip4.dst == $nc_acme_shop_g_app_ip4 && tcp.dst == 8080) allow-related',
    );
    expect(acls.trim().split('\n')).toHaveLength(4);

    expect(acls).toContain(
      'drop log(name=everything else,severity=info,meter="nc_acme_shop_acl_log")',
    );
    expect(await ovn.nbctl('meter-list')).toContain(
      'nc_acme_shop_acl_log: bands:\n  drop: 100 pktps, 100 packet burst',
    );

    const lbs = await ovn.nbctl('lb-list');
    expect(lbs).toMatch(
      /acme\.shop\.lb-web\s+tcp\s+203\.0\.113\.10:80\s+10\.0\.1\.11:80,10\.0\.1\.12:80/,
    );

    await ovn.sync();
    const flows = await ovn.sbctl('lflow-list', 'acme.shop.ls-app');
    expect(flows).toContain('tcp.dst == 8080');
    expect(flows).toContain('$nc_acme_shop_g_web_ip4');
  });

  it('re-applying an unchanged design sends no write', async () => {
    const planned = await driver.plan(threeTier());
    expect(planned.operations).toEqual([]);
    expect((await driver.commit(planned)).changed).toBe(false);
  });

  it('a design edited and re-applied changes only what changed', async () => {
    const edited = withWebToAppPort(threeTier(), '8443');
    edited.objects.push(app3);
    const result = await driver.apply(edited);
    const summary = result.changes.map((c) => `${c.op} ${c.key}`).sort();
    expect(summary).toEqual([
      'insert lsp/app-3/eth0',
      'update acl/fw-tiers/web-to-app',
      'update ls/ls-app',
      'update pg-all',
      'update pg/g-app',
    ]);
    const acl = result.changes.find((c) => c.key === 'acl/fw-tiers/web-to-app');
    expect(acl?.op === 'update' && acl.columns).toEqual(['match']);
    expect(await ovn.nbctl('acl-list', 'nc_acme_shop_all')).toContain('tcp.dst == 8443');
    expect(await ovn.nbctl('lsp-get-addresses', 'acme.shop.app-3.eth0')).toContain('10.0.2.13');
    expect((await driver.plan(edited)).operations).toEqual([]);
  });

  it('an apply that meets a concurrent ovn-nbctl edit fails and leaves the NB as the other writer left it', async () => {
    const planned = await driver.plan(withWebToAppPort(threeTier(), '9000'));
    expect(planned.changes.length).toBeGreaterThan(0);
    await ovn.nbctl('lsp-set-addresses', 'acme.shop.db-1.eth0', '0a:00:00:00:00:99 10.0.3.99');
    const before = await ovn.nbctl('show');
    const error = await driver.commit(planned).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvnError);
    expect((error as OvnError).code).toBe('conflict');
    expect((error as OvnError).message).toContain(
      'Logical_Switch_Port acme.shop.db-1.eth0 was modified',
    );
    expect(await ovn.nbctl('show')).toBe(before);
    expect(await ovn.nbctl('acl-list', 'nc_acme_shop_all')).not.toContain('9000');
    // re-planning sees their change and puts ours back
    const again = await driver.apply(threeTier());
    expect(again.changes.map((c) => c.key)).toContain('lsp/db-1/eth0');
    expect(await ovn.nbctl('lsp-get-addresses', 'acme.shop.db-1.eth0')).toContain('10.0.3.11');
  });

  it('removing the app deletes its rows and nothing else', async () => {
    const result = await driver.remove({ tenant: 'acme', id: 'shop' });
    expect(result.changes.every((c) => c.op === 'delete')).toBe(true);
    const show = await ovn.nbctl('show');
    expect(show).not.toContain('acme.shop');
    expect(show).toContain('foreign-switch');
    expect(show).toContain('foreign-port');
    expect(await ovn.nbctl('--columns=name', 'list', 'Port_Group')).not.toContain('nc_acme');
  });

  it('an unreachable controller is a clear error', async () => {
    const error = await OvnDriver.connect({
      remote: 'tcp:127.0.0.1:1',
      connectTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect((error as OvnError).code).toBe('controller-unreachable');
    expect((error as OvnError).message).toContain('tcp:127.0.0.1:1');
  });
});
