/**
 * Auto-layout: the console's layout worker (hubs out, elkjs per component) against
 * @dagrejs/dagre on the same whole graphs, in one Node process. See docs/benchmarks.md.
 *
 * Environment: BENCH_SIZES (object counts, default 100,500,1000), BENCH_LAYOUT_BUDGET
 * (seconds of repeats per size and engine before stopping early, default 20; at most 3 runs).
 */

import { editorTopology } from '../../apps/console/src/bench/topology.ts';
import { links, NODE_WIDTH } from '../../apps/console/src/canvas/graph.ts';
import type { LayoutRequest } from '../../apps/console/src/layout/layout-protocol.ts';
import { dagreLayout, elkLayout } from './layout.ts';
import { median } from './stats.ts';
import { machine, versionOf } from './versions.ts';

const SIZES = (process.env.BENCH_SIZES ?? '100,500,1000').split(',').map(Number);
const BUDGET_MS = Number(process.env.BENCH_LAYOUT_BUDGET ?? 20) * 1000;
/** issue #6's targets */
const TARGET = { ms: 3000, timesFaster: 5 };
/** the height useLayoutCommand falls back to before a node is measured */
const NODE_HEIGHT = 90;

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined
    ? 'n/a'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

let nextId = 1;
function request(nodes: number): LayoutRequest {
  const app = editorTopology(nodes);
  return {
    id: nextId++,
    nodes: app.objects.map((o) => ({
      id: o.id,
      kind: o.kind,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
    })),
    edges: links(app),
  };
}

type Positions = Readonly<Record<string, { x: number; y: number }>>;

/** Runs `layout` up to three times (fewer once the budget is spent); times and last result. */
async function timed(layout: (r: LayoutRequest) => Promise<Positions>, req: LayoutRequest) {
  const times: number[] = [];
  let out: Positions = {};
  let spent = 0;
  while (times.length < 3 && (times.length === 0 || spent < BUDGET_MS)) {
    const start = performance.now();
    out = await layout({ ...req, id: nextId++ });
    times.push(performance.now() - start);
    spent += times.at(-1) ?? 0;
  }
  return { times, out };
}

function extent(p: Positions, nodes: number): string {
  const xs = Object.values(p).map((q) => q.x);
  const ys = Object.values(p).map((q) => q.y);
  if (xs.length !== nodes) return `${xs.length} of ${nodes} placed`;
  const w = Math.max(...xs) - Math.min(...xs) + NODE_WIDTH;
  const h = Math.max(...ys) - Math.min(...ys) + NODE_HEIGHT;
  return `${fmt(w)} × ${fmt(h)}`;
}

/** Runs the layout benchmark and returns its markdown section. */
export async function run(log: (line: string) => void): Promise<string> {
  const start = machine();
  const versions = await Promise.all(['elkjs', '@dagrejs/dagre'].map(versionOf));
  const elk = await elkLayout();
  log('warm-up: both engines once on the smallest graph');
  const warm = request(SIZES[0] ?? 100);
  await elk(warm);
  await dagreLayout(warm);
  const rows: string[] = [];
  let verdict = '';
  for (const n of SIZES) {
    const req = request(n);
    log(`layout: ${n} objects, ${req.edges.length} links`);
    const e = await timed(elk, req);
    const d = await timed(dagreLayout, req);
    const em = median(e.times) ?? 0;
    const dm = median(d.times) ?? 0;
    log(
      `  elk ${e.times.map((t) => fmt(t)).join(', ')} ms; dagre ${d.times.map((t) => fmt(t)).join(', ')} ms`,
    );
    const ratio = em / dm;
    rows.push(
      `| ${fmt(n)} | ${fmt(req.edges.length)} | ${fmt(em)} ms (${e.times.length} runs) | ${fmt(dm)} ms (${d.times.length} runs) | ${ratio >= 1 ? `elk ${fmt(ratio, 1)}× slower` : `elk ${fmt(1 / ratio, 1)}× faster`} | ${extent(e.out, n)} | ${extent(d.out, n)} |`,
    );
    if (n === Math.max(...SIZES)) {
      const under = em < TARGET.ms;
      const faster = dm / em;
      verdict = `At ${fmt(n)} objects: layout under 3 s — ${under ? 'met' : 'missed'} (${fmt(em / 1000, 1)} s); at least 5× faster than dagre — ${faster >= TARGET.timesFaster ? 'met' : 'missed'} (elk takes ${fmt(ratio, 1)}× dagre's time).`;
    }
  }
  return [
    `Machine: ${start}; ${versions.join(', ')}.`,
    '',
    `Input: the editor benchmark's design (\`apps/console/src/bench/topology.ts\`) at each size, as the console's auto-layout sends it: every object as a ${NODE_WIDTH} × ${NODE_HEIGHT} px node with its kind, and the canvas's links. **elk** is the console's own \`apps/console/src/layout/elk.worker.ts\` run in this process (the module's worker scope is this global; requests go in through its \`onmessage\` as the browser's worker gets them), so it does what the console does: takes out the hubs (the uplink, and any node with 24 or more links), lays out each remaining connected component (a pod) with ELK layered (top-down, partitioned by kind, Brandes-Köpf placement, thoroughness 2, 36 px between nodes, 70 between layers), one \`elk.layout\` call per component, and packs the components in rows about 16:10 (the canvas's shape, when the console sends it) with the hubs centred above. **dagre** gets the same nodes and sizes, the same edges pointed down the layers as the worker points them, top-down with the same spacing (\`nodesep 36\`, \`ranksep 70\`); it has no partitioning. Each engine ran once on the ${fmt(SIZES[0])}-object graph first (JIT warm-up); then each size up to three times, fewer when the runs passed ${fmt(BUDGET_MS / 1000)} s; the median is shown.`,
    '',
    '| objects | links | elk (console auto-layout) | dagre | elk vs dagre | elk drawing (px) | dagre drawing (px) |',
    '| ---: | ---: | ---: | ---: | --- | ---: | ---: |',
    ...rows,
    '',
    `${verdict} Targets are issue #6's. The console's layout code was not changed for this benchmark.`,
    '',
  ].join('\n');
}
