/**
 * The editor canvas in headless Chromium: time to first render and frame times while
 * dragging a node and panning, netcanvas against React Flow's own stress pattern and the
 * same graph with default nodes; then the console's built JS and time to interactive.
 * See docs/benchmarks.md.
 *
 * Environment: BENCH_SECONDS (seconds per drag and per pan, default 5), BENCH_SIZES
 * (object counts, default 100,500,1000), BENCH_LOADS (page loads per first-render time,
 * default 3).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  dragFrames,
  launchChromium,
  openBenchPage,
  panFrames,
  VIEWPORT,
  zoomIn,
} from './browser.ts';
import { buildBenchPage, buildConsole, type Chunk, jsChunks } from './build.ts';
import { type Interactive, startConsoleServer, timeToInteractive } from './console-page.ts';
import { serveStatic } from './static-server.ts';
import { type FrameSummary, median, summarizeFrames } from './stats.ts';
import { machine, versionOf } from './versions.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '100,500,1000').split(',').map(Number);
const LOADS = Number(process.env.BENCH_LOADS ?? 3);
/** issue #6's target for p95 frame time */
const FRAME_TARGET_MS = 33;

interface Case {
  readonly label: string;
  readonly query: string;
  /** clicks on the zoom-in control (×1.2 each) before the gestures */
  readonly zoomIns?: number;
}

/** from React Flow's 20 % floor, where the 1,000-object page opens, to 103 % */
const ZOOM_INS = 9;

interface CaseResult {
  readonly label: string;
  readonly nodes: number;
  readonly edges: number;
  readonly loads: number[];
  readonly drag: FrameSummary;
  readonly pan: FrameSummary;
}

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined
    ? 'n/a'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const kib = (bytes: number) => `${fmt(bytes / 1024, 1)} KiB`;

async function measure(browser: Browser, url: string, c: Case, log: (l: string) => void) {
  const loads: number[] = [];
  let last: Awaited<ReturnType<typeof openBenchPage>> | undefined;
  for (let i = 0; i < LOADS; i++) {
    await last?.close();
    last = await openBenchPage(browser, `${url}/bench.html?${c.query}`);
    loads.push(last.firstRender);
  }
  if (!last) throw new Error('BENCH_LOADS must be at least 1');
  const counts = await last.page.evaluate(() => {
    const probe = (window as { __bench?: { nodes: number; edges: number } }).__bench;
    return { nodes: probe?.nodes ?? 0, edges: probe?.edges ?? 0 };
  });
  if (c.zoomIns) await zoomIn(last.page, c.zoomIns);
  const drag = summarizeFrames(await dragFrames(last.page, SECONDS));
  const pan = summarizeFrames(await panFrames(last.page, SECONDS));
  await last.close();
  log(
    `  ${c.label}: first render ${loads.map((l) => fmt(l)).join(', ')} ms; drag p95 ${fmt(drag.p95, 1)}, pan p95 ${fmt(pan.p95, 1)}`,
  );
  return { label: c.label, ...counts, loads, drag, pan } satisfies CaseResult;
}

function frameRow(r: CaseResult, f: FrameSummary) {
  const met = f.p95 < FRAME_TARGET_MS ? 'met' : 'missed';
  return `| ${r.label} | ${fmt(r.nodes)} | ${fmt(r.edges)} | ${fmt(f.frames)} | ${fmt(f.p50, 1)} | ${fmt(f.p95, 1)} | ${fmt(f.p99, 1)} | ${fmt(f.max, 1)} | ${met} |`;
}

