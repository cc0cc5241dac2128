import type { Page } from '@playwright/test';
import { expect, openNewApp, test } from './fixtures.ts';

async function trace(page: Page, from: string, to: string, protocol: string, port: string) {
  await page.getByTestId('whatif-from-select').selectOption(from);
  await page.getByTestId('whatif-to-select').selectOption(to);
  await page.getByTestId('whatif-protocol').selectOption(protocol);
  await page.getByTestId('whatif-port').fill(port);
  await page.getByTestId('whatif-run').click();
}

test.describe('what if, on the three-tier design', () => {
  test.beforeEach(async ({ page }) => {
    await openNewApp(page);
    await expect(page.getByTestId('node-web-1')).toBeVisible();
  });

  test('web-1 → app-1 tcp/8080 is delivered by the "web to app" rule', async ({ page }) => {
    await trace(page, 'web-1', 'app-1', 'tcp', '8080');
    const verdict = page.getByTestId('whatif-verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
    await expect(verdict).toContainText('Delivered');
    await expect(page.getByTestId('whatif-rule')).toContainText('web to app');
    const hops = page.getByTestId('whatif-hops');
    for (const name of ['web-1', 'edge', 'app-1']) await expect(hops).toContainText(name);
    // the path lights up on the canvas; what is off the path fades
    for (const id of ['web-1', 'ls-web', 'lr-edge', 'ls-app', 'app-1']) {
      await expect(page.getByTestId(`node-${id}`)).toHaveClass(/hl-path/);
    }
    await expect(page.getByTestId('node-db-1')).toHaveClass(/hl-dim/);
  });

  test('web-1 → db-1 tcp/5432 is dropped by "everything else"', async ({ page }) => {
    await trace(page, 'web-1', 'db-1', 'tcp', '5432');
    const verdict = page.getByTestId('whatif-verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'dropped');
    await expect(verdict).toContainText('Dropped');
    await expect(page.getByTestId('whatif-rule')).toContainText('everything else');
    await expect(page.getByTestId('whatif-rule')).toContainText('drop');
  });

  test('a client outside reaches web through the VIP', async ({ page }) => {
    await page.getByTestId('whatif-from-select').selectOption({ label: 'IP address…' });
    await page.getByTestId('whatif-from-address').fill('198.51.100.7');
    await page.getByTestId('whatif-to-select').selectOption('lb-web');
    await page.getByTestId('whatif-port').fill('80');
    await page.getByTestId('whatif-run').click();
    await expect(page.getByTestId('whatif-verdict')).toHaveAttribute('data-verdict', 'delivered');
    await expect(page.getByTestId('whatif-hops')).toContainText('203.0.113.10:80 → 10.0.1.11:80');
    await expect(page.getByTestId('whatif-rule')).toContainText('clients to web');
  });
});
