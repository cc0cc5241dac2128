import type { Page } from '@playwright/test';
import { editorTopology } from '../../apps/console/src/bench/topology.ts';
import { expect, openNewApp, test, uniqueId } from './fixtures.ts';

/** 200 objects and 300 links (the editor benchmark's design): fit to view is zoomed out. */
const OBJECTS = 200;
const LINKS = 300;

/**
 * Where a card is on the screen, zoomed out: its node's flow position (the hidden DOM
 * node's translate) through the viewport's translate and scale, plus a point inside it.
 */
async function cardPoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((nodeId) => {
    const node = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${nodeId}"]`);
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const flow = document.querySelector('.react-flow')?.getBoundingClientRect();
    const t = node?.style.transform.match(/translate\(([-\d.]+)px, ?([-\d.]+)px\)/);
    const v = viewport?.style.transform.match(
      /translate\(([-\d.]+)px, ?([-\d.]+)px\) scale\(([\d.]+)\)/,
    );
    if (!t || !v || !flow) return undefined;
    const zoom = Number(v[3]);
    return {
      x: flow.left + Number(v[1]) + (Number(t[1]) + 40) * zoom,
      y: flow.top + Number(v[2]) + (Number(t[2]) + 20) * zoom,
    };
  }, id);
  if (!point) throw new Error(`${id} is not on the canvas`);
  return point;
}

/** Whether the far view painted anything at a point on the screen. */
function paintedAt(page: Page, p: { x: number; y: number }): Promise<boolean> {
  return page.evaluate(({ x, y }) => {
    const canvas = document.querySelector<HTMLCanvasElement>('.far-cards');
    const box = canvas?.getBoundingClientRect();
    const ctx = canvas?.getContext('2d');
    if (!canvas || !box || !ctx) return false;
    const dpr = canvas.width / box.width;
    const [, , , alpha] = ctx.getImageData((x - box.left) * dpr, (y - box.top) * dpr, 1, 1).data;
    return (alpha ?? 0) > 0;
  }, p);
}

test('a big design opens zoomed out, drawn on one canvas with every link; a card there selects, drags and duplicates; zoomed in, the cards on screen and their handles are back', async ({
  page,
}) => {
  const design = editorTopology(OBJECTS);
  await openNewApp(page, { ...design, id: uniqueId('far'), name: 'far zoom' });
  const canvas = page.locator('.react-flow');
  await expect(canvas).toHaveClass(/far-zoom/);
  const far = page.getByTestId('far-cards');
  // every card and every link drawn (a link whose ends were never measured is not)
  await expect(far).toHaveAttribute('data-cards', String(OBJECTS));
  await expect(far).toHaveAttribute('data-links', String(LINKS));
  // the DOM cards are not rendered zoomed out, and neither are React Flow's links
  await expect(page.getByTestId('node-w0-0')).toBeHidden();
  await expect(page.locator('[data-testid^="rf__edge-"]')).toHaveCount(0);

  // a press on a drawn card selects it, as on a DOM card
  const from = await cardPoint(page, 'w0-0');
  expect(await paintedAt(page, from)).toBe(true);
  await page.mouse.click(from.x, from.y);
  const name = design.objects.find((o) => o.id === 'w0-0')?.name ?? '?';
  await expect(page.getByTestId('field-name')).toHaveValue(name);

  // a drag the browser cancels (pointercancel) puts the card back where it was
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 90, from.y + 120, { steps: 4 });
  await page.evaluate(() =>
    window.dispatchEvent(new PointerEvent('pointercancel', { pointerId: 1, isPrimary: true })),
  );
  await page.mouse.up();
  expect(await cardPoint(page, 'w0-0')).toEqual(from);
  await expect.poll(() => paintedAt(page, from)).toBe(true);

  // dragging it moves it: drawn where it was dropped, no longer where it was
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 90, from.y + 120, { steps: 8 });
  await page.mouse.up();
  const to = await cardPoint(page, 'w0-0');
  expect(to.x - from.x).toBeCloseTo(90, 0);
  expect(to.y - from.y).toBeCloseTo(120, 0);
  await expect.poll(() => paintedAt(page, to)).toBe(true);
  await expect.poll(() => paintedAt(page, from)).toBe(false);
  await expect(page.getByTestId('field-name')).toHaveValue(name);

  // a press on the empty canvas clears the selection, as before
  await page.mouse.click(from.x, from.y);
  await expect(page.getByTestId('field-name')).toHaveCount(0);

  // a card added while zoomed out is measured in the DOM, then drawn with its links
  await page.mouse.click(to.x, to.y);
  await page.keyboard.press('Control+d');
  await expect(far).toHaveAttribute('data-cards', String(OBJECTS + 1));
  const w00 = design.objects.find((o) => o.id === 'w0-0');
  const added = w00?.kind === 'workload' ? w00.nics.length : 0;
  expect(added).toBeGreaterThan(0);
  await expect(far).toHaveAttribute('data-links', String(LINKS + added));

  // zoomed in past reading distance: DOM cards with their handles and React Flow's links,
  // only those on screen (a card scrolled out of view leaves the DOM)
  const zoomIn = page.getByRole('button', { name: 'Zoom In' });
  for (let i = 0; i < 8 && /far-zoom/.test((await canvas.getAttribute('class')) ?? ''); i++) {
    await zoomIn.click();
  }
  await expect(canvas).not.toHaveClass(/far-zoom/);
  await expect(far).toHaveCount(0);
  await expect(page.locator('.react-flow__handle.connectable').first()).toBeAttached();
  const cards = page.locator('.react-flow__node');
  await expect.poll(() => cards.count()).toBeLessThan(OBJECTS);
  expect(await cards.count()).toBeGreaterThan(0);
  const shown = await page.locator('[data-testid^="rf__edge-"]').count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(LINKS + added);
  // zoomed out again, every card and link is drawn again
  await page.getByRole('button', { name: 'Fit View' }).click();
  await expect(canvas).toHaveClass(/far-zoom/);
  await expect(far).toHaveAttribute('data-cards', String(OBJECTS + 1));
  await expect(far).toHaveAttribute('data-links', String(LINKS + added));
});
