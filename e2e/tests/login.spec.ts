import { DESIGNER, TENANT, VIEWER } from '../users.ts';
import { appUrl, createApp, expect, fromTemplate, signIn, test, uniqueId } from './fixtures.ts';

test('a wrong password says so; the right one opens the app list', async ({ page }) => {
  await page.goto('/');
  // nothing of the editor shows before the session is known
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('canvas')).toHaveCount(0);
  await page.getByLabel('Username').fill(DESIGNER.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password.');
  await expect(page.getByRole('heading', { name: 'Applications' })).toHaveCount(0);

  await page.getByLabel('Password').fill(DESIGNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Applications' })).toBeVisible();
  // the breadcrumb names the tenant; it is a picker once other tests have made this user a
  // member of a second tenant, and then the picker's choice is the tenant
  const tenant = page.getByTestId('tenant');
  await expect
    .poll(() =>
      tenant.evaluate((el) => (el instanceof HTMLSelectElement ? el.value : el.textContent)),
    )
    .toBe(TENANT);
  await expect(page.getByTestId('user-menu')).toContainText(DESIGNER.username);
  await expect(page.getByTestId('user-role')).toHaveText('designer');
  await expect(page.getByTestId('sandbox-banner')).toContainText('applies are simulated');

  // sign out: back to the login page, and the session is gone on reload too
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('login-notice')).toHaveText('You have signed out.');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('an expired session goes back to the login page and says why', async ({ page, context }) => {
  await signIn(page.request, DESIGNER);
  await page.goto('/#/apps');
  await expect(page.getByRole('heading', { name: 'Applications' })).toBeVisible();
  // the server forgets the session (as when it expires): the next call answers 401
  await context.clearCookies();
  await page.getByRole('searchbox', { name: 'Search applications' }).fill('x');
  await page.getByTestId('new-app').click();
  await page.getByLabel('Name').fill('Expired');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('login-notice')).toContainText('Your session has expired');
});

test('a viewer sees the apps read-only: no New, no Import, no Save', async ({ page }) => {
  const csrf = await signIn(page.request, DESIGNER);
  const id = uniqueId('viewed');
  await createApp(page.request, csrf, fromTemplate('two-tier', id, 'Viewed app'));
  await page.request.post('/api/auth/logout', { headers: { 'x-csrf-token': csrf } });

  await signIn(page.request, VIEWER);
  await page.goto('/#/apps');
  await expect(page.getByTestId(`app-row-${id}`)).toContainText('Viewed app');
  await expect(page.getByTestId('user-role')).toHaveText('viewer');
  await expect(page.getByRole('button', { name: 'New application' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import from controller' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Viewed app' }).click();
  await expect(page).toHaveURL(new RegExp(`${appUrl(id).slice(1).replace(/[/#]/g, '.')}$`));
  await expect(page.getByTestId('node-front-1')).toBeVisible();
  await expect(page.getByTestId('save')).toHaveCount(0);
  await expect(page.getByTestId('read-only')).toBeVisible();
  await expect(page.getByTestId('palette-switch')).toHaveCount(0);
});
