import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { VIEWPORT } from './browser.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** `pnpm netcanvas serve` on a free loopback port and a fresh data dir; stop() ends it. */
export async function startConsoleServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const data = await mkdtemp(join(tmpdir(), 'netcanvas-bench-editor-data-'));
  const child: ChildProcess = spawn(
    'pnpm',
    ['netcanvas', 'serve', '--port', String(port), '--data', data],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    // its own process group (pnpm → tsx → node), started here: end exactly that
    if (child.pid && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await rm(data, { recursive: true, force: true });
  };
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) break;
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, stop };
    await sleep(250);
  }
  await stop();
  throw new Error(`netcanvas serve did not come up on ${url}: ${stderr.slice(-2000)}`);
}

/**
 * Runs in the page before its own scripts (as a string: tsx would wrap named functions in
 * helpers the page does not have): notes the paint after the first enabled, visible button.
 */
const WATCH_FIRST_BUTTON = `(() => {
  const check = () => {
    const b = [...document.querySelectorAll('button')].find(
      (x) => !x.disabled && x.getClientRects().length > 0,
    );
    if (!b) return false;
    const button = (b.textContent.trim() || b.getAttribute('aria-label') || b.title || '?')
      .replace(/\\s+/g, ' ')
      .slice(0, 40);
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.__interactive = { ms: performance.now(), button };
      };
      channel.port2.postMessage(null);
    });
    return true;
  };
  document.addEventListener('DOMContentLoaded', () => {
    if (check()) return;
    const observer = new MutationObserver(() => {
      if (check()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  });
})();`;

/** When a page first showed an enabled, visible button, and what it said. */
export interface Interactive {
  /** ms from navigation start to the paint after the button appeared */
  readonly ms: number;
  readonly button: string;
}

/**
 * Loads `url` in a fresh context and records, from inside the page, the first moment an
 * enabled, visible `button` is in the DOM (then waits for that frame's paint).
 */
export async function timeToInteractive(browser: Browser, url: string): Promise<Interactive> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: WATCH_FIRST_BUTTON });
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      () => (window as { __interactive?: Interactive }).__interactive ?? false,
      undefined,
      { timeout: 120_000, polling: 50 },
    );
    return (await handle.jsonValue()) as Interactive;
  } finally {
    await context.close();
  }
}