function sizeSection(chunks: readonly Chunk[]): string[] {
  const total = chunks.reduce((a, c) => ({ bytes: a.bytes + c.bytes, gzip: a.gzip + c.gzip }), {
    bytes: 0,
    gzip: 0,
  });
  const entry = chunks.filter((c) => /^assets\/index-/.test(c.file));
  const first = entry.reduce((a, c) => ({ bytes: a.bytes + c.bytes, gzip: a.gzip + c.gzip }), {
    bytes: 0,
    gzip: 0,
  });
  return [
    '| chunk | loaded | bytes | gzip -9 |',
    '| --- | --- | ---: | ---: |',
    ...chunks.map((c) => {
      const when = c.file.includes('elk.worker')
        ? 'as a design of 200+ objects opens, else on first auto-layout (Web Worker)'
        : c.file.includes('LivePanel')
          ? 'in live mode'
          : /^assets\/index-/.test(c.file)
            ? 'on page load'
            : 'on demand';
      return `| \`${c.file.replace(/-[\w-]{8}\.js$/, '-*.js')}\` | ${when} | ${kib(c.bytes)} | ${kib(c.gzip)} |`;
    }),
    `| **all JS** | | **${kib(total.bytes)}** | **${kib(total.gzip)}** |`,
    `| **loaded on page load** | | **${kib(first.bytes)}** | **${kib(first.gzip)}** |`,
  ];
}

