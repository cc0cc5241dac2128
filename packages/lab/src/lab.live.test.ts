/**
 * Live: a real lab site (OVN central, OVS netdev datapath, ovn-controller) brought up in a
 * temp dir on free ports, the three-tier template applied through OvnDriver, its workloads
 * run as namespaces, and real packets checked against the firewall. Needs root and the OVS/
 * OVN packages; skips otherwise. Everything it creates is named after a random site name.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Application, templateById, type Workload } from '@netcanvas/model';
import { OvnDriver } from '@netcanvas/ovn';
import { freePort } from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOurs } from './daemons.ts';
import { runQuietly, waitFor } from './exec.ts';
import { LabSite, type LabStatus, listNamespaces } from './lab.ts';
import { missingPrograms } from './preflight.ts';
import { siteConfig } from './site.ts';
import { LabAgent } from './workloads.ts';

const missing = missingPrograms();
const skipReason =
  process.getuid?.() !== 0
    ? 'not root (network namespaces, veth and tap devices need it)'
    : missing.length > 0
      ? `missing ${missing.join(', ')} (apt-get install -y ovn-central ovn-host openvswitch-switch iputils-ping ethtool)`
      : undefined;
if (skipReason) console.warn(`skipping the live lab test: ${skipReason}`);

/** prints `connected: <reply>`, `timeout` or the error code; numeric address, 2 s budget */
const TCP_PROBE = `
const [host, port] = process.argv.slice(1);
const s = require('node:net').connect({ host, port: Number(port), timeout: 2000 });
let data = '';
s.on('connect', () => s.write('GET / HTTP/1.0\\r\\n\\r\\n'));
s.on('data', (d) => { data += d; });
s.on('end', () => { console.log('connected: ' + data.split('\\r\\n\\r\\n')[1]); process.exit(0); });
s.on('timeout', () => { console.log('timeout'); process.exit(0); });
s.on('error', (e) => { console.log(e.code); process.exit(0); });
`;

const id = randomBytes(3).toString('hex');
/** The three-tier template as users get it, health-checked VIP included. */
function threeTier(): Application {
  return templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });
}

