import './live-hook.ts';
import { expect, type Page, test } from '@playwright/test';

const NONZERO_BPS = /[1-9][\d.]* [kMG]?b\/s/;
const times = (page: Page) => page.evaluate(() => window.__netcanvasStream?.times() ?? []);

test.beforeEach(async ({ page }) => {
  await page.goto('/?live=default/shop');
  await expect(page.getByTestId('stream-status')).toHaveAttribute('data-status', 'open');
});

test('links between workloads and their switches show live load, with both directions on hover', async ({
  page,
}) => {
  for (const w of ['web-1', 'web-2', 'app-1', 'app-2', 'db-1']) {
    const label = page.getByTestId(`link-load-${w}-eth0`);
    await expect(label).toHaveText(NONZERO_BPS, { timeout: 15_000 });
  }
  await page.getByTestId('link-load-web-1-eth0').hover();
  const tip = page.getByTestId('link-tip-web-1-eth0');
  await expect(tip).toBeVisible();
  await expect(tip.getByRole('row', { name: /bits\/s/ })).toHaveText(NONZERO_BPS);
  await expect(tip).toContainText('packets/s');
  await expect(tip).toContainText('errors/s');
  await expect(tip).toContainText('drops/s');

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
}) => {
  const flows = page.getByTestId('top-flows').getByTestId('flow-row');
  const pairs = async () => flows.evaluateAll((rows) => rows.map((r) => r.dataset.flow ?? ''));
  await expect
    .poll(async () => (await pairs()).some((p) => /^web-\d>app-\d:8080$/.test(p)), {
      timeout: 15_000,
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
      timeout: 10_000,
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
}) => {
  test.setTimeout(60_000);
  await expect
    .poll(() => times(page).then((t) => t.length), { timeout: 15_000 })
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
    .poll(() => times(page).then((t) => t.length), { timeout: 20_000 })
    .toBeGreaterThan(before.length + 4);
  const after = await times(page);
  expect(after.slice(0, before.length)).toEqual(before);
  const steps = after.slice(1).map((t, i) => t - (after[i] ?? t));
  expect(Math.min(...steps), 'no duplicate timestamps').toBeGreaterThan(0);
  expect(Math.max(...steps), 'no gap across the reconnect').toBeLessThan(2.5);
});

test('a port drill-down has a window selector and pause, and a low threshold raises an alert', async ({
  page,
}) => {
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

  await expect(page.getByTestId('alert-banner')).toHaveCount(0);
  await page.getByTestId('port-threshold-input').fill('0.001');
  await page.getByTestId('port-threshold-set').click();
  const banner = page.getByTestId('alert-banner');
  await expect(banner).toBeVisible();
  await expect(banner.getByTestId('alert-web-1/eth0')).toContainText('web-1');
  await expect(page.getByTestId('tab-live')).toContainText('1');

  // thresholds are kept in this browser
  await page.reload();
  await expect(page.getByTestId('alert-banner')).toBeVisible({ timeout: 15_000 });
});