/** Runs the editor canvas benchmark and returns its markdown section. */
export async function run(log: (line: string) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'netcanvas-bench-editor-'));
  const start = machine();
  log(`building the bench page into ${dir}`);
  await buildBenchPage(dir);
  const server = await serveStatic(dir);
  const browser = await launchChromium();
  try {
    const versions = await Promise.all(
      ['react', '@xyflow/react', 'vite', 'playwright-core'].map(versionOf),
    );
    const cases: Case[] = [
      ...SIZES.map((n) => ({
        label: `netcanvas, ${fmt(n)} objects`,
        query: `page=netcanvas&nodes=${n}`,
      })),
      ...SIZES.map((n) => ({
        label: `React Flow default nodes, same ${fmt(n)}-object graph`,
        query: `page=default&nodes=${n}`,
      })),
      { label: 'React Flow stress example (25 × 25)', query: 'page=stress' },
      {
        label: `netcanvas zoomed in to 103 %, ${fmt(Math.max(...SIZES))} objects`,
        query: `page=netcanvas&nodes=${Math.max(...SIZES)}`,
        zoomIns: ZOOM_INS,
      },
    ];
    const results: CaseResult[] = [];
    for (const c of cases) {
      log(`canvas: ${c.label}`);
      results.push(await measure(browser, server.url, c, log));
    }

    log('console: production build and time to interactive');
    const chunks = await jsChunks(await buildConsole());
    const consoleServer = await startConsoleServer();
    const tti: Interactive[] = [];
    try {
      for (let i = 0; i < LOADS; i++)
        tti.push(await timeToInteractive(browser, `${consoleServer.url}/`));
    } finally {
      await consoleServer.stop();
    }
    const end = loadavg()[0]?.toFixed(1);

    const out: string[] = [
      `Machine: ${start}, ${end} at the end (the benchmark's own Chromium and server count in it; frame and load times are wall-clock and grow with load). ${browser.version().replace(/^/, 'Chromium ')} (Debian \`/usr/bin/chromium\`, headless, \`--disable-gpu\`), ${versions.join(', ')}; viewport ${VIEWPORT.width}×${VIEWPORT.height}.`,
      '',
      "Pages: `apps/console/bench.html`, built with Vite's build API and the console's own `vite.config.ts` (production, minified) into a temp dir and served from 127.0.0.1 by a static server; no netcanvas server. **netcanvas** is the console's canvas as the editor wires it — editor store and commands, `useAnalysis` (validation and addresses), `useCanvasView`/`buildGraph`, `NetworkCanvas` with `ObjectNode`, minimap, controls and toolbar — over a generated design (`apps/console/src/bench/topology.ts`: one uplink and pods of a router with a gateway and SNAT, four /24 switches, an HTTPS load balancer with three backends and fourteen VMs/containers, every other one with a second NIC; 1.5 links per object, no validation problems). **React Flow default nodes** draws the same nodes at the same positions and the same links as default nodes and bezier edges. **React Flow stress example** is the pattern of xyflow's `examples/react/src/examples/Stress`: 625 default 50×30 nodes in a 25 × 25 grid, each joined to the one before it (624 edges), `Controls` and `Background`, `fitView`, `minZoom 0.2`. All three are controlled flows (`onNodesChange` applies changes to state), built and served the same way.",
      '',
      `Method: Playwright (\`playwright-core\`) drives Chromium. *First render* is navigation start to the paint after every node is in the DOM and measured (not \`visibility: hidden\`) and every edge drawn, read in the page as \`performance.now()\`; median of ${LOADS} loads, each in a fresh browser context. *Frame times* are \`requestAnimationFrame\` deltas in the page while Playwright's mouse (\`page.mouse\`) holds the node nearest the centre of the viewport and moves it round an ellipse (280 × 180 px, a move every 16 ms) for ${SECONDS} s, and likewise with the mouse on an empty spot of the pane (panning); each sample runs from the press to 500 ms after the release, so the drop (netcanvas commits the move to the design) is in it. Headless Chromium paints at 60 Hz, so 16.7 ms is the floor. Target (issue #6): p95 frame time under ${FRAME_TARGET_MS} ms.`,
      '',
      '### Time to first render',
      '',
      '| page | nodes | edges | median | loads |',
      '| --- | ---: | ---: | ---: | --- |',
      ...results.map(
        (r) =>
          `| ${r.label} | ${fmt(r.nodes)} | ${fmt(r.edges)} | ${fmt(median(r.loads))} ms | ${r.loads.map((l) => fmt(l)).join(', ')} ms |`,
      ),
      '',
      `### Frame times while dragging a node (${SECONDS} s)`,
      '',
      '| page | nodes | edges | frames | p50 ms | p95 ms | p99 ms | max ms | p95 < 33 ms |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      ...results.map((r) => frameRow(r, r.drag)),
      '',
      `### Frame times while panning (${SECONDS} s)`,
      '',
      '| page | nodes | edges | frames | p50 ms | p95 ms | p99 ms | max ms | p95 < 33 ms |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      ...results.map((r) => frameRow(r, r.pan)),
      '',
      ...comparison(results),
      '### Console bundle',
      '',
      "The console's production build (`vite build` with its own config, as `pnpm --filter @netcanvas/console build`), every `.js` file, gzipped with node:zlib at level 9:",
      '',
      ...sizeSection(chunks),
      '',
      '### Console time to interactive',
      '',
      `\`pnpm netcanvas serve --port P --data <fresh temp dir>\` serving that build; navigation start to the paint after the page first shows an enabled, visible \`button\`, recorded in the page (a MutationObserver installed before the page's scripts). Median of ${LOADS} loads, fresh browser context each: **${fmt(median(tti.map((t) => t.ms)))} ms** (${tti.map((t) => fmt(t.ms)).join(', ')} ms). The first such button was "${tti[0]?.button ?? '?'}": on a fresh data dir with no session the console opens on its sign-in page, so this is the time to the first screen a user can act on, not to the editor.`,
      '',
    ];
    return out.join('\n');
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function comparison(results: readonly CaseResult[]): string[] {
  const ours = results.filter((r) => r.label.startsWith('netcanvas,'));
  const near = results.find((r) => r.label.startsWith('netcanvas zoomed in'));
  const peer = (n: number) =>
    results.find((r) => r.label.startsWith('React Flow default') && r.nodes === n);
  const stress = results.find((r) => r.label.startsWith('React Flow stress'));
  const ratio = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || b === 0 ? 'n/a' : `${fmt(a / b, 2)}×`;
  const biggest = ours.at(-1);
  const verdict = (which: 'drag' | 'pan') =>
    biggest
      ? biggest[which].p95 < FRAME_TARGET_MS
        ? `met (${fmt(biggest[which].p95, 1)} ms at ${fmt(biggest.nodes)} objects)`
        : `missed (${fmt(biggest[which].p95, 1)} ms at ${fmt(biggest.nodes)} objects)`
      : 'n/a';
  return [
    '### netcanvas against the peers',
    '',
    '| objects | first render ÷ default nodes | drag p95 ÷ default nodes | pan p95 ÷ default nodes | first render ÷ stress 625 | drag p95 ÷ stress 625 | pan p95 ÷ stress 625 |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...ours.map((r) => {
      const p = peer(r.nodes);
      return `| ${fmt(r.nodes)} | ${ratio(median(r.loads), p && median(p.loads))} | ${ratio(r.drag.p95, p?.drag.p95)} | ${ratio(r.pan.p95, p?.pan.p95)} | ${ratio(median(r.loads), stress && median(stress.loads))} | ${ratio(r.drag.p95, stress?.drag.p95)} | ${ratio(r.pan.p95, stress?.pan.p95)} |`;
    }),
    '',
    `Target p95 < ${FRAME_TARGET_MS} ms: dragging ${verdict('drag')}; panning ${verdict('pan')}. A netcanvas node is a card with an icon, name, kind, address lines and four handles (one per side), where a default node is one label with two. Zoomed out past 45 % (the bench pages open at React Flow's 20 % floor, showing about a third of the 1,000-object drawing), the console draws the cards and their links on one \`<canvas>\` (\`canvas/far/\`) and React Flow renders no DOM card and no SVG link there: a press on a drawn card selects it; while it is dragged only the canvas redraws (with the moved cards and their links where the pointer has them), and React Flow gets the new positions at the drop (a store update per move made React Flow's 1,000 node and 1,000 minimap selectors run each frame); a card just added stays in the DOM until React Flow has measured it. Chromium traces at 1,000 objects (\`browser.startTracing\`, \`devtools.timeline\`) showed why: with every DOM card still in place but empty, a pan's frame was two to three 60 Hz frames (hit test and layerization of 1,000 positioned, transformed elements, even with nothing painted in them), and with the cards gone but React Flow's 1,500 links left, a drag's p95 was 67–83 ms (each link runs a store selector on every move); without both, both gestures hold 60 Hz. Before the far view, five DOM-side changes had taken the 1,000-object drag from 133 to 67 ms and the pan from 167 to 50 ms (handles hidden by \`visibility\` rather than \`opacity: 0\`, one handle per side, handle placeholders instead of \`Handle\` components zoomed out, no pointer events on links while moving, no icon glyph zoomed out); they still serve the zoomed-in view. All three sizes open zoomed out (the 100-object page at 35 %), so every netcanvas row here measures the far view. From reading distance in, cards and links are DOM as before, with the costs above. On designs of 200 objects or more the editor starts its layout worker as the design opens (elkjs loads on the worker's thread, during the first render measured here), but lays nothing out in it until the user has left the page alone for 3 s, so its warm-up does not compete with these gestures.`,
    '',
    near
      ? `Zoomed in: the last row of each table is the ${fmt(near.nodes)}-object page after ${ZOOM_INS} clicks on the zoom-in control (20 % × 1.2⁹ = 103 %), then the same gestures. There the cards are DOM again, and only those on screen (and their links) are rendered: React Flow's \`onlyRenderVisibleElements\`, on whenever the far view is off, so a card mounts as it scrolls in; and while the canvas moves, its viewport is a composited layer (\`will-change: transform\`, dropped when the gesture ends so text is rastered sharp at the new zoom), so a pan does not repaint the cards on screen. Drag p95 ${fmt(near.drag.p95, 1)} ms, pan p95 ${fmt(near.pan.p95, 1)} ms. In trial runs at this zoom with every card in the DOM they were 183 and 133 ms; culled, 17 and 33 ms; with the composited viewport too, 17 and 17 ms.`
      : '',
    '',
  ];
}
