/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// page.evaluate callbacks run in the page: they are typed against the DOM
import { type Browser, chromium, type Page } from 'playwright-core';
import type { BenchProbe } from '../../apps/console/src/bench/probe.ts';

/** Debian's Chromium with the flags e2e/playwright.config.ts uses on this machine. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** the e2e tests' viewport */
export const VIEWPORT = { width: 1440, height: 900 };

/** Starts headless Chromium; the caller closes it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

type Probe = Pick<BenchProbe, 'firstRender' | 'nodes' | 'edges'>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens `url` in a fresh context and waits for the page's probe to see everything drawn. */
export async function openBenchPage(
  browser: Browser,
  url: string,
): Promise<{ page: Page; firstRender: number; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page
    .waitForFunction(
      () => {
        const probe = (window as { __bench?: Probe }).__bench;
        return probe?.firstRender !== undefined ? probe.firstRender : false;
      },
      undefined,
      { timeout: 180_000, polling: 100 },
    )
    .catch((err: unknown) => {
      throw new Error(`${url} never finished drawing: ${errors.join('; ') || String(err)}`);
    });
  return { page, firstRender: (await handle.jsonValue()) as number, close: () => context.close() };
}

/** A point on the node nearest the middle of the viewport, to grab it by. */
async function nodeNearCentre(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(({ width, height }) => {
    let best: { x: number; y: number; d: number } | undefined;
    const far = document.querySelector('.far-cards');
    if (far) {
      // zoomed out, netcanvas draws the cards on a canvas and hides the DOM nodes: a card's
      // place is its node's flow position (the wrapper's translate) through the viewport's
      const vp = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform;
      const v = vp?.match(/translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([\d.]+)\)/) ?? null;
      const origin = far.getBoundingClientRect();
      for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
        const t = el.style.transform.match(/translate\(([-\d.]+)px, ?([-\d.]+)px\)/);
        // (no helper function here: page.evaluate callbacks cannot define named ones)
        const zoom = Number(v?.[3]);
        const x = origin.left + Number(v?.[1]) + (Number(t?.[1]) + 68) * zoom;
        const y = origin.top + Number(v?.[2]) + Number(t?.[2]) * zoom + 6;
        if (!(x > 0 && y > 0 && x < width && y < height)) continue;
        const d = (x - width / 2) ** 2 + (y - height / 2) ** 2;
        if (!best || d < best.d) best = { x, y, d };
      }
      return best;
    }
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + Math.min(12, r.height / 2);
      if (r.left < 0 || r.top < 0 || r.right > width || r.bottom > height) continue;
      if (document.elementFromPoint(x, y)?.closest('.react-flow__node') !== el) continue;
      const d = (x - width / 2) ** 2 + (y - height / 2) ** 2;
      if (!best || d < best.d) best = { x, y, d };
    }
    return best;
  }, VIEWPORT);
  if (!point) throw new Error('no node is visible to drag');
  return point;
}

/** A point on the empty pane (no node, edge or control under it) near the middle. */
async function emptyPane(page: Page): Promise<{ x: number; y: number }> {
  // rings outward from the middle: the first empty spot found is the nearest (to 16 px)
  const point = await page.evaluate(({ width, height }) => {
    const cx = Math.round(width / 2);
    const cy = Math.round(height / 2);
    for (let ring = 0; ring < Math.max(cx, cy); ring += 16) {
      for (let dx = -ring; dx <= ring; dx += 16) {
        const edge = Math.abs(dx) === ring;
        for (let dy = -ring; dy <= ring; dy += edge ? 16 : 2 * ring || 1) {
          const x = cx + dx;
          const y = cy + dy;
          if (x < 60 || y < 60 || x > width - 200 || y > height - 60) continue;
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) {
            return { x, y };
          }
        }
      }
    }
    return undefined;
  }, VIEWPORT);
  if (!point) throw new Error('no empty pane to grab');
  return point;
}

/**
 * Holds the mouse down at `from` and moves it round an ellipse (about one turn every two
 * seconds, a move every 16 ms) for `seconds`, recording requestAnimationFrame deltas from
 * the press until 500 ms after the release (so the drop's commit is in the sample).
 */
async function gesture(page: Page, from: { x: number; y: number }, seconds: number) {
  await page.mouse.move(from.x, from.y);
  await page.evaluate(() => (window as { __bench?: BenchProbe }).__bench?.startFrames());
  await page.mouse.down();
  const start = Date.now();
  while (Date.now() - start < seconds * 1000) {
    const a = ((Date.now() - start) / 2000) * 2 * Math.PI;
    await page.mouse.move(from.x + 140 * Math.sin(a), from.y + 90 * (1 - Math.cos(a)));
    await sleep(16);
  }
  await page.mouse.up();
  await sleep(500);
  return page.evaluate(() => (window as { __bench?: BenchProbe }).__bench?.stopFrames() ?? []);
}

/** Frame times while dragging the node nearest the centre for `seconds`. */
export async function dragFrames(page: Page, seconds: number): Promise<number[]> {
  return gesture(page, await nodeNearCentre(page), seconds);
}

/** Frame times while panning the canvas by its empty pane for `seconds`. */
export async function panFrames(page: Page, seconds: number): Promise<number[]> {
  return gesture(page, await emptyPane(page), seconds);
}

/** Clicks the canvas's zoom-in control `times` times, letting each zoom animation finish. */
export async function zoomIn(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page.locator('.react-flow__controls-zoomin').click();
    await sleep(400);
  }
}
