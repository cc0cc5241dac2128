/**
 * One timed layout in a process of its own: `layout-child.ts ENGINE SIZE WARM` warms ENGINE
 * (`elk` or `dagre`) up once on the WARM-object graph, lays out the SIZE-object graph once
 * and prints `{ ms, width, height, placed }` as one JSON line. One layout per process
 * because repeated big layouts in one process were bimodal on this machine (dagre's later
 * runs at 1,000 objects sometimes took 8–10 s, mostly in GC).
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

const [engine, size, warm] = process.argv.slice(2);
if (engine !== 'elk' && engine !== 'dagre') throw new Error(`unknown engine ${engine}`);
const layout: Layout = engine === 'elk' ? await elkLayout() : dagreLayout;
await layout(request(Number(warm)));
const req = request(Number(size));
const start = performance.now();
const out = await layout(req);
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, ...extent(out) })}\n`);
