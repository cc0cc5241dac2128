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

test('app list Snapshot, then the diff against live on the canvas: added, changed, removed', async ({
  page,
}) => {
  const id = uniqueId('snapdiff');
  const idle = uniqueId('idle');
  const v1 = templateById('three-tier').build({ id, name: 'Shop to compare', tenant: TENANT });
  const designer = await signIn(page.request, DESIGNER);
  for (const app of [v1, { ...v1, id: idle, name: 'Never applied' }]) {
    const res = await page.request.post(`/api/tenants/${TENANT}/apps`, {
      data: { app, message: 'created by the snapshot overlay spec' },
      headers: { 'x-csrf-token': designer },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  let operator = await signIn(page.request, OPERATOR);
  const applyToSandbox = async () => {
    const controllers = (await (
      await page.request.get(`/api/tenants/${TENANT}/controllers`)
    ).json()) as { id: number; kind: string }[];
    const sandbox = controllers.find((c) => c.kind === 'sandbox');
    const plan = await page.request.post(`/api/tenants/${TENANT}/apps/${id}/plan`, {
      data: { controller: sandbox?.id },
      headers: { 'x-csrf-token': operator },
    });
    expect(plan.status(), await plan.text()).toBe(200);
    const { planId } = (await plan.json()) as { planId: string };
    const applied = await page.request.post(`/api/tenants/${TENANT}/apps/${id}/apply`, {
      data: { planId },
      headers: { 'x-csrf-token': operator },
    });
    expect(applied.status(), await applied.text()).toBe(200);
  };
  await applyToSandbox();

  // the operator snapshots it from the app list in one click
  await page.goto(`/#/t/${TENANT}/apps`);
  const row = page.getByTestId(`app-row-${id}`);
  await row.getByTestId('row-snapshot').click();
  await expect(row.getByTestId('row-snapshot-note')).toContainText(
    /Snapshot [0-9a-f]{12} taken of sandbox/,
  );
  const note = (await row.getByTestId('row-snapshot-note').textContent()) ?? '';
  const hash = /[0-9a-f]{12}/.exec(note)?.[0];
  // an app applied nowhere has nothing to snapshot, and the button says so
  const idleButton = page.getByTestId(`app-row-${idle}`).getByTestId('row-snapshot');
  await expect(idleButton).toBeDisabled();
  await expect(idleButton).toHaveAttribute('title', /Not applied anywhere/);
  await page.screenshot({ path: 'test-results/snapshot-app-list.png' });
  // the row's Snapshots… opens the app's snapshots with the one just taken
  await row.getByTestId('row-snapshots').click();
  const listDialog = page.getByTestId('snapshots-dialog');
  await expect(listDialog.getByTestId(`snapshot-${hash}`)).toBeVisible();
  await listDialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(listDialog).toHaveCount(0);

  // the design moves on and is applied: app-2 gone, app-1 readdressed, db-2 new
  const v2 = {
    ...v1,
    objects: [
      ...v1.objects
        .filter((o) => o.id !== 'app-2')
        .map((o) =>
          o.id === 'app-1' && o.kind === 'workload'
            ? { ...o, nics: o.nics.map((n) => ({ ...n, ip: '10.0.2.21' })) }
            : o,
        ),
      {
        id: 'db-2',
        name: 'db-2',
        kind: 'workload' as const,
        workloadType: 'vm' as const,
        tags: ['tier=db'],
        nics: [{ id: 'eth0', switch: 'ls-db', ip: '10.0.3.12' }],
      },
    ],
    layout: {
      ...v1.layout,
      positions: { ...v1.layout.positions, 'db-2': { x: 880, y: 460 } },
    },
  };
  const designerAgain = await signIn(page.request, DESIGNER);
  const saved = await page.request.put(`/api/tenants/${TENANT}/apps/${id}`, {
    data: { app: v2, message: 'db-2 in, app-2 out' },
    headers: { 'x-csrf-token': designerAgain, 'if-match': `"${id}:1"` },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  operator = await signIn(page.request, OPERATOR);
  await applyToSandbox();
  // and is snapshotted again, through the API, to compare two snapshots
  const controllers = (await (
    await page.request.get(`/api/tenants/${TENANT}/controllers`)
  ).json()) as { id: number; kind: string }[];
  const second = await page.request.post(`/api/tenants/${TENANT}/apps/${id}/snapshots`, {
    data: { controller: controllers.find((c) => c.kind === 'sandbox')?.id },
    headers: { 'x-csrf-token': operator },
  });
  expect(second.status(), await second.text()).toBe(201);
  const secondId = ((await second.json()) as { id: string }).id;

  // a designer compares it in the editor (a full load: the list's page would only change its hash)
  await signIn(page.request, DESIGNER);
  await page.goto('about:blank');
  await page.goto(`/#/t/${TENANT}/apps/${id}`);
  await expect(page.getByTestId('node-db-2')).toBeVisible();
  const dialog = page.getByTestId('snapshots-dialog');
  const showOnCanvas = async () => {
    await page.getByTestId('snapshots').click();
    await dialog.getByTestId(`snapshot-${hash}`).getByTestId('snapshot-diff-live').click();
    await expect(dialog.getByTestId('snapshot-diff')).toContainText('1 added');
    await dialog.getByTestId('diff-show-on-canvas').click();
    await expect(dialog).toHaveCount(0);
  };
  // two snapshots compared: the first → the second says the same as the first → live
  await page.getByTestId('snapshots').click();
  await dialog.getByTestId(`snapshot-${hash}`).getByTestId('snapshot-diff-live').click();
  await dialog.getByTestId('diff-to').selectOption(secondId);
  await expect(dialog.getByTestId('snapshot-diff')).toContainText('1 added');
  await expect(dialog.getByTestId('snapshot-diff')).toContainText('1 removed');
  await dialog
    .getByTestId(`snapshot-${secondId.slice(0, 12)}`)
    .getByTestId('snapshot-diff-live')
    .click();
  await expect(dialog.getByTestId('diff-empty')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  await showOnCanvas();

  const bar = page.getByTestId('diff-overlay');
  await expect(bar).toContainText(`Comparing with snapshot ${hash}`);
  await expect(bar).toContainText(`by ${OPERATOR.username}) → live on sandbox`);
  await expect(page.getByTestId('node-db-2')).toHaveClass(/diff-added/);
  await expect(page.getByTestId('node-app-1')).toHaveClass(/diff-changed/);
  await expect(page.getByTestId('node-app-1').getByTestId('diff-mark')).toHaveAttribute(
    'title',
    /Changed since the snapshot: nics/,
  );
  // app-2 is no longer in the design: a dashed ghost where the snapshot had it
  await expect(page.getByTestId('node-app-2')).toHaveClass(/diff-removed/);
  await expect(page.getByTestId('node-web-1')).not.toHaveClass(/diff-/);
  await page.screenshot({ path: 'test-results/snapshot-diff-overlay.png' });

  await bar.getByTestId('diff-overlay-close').click();
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('node-app-2')).toHaveCount(0);
  await expect(page.getByTestId('node-db-2')).not.toHaveClass(/diff-added/);

  // the overlay describes the design as it was shown: an edit closes it
  await showOnCanvas();
  await expect(page.getByTestId('node-app-2')).toBeVisible();
  await page.getByTestId('node-db-2').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-db-2')).toHaveCount(0);
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('node-app-2')).toHaveCount(0);
});
