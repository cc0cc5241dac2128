import type { Page } from '@playwright/test';
import { DESIGNER, DESIGNER_2, TENANT } from '../users.ts';
import { appUrl, expect, signIn, test } from './fixtures.ts';

// signs in and saves several times, in two browsers
test.describe.configure({ timeout: 120_000 });

async function setIp(page: Page, node: string, ip: string) {
  await page.getByTestId(`node-${node}`).click();
  const field = page.getByTestId('field-nics.0.ip');
  await field.fill(ip);
  await field.press('Tab');
  await expect(page.getByTestId(`node-${node}`)).toContainText(ip);
}

async function save(page: Page, message: string) {
  await page.getByTestId('save').click();
  await page.getByLabel('What changed (optional)').fill(message);
  await page.getByTestId('save-confirm').click();
}

test('create from a template, edit, reload keeps the draft, save makes v2', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Username').fill(DESIGNER.username);
  await page.getByLabel('Password').fill(DESIGNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('new-app').click();
  const dialog = page.getByTestId('new-app-dialog');
  const name = `Web shop ${Date.now().toString(36)}`;
  await dialog.getByLabel('Name').fill(name);
  const id = await dialog.getByLabel('Id').inputValue();
  expect(id).toMatch(/^web-shop-/);
  await dialog.getByText('Three-tier web application').click();
  await dialog.getByRole('button', { name: 'Create' }).click();

  await expect(page).toHaveURL(new RegExp(`#/t/${TENANT}/apps/${id}$`));
  await expect(page.getByTestId('app-name')).toHaveText(name);
  await expect(page.getByTestId('version')).toHaveText('v1');
  await expect(page.locator('[data-testid^="node-"]')).toHaveCount(15);
  await expect(page.getByTestId('save')).toBeDisabled();

  await setIp(page, 'web-1', '10.0.1.50');
  await expect(page.getByTestId('unsaved')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('node-web-1')).toContainText('10.0.1.50');
  await expect(page.getByTestId('unsaved')).toBeVisible();

  await save(page, 'move web-1 to .50');
  await expect(page.getByTestId('version')).toHaveText('v2');
  await expect(page.getByTestId('unsaved')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('node-web-1')).toContainText('10.0.1.50');
  await expect(page.getByTestId('version')).toHaveText('v2');

  // back to the list (browser back goes there too)
  await page.getByTestId('crumb-tenant').click();
  const row = page.getByTestId(`app-row-${id}`);
  await expect(row.getByTestId('app-version')).toHaveText('v2');
  await expect(row).toContainText('move web-1 to .50');
  await expect(row).toContainText(DESIGNER.username);
  await page.goBack();
  await expect(page.getByTestId('app-name')).toHaveText(name);
  await page.goForward();
  await expect(page.getByRole('heading', { name: 'Applications' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search applications' }).fill('no-such-app');
  await expect(page.getByText('No application matches')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search applications' }).fill(id);
  await expect(row).toBeVisible();
});

test('a save over someone else’s version shows who changed what; keep mine or reload theirs', async ({
  page,
  browser,
}) => {
  // dana opens a fresh three-tier app at v1
  const id = `shared-${Date.now().toString(36)}`;
  const csrf = await signIn(page.request, DESIGNER);
  const { templateById } = await import('../../packages/model/src/index.ts');
  const app = templateById('three-tier').build({ id, name: 'Shared shop', tenant: TENANT });
  const created = await page.request.post(`/api/tenants/${TENANT}/apps`, {
    data: { app, message: 'start' },
    headers: { 'x-csrf-token': csrf },
  });
  expect(created.status()).toBe(201);
  await page.goto(appUrl(id));
  await expect(page.getByTestId('version')).toHaveText('v1');

  // erik, in another browser, opens the same version, moves db-1 and saves v2
  const other = await browser.newContext();
  const erik = await other.newPage();
  await signIn(erik.request, DESIGNER_2);
  await erik.goto(appUrl(id));
  await expect(erik.getByTestId('version')).toHaveText('v1');
  await setIp(erik, 'db-1', '10.0.3.50');
  await save(erik, 'db-1 to .50');
  await expect(erik.getByTestId('version')).toHaveText('v2');

  // dana, still on v1, edits and saves: the server refuses, the console says why
  await setIp(page, 'web-2', '10.0.1.60');
  await save(page, 'web-2 to .60');
  const conflict = page.getByTestId('conflict-dialog');
  await expect(conflict).toContainText('You edited v1; the server is now at v2.');
  await expect(conflict.getByTestId('conflict-version')).toContainText(DESIGNER_2.username);
  await expect(conflict.getByTestId('conflict-version')).toContainText('db-1 to .50');
  await expect(conflict.getByTestId('conflict-changes')).toContainText('db-1');
  await expect(conflict.getByTestId('conflict-changes')).toContainText('nics[0].ip');
  await conflict.getByTestId('keep-mine').click();
  await expect(conflict).toHaveCount(0);
  await expect(page.getByTestId('version')).toHaveText('v3');
  await expect(page.getByTestId('node-web-2')).toContainText('10.0.1.60');

  // erik, now behind, saves again and takes theirs: dana's change shows, his is gone
  await setIp(erik, 'app-1', '10.0.2.70');
  await save(erik, 'app-1 to .70');
  const theirs = erik.getByTestId('conflict-dialog');
  await expect(theirs).toContainText('You edited v2; the server is now at v3.');
  await expect(theirs.getByTestId('conflict-version')).toContainText(DESIGNER.username);
  await expect(theirs.getByTestId('conflict-changes')).toContainText('web-2');
  await theirs.getByTestId('take-theirs').click();
  await expect(theirs).toHaveCount(0);
  await expect(erik.getByTestId('version')).toHaveText('v3');
  await expect(erik.getByTestId('node-web-2')).toContainText('10.0.1.60');
  await expect(erik.getByTestId('node-app-1')).not.toContainText('10.0.2.70');
  await expect(erik.getByTestId('unsaved')).toHaveCount(0);
  await other.close();
});
