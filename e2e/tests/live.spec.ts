import './live-hook.ts';
import { expect, type Page, test } from '@playwright/test';
import { LIVE_ADMIN, LIVE_OPERATOR } from './live-users.ts';
import { applyAndWatch, streamEvents } from './live-world.ts';

const NONZERO_BPS = /[1-9][\d.]* [kMG]?b\/s/;
/** "12.3 Mb/s" → 12_300_000 */
const bitsPerSec = (text: string) => {
  const m = /^([\d.]+) ([kMG]?)b\/s$/.exec(text.trim());
  if (!m) throw new Error(`not a rate: ${text}`);
  return Number(m[1]) * ({ '': 1, k: 1e3, M: 1e6, G: 1e9 }[m[2] ?? ''] ?? 1);
};
const times = (page: Page) => page.evaluate(() => window.__netcanvasStream?.times() ?? []);

// each test applies its own app from the three-tier template, so thresholds and alerts of one
// never show in another

test('links between workloads and their switches show live load, with both directions on hover', async ({
  page,
  baseURL,
}) => {
  await applyAndWatch(page, 'shop-links', baseURL ?? '');
  for (const w of ['web-1', 'web-2', 'app-1', 'app-2', 'db-1']) {
    const label = page.getByTestId(`link-load-${w}-eth0`);
    await expect(label).toHaveText(NONZERO_BPS, { timeout: 40_000 });
  }
  await page.getByTestId('link-load-web-1-eth0').hover();
  const tip = page.getByTestId('link-tip-web-1-eth0');
  await expect(tip).toBeVisible();
  await expect(tip.getByRole('row', { name: /bits\/s/ })).toHaveText(NONZERO_BPS);
  await expect(tip).toContainText('packets/s');
  await expect(tip).toContainText('errors/s');
  await expect(tip).toContainText('drops/s');

  // what the sandbox sent, within 20%: db-1 answers both app servers (3–12 Mb/s each) and
  // hears their queries (1–4 Mb/s each); web-1's dropped attempts on it are not delivered
  await page.getByTestId('link-load-db-1-eth0').hover();
  const dbRates = page.getByTestId('link-tip-db-1-eth0').getByRole('row', { name: /bits\/s/ });
  const [toSwitch, fromSwitch] = (await dbRates.locator('td').allTextContents()).map(bitsPerSec);
  expect(toSwitch).toBeGreaterThanOrEqual(2 * 3e6 * 0.8);
  expect(toSwitch).toBeLessThanOrEqual(2 * 12e6 * 1.2);
  expect(fromSwitch).toBeGreaterThanOrEqual(2 * 1e6 * 0.8);
  expect(fromSwitch).toBeLessThanOrEqual(2 * 4e6 * 1.2);

  // workloads show their port state and the chassis they are bound to
  const badge = page.getByTestId('node-live-web-1');
  await expect(badge).toHaveAttribute('data-state', 'up');
  await expect(badge).toContainText('127.0.0.1');
  await expect(page.getByTestId('node-live-ls-web')).toHaveText(NONZERO_BPS);

  // the overlay switches off and on
  await page.getByTestId('live-overlay-toggle').uncheck();
  await expect(page.getByTestId('link-load-web-1-eth0')).toHaveCount(0);
  await page.getByTestId('live-overlay-toggle').check();
  await expect(page.getByTestId('link-load-web-1-eth0')).toBeVisible();
});

