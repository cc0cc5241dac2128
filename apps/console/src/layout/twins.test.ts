import { describe, expect, it } from 'vitest';
import { editorTopology } from '../bench/topology.ts';
import { links } from '../canvas/graph.ts';
import { decompose } from './decompose.ts';
import type { LayoutNode } from './layout-protocol.ts';
import { foldTwins, TWIN_GAP } from './twins.ts';

const node = (id: string, kind: LayoutNode['kind'], width = 136, height = 90): LayoutNode => ({
  id,
  kind,
  width,
  height,
});

describe('foldTwins', () => {
  it('folds workloads with the same links into one block, and keeps the rest as they are', () => {
    const nodes = [
      node('r', 'router'),
      node('web', 'switch'),
      node('db', 'switch'),
      node('w1', 'workload'),
      node('w2', 'workload'),
      node('w3', 'workload'),
      node('d1', 'workload'),
      node('both', 'workload'),
    ];
    const edges = [
      { source: 'r', target: 'web' },
      { source: 'r', target: 'db' },
      { source: 'w1', target: 'web' },
      { source: 'w2', target: 'web' },
      { source: 'w3', target: 'web' },
      { source: 'd1', target: 'db' },
      { source: 'both', target: 'web' },
      { source: 'both', target: 'db' },
    ];
    const { component } = foldTwins({ nodes, edges });
    expect(component.nodes.map((n) => n.id)).toEqual(['r', 'web', 'db', 'twins w1', 'd1', 'both']);
    // three cards in a row
    expect(component.nodes[3]).toMatchObject({
      kind: 'workload',
      width: 3 * 136 + 2 * 36,
      height: 90,
    });
    // w1..w3 → web became one link
    expect(component.edges).toHaveLength(6);
    expect(component.edges).toContainEqual({ source: 'twins w1', target: 'web' });
  });

  it('puts every member back on its own cell of the block, in rows of at most six', () => {
    const nodes = [
      node('s', 'switch'),
      ...Array.from({ length: 7 }, (_, i) => node(`w${i}`, 'workload')),
    ];
    const edges = nodes.slice(1).map((n) => ({ source: n.id, target: 's' }));
    const folded = foldTwins({ nodes, edges });
    const block = folded.component.nodes.find((n) => n.id === 'twins w0');
    // seven wrap as four and three, not six and one
    expect(block).toMatchObject({ width: 4 * 136 + 3 * 36, height: 2 * 90 + TWIN_GAP.y });
    const at = folded.expand({ s: { x: 0, y: 0 }, 'twins w0': { x: 100, y: 200 } });
    expect(Object.keys(at).sort()).toEqual(nodes.map((n) => n.id).sort());
    expect(at.w0).toEqual({ x: 100, y: 200 });
    expect(at.w3).toEqual({ x: 100 + 3 * 172, y: 200 });
    expect(at.w4).toEqual({ x: 100, y: 200 + 90 + TWIN_GAP.y });
    expect(at.s).toEqual({ x: 0, y: 0 });
  });

  it('centres a narrower twin in its cell', () => {
    const nodes = [node('s', 'switch'), node('a', 'workload', 200), node('b', 'workload', 100)];
    const edges = [
      { source: 'a', target: 's' },
      { source: 'b', target: 's' },
    ];
    const folded = foldTwins({ nodes, edges });
    const at = folded.expand({ s: { x: 0, y: 0 }, 'twins a': { x: 0, y: 300 } });
    expect(at.b).toEqual({ x: 200 + 36 + 50, y: 300 });
  });

  it('leaves a component without twins untouched', () => {
    const nodes = [node('r', 'router'), node('s', 'switch'), node('w', 'workload')];
    const edges = [
      { source: 'r', target: 's' },
      { source: 'w', target: 's' },
    ];
    const folded = foldTwins({ nodes, edges });
    expect(folded.component).toEqual({ nodes, edges });
  });

  it('halves a pod of the editor benchmark: 20 objects become 11 for ELK', () => {
    const app = editorTopology(21);
    const nodes = app.objects.map((o) => node(o.id, o.kind));
    const [pod] = decompose({ nodes, edges: links(app) }).components;
    if (!pod) throw new Error('no pod');
    const { component } = foldTwins(pod);
    expect([pod.nodes.length, component.nodes.length]).toEqual([20, 11]);
  });
});
