import type { Application } from '@netcanvas/model';
import type { Edge, Node } from '@xyflow/react';
import { buildGraph } from '../canvas/graph.ts';

/**
 * React Flow's stress example (xyflow examples/react Stress): `columns` × `rows` default
 * nodes of 50×30 px, 100 px apart across and 50 down, each joined to the one before it.
 */
export function stressGraph(columns: number, rows: number): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const id = String(nodes.length + 1);
      nodes.push({
        id,
        position: { x: x * 100, y: y * 50 },
        data: { label: `Node ${id}` },
        style: { width: 50, height: 30, fontSize: 11 },
        width: 50,
        height: 30,
      });
      if (nodes.length > 1)
        edges.push({ id: `${x}-${y}`, source: String(nodes.length - 1), target: id });
    }
  }
  return { nodes, edges };
}

/** The design's graph where netcanvas draws it, as React Flow default nodes and edges. */
export function defaultNodesGraph(app: Application): { nodes: Node[]; edges: Edge[] } {
  const focus = { path: new Set<string>(), selected: new Set<string>(), matches: undefined };
  const graph = buildGraph(app, { nics: [], routerPorts: [], problems: [] }, [], focus);
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      position: n.position,
      data: { label: n.data.object.name },
    })),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}
