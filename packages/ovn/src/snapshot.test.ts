import {
  type Application,
  type FirewallPolicy,
  templateById,
  verifySnapshot,
  type WhatIfQuery,
} from '@netcanvas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvnDriver } from './driver.ts';
import { OvnError } from './errors.ts';
import { appKey } from './names.ts';
import { captureSnapshot, restorePlan, restoreTarget } from './snapshot.ts';
import { type OvnCentral, startOvnCentral } from './testing/ovn-central.ts';
import { traceWorkloads } from './trace.ts';

const v1 = templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });
const other = templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'other' });

/** v2: the web-to-app rule removed, a workload added */
const v2: Application = {
  ...v1,
  version: 2,
  objects: [
    ...v1.objects.map((o) =>
      o.kind === 'firewall'
        ? ({ ...o, rules: o.rules.filter((r) => r.id !== 'web-to-app') } as FirewallPolicy)
        : o,
    ),
    {
      id: 'app-3',
      name: 'app-3',
      kind: 'workload',
      workloadType: 'vm',
      tags: ['tier=app'],
      nics: [{ id: 'eth0', switch: 'ls-app', ip: '10.0.2.13' }],
    },
  ],
};

/** flows of the three-tier app the firewall allows and drops, with the rule that decides */
const FLOWS: [WhatIfQuery, 'delivered' | 'dropped', string][] = [
  [{ from: 'web-1', to: 'app-1', protocol: 'tcp', port: 8080 }, 'delivered', 'web-to-app'],
  [{ from: 'web-2', to: 'app-2', protocol: 'tcp', port: 8080 }, 'delivered', 'web-to-app'],
  [{ from: 'web-1', to: 'db-1', protocol: 'tcp', port: 5432 }, 'dropped', 'default-drop'],
  [{ from: 'app-1', to: 'db-1', protocol: 'tcp', port: 5432 }, 'delivered', 'app-to-db'],
  [{ from: 'app-1', to: 'db-1', protocol: 'icmp' }, 'dropped', 'default-drop'],
  [{ from: 'web-2', to: 'web-1', protocol: 'tcp', port: 22 }, 'dropped', 'default-drop'],
  [{ from: 'app-1', to: 'lb-web', protocol: 'tcp', port: 80 }, 'delivered', 'any-to-web'],
];

const TABLES = [
  'Logical_Switch',
  'Logical_Switch_Port',
  'Logical_Router',
  'Logical_Router_Port',
  'NAT',
  'ACL',
  'Port_Group',
  'Address_Set',
  'Load_Balancer',
  'DHCP_Options',
];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** what a user sees, with row UUIDs (new on every insert) masked and lines in a stable order */
async function userView(ovn: OvnCentral): Promise<string> {
  const show = await ovn.nbctl('show');
  const acls = await ovn.nbctl('acl-list', 'nc_acme_shop_all');
  return [show, acls]
    .map((t) => t.replace(UUID, 'UUID').split('\n').sort().join('\n'))
    .join('\n--\n');
}

/** every row of the tables we write, byte for byte */
async function fullDump(ovn: OvnCentral): Promise<string> {
  const parts = await Promise.all(TABLES.map((t) => ovn.nbctl('list', t)));
  return `${await ovn.nbctl('show')}\n${parts.join('\n')}`;
}

