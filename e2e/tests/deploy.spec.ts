import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type OwnServer, startOwnServer } from './own-server.ts';

/**
 * Plan & apply from the console against a real server of its own (a fresh data directory,
 * so the sandbox's applied state can be edited behind netcanvas's back to make drift).
 */
const BASE = Number(process.env.E2E_PORT_BASE ?? 4179);
const PORT = BASE + 30;
const URL = `http://127.0.0.1:${PORT}`;
const ADMIN_PASSWORD = 'deploy-spec admin password';
const PASSWORD = 'correct horse battery staple';

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: URL, viewport: { width: 1280, height: 800 }, screenshot: 'only-on-failure' });

let server: OwnServer | undefined;
let dataDir = '';

/** A signed-in API client (cookie + CSRF), as an administrator would script it. */
class Api {
  cookie = '';
  csrf = '';
  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${URL}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }
  async call(method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${URL}${p}`, {
      method,
      headers: {
        ...headers,
        cookie: this.cookie,
        'x-csrf-token': this.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }
}

async function must(p: Promise<{ status: number; json: unknown }>, status: number) {
  const r = await p;
  if (r.status !== status)
    throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.json)}`);
  return r.json as Record<string, unknown>;
}

test.setTimeout(120_000);

test.beforeAll(async () => {
  test.setTimeout(90_000);
  dataDir = mkdtempSync(path.join(tmpdir(), 'netcanvas-deploy-e2e-'));
  server = await startOwnServer({
    port: PORT,
    dataDir,
    adminPassword: ADMIN_PASSWORD,
    sflowPort: PORT + 1,
  });
  const admin = new Api();
  await admin.login('admin', ADMIN_PASSWORD);
  await must(admin.call('POST', '/api/tenants', { id: 'acme', name: 'Acme' }), 201);
  for (const [username, role] of [
    ['oscar', 'operator'],
    ['alice', 'designer'],
  ] as const) {
    await must(
      admin.call('PUT', `/api/tenants/acme/members/${username}`, { role, password: PASSWORD }),
      200,
    );
  }
  await must(
    admin.call('POST', '/api/tenants/acme/controllers', { name: 'sandbox', kind: 'sandbox' }),
    201,
  );
  const design = await must(admin.call('GET', '/api/templates/three-tier'), 200);
  const alice = new Api();
  await alice.login('alice', PASSWORD);
  await must(
    alice.call('POST', '/api/tenants/acme/apps', {
      app: { ...design, id: 'shop', name: 'shop', tenant: 'acme' },
      message: 'first cut',
    }),
    201,
  );
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // open it from the app list, as a user would
  await page.getByTestId('app-row-shop').getByRole('link', { name: 'shop' }).click();
  await expect(page.getByTestId('node-web-1')).toBeVisible();
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const current = () => page.evaluate(() => document.documentElement.dataset.theme ?? 'dark');
  if ((await current()) === theme) return;
  const modal = await page.evaluate(() => document.querySelector('dialog[open]') !== null);
  if (modal) {
    // the top bar's toggle is out of reach behind a modal dialog
    await page.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);
  } else {
    await page.getByTestId('theme-toggle').click();
    await expect.poll(current).toBe(theme);
  }
}

const mark = (page: Page, id: string) => page.getByTestId(`node-${id}`).locator('[data-deploy]');

test('an operator plans, reviews the plan by object and applies it; the canvas marks what is applied', async ({
  page,
}) => {
  await signIn(page, 'oscar');
  await expect(page.getByTestId('deploy-summary')).toHaveText('Not applied');
  await expect(mark(page, 'web-1')).toHaveCount(0);
  await expect(page.getByTestId('open-live')).toHaveCount(0);

  await page.getByTestId('apply').click();
  const dialog = page.getByTestId('plan-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('deploy-controller')).toHaveValue(/\d+/);
  // focus stays in the dialog
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
  await page.getByTestId('plan').click();
  await expect(page.getByTestId('plan-view')).toContainText('Based on v1 by alice');
  const web1 = page.getByTestId('plan-group-web-1');
  await expect(web1).toContainText('web-1');
  await expect(web1).toContainText('Workload');
  await expect(web1).toContainText('create');
  await expect(page.getByTestId('plan-group-ls-web')).toContainText('Logical switch');
  await expect(page.getByTestId('plan-summary')).toContainText('to create');

  for (const theme of ['dark', 'light'] as const) {
    await setTheme(page, theme);
    await page.screenshot({ path: `test-results/deploy-plan-dialog-${theme}.png` });
  }
  await setTheme(page, 'dark');

  const apply = page.getByTestId('apply-plan');
  await expect(apply).toHaveText('Apply v1 to sandbox');
  await apply.click();
  await expect(page.getByTestId('apply-result')).toContainText('Applied v1 to sandbox');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('deploy-summary')).toHaveText('Applied v1 to sandbox · in sync');
  for (const id of ['web-1', 'ls-web', 'lr-edge', 'fw-tiers']) {
    await expect(mark(page, id)).toHaveAttribute('data-deploy', 'applied');
  }
  // once applied, the live view of it is one click away
  await expect(page.getByTestId('open-live')).toHaveAttribute('href', /\?live=[\w.-]+\/[\w.-]+$/);

  // planning again: nothing left to do
  await page.getByTestId('apply').click();
  await page.getByTestId('plan').click();
  await expect(page.getByTestId('plan-empty')).toHaveText(
    'No changes — the controller already matches v1',
  );
  await page.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toBeHidden();
});

