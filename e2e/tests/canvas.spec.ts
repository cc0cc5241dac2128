import { expect, openNewApp, test } from './fixtures.ts';

test.describe('the three-tier design on the canvas', () => {
  test.beforeEach(async ({ page }) => {
    await openNewApp(page, 'three-tier');
    await expect(page.getByTestId('app-name')).toHaveText('Three-tier web application');
  });

  test('draws all 15 objects with their subnets and addresses', async ({ page }) => {
    await expect(page.locator('[data-testid^="node-"]')).toHaveCount(15);
    const facts: Record<string, string[]> = {
      'ls-web': ['web', '10.0.1.0/24'],
      'ls-app': ['app', '10.0.2.0/24'],
      'ls-db': ['db', '10.0.3.0/24'],
      'lr-edge': ['edge', '10.0.1.1', '10.0.2.1', '10.0.3.1', '203.0.113.2'],
      'web-1': ['web-1', '10.0.1.11'],
      'web-2': ['web-2', '10.0.1.12'],
      'app-1': ['app-1', '10.0.2.11'],
      'app-2': ['app-2', '10.0.2.12'],
      'db-1': ['db-1', '10.0.3.11'],
      'lb-web': ['web-vip', '203.0.113.10:80', '2 backends'],
      'fw-tiers': ['tiers', '4 rules'],
      uplink: ['external', 'physnet1'],
      'g-web': ['tier=web'],
    };
    for (const [id, texts] of Object.entries(facts)) {
      const node = page.getByTestId(`node-${id}`);
      for (const text of texts) await expect(node).toContainText(text);
    }
  });

  test('says the design has no problems', async ({ page }) => {
    await expect(page.getByTestId('problems-empty')).toContainText('No problems');
    await expect(page.getByTestId('problems-errors')).toHaveText('0');
    await expect(page.getByTestId('design-status')).toHaveText('Valid design');
    await expect(page.locator('[data-testid^="badge-"]')).toHaveCount(0);
  });

  test('says honestly which controller it has, and offers Apply on the stored app', async ({
    page,
  }) => {
    await expect(page.getByTestId('controller-status')).toHaveText('Sandbox controller');
    await expect(page.getByTestId('sandbox-banner')).toContainText('applies are simulated');
    // what Apply does is deploy.spec.ts's: here only that the shell mounts it
    await expect(page.getByRole('button', { name: 'Apply' })).toBeVisible();
  });

  test('shows the properties of the object clicked on', async ({ page }) => {
    await page.getByTestId('node-lb-web').click();
    const details = page.getByTestId('details-panel');
    await expect(details.getByTestId('details-object')).toContainText('web-vip');
    await expect(details.getByTestId('details-object')).toContainText('Load balancer');
    await expect(details).toContainText('203.0.113.10');
    await expect(page.getByTestId('node-lb-web')).toHaveClass(/selected/);
  });
});

test('opening a two-tier app, then an empty one, redraws the canvas', async ({ page }) => {
  await openNewApp(page, 'three-tier');
  await expect(page.getByTestId('node-web-1')).toBeVisible();
  await openNewApp(page, 'two-tier');
  await expect(page.getByTestId('app-name')).toHaveText('Two-tier application');
  await expect(page.locator('[data-testid^="node-"]')).toHaveCount(8);
  await expect(page.getByTestId('node-front-1')).toContainText('10.10.1.11');
  await expect(page.getByTestId('node-ls-data')).toContainText('10.10.2.0/24');
  await expect(page.getByTestId('node-web-1')).toHaveCount(0);

  await openNewApp(page, 'empty');
  await expect(page.getByTestId('canvas-empty')).toBeVisible();
  await expect(page.locator('[data-testid^="node-"]')).toHaveCount(0);
});