describe.skipIf(skipReason !== undefined)('a real lab site', { timeout: 90_000 }, () => {
  let root: string;
  let site: LabSite;
  let up: LabStatus;
  let driver: OvnDriver;
  let agent: LabAgent;
  let app = threeTier();
  const sflow = createSocket('udp4');
  let sflowDatagrams = 0;
  const probe = (from: string, host: string, port: number) =>
    agent.exec(app, from, process.execPath, ['-e', TCP_PROBE, host, String(port)]);

  const newSite = async (name: string) =>
    new LabSite(
      siteConfig(name, {
        dir: join(root, name),
        nbPort: await freePort(),
        sbPort: await freePort(),
        ovsPort: await freePort(),
        sflowCollector: { host: '127.0.0.1', port: (sflow.address()?.port as number) ?? 0 },
      }),
    );

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'netcanvas-lab-test-'));
    sflow.on('message', (m) => {
      if (m.readUInt32BE(0) === 5) sflowDatagrams++;
    });
    await new Promise<void>((resolve) => sflow.bind(0, '127.0.0.1', resolve));
    site = await newSite(`a${id}`);
    up = await site.up();
    driver = await OvnDriver.connect({ remote: site.nbRemote });
    agent = new LabAgent(site);
  });

  afterAll(async () => {
    driver?.close();
    await site?.down().catch(() => undefined);
    sflow.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('up starts every daemon and registers the chassis in the SB', async () => {
    expect(up.processes.map((p) => p.name)).toEqual([
      'ovnnb_db',
      'ovnsb_db',
      'ovn-northd',
      'ovsdb-server',
      'ovs-vswitchd',
      'ovn-controller',
      'sflow-relay',
    ]);
    expect(up.processes.every((p) => p.running)).toBe(true);
    expect(up.namespaces).toEqual([{ name: `nclab-a${id}`, exists: true }]);
    expect(await site.sbctl('show')).toContain(`Chassis netcanvas-lab-a${id}`);
  });

  it('runs the applied workloads as namespaces whose ports OVN binds', async () => {
    await driver.apply(app);
    const report = await agent.sync(app);
    expect([...report.created].sort()).toEqual(['app-1', 'app-2', 'db-1', 'web-1', 'web-2']);
    const lsps = ['web-1', 'web-2', 'app-1', 'app-2', 'db-1'].map((w) => `acme.shop.${w}.eth0`);
    const bound = await waitFor(
      async () => {
        for (const lsp of lsps)
          if ((await site.nbctl('lsp-get-up', lsp)).trim() !== 'up') return false;
        return true;
      },
      10_000,
      100,
    );
    expect(bound).toBe(true);
    const inside = await agent.exec(app, 'web-1', 'ip', ['-4', '-o', 'addr', 'show', 'eth0']);
    expect(inside).toContain('10.0.1.11/24');
    expect(await agent.exec(app, 'web-1', 'ip', ['route'])).toContain('default via 10.0.1.1');
    expect((await agent.sync(app)).unchanged).toHaveLength(5);
  });

  it('lets web-1 reach app-1 on TCP 8080 and drops web-1 to db-1 on 5432 and ping', async () => {
    await agent.startTraffic(app, 'app-1', { kind: 'http-server', port: 8080 });
    await agent.startTraffic(app, 'db-1', { kind: 'http-server', port: 5432 });
    await site.nbctl('--wait=hv', 'sync');
    let web2app = '';
    await waitFor(
      async () => {
        web2app = await probe('web-1', '10.0.2.11', 8080);
        return web2app.startsWith('connected');
      },
      8_000,
      200,
    );
    expect(web2app.trim()).toBe('connected: netcanvas lab 10.0.2.11');
    // the db server is up: app-1 may reach it (rule app-to-db), web-1 may not
    expect((await probe('app-1', '10.0.3.11', 5432)).trim()).toBe(
      'connected: netcanvas lab 10.0.3.11',
    );
    expect((await probe('web-1', '10.0.3.11', 5432)).trim()).toBe('timeout');
    const ping = await runQuietly('ping', ['-c', '2', '-W', '1', '10.0.2.11'], {
      netns: agent.netnsOf(app, 'web-1'),
    });
    expect(ping).toBe(false);
    // the router's own address answers: ACLs sit on workload ports, the reply is ct-established
    const gateway = await runQuietly('ping', ['-c', '1', '-W', '1', '10.0.1.1'], {
      netns: agent.netnsOf(app, 'web-1'),
    });
    expect(gateway).toBe(true);
  });

  it('runs the traffic profile the design chose, and follows the design when it changes', async () => {
    const withServer = (traffic: Workload['traffic']): Application => ({
      ...app,
      objects: app.objects.map((o) => (o.id === 'app-2' ? { ...o, traffic } : o)),
    });
    const served = withServer({ kind: 'http-server', port: 8080 });
    const started = await agent.sync(served);
    expect(started.traffic).toEqual(['app-2']);
    expect(started.unchanged).toHaveLength(5);
    expect(
      await waitFor(
        async () => (await probe('web-1', '10.0.2.12', 8080)).startsWith('connected'),
        8_000,
        200,
      ),
    ).toBe(true);
    expect((await agent.sync(served)).traffic).toEqual([]);

    const stopped = await agent.sync(withServer(undefined));
    expect(stopped.traffic).toEqual(['app-2']);
    expect((await probe('web-1', '10.0.2.12', 8080)).trim()).not.toMatch(/^connected/);
    // a profile started by hand is not the design's: it keeps running
    expect((await probe('web-1', '10.0.2.11', 8080)).trim()).toBe(
      'connected: netcanvas lab 10.0.2.11',
    );
  });

  it('removes a workload namespace when the workload leaves the app', async () => {
    const dbNs = agent.netnsOf(app, 'db-1');
    app = { ...app, version: 1, objects: app.objects.filter((o) => o.id !== 'db-1') };
    await driver.apply(app);
    const report = await agent.sync(app);
    expect(report.removed).toEqual(['db-1']);
    expect(await listNamespaces()).not.toContain(dbNs);
    expect(await site.vsctl('list-ports', 'br-int')).not.toContain('acme.shop.db-1');
  });

  it('exports sFlow from br-int to the collector on the host', async () => {
    await agent.startTraffic(app, 'web-1', { kind: 'ping', target: '10.0.1.12', everyMs: 50 });
    expect(await waitFor(() => sflowDatagrams > 0, 12_000, 100)).toBe(true);
  });

  it('brings a second site up and down without touching the first', async () => {
    const b = await newSite(`b${id}`);
    const status = await b.up();
    expect(status.chassisRegistered).toBe(true);
    expect(status.nbRemote).not.toBe(site.nbRemote);
    await b.down();
    expect(await listNamespaces()).not.toContain(`nclab-b${id}`);
    expect((await site.status()).processes.every((p) => p.running)).toBe(true);
  });

  it('down leaves no process, namespace, device or pidfile behind', async () => {
    const before = await site.status();
    const report = await site.down();
    expect(report.stopped.length).toBeGreaterThanOrEqual(7);
    for (const p of before.processes) expect(await isOurs(p.pid, site.marker)).toBe(false);
    const left = await listNamespaces();
    for (const n of before.namespaces) expect(left).not.toContain(n.name);
    expect(await runQuietly('ip', ['link', 'show', site.names.sflowHostDevice])).toBe(false);
    expect(existsSync(join(site.config.dir, 'run'))).toBe(false);
    expect(existsSync(join(site.config.dir, 'lab.json'))).toBe(false);
    expect((await site.status()).up).toBe(false);
  });
});
