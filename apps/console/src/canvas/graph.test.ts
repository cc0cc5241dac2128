import { resolveAddresses, validate } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { editorTopology } from '../bench/topology.ts';
import { applyDocAction } from '../editor/apply.ts';
import { buildGraph, type GraphFocus } from './graph.ts';

const NONE: GraphFocus = { path: new Set(), selected: new Set(), matches: undefined };

describe('buildGraph', () => {
  const app = editorTopology(100);
  const plan = resolveAddresses(app);
  const diagnostics = validate(app);
  const first = buildGraph(app, plan, diagnostics, NONE);

  it('after a move, redraws only the moved node and the links whose sides changed', () => {
    const at = app.layout.positions['w0-0'] ?? { x: 0, y: 0 };
    const moved = applyDocAction(app, {
      type: 'move',
      positions: { 'w0-0': { x: at.x, y: at.y - 400 } },
    });
    expect(moved.objects).toBe(app.objects);
    const next = buildGraph(moved, plan, diagnostics, NONE, first);
    const redrawn = next.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id);
    expect(redrawn).toEqual(['w0-0']);
    expect(next.nodes.find((n) => n.id === 'w0-0')?.position.y).toBeLessThan(
      first.nodes.find((n) => n.id === 'w0-0')?.position.y ?? 0,
    );
    const relinked = next.edges.filter((e, i) => e !== first.edges[i]);
    expect(relinked.length).toBeGreaterThan(0);
    expect(relinked.every((e) => e.source === 'w0-0' || e.target === 'w0-0')).toBe(true);
  });

  it('selecting redraws only the selected node', () => {
    const next = buildGraph(
      app,
      plan,
      diagnostics,
      { ...NONE, selected: new Set(['s0-1']) },
      first,
    );
    const redrawn = next.nodes.filter((n, i) => n !== first.nodes[i]);
    expect(redrawn.map((n) => [n.id, n.selected])).toEqual([['s0-1', true]]);
  });

  it('an edit to an object rebuilds what nodes show, with its problem badge', () => {
    const broken = {
      ...app,
      objects: app.objects.map((o) => (o.id === 's0-0' ? { ...o, subnet: '10.9.0.0/33' } : o)),
    };
    const problems = validate(broken);
    const next = buildGraph(broken, resolveAddresses(broken), problems, NONE, first);
    const node = next.nodes.find((n) => n.id === 's0-0');
    expect(node?.data.errors).toBe(1);
    expect(node?.data.object).not.toBe(first.nodes.find((n) => n.id === 's0-0')?.data.object);
    expect(node?.data.problems.length).toBe(
      problems.filter((d) => d.objectId === 's0-0' && d.severity !== 'info').length,
    );
  });
});