test('the dashboard lists the permitted flows by workload name and healthy telemetry', async ({
  page,
  baseURL,
}) => {
  // a server admin who operates the tenant: telemetry health is theirs to see
  await applyAndWatch(page, 'shop-flows', baseURL ?? '', LIVE_ADMIN);
  const flows = page.getByTestId('top-flows').getByTestId('flow-row');
  const pairs = async () => flows.evaluateAll((rows) => rows.map((r) => r.dataset.flow ?? ''));
  await expect
    .poll(async () => (await pairs()).some((p) => /^web-\d>app-\d:8080$/.test(p)), {
      timeout: 40_000,
    })
    .toBe(true);
  await expect
    .poll(async () => (await pairs()).some((p) => /^app-\d>db-1:5432$/.test(p)))
    .toBe(true);
  expect((await pairs()).filter((p) => /^web-\d>db-1/.test(p))).toEqual([]);

  await expect(page.getByTestId('app-in')).toHaveText(NONZERO_BPS);
  await expect
    .poll(async () => Number(await page.getByTestId('health-datagrams').textContent()))
    .toBeGreaterThan(0);
  await expect(page.getByTestId('health-decode-errors')).toHaveText('0');
  await expect(page.getByTestId('health-agents')).toHaveText('1');
  await expect(page.getByTestId('top-talkers').getByRole('button')).toHaveCount(5);

  // the charts draw samples as they arrive
  await expect
    .poll(async () => Number(await page.getByTestId('totals-chart').getAttribute('data-points')), {
      timeout: 40_000,
    })
    .toBeGreaterThan(2);

  // drag zooms (and holds the chart still), double-click follows live again
  const chart = page.getByTestId('totals-chart');
  const over = chart.locator('.u-over');
  const box = await over.boundingBox();
  if (!box) throw new Error('the totals chart has no plot area');
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(chart).toHaveAttribute('data-zoomed', 'true');
  await expect(chart.locator('.u-legend')).toContainText(NONZERO_BPS);
  await over.dblclick();
  await expect(chart).not.toHaveAttribute('data-zoomed', 'true');
});

test('a dropped stream reconnects and the chart continues without gaps or duplicates', async ({
  page,
  baseURL,
}) => {
  await applyAndWatch(page, 'shop-reconnect', baseURL ?? '');
  await expect
    .poll(() => times(page).then((t) => t.length), { timeout: 40_000 })
    .toBeGreaterThan(3);
  await page.evaluate(() => {
    const seen: string[] = [];
    window.__statusSeen = seen;
    const pill = document.querySelector('[data-testid="stream-status"]');
    if (!pill) return;
    new MutationObserver(() => seen.push(pill.getAttribute('data-status') ?? '')).observe(pill, {
      attributes: true,
    });
  });
  const before = await times(page);
  await page.evaluate(() => window.__netcanvasStream?.drop());
  await expect.poll(() => page.evaluate(() => window.__statusSeen)).toContain('reconnecting');
  await expect(page.getByTestId('stream-status')).toHaveAttribute('data-status', 'open');
  expect(await page.evaluate(() => window.__netcanvasStream?.reconnects())).toBe(1);

  await expect
    .poll(() => times(page).then((t) => t.length), { timeout: 40_000 })
    .toBeGreaterThan(before.length + 4);
  const after = await times(page);
  expect(after.slice(0, before.length)).toEqual(before);
  const steps = after.slice(1).map((t, i) => t - (after[i] ?? t));
  expect(Math.min(...steps), 'no duplicate timestamps').toBeGreaterThan(0);
  expect(Math.max(...steps), 'no gap across the reconnect').toBeLessThan(2.5);
});

