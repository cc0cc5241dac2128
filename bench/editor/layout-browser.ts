import type { Browser, Page } from 'playwright-core';
import { openBenchPage } from './browser.ts';

/**
 * Arms the page to time the next click on the toolbar's "Layout all": from the press to the
 * first frame after the console has put the new positions in (its "Laying out…" note comes
 * and goes in the same render as the positions). A string, not a function: the bench runs
 * through tsx, whose helper names would not exist in the page; `void`, so that evaluating it
 * does not wait for the promise.
 */
const ARM_LAYOUT_TIMER = `void (window.__layoutDone = new Promise((resolve, reject) => {
  const button = document.querySelector('[data-testid="tool-layout-all"]');
  if (!button) return reject(new Error('no "Layout all" button on the page'));
  button.addEventListener('pointerdown', () => {
    const start = performance.now();
    let seen = false;
    function check() {
      const note = document.querySelector('[data-testid="toolbar-note"]');
      seen ||= note?.textContent?.startsWith('Laying out') ?? false;
      if (note && !seen) return reject(new Error('the layout said: ' + note.textContent));
      if (seen && !note) requestAnimationFrame(() => resolve(performance.now() - start));
      else if (performance.now() - start > 120000) reject(new Error('the layout never finished'));
      else requestAnimationFrame(check);
    }
    requestAnimationFrame(check);
  }, { once: true });
}))`;

/** Clicks "Layout all" with Playwright's mouse, as a user would, and times it. */
async function clickLayoutAll(page: Page): Promise<number> {
  await page.evaluate(ARM_LAYOUT_TIMER);
  await page.getByTestId('tool-layout-all').click();
  return (await page.evaluate('window.__layoutDone')) as number;
}

/**
 * The console's auto-layout as a user meets it, on the bench page at `url` (the editor's
 * canvas, toolbar and layout worker): opened in a fresh context, left alone for `idleMs`,
 * then "Layout all" clicked. With no wait the worker starts on the click, as it does when a
 * user lays a design out straight after opening it.
 */
export async function consoleAutoLayout(
  browser: Browser,
  url: string,
  idleMs: number,
): Promise<number> {
  const { page, close } = await openBenchPage(browser, url);
  try {
    if (idleMs > 0) await page.waitForTimeout(idleMs);
    return await clickLayoutAll(page);
  } finally {
    await close();
  }
}
