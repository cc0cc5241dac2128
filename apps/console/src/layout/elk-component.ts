import type { Position } from '@netcanvas/model';
import type { ELK as Elk, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Component } from './decompose.ts';
import { LAYER } from './layout-protocol.ts';

/**
 * Layered, top-down, partitioned by kind: uplinks and routers above switches above workloads.
 * Only node positions are used (React Flow draws the links), so ELK routes edges as plain
 * polylines: its default orthogonal routing was about half of each call and is thrown away.
 * The greedy-switch pass after crossing minimization, which ELK runs on graphs under 40
 * nodes (every folded pod), is off: by ELK's own timing log it was 8 % of a layout, and the
 * benchmark design's drawing has the same size and the same link crossings without it.
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
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
  'elk.separateConnectedComponents': 'false',
};

/** One component as an ELK compound node: its nodes, and its links pointed down the layers. */
function compound(c: Component, k: number): ElkNode {
  const layerOf = new Map(c.nodes.map((n) => [n.id, LAYER[n.kind]]));
  return {
    id: `component-${k}`,
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
        id: `component-${k}-e${i}`,
        sources: [down ? e.source : e.target],
        targets: [down ? e.target : e.source],
      };
    }),
  };
}

/**
 * Lays out each connected component with ELK's layered algorithm, all in one `elk.layout`
 * call: each component is a compound node that ELK lays out on its own, and the root is
 * left where it is (the caller packs the components). One call instead of one per pod
 * saves elkjs's per-call cost — two `setTimeout` hops, which browsers clamp to 4 ms once
 * nested, and the graph import and export — with the same positions as separate calls.
 */
export async function elkComponents(
  elk: Elk,
  components: readonly Component[],
): Promise<Readonly<Record<string, Position>>[]> {
  if (components.length === 0) return [];
  const out = await elk.layout({
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'fixed' },
    children: components.map(compound),
  });
  return components.map((_, k) => {
    const laid = out.children?.[k];
    return Object.fromEntries(
      (laid?.children ?? []).map((n) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]),
    );
  });
}
