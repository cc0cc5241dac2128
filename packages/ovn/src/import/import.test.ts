import { hasErrors, validate } from '@netcanvas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvnDriver } from '../driver.ts';
import { type OvnCentral, startOvnCentral } from '../testing/ovn-central.ts';

/** `ovn-nbctl show` without UUIDs, lines sorted inside each switch/router block, blocks sorted. */
function canonicalShow(text: string): string {
  const blocks: string[][] = [];
  for (const line of text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID')
    .split('\n')) {
    if (line.trim() === '') continue;
    if (!line.startsWith(' ')) blocks.push([line]);
    else blocks.at(-1)?.push(line);
  }
  return blocks
    .map(([head, ...rest]) => [head, ...rest.sort()].join('\n'))
    .sort()
    .join('\n');
}

/** A network built only with ovn-nbctl, the way an operator does by hand. */
const BUILD = [
  ['ls-add', 'web'],
  ['ls-add', 'db'],
  ['set', 'Logical_Switch', 'db', 'other_config:mcast_snoop=true'],
  ['lr-add', 'edge'],
  ['lrp-add', 'edge', 'edge-web', '00:00:00:00:ff:01', '10.1.1.1/24'],
  ['lrp-add', 'edge', 'edge-db', '00:00:00:00:ff:02', '10.1.2.1/24'],
  ['lsp-add', 'web', 'web-edge'],
  ['lsp-set-type', 'web-edge', 'router'],
  ['lsp-set-addresses', 'web-edge', 'router'],
  ['lsp-set-options', 'web-edge', 'router-port=edge-web'],
  ['lsp-add', 'db', 'db-edge'],
  ['lsp-set-type', 'db-edge', 'router'],
  ['lsp-set-addresses', 'db-edge', 'router'],
  ['lsp-set-options', 'db-edge', 'router-port=edge-db'],
  ['lsp-add', 'web', 'vm1'],
  ['lsp-set-addresses', 'vm1', '50:54:00:00:00:01 10.1.1.11'],
  ['lsp-set-port-security', 'vm1', '50:54:00:00:00:01 10.1.1.11'],
  ['lsp-add', 'web', 'vm2'],
  ['lsp-set-addresses', 'vm2', '50:54:00:00:00:02 10.1.1.12'],
  ['lsp-add', 'db', 'vm3'],
  ['lsp-set-addresses', 'vm3', '50:54:00:00:00:03 10.1.2.13'],
  ['lsp-set-options', 'vm3', 'requested-chassis=hv1'],
  [
    'acl-add',
    'db',
    'to-lport',
    '1000',
    'ip4.src == 10.1.1.0/24 && tcp.dst == 5432',
    'allow-related',
  ],
  ['acl-add', 'db', 'to-lport', '900', 'ip4', 'drop'],
  ['lb-add', 'web-lb', '10.1.1.100:80', '10.1.1.11:8080,10.1.1.12:8080', 'tcp'],
  ['ls-lb-add', 'web', 'web-lb'],
  ['lr-route-add', 'edge', '192.0.2.0/24', '10.1.2.254'],
  ['lr-nat-add', 'edge', 'snat', '198.51.100.5', '10.1.0.0/16'],
];

describe('import of an NB built with ovn-nbctl', { timeout: 30_000 }, () => {
  let source: OvnCentral;
  let target: OvnCentral;

  beforeAll(async () => {
    [source, target] = await Promise.all([startOvnCentral(), startOvnCentral()]);
    for (const args of BUILD) await source.nbctl(...args);
  });
  afterAll(async () => {
    await Promise.all([source?.stop(), target?.stop()]);
  });

  it('round-trips: import, apply to an empty NB, and OVN shows the same network', async () => {
    const from = await OvnDriver.connect({ remote: source.nbRemote });
    const { app, notes } = await from.importForeign({
      id: 'handmade',
      name: 'handmade',
      tenant: 'ops',
    });
    from.close();
    expect(notes).toEqual([]);
    expect(app.objects.map((o) => `${o.kind}:${o.name}`).sort()).toEqual([
      'firewall:ACLs of db',
      'loadBalancer:web-lb',
      'router:edge',
      'switch:db',
      'switch:web',
      'workload:vm1',
      'workload:vm2',
      'workload:vm3',
    ]);
    const diagnostics = validate(app);
    expect(hasErrors(diagnostics), JSON.stringify(diagnostics)).toBe(false);
    const db = app.objects.find((o) => o.kind === 'switch' && o.name === 'db');
    expect(db?.kind === 'switch' && db.subnet).toBe('10.1.2.0/24');

    const to = await OvnDriver.connect({ remote: target.nbRemote });
    await to.apply(app);
    expect((await to.plan(app)).operations).toEqual([]);
    to.close();

    expect(canonicalShow(await target.nbctl('show'))).toBe(
      canonicalShow(await source.nbctl('show')),
    );
    for (const args of [
      ['acl-list', 'db'],
      ['lb-list'],
      ['lr-route-list', 'edge'],
      ['lr-nat-list', 'edge'],
      ['lsp-get-options', 'vm3'],
      ['lsp-get-port-security', 'vm2'],
      ['get', 'Logical_Switch', 'db', 'other_config'],
    ]) {
      const strip = (t: string) =>
        t.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID');
      expect(strip(await target.nbctl(...args)), args.join(' ')).toBe(
        strip(await source.nbctl(...args)),
      );
    }
  });

  it('infers the subnet of a switch with no router from its ports, and says so', async () => {
    const lab = await startOvnCentral();
    try {
      await lab.nbctl('ls-add', 'lab');
      await lab.nbctl('lsp-add', 'lab', 'vm9');
      await lab.nbctl('lsp-set-addresses', 'vm9', '50:54:00:00:00:09 10.9.0.5');
      await lab.nbctl('lsp-add', 'lab', 'vm10');
      await lab.nbctl('lsp-set-addresses', 'vm10', '50:54:00:00:00:0a 10.9.0.200');
      const driver = await OvnDriver.connect({ remote: lab.nbRemote });
      const { app, notes } = await driver.importForeign({ id: 'lab', name: 'lab', tenant: 'ops' });
      driver.close();
      const sw = app.objects.find((o) => o.kind === 'switch');
      expect(sw?.kind === 'switch' && sw.subnet).toBe('10.9.0.0/24');
      expect(notes).toEqual(["subnet of lab inferred from its ports' addresses: 10.9.0.0/24"]);
      expect(validate(app)).toEqual([]);
    } finally {
      await lab.stop();
    }
  });

  it('leaves netcanvas-owned rows out of a foreign import', async () => {
    const driver = await OvnDriver.connect({ remote: target.nbRemote });
    const { app } = await driver.importForeign({ id: 'x', name: 'x', tenant: 'ops' });
    driver.close();
    expect(app.objects).toEqual([]);
  });
});
