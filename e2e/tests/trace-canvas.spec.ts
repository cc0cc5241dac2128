import type { Page } from '@playwright/test';
import { templateById } from '../../packages/model/src/index.ts';
import { type OvnCentral, startOvnCentral } from '../../packages/ovn/src/testing/ovn-central.ts';
import { ADMIN, DESIGNER, OPERATOR } from '../users.ts';
import { expect, signIn, test, uniqueId } from './fixtures.ts';

/**
 * What-if on the controller lights up the path on the canvas, as the browser's own trace
 * does: a real OVN central (NB, SB, ovn-northd) started here, the three-tier app applied to
 * it, and "Trace on site" answered by ovn-trace, its hops and deciding ACL mapped back onto
 * the design's objects.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });

// a tenant of its own: registering an OVN site changes what every page of a tenant shows
const TENANT = `tr${process.pid}`;
let ovn: OvnCentral;
let appId = '';

test.beforeAll(async ({ playwright, baseURL }) => {
  ovn = await startOvnCentral();
  const api = await playwright.request.newContext({ baseURL });
  const as = async (user: typeof ADMIN | typeof DESIGNER | typeof OPERATOR) => ({
    'x-csrf-token': await signIn(api, user),
  });
  const call = async (
    headers: Record<string, string>,
    path: string,
    data: unknown,
    method: 'post' | 'put' = 'post',
  ) => {
    const res = await api[method](path, { data, headers });
    expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const admin = await as(ADMIN);
  await call(admin, '/api/tenants', { id: TENANT, name: 'Trace drill' });
  for (const [user, role] of [
    [DESIGNER, 'designer'],
    [OPERATOR, 'operator'],
  ] as const) {
    await call(admin, `/api/tenants/${TENANT}/members/${user.username}`, { role }, 'put');
  }
  const site = await call(admin, `/api/tenants/${TENANT}/controllers`, {
    name: 'site-t',
    kind: 'ovn',
    remote: ovn.nbRemote,
    sbRemote: ovn.sb.tcpRemote,
  });
  appId = uniqueId('trace');
  const app = templateById('three-tier').build({ id: appId, name: 'Traced', tenant: TENANT });
  await call(await as(DESIGNER), `/api/tenants/${TENANT}/apps`, { app, message: 'trace spec' });
  const operator = await as(OPERATOR);
  const { planId } = await call(operator, `/api/tenants/${TENANT}/apps/${appId}/plan`, {
    controller: site.id,
  });
  await call(operator, `/api/tenants/${TENANT}/apps/${appId}/apply`, { planId });
  await ovn.sync();
  await api.dispose();
});

test.afterAll(async () => {
  await ovn?.stop();
});

async function traceOnSite(page: Page, from: string, to: string, port: string) {
  await page.getByTestId('whatif-from-select').selectOption(from);
  await page.getByTestId('whatif-to-select').selectOption(to);
  await page.getByTestId('whatif-protocol').selectOption('tcp');
  await page.getByTestId('whatif-port').fill(port);
  const remote = page.getByTestId('whatif-run-remote');
  await expect(remote).toHaveText('Trace on site-t');
  await remote.click();
}

test('Trace on the OVN site: ovn-trace’s path and deciding rule light up on the canvas', async ({
  page,
}) => {
  await signIn(page.request, OPERATOR);
  await page.goto(`/#/t/${TENANT}/apps/${appId}`);
  await expect(page.getByTestId('node-web-1')).toBeVisible();

  await traceOnSite(page, 'web-1', 'app-1', '8080');
  await expect(page.getByTestId('whatif-source')).toContainText('ovn-trace on site-t');
  await expect(page.getByTestId('whatif-verdict')).toHaveAttribute('data-verdict', 'delivered');
  await expect(page.getByTestId('whatif-rule')).toContainText('web to app');
  for (const id of ['web-1', 'ls-web', 'lr-edge', 'ls-app', 'fw-tiers', 'app-1'])
    await expect(page.getByTestId(`node-${id}`)).toHaveClass(/hl-path/);
  for (const id of ['db-1', 'ls-db', 'web-2'])
    await expect(page.getByTestId(`node-${id}`)).toHaveClass(/hl-dim/);

  // dropped on the way to db: the path ends at the firewall whose rule decided
  await traceOnSite(page, 'web-1', 'db-1', '5432');
  await expect(page.getByTestId('whatif-verdict')).toHaveAttribute('data-verdict', 'dropped');
  await expect(page.getByTestId('whatif-rule')).toContainText('everything else');
  for (const id of ['web-1', 'lr-edge', 'ls-db', 'fw-tiers'])
    await expect(page.getByTestId(`node-${id}`)).toHaveClass(/hl-path/);
  await expect(page.getByTestId('node-app-1')).toHaveClass(/hl-dim/);
  await page.screenshot({ path: test.info().outputPath('ovn-trace-canvas.png') });
});
