import { expect, test } from '@playwright/test';

test('a design with a duplicate address lists the problem and badges the node', async ({
  page,
  request,
}) => {
  // editing is not in the console yet, so the server's template is served with a mistake in it
  const app = await (await request.get('/api/templates/three-tier')).json();
  for (const obj of app.objects) {
    if (obj.id === 'web-2') obj.nics[0].ip = '10.0.1.11';
  }
  await page.route('**/api/templates/three-tier', (route) => route.fulfill({ json: app }));
  await page.goto('/');

  const list = page.getByTestId('problems-list');
  await expect(list).toContainText('10.0.1.11');
  await expect(page.getByTestId('problems-errors')).not.toHaveText('0');
  await expect(page.getByTestId('design-status')).toContainText('error');
  await expect(page.getByTestId('badge-web-2')).toBeVisible();

  await list.getByTestId('problem-item').filter({ hasText: 'web-2' }).first().click();
  await expect(page.getByTestId('node-web-2')).toHaveClass(/selected/);
  await expect(page.getByTestId('details-object')).toContainText('web-2');
});
