import ELK from 'elkjs/lib/elk.bundled.js';
import { LAYER, type LayoutRequest, type LayoutResponse } from './layout-protocol.ts';

const elk = new ELK();

const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.partitioning.activate': 'true',
  'elk.spacing.nodeNode': '36',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.separateConnectedComponents': 'false',
};

async function layout(req: LayoutRequest): Promise<LayoutResponse> {
  const ids = new Set(req.nodes.map((n) => n.id));
  const layerOf = new Map(req.nodes.map((n) => [n.id, LAYER[n.kind]]));
  const graph = {
    id: 'root',
    layoutOptions: OPTIONS,
    children: req.nodes.map((n) => ({
      id: n.id,
      width: n.width,
      height: n.height,
      layoutOptions: { 'elk.partitioning.partition': String(LAYER[n.kind]) },
    })),
    // edges point down the layers so ELK keeps uplinks on top and workloads below
    edges: req.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e, i) => {
        const down = (layerOf.get(e.source) ?? 0) <= (layerOf.get(e.target) ?? 0);
        return {
          id: `e${i}`,
          sources: [down ? e.source : e.target],
          targets: [down ? e.target : e.source],
        };
      }),
  };
  const out = await elk.layout(graph);
  const positions = Object.fromEntries(
    (out.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]),
  );
  return { id: req.id, positions };
}

// assigned after the import, so it replaces the handler elk.bundled.js installs in workers
self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  layout(e.data).then(
    (res) => self.postMessage(res),
    (err: unknown) => self.postMessage({ id: e.data.id, error: String(err) }),
  );
};
