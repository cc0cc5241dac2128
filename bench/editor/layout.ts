import dagre from '@dagrejs/dagre';
import type {
  LayoutNode,
  LayoutRequest,
  LayoutResponse,
} from '../../apps/console/src/layout/layout-protocol.ts';
import { LAYER } from '../../apps/console/src/layout/layout-protocol.ts';
import { LayoutWorker, type WorkerLike } from '../../apps/console/src/layout/layout-worker.ts';

/** The console's layout worker module (hubs out, elkjs per component, packed in rows). */
const ELK_WORKER = new URL('../../apps/console/src/layout/elk.worker.ts', import.meta.url).href;

export type Positions = Readonly<Record<string, { x: number; y: number }>>;
export type Layout = (req: Omit<LayoutRequest, 'id'>) => Promise<Positions>;

/** the height useLayoutCommand falls back to before a node is measured */
export const NODE_HEIGHT = 90;

interface WorkerScope {
  self?: unknown;
  postMessage?: (res: LayoutResponse) => void;
  onmessage?: (e: { data: LayoutRequest }) => void;
}

/**
 * The console's real `elk.worker.ts`, run in this process behind the console's own
 * `LayoutWorker` (which starts it, numbers requests and does the idle warm-up's rounds):
 * the module is written for a worker's global scope, so `self` is this global, and
 * requests go in through `onmessage` and come back through `postMessage` as they do in the
 * browser. One per process: the module installs itself on the global.
 */
export async function elkWorker(): Promise<LayoutWorker> {
  const scope = globalThis as unknown as WorkerScope;
  const inProcess: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (req) => scope.onmessage?.({ data: req }),
    terminate: () => {},
  };
  scope.self = globalThis;
  scope.postMessage = (res) => inProcess.onmessage?.({ data: res } as MessageEvent<LayoutResponse>);
  await import(ELK_WORKER);
  if (!scope.onmessage) throw new Error('elk.worker.ts did not install an onmessage handler');
  return new LayoutWorker(() => inProcess);
}

/**
 * dagre on the same request: the same node sizes, the same spacing (36 px between nodes,
 * 70 between layers), top-down, and the edges pointed down the layers as the worker does.
 */
export const dagreLayout: Layout = async (req) => {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 70 });
  g.setDefaultEdgeLabel(() => ({}));
  const layer = new Map(req.nodes.map((n: LayoutNode) => [n.id, LAYER[n.kind]]));
  for (const n of req.nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of req.edges) {
    if (!layer.has(e.source) || !layer.has(e.target)) continue;
    const down = (layer.get(e.source) ?? 0) <= (layer.get(e.target) ?? 0);
    g.setEdge(down ? e.source : e.target, down ? e.target : e.source);
  }
  dagre.layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of req.nodes) {
    const p = g.node(n.id);
    out[n.id] = { x: p.x - n.width / 2, y: p.y - n.height / 2 };
  }
  return out;
};
