import { templateById } from '../../packages/model/src/index.ts';
import {
  type StandaloneServer,
  startOvsdbServer,
} from '../../packages/ovsdb/src/testing/ovsdb-server.ts';
import { ADMIN, DESIGNER, OPERATOR } from '../users.ts';
import { expect, signIn, test, uniqueId } from './fixtures.ts';

/**
 * One-click snapshot and disaster recovery from the console: the app applied to the sandbox is
 * snapshotted, then restored onto site B — a real OVN Northbound database started here — with
 * its uplink remapped, and `ovn-nbctl` on site B shows it.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });
test.use({ viewport: { width: 1280, height: 800 } });

// a tenant of its own: registering an OVN site changes what every page of a tenant shows
const TENANT = `dr${process.pid}`;
let siteB: StandaloneServer;
let siteBId = 0;

test.beforeAll(async ({ playwright, baseURL }) => {
  siteB = await startOvsdbServer();
  const admin = await playwright.request.newContext({ baseURL });
  const headers = { 'x-csrf-token': await signIn(admin, ADMIN) };
  const call = async (path: string, data: unknown, method: 'post' | 'put' = 'post') => {
    const res = await admin[method](path, { data, headers });
    expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
    return res.json() as Promise<{ id: number }>;
  };
  await call('/api/tenants', { id: TENANT, name: 'DR drill' });
  await call(`/api/tenants/${TENANT}/members/${DESIGNER.username}`, { role: 'designer' }, 'put');
  await call(`/api/tenants/${TENANT}/members/${OPERATOR.username}`, { role: 'operator' }, 'put');
  await call(`/api/tenants/${TENANT}/controllers`, { name: 'sandbox', kind: 'sandbox' });
  siteBId = (
    await call(`/api/tenants/${TENANT}/controllers`, {
      name: 'site-b',
      kind: 'ovn',
      remote: siteB.tcpRemote,
    })
  ).id;
  await admin.dispose();
});

test.afterAll(async () => {
  await siteB?.stop();
});

test('Snapshot, then Restore to site B with the uplink remapped: site B holds the app', async ({
  page,
}) => {
  // a designer makes the app, an operator applies it to the sandbox and works the console
  const id = uniqueId('dr');
  const app = templateById('three-tier').build({
    id,
    name: 'Three-tier web application',
    tenant: TENANT,
  });
  const created = await page.request.post(`/api/tenants/${TENANT}/apps`, {
    data: { app, message: 'created by the DR spec' },
    headers: { 'x-csrf-token': await signIn(page.request, DESIGNER) },
  });
  expect(created.status(), await created.text()).toBe(201);
  const csrf = await signIn(page.request, OPERATOR);
  const controllers = (await (
    await page.request.get(`/api/tenants/${TENANT}/controllers`)
  ).json()) as { id: number; kind: string }[];
  const sandbox = controllers.find((c) => c.kind === 'sandbox');
  expect(sandbox, 'the e2e tenant has a sandbox controller').toBeDefined();
  const plan = await page.request.post(`/api/tenants/${TENANT}/apps/${id}/plan`, {
    data: { controller: sandbox?.id },
    headers: { 'x-csrf-token': csrf },
  });
  const { planId } = (await plan.json()) as { planId: string };
  const applied = await page.request.post(`/api/tenants/${TENANT}/apps/${id}/apply`, {
    data: { planId },
    headers: { 'x-csrf-token': csrf },
  });
  expect(applied.status(), await applied.text()).toBe(200);

  await page.goto(`/#/t/${TENANT}/apps/${id}`);
  // this tenant has an OVN site: the console says so instead of the sandbox banner
  await expect(page.getByTestId('controller-status')).toHaveText('OVN: site-b');
  await expect(page.getByTestId('sandbox-banner')).toHaveCount(0);
  await page.getByTestId('snapshots').click();
  const dialog = page.getByTestId('snapshots-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('snapshots-empty')).toBeVisible();
  await dialog.getByTestId('snapshot-take').click();
  await expect(dialog.getByTestId('snapshot-note')).toContainText('taken of sandbox');
  await expect(dialog.getByTestId('snapshot-list').locator('tbody tr')).toHaveCount(1);

  // nothing changed on the controller since: the diff against live is empty
  await dialog.getByTestId('snapshot-diff-live').click();
  await expect(dialog.getByTestId('diff-empty')).toBeVisible();

  await dialog.getByTestId('snapshot-restore').click();
  const pane = dialog.getByTestId('restore-pane');
  await pane.getByTestId('restore-target').selectOption(String(siteBId));
  await expect(pane.getByTestId('remap-physnets')).toHaveValue('physnet1 = physnet1');
  await pane.getByTestId('remap-physnets').fill('physnet1 = physnet-dr');
  await pane.getByTestId('restore-plan').click();
  await expect(pane.getByTestId('plan-view')).toBeVisible();
  await expect(pane.getByTestId('plan-view')).toContainText('web');
  await page.screenshot({ path: test.info().outputPath('restore-plan.png') });
  await pane.getByTestId('restore-apply').click();
  await expect(pane.getByTestId('apply-result')).toContainText('to site-b');

  // site B, asked directly: the app's switches, and the uplink on the remapped network
  const switches = await siteB.nbctl('ls-list');
  for (const tier of ['ls-web', 'ls-app', 'ls-db'])
    expect(switches).toContain(`${TENANT}.${id}.${tier}`);
  const localnet = await siteB.nbctl(
    '--bare',
    '--columns=options',
    'find',
    'Logical_Switch_Port',
    'type=localnet',
  );
  expect(localnet).toContain('network_name=physnet-dr');
});
