import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import {
  LabAgent,
  LabSite,
  listNamespaces,
  missingPrograms,
  planWorkloads,
  registerSite,
  siteConfig,
  siteNames,
  siteRegistration,
  startFollower,
} from '../../packages/lab/src/index.ts';
import { type Application, parseApplication } from '../../packages/model/src/index.ts';
import { tracePacket } from '../../packages/ovn/src/index.ts';
import { freePort } from '../../packages/ovsdb/src/testing/ovsdb-server.ts';
import { type OwnServer, startOwnServer } from './own-server.ts';

/**
 * The real lab end to end: a lab site (OVN, OVS netdev datapath, ovn-controller, sFlow) and a
 * netcanvas server of the spec's own; the site registered as a controller with its agent
 * following applies. From the browser: new app from a template, Plan & apply to the lab,
 * then packets checked inside the workload namespaces, ovn-trace beside the canvas's trace,
 * a firewall edit that changes what passes, and drift made with ovn-nbctl.
 */
const missing = missingPrograms();
const skipReason =
  process.getuid?.() !== 0
    ? 'not root (the lab needs network namespaces, veth and tap devices)'
    : missing.length > 0
      ? `missing ${missing.join(', ')} (apt-get install -y ovn-central ovn-host openvswitch-switch iputils-ping ethtool)`
      : undefined;

const BASE = Number(process.env.E2E_PORT_BASE ?? 4179);
const PORT = BASE + 40;
const URL = `http://127.0.0.1:${PORT}`;
const ADMIN_PASSWORD = 'lab-spec admin password';
const TENANT = 'default';

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

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: URL, viewport: { width: 1440, height: 900 }, screenshot: 'only-on-failure' });

let server: OwnServer | undefined;
let root = '';
let site: LabSite;
let agent: LabAgent;
let controller = 0;
let controllerName = '';
let token = '';
let appId = '';
/** site B, for the DR test: its own OVN, chassis and agent, brought up by that test */
let siteB: LabSite | undefined;

async function api(method: string, p: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${URL}/api${p}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** The design at the version the lab holds (what the agent ran). */
async function applied(on = controller): Promise<Application> {
  const deployments = (await api(
    'GET',
    `/tenants/${TENANT}/apps/${appId}/deployments`,
  )) as unknown as { version: number; controller: { id: number } }[];
  const d = deployments.find((x) => x.controller.id === on);
  const v = await api('GET', `/tenants/${TENANT}/apps/${appId}/versions/${d?.version}`);
  const parsed = parseApplication(v.design);
  if (!parsed.ok) throw new Error('the stored design does not parse');
  return parsed.app;
}

const probe = async (app: Application, from: string, host: string, port: number) =>
  (await agent.exec(app, from, process.execPath, ['-e', TCP_PROBE, host, String(port)])).trim();

/** other projects match every spec they do not ignore: this one runs in `lab` only */
const skipIn = (project: string) =>
  project === 'lab' ? skipReason : 'the real lab runs in the lab project only';

test.beforeAll(async ({ browserName: _ }, testInfo) => {
  const skip = skipIn(testInfo.project.name);
  if (skip) {
    if (testInfo.project.name === 'lab') console.warn(`skipping the lab e2e: ${skip}`);
    return;
  }
  test.setTimeout(120_000);
  root = mkdtempSync(path.join(tmpdir(), 'netcanvas-lab-e2e-'));
  const sflowPort = await freePort();
  const serving = startOwnServer({
    port: PORT,
    dataDir: path.join(root, 'data'),
    adminPassword: ADMIN_PASSWORD,
    sflowPort,
  });
  const name = `e${randomBytes(3).toString('hex')}`;
  site = new LabSite(
    siteConfig(name, {
      dir: path.join(root, name),
      nbPort: await freePort(),
      sbPort: await freePort(),
      ovsPort: await freePort(),
      sflowCollector: { host: '127.0.0.1', port: sflowPort },
    }),
  );
  agent = new LabAgent(site);
  const [status, started] = await Promise.all([site.up(), serving]);
  server = started;

  const login = await fetch(`${URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const made = await fetch(`${URL}/api/tenants/${TENANT}/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'lab', role: 'admin' }),
  });
  token = ((await made.json()) as { secret: string }).secret;
  controllerName = `lab-${name}`;
  // what `pnpm lab up --register` does: register the site, start its agent
  const registered = await registerSite(
    siteRegistration({
      name: controllerName,
      nbRemote: status.nbRemote,
      sbRemote: status.sbRemote,
      ovsRemote: status.ovsRemote,
      sflowAgent: site.names.sflowNsIp,
    }),
    { server: URL, token },
  );
  controller = registered.id;
  await startFollower(site, { server: URL, token, tenant: TENANT, controllerId: controller });
});

