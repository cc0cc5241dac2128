import {
  type StandaloneServer,
  startOvsdbServer,
} from '../../packages/ovsdb/src/testing/ovsdb-server.ts';
import { ADMIN, DESIGNER } from '../users.ts';
import { expect, signIn, test } from './fixtures.ts';

/**
 * "Import from controller" in the browser: a real OVN Northbound database started here holds
 * a network an operator made with `ovn-nbctl`; registered as the tenant's controller, it is
 * imported from the app list and lands on the canvas laid out, every object named as in OVN.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });

// a tenant of its own: registering an OVN site changes what every page of a tenant shows
const TENANT = `imp${process.pid}`;
let nb: StandaloneServer;

/** What the operator built by hand: a switch with two VMs, a router with a port on it. */
const BUILD = [
  ['ls-add', 'front'],
  ['lsp-add', 'front', 'vm-a'],
  ['lsp-set-addresses', 'vm-a', '50:54:00:00:0a:01 10.9.1.11'],
  ['lsp-add', 'front', 'vm-b'],
  ['lsp-set-addresses', 'vm-b', '50:54:00:00:0a:02 10.9.1.12'],
  ['lr-add', 'gw'],
  ['lrp-add', 'gw', 'gw-front', '00:00:00:00:0a:ff', '10.9.1.1/24'],
  ['lsp-add', 'front', 'front-gw'],
  ['lsp-set-type', 'front-gw', 'router'],
  ['lsp-set-addresses', 'front-gw', 'router'],
  ['lsp-set-options', 'front-gw', 'router-port=gw-front'],
];

test.beforeAll(async ({ playwright, baseURL }) => {
  nb = await startOvsdbServer();
  for (const args of BUILD) await nb.nbctl(...args);
  const admin = await playwright.request.newContext({ baseURL });
  const headers = { 'x-csrf-token': await signIn(admin, ADMIN) };
  const call = async (path: string, data: unknown, method: 'post' | 'put' = 'post') => {
    const res = await admin[method](path, { data, headers });
    expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  };
  await call('/api/tenants', { id: TENANT, name: 'Import drill' });
  await call(`/api/tenants/${TENANT}/members/${DESIGNER.username}`, { role: 'designer' }, 'put');
  await call(`/api/tenants/${TENANT}/controllers`, {
    name: 'site-import',
    kind: 'ovn',
    remote: nb.tcpRemote,
  });
  await admin.dispose();
});

test.afterAll(async () => {
  await nb?.stop();
});

test('Import from controller: the hand-made OVN network is on the canvas, laid out, named as in OVN', async ({
  page,
}) => {
  await signIn(page.request, DESIGNER);
  await page.goto(`/#/t/${TENANT}/apps`);
  await page.getByRole('button', { name: 'Import from controller' }).click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.locator('select[name="controller"]')).toHaveValue(/\d+/);
  await expect(dialog.locator('select[name="controller"] option:checked')).toHaveText(
    'site-import (ovn)',
  );
  await dialog.locator('input[name="app-name"]').fill('Front door');
  await expect(dialog.locator('input[name="app-id"]')).toHaveValue('front-door');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  await expect(page.getByTestId('app-name')).toHaveText('Front door');
  const names = page.locator('.react-flow__node .object-node-name');
  await expect(names).toHaveCount(4);
  expect((await names.allTextContents()).sort()).toEqual(['front', 'gw', 'vm-a', 'vm-b']);
  // the router's port and both VMs' NICs are drawn as links to the switch
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await expect(page.locator('.react-flow__node', { hasText: 'vm-a' })).toContainText('10.9.1.11');
  await expect(page.locator('.react-flow__node', { hasText: 'gw' })).toContainText('10.9.1.1');

  // laid out by the elk worker on open (an unsaved change to keep): no two objects overlap
  await expect(page.getByTestId('unsaved')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Laying out…')).toHaveCount(0);
  await expect
    .poll(async () => {
      const boxes = await page
        .locator('.react-flow__node')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()));
      return boxes.flatMap((a, i) =>
        boxes
          .slice(i + 1)
          .filter(
            (b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
          )
          .map(() => i),
      ).length;
    })
    .toBe(0);
  await page.screenshot({ path: test.info().outputPath('imported.png') });

  // the import is stored as version 1, holding exactly those objects
  const stored = await page.request.get(`/api/tenants/${TENANT}/apps/front-door`);
  expect(stored.ok()).toBe(true);
  const { design } = (await stored.json()) as {
    design: { objects: { name: string; kind: string }[] };
  };
  expect(design.objects.map((o) => `${o.kind}:${o.name}`).sort()).toEqual([
    'router:gw',
    'switch:front',
    'workload:vm-a',
    'workload:vm-b',
  ]);
});
