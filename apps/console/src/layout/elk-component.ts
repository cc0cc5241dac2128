import type { Position } from '@netcanvas/model';
import type { ELK as Elk } from 'elkjs/lib/elk-api.js';
import type { Component } from './decompose.ts';
import { LAYER } from './layout-protocol.ts';

/**
 * Layered, top-down, partitioned by kind: uplinks and routers above switches above workloads.
 * Only node positions are used (React Flow draws the links), so ELK routes edges as plain
 * polylines: its default orthogonal routing was about half of each call and is thrown away.
 */
const OPTIONS = {
  'elk.edgeRouting': 'POLYLINE',
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.partitioning.activate': 'true',
  'elk.spacing.nodeNode': '36',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.thoroughness': '2',
  'elk.separateConnectedComponents': 'false',
};

/** Lays out one connected component with ELK's layered algorithm. */
export async function elkComponent(
  elk: Elk,
  c: Component,
): Promise<Readonly<Record<string, Position>>> {
  const layerOf = new Map(c.nodes.map((n) => [n.id, LAYER[n.kind]]));
  const graph = {
    id: 'root',
    layoutOptions: OPTIONS,
    children: c.nodes.map((n) => ({
      id: n.id,
      width: n.width,
      height: n.height,
      layoutOptions: { 'elk.partitioning.partition': String(LAYER[n.kind]) },
    })),
    // edges point down the layers so ELK keeps routers on top and workloads below
    edges: c.edges.map((e, i) => {
      const down = (layerOf.get(e.source) ?? 0) <= (layerOf.get(e.target) ?? 0);
      return {
        id: `e${i}`,
        sources: [down ? e.source : e.target],
        targets: [down ? e.target : e.source],
      };
    }),
  };
  const out = await elk.layout(graph);
  return Object.fromEntries((out.children ?? []).map((n) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]));
}