test.afterAll(async () => {
  // the lab first (its agent, daemons, namespaces, devices by PID and name), then the server group
  await siteB?.down().catch(() => undefined);
  await site?.down().catch(() => undefined);
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

test.beforeEach(({ browserName: _ }, testInfo) => {
  const skip = skipIn(testInfo.project.name);
  test.skip(skip !== undefined, skip);
});

async function signIn(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Applications' })).toBeVisible();
}

/** Picks a workload's traffic profile in the inspector; `fields` by their test id suffix. */
async function chooseTraffic(
  page: Page,
  workload: string,
  kind: string,
  fields: Record<string, string> = {},
): Promise<void> {
  await page.getByTestId(`node-${workload}`).click();
  const form = page.getByTestId('workload-traffic');
  await form.getByTestId('field-traffic.kind').selectOption(kind);
  for (const [field, value] of Object.entries(fields)) {
    const input = form.getByTestId(`field-traffic.${field}`);
    if (field === 'target') await input.selectOption(value);
    else await input.fill(value);
  }
}

async function save(page: Page, message: string, version: number): Promise<void> {
  await page.getByTestId('save').click();
  await page.getByLabel('What changed (optional)').fill(message);
  await page.getByTestId('save-confirm').click();
  await expect(page.getByTestId('version')).toHaveText(`v${version}`);
}

async function planAndApply(page: Page, version: number): Promise<void> {
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('plan-dialog')).toBeVisible();
  await page.getByTestId('deploy-controller').selectOption(String(controller));
  await page.getByTestId('plan').click();
  const apply = page.getByTestId('apply-plan');
  await expect(apply).toHaveText(`Apply v${version} to ${controllerName}`, { timeout: 20_000 });
  await apply.click();
  await expect(page.getByTestId('apply-result')).toContainText(
    `Applied v${version} to ${controllerName}`,
    { timeout: 20_000 },
  );
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('plan-dialog')).toBeHidden();
}

test('new app from the three-tier template, applied to the lab: workloads come up, the firewall holds in the namespaces', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page);
  await page.getByTestId('new-app').click();
  const dialog = page.getByTestId('new-app-dialog');
  await dialog.getByLabel('Name').fill('Lab shop');
  appId = await dialog.getByLabel('Id').inputValue();
  await dialog.getByText('Three-tier web application').click();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('app-name')).toHaveText('Lab shop');
  // the servers the workloads run, chosen in the editor: the agent starts them with the apply
  await chooseTraffic(page, 'app-1', 'http-server', { port: '8080' });
  await chooseTraffic(page, 'db-1', 'http-server', { port: '5432' });
  await save(page, 'app and db serve', 2);

  await planAndApply(page, 2);
  const app = await applied();
  const workloads = ['web-1', 'web-2', 'app-1', 'app-2', 'db-1'];
  // no lab sync: the agent saw the apply
  await expect
    .poll(
      async () => {
        const present = await listNamespaces();
        return workloads.filter((w) => present.includes(agent.netnsOf(app, w)));
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toEqual(workloads);

  await expect
    .poll(() => probe(app, 'web-1', '10.0.2.11', 8080), { timeout: 20_000, intervals: [250] })
    .toBe('connected: netcanvas lab 10.0.2.11');
  // db-1 serves (app may reach it), web may not
  await expect
    .poll(() => probe(app, 'app-1', '10.0.3.11', 5432), { timeout: 10_000, intervals: [250] })
    .toBe('connected: netcanvas lab 10.0.3.11');
  expect(await probe(app, 'web-1', '10.0.3.11', 5432)).toBe('timeout');
  await page.screenshot({ path: 'test-results/lab-applied.png' });
});