test('a port drill-down has a window selector and pause', async ({ page, baseURL }) => {
  await applyAndWatch(page, 'shop-port', baseURL ?? '');
  await page.getByTestId('node-web-1').click();
  const drill = page.getByTestId('port-drill');
  await expect(drill).toHaveAttribute('data-port', 'web-1/eth0');
  await expect(page.getByTestId('port-now')).toContainText(NONZERO_BPS);
  await expect(page.getByTestId('port-status')).toHaveText('up');

  const window15 = page.getByTestId('port-window').getByRole('button', { name: '15m' });
  await window15.click();
  await expect(window15).toHaveAttribute('aria-pressed', 'true');

  const chart = page.getByTestId('port-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(1);
  await page.getByTestId('live-pause').click();
  const frozen = await chart.getAttribute('data-points');
  await page.waitForTimeout(2_500);
  expect(await chart.getAttribute('data-points')).toBe(frozen);
  await page.getByTestId('live-pause').click();
  await expect.poll(async () => chart.getAttribute('data-points')).not.toBe(frozen);
});

test('a threshold set in the port drill-down alerts in the UI and the event stream, and outlives the page', async ({
  page,
  baseURL,
}) => {
  await applyAndWatch(page, 'shop-alert', baseURL ?? '');
  await page.getByTestId('node-web-1').click();
  await expect(page.getByTestId('port-drill')).toHaveAttribute('data-port', 'web-1/eth0');
  await expect(page.getByTestId('alert-banner')).toHaveCount(0);
  await expect(page.getByTestId('port-threshold-source')).toContainText('checked by the server');
  await page.getByTestId('port-threshold-input').fill('0.001');
  await page.getByTestId('port-threshold-set').click();
  const banner = page.getByTestId('alert-banner');
  await expect(banner).toBeVisible({ timeout: 40_000 });
  await expect(banner.getByTestId('alert-web-1/eth0')).toContainText('web-1');
  await expect(page.getByTestId('tab-live')).toContainText('1');
  // the server raised it: it is in the app's event stream and the event list
  await expect(
    page.getByTestId('live-events').locator('[data-kind="threshold-crossed"]'),
  ).toContainText('web-1 crossed 1.00 kb/s');
  const events = await streamEvents(page, 'shop-alert');
  expect(events).toContainEqual(
    expect.objectContaining({ kind: 'threshold-crossed', target: 'web-1/eth0' }),
  );

  // the server keeps the threshold and its alert: a page opened later shows both
  await page.reload();
  await expect(page.getByTestId('alert-banner')).toBeVisible({ timeout: 40_000 });
  await expect(page.getByTestId('alert-banner').getByTestId('alert-web-1/eth0')).toBeVisible();
});

test('attempts the firewall drops are listed as dropped, with the rule that drops them', async ({
  page,
  baseURL,
}) => {
  await applyAndWatch(page, 'shop-dropped', baseURL ?? '');
  const rows = page.getByTestId('dropped-flows').getByTestId('dropped-row');
  const pairs = async () => rows.evaluateAll((r) => r.map((x) => (x as HTMLElement).dataset.flow));
  await expect
    .poll(async () => (await pairs()).some((p) => /^web-\d>db-1:5432$/.test(p ?? '')), {
      timeout: 40_000,
    })
    .toBe(true);
  const row = rows.filter({ hasText: 'db-1' }).first();
  await expect(row).toContainText('tcp/5432');
  await expect(row).toContainText(NONZERO_BPS);
  await expect(row.getByTestId('dropped-rule')).toContainText('everything else');
  // an operator is told telemetry health is the server admins', not shown an error
  await expect(page.getByTestId('telemetry-health-hidden')).toBeVisible();
  await expect(page.getByTestId('stream-status')).not.toHaveAttribute('title', /forbidden/);
  // never counted as delivered: the top flows show no web → db connection
  const delivered = await page
    .getByTestId('top-flows')
    .getByTestId('flow-row')
    .evaluateAll((r) => r.map((x) => (x as HTMLElement).dataset.flow ?? ''));
  expect(delivered.filter((p) => /^web-\d>db-1/.test(p))).toEqual([]);
});

test('the live canvas draws the version that was applied, not the template', async ({
  page,
  baseURL,
}) => {
  // a designer saved the app with one app server fewer than the template has
  await applyAndWatch(page, 'shop-lean', baseURL ?? '', LIVE_OPERATOR, (app) => ({
    ...app,
    objects: (app.objects as { id: string }[]).filter((o) => o.id !== 'app-2'),
  }));
  await expect(page.getByTestId('link-load-app-1-eth0')).toHaveText(NONZERO_BPS, {
    timeout: 40_000,
  });
  await expect(page.getByTestId('node-app-1')).toBeVisible();
  await expect(page.getByTestId('node-app-2')).toHaveCount(0);
});
