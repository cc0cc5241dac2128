import { describe, expect, it } from 'vitest';
import { editorTopology } from '../bench/topology.ts';
import { links } from '../canvas/graph.ts';
import { decompose, HUB_DEGREE } from './decompose.ts';
import type { LayoutNode } from './layout-protocol.ts';

const node = (id: string, kind: LayoutNode['kind']): LayoutNode => ({
  id,
  kind,
  width: 136,
  height: 90,
});

describe('decompose', () => {
  it('takes the uplink out and leaves one component per pod', () => {
    const app = editorTopology(100);
    const nodes = app.objects.map((o) => node(o.id, o.kind));
    const { hubs, components } = decompose({ nodes, edges: links(app) });
    expect(hubs.map((h) => h.id)).toEqual(['wan']);
    expect(components.map((c) => c.nodes[0]?.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    // 99 objects below the uplink: four whole pods and one a workload short
    expect(components.map((c) => [c.nodes.length, c.edges.length])).toEqual([
      [20, 29],
      [20, 29],
      [20, 29],
      [20, 29],
      [19, 28],
    ]);
    for (const c of components) {
      const pod = c.nodes[0]?.id.slice(1);
      expect(c.nodes.every((n) => n.id.match(/\d+/)?.[0] === pod)).toBe(true);
    }
  });

  it('makes a node with very many links a hub, so its leaves are placed as a grid', () => {
    const leaves = Array.from({ length: HUB_DEGREE }, (_, i) => node(`w${i}`, 'workload'));
    const nodes = [node('sw', 'switch'), ...leaves, node('fw', 'firewall')];
    const edges = leaves.map((l) => ({ source: l.id, target: 'sw' }));
    const { hubs, components } = decompose({ nodes, edges });
    expect(hubs.map((h) => h.id)).toEqual(['sw']);
    expect(components.map((c) => c.nodes.map((n) => n.id))).toEqual([
      ...leaves.map((l) => [l.id]),
      ['fw'],
    ]);
  });

  it('ignores links to objects that are not being laid out and links to itself', () => {
    const nodes = [node('a', 'switch'), node('b', 'workload')];
    const edges = [
      { source: 'b', target: 'a' },
      { source: 'b', target: 'gone' },
      { source: 'a', target: 'a' },
    ];
    expect(decompose({ nodes, edges }).components).toEqual([
      { nodes, edges: [{ source: 'b', target: 'a' }] },
    ]);
  });
});
