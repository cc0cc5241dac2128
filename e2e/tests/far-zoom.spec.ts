import { editorTopology } from '../../apps/console/src/bench/topology.ts';
import { expect, openNewApp, test, uniqueId } from './fixtures.ts';

/** 200 objects and 300 links (the editor benchmark's design): fit to view is zoomed out. */
const OBJECTS = 200;
const LINKS = 300;

test('a big design opens zoomed out as plain boxes with every link drawn; links follow a drag; zoomed in, the handles connect again', async ({
  page,
}) => {
  const design = editorTopology(OBJECTS);
  await openNewApp(page, { ...design, id: uniqueId('far'), name: 'far zoom' });
  const canvas = page.locator('.react-flow');
  await expect(canvas).toHaveClass(/far-zoom/);
  await expect(page.locator('[data-testid^="node-"]')).toHaveCount(OBJECTS);

  // every link found both of its ends' handles (a missing handle drops the link)
  const edges = page.locator('[data-testid^="rf__edge-"]');
  await expect(edges).toHaveCount(LINKS);
  const paths = await page
    .locator('.react-flow__edge-path')
    .evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''));
  expect(paths.filter((d) => d === '' || d.includes('NaN'))).toEqual([]);

  // far away, a card has no connectable handle: only their places, for the links
  await expect(page.locator('.react-flow__handle.connectable')).toHaveCount(0);

  // dragging a workload drags the ends of its links with it
  const nic = page.locator('[data-testid^="rf__edge-"][data-testid$=">w0-0"] path').first();
  const before = await nic.getAttribute('d');
  const box = await page.getByTestId('node-w0-0').boundingBox();
  if (!box) throw new Error('w0-0 is not on the canvas');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => nic.getAttribute('d')).not.toBe(before);

  // a card added while zoomed out is measured with the far handles: its links are drawn too
  const nics = await page.locator('[data-testid^="rf__edge-nic:w0-0>"]').count();
  expect(nics).toBeGreaterThan(0);
  await page.getByTestId('node-w0-0').click();
  await page.keyboard.press('Control+d');
  await expect(page.locator('[data-testid^="node-"]')).toHaveCount(OBJECTS + 1);
  await expect(edges).toHaveCount(LINKS + nics);

  // zoomed in past reading distance: real handles again, and still every link
  const zoomIn = page.getByRole('button', { name: 'Zoom In' });
  for (let i = 0; i < 8 && /far-zoom/.test((await canvas.getAttribute('class')) ?? ''); i++) {
    await zoomIn.click();
  }
  await expect(canvas).not.toHaveClass(/far-zoom/);
  await expect(page.locator('.react-flow__handle.connectable').first()).toBeAttached();
  await expect(edges).toHaveCount(LINKS + nics);
});