test('what-if web → db traced on the lab says dropped by the deciding rule, and ovn-trace agrees', async ({
  page,
}) => {
  await signIn(page);
  await page.getByTestId(`app-row-${appId}`).getByRole('link').first().click();
  await expect(page.getByTestId('node-web-1')).toBeVisible();
  await page.getByTestId('whatif-from-select').selectOption('web-1');
  await page.getByTestId('whatif-to-select').selectOption('db-1');
  await page.getByTestId('whatif-port').fill('5432');
  const remote = page.getByTestId('whatif-run-remote');
  await expect(remote).toHaveText(`Trace on ${controllerName}`);
  await remote.click();
  await expect(page.getByTestId('whatif-verdict')).toHaveAttribute('data-verdict', 'dropped', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('whatif-rule')).toContainText('everything else');
  await page.screenshot({ path: 'test-results/lab-trace.png' });

  const app = await applied();
  const packet = tracePacket(app, { from: 'web-1', to: 'db-1', protocol: 'tcp', port: 5432 });
  const out = execFileSync(
    'ovn-trace',
    [
      `--db=unix:${path.join(site.config.dir, 'run', 'ovnsb_db.sock')}`,
      '--minimal',
      packet.datapath,
      packet.microflow,
    ],
    { encoding: 'utf8' },
  );
  expect(out).toContain('drop');
  expect(out).not.toMatch(/output\("?[^)]*db-1/);
});

test('allowing web → db in the editor, saved and applied, lets the packets through; an acl-del behind netcanvas shows as drift within 2 s', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.getByTestId(`app-row-${appId}`).getByRole('link').first().click();
  await page.getByTestId('node-fw-tiers').click();
  // rule 3, "app to db", now from the web tier
  const from = page.getByTestId('rule-2').locator('select').first();
  await expect(from).toHaveValue('g:g-app');
  await from.selectOption('g:g-web');
  await save(page, 'web may reach db', 3);
  await planAndApply(page, 3);

  const app = await applied();
  await expect
    .poll(() => probe(app, 'web-1', '10.0.3.11', 5432), { timeout: 20_000, intervals: [250] })
    .toBe('connected: netcanvas lab 10.0.3.11');
  expect(await probe(app, 'app-1', '10.0.3.11', 5432)).toBe('timeout');

  // someone deletes the ACLs of a port group by hand
  const groups = (await site.nbctl('--bare', '--columns=name', 'find', 'Port_Group', 'acls!=[]'))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  expect(groups.length).toBeGreaterThan(0);
  const mark = (id: string) => page.getByTestId(`node-${id}`).locator('[data-deploy]');
  await expect(mark('fw-tiers')).toHaveAttribute('data-deploy', 'applied');
  const at = Date.now();
  await site.nbctl('acl-del', groups[0] as string);
  await expect(mark('fw-tiers')).toHaveAttribute('data-deploy', 'drift', { timeout: 2_000 });
  console.log(`drift shown ${Date.now() - at} ms after ovn-nbctl acl-del`);
  await page.screenshot({ path: 'test-results/lab-drift.png' });
});

/** "12.3 Mb/s" → 12_300_000 */
const bitsPerSec = (text: string) => {
  const m = /^([\d.]+) ([kMG]?)b\/s$/.exec(text.trim());
  if (!m) throw new Error(`not a rate: ${text}`);
  return Number(m[1]) * ({ '': 1, k: 1e3, M: 1e6, G: 1e9 }[m[2] ?? ''] ?? 1);
};

/** rx bytes of one br-int port as OVS counts them (rx: from the workload into the switch) */
function rxBytes(device: string): number {
  const out = execFileSync('ovs-ofctl', ['dump-ports', 'br-int', device], {
    encoding: 'utf8',
    env: site.env,
  });
  const m = /rx pkts=\d+, bytes=(\d+)/.exec(out);
  if (!m) throw new Error(`no rx counters in: ${out}`);
  return Number(m[1]);
}

test('the live view shows the UDP stream chosen for web-1 at the rate ovs-ofctl dump-ports counts, within 25%; switched off in the editor, an apply with no OVN change stops it', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page);
  await page.getByTestId(`app-row-${appId}`).getByRole('link').first().click();
  // ~1.1 Mb/s on the wire: 250 frames/s of 542 bytes (512 payload + UDP/IP/Ethernet), chosen
  // in the editor and started by the agent when the version is applied
  await chooseTraffic(page, 'web-1', 'udp-stream', {
    target: 'web-2',
    port: '9000',
    packetsPerSecond: '250',
    size: '512',
  });
  await save(page, 'web-1 streams to web-2', 4);
  await planAndApply(page, 4);
  const app = await applied();
  await page.goto(`/?live=${TENANT}/${appId}`);
  const label = page.getByTestId('link-load-web-1-eth0');
  await expect(label).toHaveText(/[1-9][\d.]* [kMG]?b\/s/, { timeout: 60_000 });
  const device = planWorkloads(app, site.config.site).find((w) => w.workloadId === 'web-1')?.nics[0]
    ?.hostDevice as string;
  const windowMs = 10_000;
  const before = rxBytes(device);
  const start = Date.now();
  await page.waitForTimeout(windowMs);
  const ovsBps = ((rxBytes(device) - before) * 8 * 1000) / (Date.now() - start);
  await label.hover();
  const rates = page.getByTestId('link-tip-web-1-eth0').getByRole('row', { name: /bits\/s/ });
  const shown = (await rates.locator('td').allTextContents()).map(bitsPerSec);
  // the larger direction is web-1 → switch (its stream); the other is replies, near nothing
  const toSwitch = Math.max(...shown);
  console.log(
    `web-1 → switch: live view ${toSwitch.toFixed(0)} b/s, ovs-ofctl ${ovsBps.toFixed(0)} b/s`,
  );
  expect(ovsBps).toBeGreaterThan(0.8e6);
  expect(toSwitch).toBeGreaterThanOrEqual(ovsBps * 0.75);
  expect(toSwitch).toBeLessThanOrEqual(ovsBps * 1.25);
  await page.screenshot({ path: 'test-results/lab-live.png' });

  // the stream off in the editor: no OVN change to plan, yet applying it stops the stream
  await page.goto(`/#/t/${TENANT}/apps/${appId}`);
  await chooseTraffic(page, 'web-1', '');
  await save(page, 'web-1 quiet', 5);
  await page.getByTestId('apply').click();
  await page.getByTestId('deploy-controller').selectOption(String(controller));
  await page.getByTestId('plan').click();
  await expect(page.getByTestId('plan-empty')).toBeVisible();
  await page.getByTestId('apply-plan').click();
  await expect(page.getByTestId('apply-result')).toContainText(
    `${controllerName} holds v5; no controller row needed a change`,
  );
  await page.keyboard.press('Escape');
  // under 20 kb/s over 2 s: the 1 Mb/s stream stopped (ARP and the like may remain)
  await expect
    .poll(
      async () => {
        const at = rxBytes(device);
        await new Promise((r) => setTimeout(r, 2_000));
        return ((rxBytes(device) - at) * 8) / 2;
      },
      { timeout: 30_000, intervals: [0] },
    )
    .toBeLessThan(20_000);
});

