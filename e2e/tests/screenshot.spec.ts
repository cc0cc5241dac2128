import { fileURLToPath } from 'node:url';
import { expect, openNewApp, test } from './fixtures.ts';

const SCREENSHOT = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));

test('screenshot of the three-tier design for the docs', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openNewApp(page);
  await expect(page.locator('[data-testid^="node-"]')).toHaveCount(15);
  // fold the application summary so the traced path fits beside the canvas
  await page.getByTestId('details-panel').getByRole('button', { name: 'Application' }).click();
  await page.getByTestId('whatif-to-select').selectOption('app-1');
  await page.getByTestId('whatif-port').fill('8080');
  await page.getByTestId('whatif-run').click();
  await expect(page.getByTestId('whatif-verdict')).toHaveAttribute('data-verdict', 'delivered');
  await page.mouse.move(0, 0);
  // let the fit-view and edge animations settle
  await page.waitForTimeout(500);
  await page.screenshot({ path: SCREENSHOT });
});
