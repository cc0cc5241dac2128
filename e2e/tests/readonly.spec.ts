import type { Page } from '@playwright/test';
import { DESIGNER, type E2eUser, OPERATOR, VIEWER } from '../users.ts';
import { appUrl, createApp, expect, fromTemplate, signIn, test, uniqueId } from './fixtures.ts';

/**
 * Members who may not save designs (viewers, operators) get a read-only editor: they look,
 * select, search and trace, but nothing they do on the canvas, in the inspector or on the
 * keyboard changes the design.
 */

/** A designer makes a three-tier app; then `user` signs in and opens it. */
async function openAs(page: Page, user: E2eUser): Promise<string> {
  const app = fromTemplate('three-tier', uniqueId('ro'));
  await createApp(page.request, await signIn(page.request, DESIGNER), app);
  await signIn(page.request, user);
  await page.goto(appUrl(app.id));
  await expect(page.getByTestId('app-name')).toHaveText(app.name);
  await expect(page.getByTestId('node-web-1')).toBeVisible();
  return app.id;
}

/** Where React Flow holds a node, in canvas coordinates (its transform), not on screen. */
const flowPosition = (page: Page, id: string) =>
  page
    .locator(`.react-flow__node[data-id="${id}"]`)
    .evaluate((el) => (el as HTMLElement).style.transform);

async function dragBy(page: Page, id: string, dx: number, dy: number) {
  const box = await page.getByTestId(`node-${id}`).boundingBox();
  if (!box) throw new Error(`node ${id} is not on screen`);
  const x = box.x + box.width / 2;
  const y = box.y + 18;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 10 });
  await page.mouse.up();
}

/** Drops a palette item on the canvas as a drag from the palette would (the palette is hidden). */
async function dropKind(page: Page, kind: string) {
  await page.locator('.react-flow__pane').evaluate((pane, k) => {
    const r = pane.getBoundingClientRect();
    const data = new DataTransfer();
    data.setData('application/x-netcanvas-kind', k);
    const at = { clientX: r.x + r.width / 2, clientY: r.y + r.height / 2 };
    for (const type of ['dragenter', 'dragover', 'drop']) {
      pane.dispatchEvent(
        new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data, ...at }),
      );
    }
  }, kind);
}

test('a designer drags a node and it moves (the control for the read-only tests)', async ({
  page,
}) => {
  await openAs(page, DESIGNER);
  const before = await flowPosition(page, 'web-1');
  await dragBy(page, 'web-1', 140, 90);
  await expect.poll(() => flowPosition(page, 'web-1')).not.toBe(before);
  await expect(page.getByTestId('unsaved')).toBeVisible();
});

test('a viewer gets a read-only editor: no drag, no palette, no delete, no edits, no undo', async ({
  page,
}) => {
  await openAs(page, VIEWER);
  await expect(page.getByTestId('read-only')).toHaveText('Read-only — you are a viewer');
  await expect(page.getByTestId('palette')).toHaveCount(0);
  const nodes = page.locator('.react-flow__node');
  const edges = page.locator('.react-flow__edge');
  const nodeCount = await nodes.count();
  const edgeCount = await edges.count();
  expect(nodeCount).toBeGreaterThan(5);

  // dragging a node leaves it where it was on the canvas
  const web1 = await flowPosition(page, 'web-1');
  const app1 = await flowPosition(page, 'app-1');
  await dragBy(page, 'web-1', 140, 90);
  expect(await flowPosition(page, 'web-1')).toBe(web1);
  expect(await flowPosition(page, 'app-1')).toBe(app1);

  // a palette item dropped anyway adds nothing
  await dropKind(page, 'switch');
  await expect(page.getByTestId('node-switch-1')).toHaveCount(0);

  // drawing a line from a workload to another switch connects nothing
  const from = page.getByTestId('node-web-1');
  const to = page.getByTestId('node-ls-db');
  await from.hover();
  const a = await from.locator('.react-flow__handle[data-handleid="right"]').boundingBox();
  const b = await to.locator('.react-flow__handle[data-handleid="left"]').boundingBox();
  if (!a || !b) throw new Error('handle not found');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();

  // selected, then Delete, Backspace, duplicate, paste: still all there
  await page.getByTestId('node-db-1').click();
  await expect(page.getByTestId('details-object')).toContainText('db-1');
  for (const key of ['Delete', 'Backspace', 'Control+d', 'Control+c', 'Control+v']) {
    await page.keyboard.press(key);
  }
  await expect(page.getByTestId('tool-trash')).toBeDisabled();
  await expect(page.getByTestId('tool-copy')).toBeDisabled();
  // the inspector shows the fields, but none takes input
  await expect(page.getByTestId('field-name')).toHaveValue('db-1');
  await expect(page.getByTestId('field-name')).toBeDisabled();
  await expect(page.getByTestId('field-nics.0.ip')).toBeDisabled();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('tool-undo')).toBeDisabled();
  await expect(page.getByTestId('tool-redo')).toBeDisabled();

  // fit to view (the inspector made the canvas narrower, and a card off screen is not in
  // the DOM): still every card and every link
  await page.getByTestId('tool-fit').click();
  await expect(nodes).toHaveCount(nodeCount);
  await expect(edges).toHaveCount(edgeCount);
  await expect(page.getByTestId('node-db-1')).toBeVisible();
  await expect(page.getByTestId('unsaved')).toHaveCount(0);
  expect(await flowPosition(page, 'web-1')).toBe(web1);

  // the legend explains what the canvas shows, and folds away again
  await page.getByTestId('legend-toggle').click();
  const legend = page.getByTestId('canvas-legend');
  for (const text of ['Logical router', 'Workload', 'router port', 'Pending', 'Drift', 'errors'])
    await expect(legend).toContainText(text);
  await page.getByTestId('legend-toggle').click();
  await expect(legend).toHaveCount(0);
});

test('an operator may apply but not edit: the same read-only editor', async ({ page }) => {
  await openAs(page, OPERATOR);
  await expect(page.getByTestId('read-only')).toHaveText('Read-only — you are an operator');
  await expect(page.getByTestId('palette')).toHaveCount(0);
  const before = await flowPosition(page, 'app-1');
  await dragBy(page, 'app-1', -120, 80);
  expect(await flowPosition(page, 'app-1')).toBe(before);
  await page.getByTestId('node-app-1').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-app-1')).toBeVisible();
  await expect(page.getByTestId('unsaved')).toHaveCount(0);
});
