import { expect, fromTemplate, openNewApp, test, uniqueId } from './fixtures.ts';

test('a design with a duplicate address lists the problem and badges the node', async ({
  page,
}) => {
  // a stored app with a mistake in it: web-2 takes web-1's address
  const app = fromTemplate('three-tier', uniqueId('dup'));
  const objects = app.objects.map((o) =>
    o.id === 'web-2' && o.kind === 'workload'
      ? { ...o, nics: o.nics.map((n, i) => (i === 0 ? { ...n, ip: '10.0.1.11' } : n)) }
      : o,
  );
  await openNewApp(page, { ...app, objects });

  const list = page.getByTestId('problems-list');
  await expect(list).toContainText('10.0.1.11');
  await expect(page.getByTestId('problems-errors')).not.toHaveText('0');
  await expect(page.getByTestId('design-status')).toContainText('error');
  await expect(page.getByTestId('badge-web-2')).toBeVisible();

  await list.getByTestId('problem-item').filter({ hasText: 'web-2' }).first().click();
  await expect(page.getByTestId('node-web-2')).toHaveClass(/selected/);
  await expect(page.getByTestId('details-object')).toContainText('web-2');
});
