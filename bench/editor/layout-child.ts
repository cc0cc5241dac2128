/**
 * One engine of the layout benchmark in a process of its own: `layout-child.ts ENGINE SIZE
 * WARM BUDGET_MS` warms ENGINE (`elk` or `dagre`) up once on the WARM-object graph, lays
 * out the SIZE-object graph up to three times (fewer once BUDGET_MS is spent) and prints
 * `{ times, width, height, placed }` as one JSON line. The benchmark runs one timed layout
 * per process (BUDGET_MS 0): repeated big layouts in one process were bimodal on this
 * machine (dagre's later runs at 1,000 objects sometimes took 8–10 s, mostly in GC).
 */

import { editorTopology } from '../../apps/console/src/bench/topology.ts';
import { links, NODE_WIDTH } from '../../apps/console/src/canvas/graph.ts';
import type { LayoutRequest } from '../../apps/console/src/layout/layout-protocol.ts';
import { dagreLayout, elkLayout, type Layout, NODE_HEIGHT, type Positions } from './layout.ts';

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

function extent(p: Positions) {
  const xs = Object.values(p).map((q) => q.x);
  const ys = Object.values(p).map((q) => q.y);
  return {
    placed: xs.length,
    width: Math.max(...xs) - Math.min(...xs) + NODE_WIDTH,
    height: Math.max(...ys) - Math.min(...ys) + NODE_HEIGHT,
  };
}

const [engine, size, warm, budget] = process.argv.slice(2);
const layout: Layout = engine === 'elk' ? await elkLayout() : dagreLayout;
if (engine !== 'elk' && engine !== 'dagre') throw new Error(`unknown engine ${engine}`);
await layout(request(Number(warm)));
const req = request(Number(size));
const times: number[] = [];
let out: Positions = {};
let spent = 0;
while (times.length < 3 && (times.length === 0 || spent < Number(budget))) {
  const start = performance.now();
  out = await layout({ ...req, id: nextId++ });
  times.push(performance.now() - start);
  spent += times.at(-1) ?? 0;
}
process.stdout.write(`${JSON.stringify({ times, ...extent(out) })}\n`);