/** Site B up, registered as a controller of its own and followed by its own agent. */
async function bringUpSiteB(): Promise<{ agent: LabAgent; controller: number; name: string }> {
  let name = '';
  // a site's sFlow link is a /30 picked by its name: B's must not be A's
  do name = `e${randomBytes(3).toString('hex')}`;
  while (siteNames(name).sflowHostIp === site.names.sflowHostIp);
  siteB = new LabSite(
    siteConfig(name, {
      dir: path.join(root, name),
      nbPort: await freePort(),
      sbPort: await freePort(),
      ovsPort: await freePort(),
      sflowCollector: site.config.sflowCollector,
    }),
  );
  const status = await siteB.up();
  const registered = await registerSite(
    siteRegistration({
      name: `lab-${name}`,
      nbRemote: status.nbRemote,
      sbRemote: status.sbRemote,
      ovsRemote: status.ovsRemote,
      sflowAgent: siteB.names.sflowNsIp,
    }),
    { server: URL, token },
  );
  await startFollower(siteB, { server: URL, token, tenant: TENANT, controllerId: registered.id });
  return { agent: new LabAgent(siteB), controller: registered.id, name: `lab-${name}` };
}

test('snapshot, ovn-nbctl ls-del a tier, roll back from the browser: traffic works again; restored at site B with the uplink remapped: traffic works on B', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const began = Date.now();
  const siteBUp = bringUpSiteB();
  siteBUp.catch(() => undefined);
  await signIn(page);
  await page.getByTestId(`app-row-${appId}`).getByRole('link').first().click();
  // the firewall as the template had it again: web may not reach db
  await page.getByTestId('node-fw-tiers').click();
  const from = page.getByTestId('rule-2').locator('select').first();
  await from.selectOption('g:g-app');
  await save(page, 'only app reaches db', 6);
  await planAndApply(page, 6);
  const app = await applied();
  const webToApp = () => probe(app, 'web-1', '10.0.2.11', 8080);
  await expect
    .poll(() => probe(app, 'web-1', '10.0.3.11', 5432), { timeout: 20_000, intervals: [250] })
    .toBe('timeout');
  expect(await webToApp()).toBe('connected: netcanvas lab 10.0.2.11');

  // B registered before the console lists controllers for the restore
  const b = await siteBUp;
  await page.reload();
  await page.getByTestId('snapshots').click();
  const dialog = page.getByTestId('snapshots-dialog');
  await dialog.getByTestId('snapshot-take').click();
  await expect(dialog.getByTestId('snapshot-note')).toContainText(`taken of ${controllerName}`);
  await expect(dialog.getByTestId('snapshot-list').locator('tbody tr')).toHaveCount(1);

  // someone deletes the app tier's switch behind netcanvas's back
  const appSwitch = /\((\S+\.ls-app)\)/.exec(await site.nbctl('ls-list'))?.[1];
  expect(appSwitch).toBeDefined();
  await site.nbctl('ls-del', appSwitch as string);
  await expect.poll(webToApp, { timeout: 20_000, intervals: [250] }).not.toMatch(/^connected/);

  // roll back from the browser: the snapshot restored where it was taken
  await dialog.getByTestId('snapshot-restore').click();
  let pane = dialog.getByTestId('restore-pane');
  await expect(pane.getByTestId('restore-target')).toHaveValue(String(controller));
  await pane.getByTestId('restore-plan').click();
  await expect(pane.getByTestId('plan-view')).toBeVisible();
  await expect(pane.getByTestId('restore-apply')).toHaveText(`Roll back ${controllerName}`);
  await pane.getByTestId('restore-apply').click();
  await expect(pane.getByTestId('apply-result')).toContainText(`to ${controllerName}`);
  await expect
    .poll(webToApp, { timeout: 20_000, intervals: [250] })
    .toBe('connected: netcanvas lab 10.0.2.11');
  expect(await probe(app, 'web-1', '10.0.3.11', 5432)).toBe('timeout');

  // restore at site B, its uplink on another physical network
  await pane.getByRole('button', { name: 'Done' }).click();
  await dialog.getByTestId('snapshot-restore').click();
  pane = dialog.getByTestId('restore-pane');
  await pane.getByTestId('restore-target').selectOption(String(b.controller));
  await expect(pane.getByTestId('remap-physnets')).toHaveValue('physnet1 = physnet1');
  await pane.getByTestId('remap-physnets').fill('physnet1 = physnet-b');
  await pane.getByTestId('restore-plan').click();
  await expect(pane.getByTestId('plan-view')).toBeVisible();
  await pane.getByTestId('restore-apply').click();
  await expect(pane.getByTestId('apply-result')).toContainText(`to ${b.name}`);
  await page.screenshot({ path: 'test-results/lab-restore-b.png' });
  const localnet = await (siteB as LabSite).nbctl(
    '--bare',
    '--columns=options',
    'find',
    'Logical_Switch_Port',
    'type=localnet',
  );
  expect(localnet).toContain('network_name=physnet-b');

  // B's agent brings the workloads up in namespaces of B's own, servers and all
  const onB = await applied(b.controller);
  const workloads = ['web-1', 'web-2', 'app-1', 'app-2', 'db-1'];
  for (const w of workloads) expect(b.agent.netnsOf(onB, w)).not.toBe(agent.netnsOf(app, w));
  await expect
    .poll(
      async () => {
        const present = await listNamespaces();
        return workloads.filter((w) => present.includes(b.agent.netnsOf(onB, w)));
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toEqual(workloads);
  const probeB = async (from: string, host: string, port: number) =>
    (await b.agent.exec(onB, from, process.execPath, ['-e', TCP_PROBE, host, String(port)])).trim();
  await expect
    .poll(() => probeB('web-1', '10.0.2.11', 8080), { timeout: 30_000, intervals: [250] })
    .toBe('connected: netcanvas lab 10.0.2.11');
  await expect
    .poll(() => probeB('app-1', '10.0.3.11', 5432), { timeout: 10_000, intervals: [250] })
    .toBe('connected: netcanvas lab 10.0.3.11');
  expect(await probeB('web-1', '10.0.3.11', 5432)).toBe('timeout');
  console.log(`snapshot, rollback and restore at site B took ${Date.now() - began} ms`);
});
