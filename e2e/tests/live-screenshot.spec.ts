import { fileURLToPath } from 'node:url';
import './live-hook.ts';
import { expect, test } from '@playwright/test';
import { applyAndWatch } from './live-world.ts';

const SCREENSHOT = fileURLToPath(new URL('../../docs/live.png', import.meta.url));

test('screenshot of the live views for the docs', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await applyAndWatch(page, 'shop', baseURL ?? '');
  await expect(page.getByTestId('link-load-web-1-eth0')).toBeVisible({ timeout: 40_000 });
  // a few seconds of history so the charts read as time series
  await expect
    .poll(() => page.evaluate(() => window.__netcanvasStream?.times().length ?? 0), {
      timeout: 40_000,
    })
    .toBeGreaterThan(12);
  await page.getByTestId('node-web-1').click();
  // the tooltip of the busiest web link, as an engineer would hover it
  await page.getByTestId('link-load-web-1-eth0').hover();
  await expect(page.getByTestId('link-tip-web-1-eth0')).toBeVisible();
  await page.waitForTimeout(400);
  await page.screenshot({ path: SCREENSHOT });
});
