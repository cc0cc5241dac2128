import { type Browser, chromium } from 'playwright-core';

/** The flags e2e/playwright.config.ts gives Debian's Chromium. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface PageGlobals {
  marks: Record<string, number>;
  ready: boolean;
  readonly location: { readonly origin: string };
  readonly WebSocket: new (
    url: string,
  ) => {
    onopen: () => void;
    onmessage: (e: { data: unknown }) => void;
    send(data: string): void;
  };
}

/** Runs in the page: opens the stream with the session cookie, notes when each marker lands. */
function receive({ topic, markerSrc }: { topic: string; markerSrc: string }): void {
  // the page's globals, typed here because the bench compiles without the DOM library
  const w = globalThis as unknown as PageGlobals;
  w.marks = {};
  w.ready = false;
  const ws = new w.WebSocket(`${w.location.origin.replace(/^http/, 'ws')}/api/stream`);
  ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', topic }));
  ws.onmessage = (e) => {
    const at = performance.timeOrigin + performance.now();
    const f = JSON.parse(String(e.data)) as {
      type: string;
      state?: Record<string, { src?: string; dstPort?: number }>;
      changes?: { set?: Record<string, { src?: string; dstPort?: number }> };
    };
    if (f.type === 'snapshot') w.ready = true;
    for (const v of Object.values(f.state ?? f.changes?.set ?? {})) {
      if (v.src === markerSrc && v.dstPort !== undefined && !(v.dstPort in w.marks))
        w.marks[v.dstPort] = at;
    }
  };
}

/** A headless Chromium page receiving a topic from the real server. */
export interface BrowserReceiver {
  readonly version: string;
  /** receive time (epoch ms, sub-ms) of each marker port the page has seen */
  marks(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium, signs the page in with `cookie`, opens a page of the server's
 * origin (so the stream's origin check passes) and starts `receive` in it.
 */
export async function openBrowserReceiver(
  url: string,
  cookie: string,
  topic: string,
  markerSrc: string,
): Promise<BrowserReceiver> {
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    // the API's JSON answers carry a CSP with upgrade-insecure-requests, which would make ws: wss:
    const context = await browser.newContext({ bypassCSP: true });
    const eq = cookie.indexOf('=');
    await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url }]);
    const page = await context.newPage();
    // a page of the server's own origin (Chromium blocks loopback from other origins)
    await page.goto(`${url}/api/health`);
    await page.evaluate(receive, { topic, markerSrc });
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).ready, null, {
      timeout: 10_000,
    });
    return {
      version: `Chromium ${browser.version()}`,
      marks: () => page.evaluate(() => (globalThis as unknown as PageGlobals).marks),
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
