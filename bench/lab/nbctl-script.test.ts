import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Application, templateById } from '@netcanvas/model';
import { OvnDriver } from '@netcanvas/ovn';
import { type StandaloneServer, startOvsdbServer } from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPARED_TABLES, diffNb, normalizeNb } from './nb-compare.ts';
import { nbctlScript, nbctlTeardown } from './nbctl-script.ts';

const exec = promisify(execFile);
const threeTier = (): Application =>
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });

describe('nbctlScript', () => {
  it("names the workload ports as netcanvas's driver does, with the design's MAC and address", () => {
    const script = nbctlScript(threeTier());
    const adds = script.filter((c) => c[0] === 'lsp-add' && c[2]?.endsWith('.eth0'));
    expect(adds.map((c) => c[2])).toEqual(
      ['web-1', 'web-2', 'app-1', 'app-2', 'db-1'].map((w) => `acme.shop.${w}.eth0`),
    );
    const web1 = script.find(
      (c) => c[0] === 'lsp-set-addresses' && c[1] === 'acme.shop.web-1.eth0',
    );
    expect(web1?.[2]).toMatch(/^02:4e:43(:[0-9a-f]{2}){3} 10\.0\.1\.11$/);
  });

  it('writes one ACL per firewall rule, first rule highest, the logged drop metered', () => {
    const acls = nbctlScript(threeTier()).filter((c) => c.includes('acl-add'));
    const priority = (c: string[]) => Number(c[c.indexOf('acl-add') + 3]);
    expect(acls.map(priority)).toEqual([30000, 29999, 29998, 29997]);
    expect(acls[1]?.at(-2)).toContain(
      '$nc_acme_shop_g_web_ip4 && ip4.dst == $nc_acme_shop_g_app_ip4',
    );
    expect(acls[1]?.at(-2)).toContain('tcp.dst == 8080');
    expect(acls[3]).toEqual(
      expect.arrayContaining(['--log', '--meter=nc_acme_shop_acl_log', 'drop']),
    );
  });

  it('refuses a design it cannot write, naming what', () => {
    const app = threeTier();
    const v6: Application = {
      ...app,
      objects: app.objects.map((o) => (o.id === 'ls-web' ? { ...o, subnet6: 'fd00::/64' } : o)),
    };
    expect(() => nbctlScript(v6)).toThrow('IPv4 switches without uplinks only (ls-web)');
  });
});

// 64 ovn-nbctl processes: seconds on a loaded machine
describe('the script on a real NB', { timeout: 90_000 }, () => {
  let ours: StandaloneServer;
  let theirs: StandaloneServer;
  const nbctl = (nb: StandaloneServer, args: string[]) =>
    exec('ovn-nbctl', [`--db=${nb.unixRemote}`, ...args]).then((r) => r.stdout);
  const dump = async (nb: StandaloneServer) =>
    normalizeNb(
      Object.fromEntries(
        await Promise.all(
          COMPARED_TABLES.map(async (t) => [
            t,
            JSON.parse(await nbctl(nb, ['--format=json', 'list', t])),
          ]),
        ),
      ),
    );

  beforeAll(async () => {
    ours = await startOvsdbServer();
    theirs = await startOvsdbServer();
  }, 60_000);
  afterAll(async () => {
    await ours?.stop();
    await theirs?.stop();
  }, 60_000);

  it('builds the NB netcanvas applies but for two things ovn-nbctl does its own way, and tears it down', async () => {
    const app = threeTier();
    const driver = await OvnDriver.connect({ remote: ours.tcpRemote });
    try {
      await driver.apply(app);
    } finally {
      driver.close();
    }
    for (const cmd of nbctlScript(app)) await nbctl(theirs, cmd);
    const [a, b] = [await dump(ours), await dump(theirs)];
    expect(a.length).toBe(36);
    expect(b.map((r) => r.id)).toEqual(a.map((r) => r.id));
    expect(diffNb(a, b)).toEqual([
      'ACL to-lport 29998: name "app to db" vs []',
      'ACL to-lport 29999: name "web to app" vs []',
      'ACL to-lport 30000: name "clients to web" vs []',
      'NAT snat 203.0.113.2 10.0.0.0/16: options {} vs {"stateless"="false"}',
    ]);
    for (const cmd of nbctlTeardown(app)) await nbctl(theirs, cmd);
    expect(await dump(theirs)).toEqual([]);
  });
});
