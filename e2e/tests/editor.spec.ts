import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, openNewApp, test } from './fixtures.ts';

// each test draws a network by mouse first: slower than the read-only specs
test.describe.configure({ timeout: 90_000 });

const EDITOR_SHOT = fileURLToPath(new URL('../../docs/editor.png', import.meta.url));

async function dropFromPalette(page: Page, kind: string, x: number, y: number) {
  const pane = page.locator('.react-flow__pane');
  await page.getByTestId(`palette-${kind}`).dragTo(pane, { targetPosition: { x, y } });
}

/** Drags from one node's handle onto another node's handle, as a user draws a line. */
async function connect(page: Page, from: Locator, fromSide: string, to: Locator, toSide: string) {
  await from.hover();
  const a = await from.locator(`.react-flow__handle[data-handleid="${fromSide}"]`).boundingBox();
  await to.hover();
  const b = await to.locator(`.react-flow__handle[data-handleid="${toSide}"]`).boundingBox();
  if (!a || !b) throw new Error('handle not found');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

async function buildSmallNetwork(page: Page) {
  await openNewApp(page, 'empty');
  await expect(page.getByTestId('canvas-empty')).toBeVisible();
  await dropFromPalette(page, 'switch', 380, 250);
  await dropFromPalette(page, 'router', 380, 80);
  await dropFromPalette(page, 'workload', 220, 430);
  await dropFromPalette(page, 'workload', 540, 430);
  for (const id of ['switch-1', 'router-1', 'workload-1', 'workload-2']) {
    await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  }
  await expect(page.getByTestId('node-switch-1')).toContainText('10.0.1.0/24');

  const sw = page.getByTestId('node-switch-1');
  await connect(page, page.getByTestId('node-router-1'), 'bottom', sw, 'top');
  await connect(page, page.getByTestId('node-workload-1'), 'top', sw, 'bottom');
  await connect(page, page.getByTestId('node-workload-2'), 'top', sw, 'bottom');
  await expect(page.getByTestId('node-router-1')).toContainText('10.0.1.1');
  await expect(page.getByTestId('node-workload-1')).toContainText(/10\.0\.1\.\d+/);
  await expect(page.getByTestId('node-workload-2')).toContainText(/10\.0\.1\.\d+/);
  await expect(sw).toContainText('3 ports');
}

test('draw a network from the palette; IPAM addresses it; errors show and go away', async ({
  page,
}) => {
  await buildSmallNetwork(page);

  await page.getByTestId('node-workload-1').click();
  const ip = page.getByTestId('field-nics.0.ip');
  const allocated = await ip.inputValue();
  expect(allocated).toMatch(/^10\.0\.1\.\d+$/);

  await ip.fill('10.9.9.9');
  await ip.press('Tab');
  await expect(page.getByTestId('badge-workload-1')).toBeVisible();
  await expect(page.getByTestId('issue-nics.0.ip')).toContainText('10.9.9.9');
  await expect(page.getByTestId('problems-list')).toContainText('10.9.9.9');

  await ip.fill('10.0.1.50');
  await ip.press('Tab');
  await expect(page.getByTestId('badge-workload-1')).toHaveCount(0);
  await expect(page.getByTestId('node-workload-1')).toContainText('10.0.1.50');

  // undo brings the bad address back, redo the fix
  await page.getByTestId('canvas').click({ position: { x: 5, y: 60 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-workload-1')).toContainText('10.9.9.9');
  await expect(page.getByTestId('badge-workload-1')).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('node-workload-1')).toContainText('10.0.1.50');
  await expect(page.getByTestId('badge-workload-1')).toHaveCount(0);

  // unsaved work survives a reload
  await expect(page.getByTestId('unsaved')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('node-workload-1')).toContainText('10.0.1.50');
  await expect(page.getByTestId('node-switch-1')).toContainText('3 ports');

  await page.setViewportSize({ width: 1280, height: 800 });
  // ELK lays everything out top-down in its worker: router above switch above workloads
  await page.getByTestId('tool-layout-all').click();
  // the worker has answered and the positions are in (the note says "Laying out…" until then)
  await expect(page.getByTestId('toolbar-note')).toBeHidden();
  await expect
    .poll(async () => {
      const r = await page.getByTestId('node-router-1').boundingBox();
      const w = await page.getByTestId('node-workload-1').boundingBox();
      return r && w ? w.y - r.y : 0;
    })
    .toBeGreaterThan(150);
  await page.getByTestId('node-workload-2').click();
  await page.waitForTimeout(600);
  await page.screenshot({ path: EDITOR_SHOT });
});

test('deleting a switch takes its ports with it, in one undoable step', async ({ page }) => {
  await buildSmallNetwork(page);
  await page.getByTestId('node-switch-1').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-switch-1')).toHaveCount(0);
  await expect(page.getByTestId('node-workload-1')).toContainText('no NIC');
  await expect(page.getByTestId('node-router-1')).not.toContainText('10.0.1.1');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-switch-1')).toBeVisible();
  await expect(page.getByTestId('node-workload-1')).toContainText(/10\.0\.1\.\d+/);
});

test('copy, paste and duplicate give new names and new addresses', async ({ page }) => {
  await buildSmallNetwork(page);
  const first = (await page.getByTestId('node-workload-1').textContent())?.match(
    /10\.0\.1\.\d+/,
  )?.[0];
  await page.getByTestId('node-workload-1').click();
  await page.keyboard.press('Control+d');
  await expect(page.getByTestId('node-workload-3')).toContainText(/10\.0\.1\.\d+/);
  await expect(page.getByTestId('node-workload-3')).not.toContainText(first ?? 'none');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('node-workload-4')).toContainText(/10\.0\.1\.\d+/);
  await expect(page.getByTestId('problems-errors')).toHaveText('0');
});

test('search finds by IP, the help sheet lists the shortcuts, the theme toggles', async ({
  page,
}) => {
  await openNewApp(page);
  await expect(page.getByTestId('node-web-1')).toBeVisible();
  await page.keyboard.press('/');
  await page.keyboard.type('10.0.2.11');
  await expect(page.getByTestId('search-count')).toHaveText('1');
  await expect(page.getByTestId('node-app-1')).toHaveClass(/hl-match/);
  await expect(page.getByTestId('node-web-1')).toHaveClass(/hl-dim/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-app-1')).toHaveClass(/selected/);
  await page.keyboard.press('Escape');
  await page.getByTestId('canvas').click({ position: { x: 5, y: 60 } });
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-sheet')).toContainText('undo');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-sheet')).toHaveCount(0);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('a layout worker that cannot load says so, and nothing moves', async ({ page }) => {
  await page.route(/elk\.worker[^/]*\.js/, (route) => route.abort());
  await openNewApp(page);
  const before = await page.getByTestId('node-web-1').boundingBox();
  await page.getByTestId('tool-layout-all').click();
  await expect(page.getByTestId('toolbar-note')).toContainText(
    'Layout failed: Error: the layout worker failed',
  );
  expect(await page.getByTestId('node-web-1').boundingBox()).toEqual(before);
});