test('an edit is saved first, then shows as pending on the edited object only; trace on the controller answers for what is applied', async ({
  page,
}) => {
  await signIn(page, 'alice');
  await page.getByTestId('node-web-2').click();
  const ip = page.getByTestId('field-nics.0.ip');
  await ip.fill('10.0.1.60');
  await ip.press('Tab');
  await expect(page.getByTestId('unsaved')).toBeVisible();
  // apply works on saved versions: the button says so while the edit is unsaved
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expect(page.getByTestId('apply')).toHaveAttribute('title', /Save first/);

  await page.getByTestId('save').click();
  await page.getByLabel('What changed (optional)').fill('move web-2 to .60');
  await page.getByTestId('save-confirm').click();
  await expect(page.getByTestId('unsaved')).toHaveCount(0);
  await expect(mark(page, 'web-2')).toHaveAttribute('data-deploy', 'pending');
  await expect(mark(page, 'web-1')).toHaveAttribute('data-deploy', 'applied');
  await expect(page.getByTestId('deploy-summary')).toHaveText('Applied v1 to sandbox · 1 pending');
  await expect(page.getByTestId('apply')).toBeEnabled();
  // the summary opens where the app is applied and what the marks mean
  await page.getByTestId('deploy-summary').click();
  const popover = page.getByTestId('deploy-popover');
  await expect(popover).toContainText('applied by oscar');
  await expect(popover).toContainText('Pending: added or changed since the applied version');
  await page.screenshot({ path: 'test-results/deploy-status-popover.png' });
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();

  await page.getByTestId('whatif-from-select').selectOption('web-1');
  await page.getByTestId('whatif-to-select').selectOption('db-1');
  await page.getByTestId('whatif-port').fill('5432');
  await page.getByTestId('whatif-run-remote').click();
  await expect(page.getByTestId('whatif-source')).toContainText('applied state on sandbox');
  await expect(page.getByTestId('whatif-verdict')).toHaveAttribute('data-verdict', 'dropped');
  await expect(page.getByTestId('whatif-rule')).toContainText('everything else');

  for (const theme of ['dark', 'light'] as const) {
    await setTheme(page, theme);
    await page.screenshot({ path: `test-results/deploy-canvas-pending-${theme}.png` });
  }
});

test('drift on the controller is marked, and "Take theirs" saves the controller state as a new version', async ({
  page,
}) => {
  await signIn(page, 'alice');
  await expect(mark(page, 'db-1')).toHaveAttribute('data-deploy', 'applied');

  // someone renames db-1 on the sandbox behind netcanvas's back
  execFileSync('sqlite3', [
    path.join(dataDir, 'netcanvas.db'),
    `UPDATE sandbox_apps SET app_json = (
       SELECT json_set(app_json, '$.objects[' || je.key || '].name', 'db-by-hand')
       FROM json_each(app_json, '$.objects') AS je WHERE json_extract(je.value, '$.id') = 'db-1'
     ), revision = revision + 1 WHERE app_key = 'acme/shop'`,
  ]);

  await expect(mark(page, 'db-1')).toHaveAttribute('data-deploy', 'drift', { timeout: 10_000 });
  const banner = page.getByTestId('drift-banner');
  await expect(banner).toContainText('sandbox changed outside netcanvas');
  await expect(banner).toContainText('db-1');
  for (const theme of ['dark', 'light'] as const) {
    await setTheme(page, theme);
    await page.screenshot({ path: `test-results/deploy-canvas-drift-${theme}.png` });
  }

  await page.getByTestId('take-theirs').click();
  await expect(banner).toBeHidden({ timeout: 10_000 });
  await expect(page.getByTestId('node-db-1')).toContainText('db-by-hand');

  const admin = new Api();
  await admin.login('admin', ADMIN_PASSWORD);
  const latest = await must(admin.call('GET', '/api/tenants/acme/apps/shop'), 200);
  expect(latest.version).toBe(3);
  const deployments = await admin.call('GET', '/api/tenants/acme/apps/shop/deployments');
  expect(deployments.json).toMatchObject([{ version: 3, drift: null }]);
});