describe('snapshot, rollback and DR restore against two real OVN sites', {
  timeout: 30_000,
}, () => {
  let a: OvnCentral;
  let b: OvnCentral;
  let siteA: OvnDriver;
  let siteB: OvnDriver;

  beforeAll(async () => {
    [a, b] = await Promise.all([startOvnCentral(), startOvnCentral()]);
    await a.nbctl('ls-add', 'foreign-switch');
    await a.nbctl('lsp-add', 'foreign-switch', 'foreign-port');
    siteA = await OvnDriver.connect({ remote: a.nbRemote, watchApps: false });
    siteB = await OvnDriver.connect({ remote: b.nbRemote, watchApps: false });
    await siteA.apply(other);
  });
  afterAll(async () => {
    siteA?.close();
    siteB?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('rolls site A back to a snapshot in one apply, leaving other tenants alone', async () => {
    await siteA.apply(v1);
    const afterV1 = await userView(a);
    const otherRows = await siteA.readRows(appKey(other));
    const snap = await captureSnapshot(siteA, v1, { createdBy: 'alice', remote: a.nbRemote });
    expect(verifySnapshot(JSON.parse(JSON.stringify(snap)))).toMatchObject({ ok: true });

    await siteA.apply(v2);
    expect(await userView(a)).not.toBe(afterV1);

    const planned = await restorePlan(siteA, snap);
    expect(planned.changes.map((c) => `${c.op} ${c.key}`).sort()).toEqual([
      'delete lsp/app-3/eth0',
      'insert acl/fw-tiers/web-to-app',
      // priorities follow rule order: the rules after the restored one move down again
      'update acl/fw-tiers/app-to-db',
      'update acl/fw-tiers/default-drop',
      'update ls/ls-app',
      'update pg-all',
      'update pg/g-app',
    ]);
    await siteA.commit(planned);
    expect(await userView(a)).toBe(afterV1);
    expect(await siteA.readRows(appKey(other))).toEqual(otherRows);
    expect(await a.nbctl('show')).toContain('foreign-port');
  });

  it('restores at site B with the uplink and external addresses remapped', async () => {
    const snap = await captureSnapshot(siteA, v1, { createdBy: 'alice', remote: a.nbRemote });
    const planned = await restorePlan(siteB, snap, {
      physicalNetworks: { physnet1: 'physnet-b' },
      externalIps: { '203.0.113.0/24': '198.51.100.0/24' },
    });
    await siteB.commit(planned);
    const physnet = await b.nbctl(
      'get',
      'Logical_Switch_Port',
      'acme.shop.uplink-localnet',
      'options:network_name',
    );
    expect(physnet.trim()).toBe('physnet-b');
    const nat = await b.nbctl('lr-nat-list', 'acme.shop.lr-edge');
    expect(nat).toContain('198.51.100.2');
    expect(nat).toContain('10.0.0.0/16');
    const show = await b.nbctl('show');
    expect(show).toContain('198.51.100.2/24');
    expect(show).not.toContain('203.0.113');
    expect(await b.nbctl('lb-list')).toContain('198.51.100.10:80');
  });

  it('ovn-trace at site B after the remapped restore gives site A’s verdicts and deciding rules', async () => {
    await siteA.apply(v1);
    const snap = await captureSnapshot(siteA, v1, { createdBy: 'alice', remote: a.nbRemote });
    const remap = { physicalNetworks: { physnet1: 'physnet-b' } };
    await siteB.commit(await restorePlan(siteB, snap, remap));
    await Promise.all([a.sync(), b.sync()]);
    const atB = restoreTarget(snap, remap);
    const verdict = async (ovn: OvnCentral, app: Application, query: WhatIfQuery) => {
      const r = await traceWorkloads(app, query, { sbRemote: ovn.sb.unixRemote });
      return `${r.verdict} by ${r.decidingRule?.policyId}/${r.decidingRule?.ruleId} at ${r.finalDestination}`;
    };
    for (const [query, expected, ruleId] of FLOWS) {
      const flow = `${query.from} → ${query.to} ${query.protocol}/${query.port ?? ''}`;
      const [onA, onB] = [await verdict(a, v1, query), await verdict(b, atB, query)];
      expect(onA, flow).toMatch(new RegExp(`^${expected} by fw-tiers/${ruleId} `));
      expect(onB, flow).toBe(onA);
    }
  });

  it('refuses a remap that makes the design invalid, and leaves site B as it was', async () => {
    const snap = await captureSnapshot(siteA, v1, { createdBy: 'alice', remote: a.nbRemote });
    const before = await fullDump(b);
    const bad = restorePlan(siteB, snap, { externalIps: { '203.0.113.2': '192.0.2.2' } });
    await expect(bad).rejects.toMatchObject({ code: 'invalid-design' });
    await expect(bad).rejects.toThrow(/gateway-outside-uplink/);
    expect(await fullDump(b)).toBe(before);
  });

  it('a restore that meets a concurrent change applies nothing', async () => {
    const snap = await captureSnapshot(siteA, v1, { createdBy: 'alice', remote: a.nbRemote });
    await siteA.apply(v2);
    const planned = await restorePlan(siteA, snap);
    await a.nbctl('set', 'Logical_Switch_Port', 'acme.shop.web-1.eth0', 'external_ids:touched=yes');
    const before = await fullDump(a);
    const commit = siteA.commit(planned);
    await expect(commit).rejects.toBeInstanceOf(OvnError);
    await expect(commit).rejects.toMatchObject({ code: 'conflict' });
    expect(await fullDump(a)).toBe(before);
  });
});
