/**
 * One timed layout in a process of its own, printed as one JSON line
 * `{ ms, warmUps, width, height, placed }`:
 *
 * - `layout-child.ts ENGINE SIZE cold WARM` lays the WARM-object graph out once (JIT
 *   warm-up), then times one layout of the SIZE-object graph;
 * - `layout-child.ts ENGINE SIZE settled WARM` first does what the editor's idle warm-up
 *   does: elk through the console's `LayoutWorker.warmUp`, round after round on the
 *   SIZE-object graph until the worker says it is warm; dagre lays the WARM-object graph out
 *   once (as in cold mode: its later big layouts are fastest after a small one), then the
 *   SIZE-object graph as many times as elk's rounds (`WARM_UP_ROUNDS`). Then it times one
 *   more layout. `warmUps` are the times of the warm-up layouts of the SIZE-object graph.
 *
 * One timed layout per process because repeated big layouts in one process were bimodal on
 * this machine (dagre's later runs at 1,000 objects sometimes took 8–10 s, mostly in GC).
 */

import { editorTopology } from '../../apps/console/src/bench/topology.ts';
import { links, NODE_WIDTH } from '../../apps/console/src/canvas/graph.ts';
import {
  type LayoutRequest,
  WARM_UP_ROUNDS,
} from '../../apps/console/src/layout/layout-protocol.ts';
import { dagreLayout, elkWorker, NODE_HEIGHT, type Positions } from './layout.ts';

function request(nodes: number): Omit<LayoutRequest, 'id'> {
  const app = editorTopology(nodes);
  return {
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

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const out = await work();
  return [out, performance.now() - start];
}

const [engine, size, mode, warm] = process.argv.slice(2);
if (engine !== 'elk' && engine !== 'dagre') throw new Error(`unknown engine ${engine}`);
if (mode !== 'cold' && mode !== 'settled') throw new Error(`unknown mode ${mode}`);
const elk = engine === 'elk' ? await elkWorker() : undefined;
const layout = elk ? (req: Omit<LayoutRequest, 'id'>) => elk.layout(req) : dagreLayout;

const req = request(Number(size));
const warmUps: number[] = [];
if (mode === 'cold') {
  await layout(request(Number(warm)));
} else if (elk) {
  let more = true;
  while (more) {
    const [again, ms] = await timed(() => elk.warmUp(req));
    warmUps.push(ms);
    more = again;
  }
} else {
  await layout(request(Number(warm)));
  for (let i = 0; i < WARM_UP_ROUNDS; i++) warmUps.push((await timed(() => layout(req)))[1]);
}
const [out, ms] = await timed(() => layout(req));
process.stdout.write(`${JSON.stringify({ ms, warmUps, ...extent(out) })}\n`);
