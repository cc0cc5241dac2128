import type { Position } from '@netcanvas/model';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { editorTopology } from '../bench/topology.ts';
import { links, NODE_WIDTH } from '../canvas/graph.ts';
import { decompose } from './decompose.ts';
import { elkComponents } from './elk-component.ts';
import { layoutGraph } from './layout-graph.ts';
import type { LayoutNode, LayoutRequest } from './layout-protocol.ts';

const elk = new ELK();
const run = (req: Pick<LayoutRequest, 'nodes' | 'edges' | 'aspect'>) =>
  layoutGraph(req, (cs) => elkComponents(elk, cs));

function request(objects: number): Pick<LayoutRequest, 'nodes' | 'edges'> {
  const app = editorTopology(objects);
  // workloads taller than switches, as measured cards are
  const nodes = app.objects.map((o) => ({
    id: o.id,
    kind: o.kind,
    width: NODE_WIDTH,
    height: o.kind === 'workload' ? 110 : 80,
  }));
  return { nodes, edges: links(app) };
}

function box(n: LayoutNode, at: Readonly<Record<string, Position>>) {
  const p = at[n.id] ?? { x: Number.NaN, y: Number.NaN };
  return { left: p.x, top: p.y, right: p.x + n.width, bottom: p.y + n.height };
}

function bounds(boxes: ReturnType<typeof box>[]) {
  return {
    left: Math.min(...boxes.map((b) => b.left)),
    top: Math.min(...boxes.map((b) => b.top)),
    right: Math.max(...boxes.map((b) => b.right)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
}

const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('layoutGraph', () => {
  it('places every node, none on another, pods apart, the uplink above them all', {
    timeout: 120_000,
  }, async () => {
    const req = request(120);
    const at = await run(req);
    expect(Object.keys(at).sort()).toEqual(req.nodes.map((n) => n.id).sort());
    const boxes = req.nodes.map((n) => box(n, at));
    for (const b of boxes) expect(Number.isFinite(b.left) && Number.isFinite(b.top)).toBe(true);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a && b && overlap(a, b)) {
          throw new Error(`${req.nodes[i]?.id} overlaps ${req.nodes[j]?.id}`);
        }
      }
    }
    const wan = box(req.nodes[0] as LayoutNode, at);
    const pods = [0, 1, 2, 3, 4, 5].map((p) =>
      bounds(req.nodes.filter((n) => n.id.match(/\d+/)?.[0] === String(p)).map((n) => box(n, at))),
    );
    for (const pod of pods) expect(wan.bottom).toBeLessThan(pod.top);
    for (let i = 0; i < pods.length; i++) {
      for (let j = i + 1; j < pods.length; j++) {
        const [a, b] = [pods[i], pods[j]];
        expect(a && b && overlap(a, b)).toBe(false);
      }
    }
    // routers sit above their switches, switches above their workloads
    const y = (id: string) => at[id]?.y ?? Number.NaN;
    expect(y('r0')).toBeLessThan(y('s0-0'));
    expect(y('s0-0')).toBeLessThan(y('w0-0'));
  });

  // elk's first runs are slow while the JIT warms up, more so on a shared CI machine
  it('draws a big design about as wide as the canvas, not as one long row', {
    timeout: 120_000,
  }, async () => {
    const req = request(200);
    const at = await run(req);
    const all = bounds(req.nodes.map((n) => box(n, at)));
    const aspect = (all.right - all.left) / (all.bottom - all.top);
    expect(aspect).toBeGreaterThan(1.1);
    expect(aspect).toBeLessThan(2.4);
    const wide = await run({ ...req, aspect: 4 });
    const w = bounds(req.nodes.map((n) => box(n, wide)));
    expect((w.right - w.left) / (w.bottom - w.top)).toBeGreaterThan(aspect);
  });

  it('keeps workloads with the same links together, side by side under their switch', {
    timeout: 120_000,
  }, async () => {
    const req = request(21);
    const at = await run(req);
    // the pod's VMs with one NIC on its app switch, and no other link
    const twins = ['w0-1', 'w0-5', 'w0-9', 'w0-13'].map((id) => at[id] ?? { x: 0, y: Number.NaN });
    expect(new Set(twins.map((p) => p.y)).size).toBe(1);
    const xs = twins.map((p) => p.x);
    expect(xs.slice(1).map((x, i) => x - (xs[i] ?? 0))).toEqual([172, 172, 172]);
    expect(at['s0-1']?.y).toBeLessThan(twins[0]?.y ?? Number.NaN);
  });

  it('gives the same positions for the same graph', { timeout: 120_000 }, async () => {
    const req = request(60);
    expect(await run(req)).toEqual(await run(req));
  });

  it('lays out every component in one call as it would alone, and none of them moves', {
    timeout: 120_000,
  }, async () => {
    // three pods of different shapes: the whole editor design minus its uplink, cut short
    const { components } = decompose(request(70));
    expect(components.length).toBeGreaterThanOrEqual(3);
    const together = await elkComponents(elk, components);
    for (const [k, c] of components.entries()) {
      const alone = (await elkComponents(elk, [c]))[0] ?? {};
      const origin = (at: Readonly<Record<string, Position>>) => {
        const ps = Object.values(at);
        return { x: Math.min(...ps.map((p) => p.x)), y: Math.min(...ps.map((p) => p.y)) };
      };
      const [a, b] = [origin(alone), origin(together[k] ?? {})];
      for (const n of c.nodes) {
        const p = alone[n.id];
        const q = together[k]?.[n.id];
        expect(p && q && { x: q.x - b.x, y: q.y - b.y }).toEqual(
          p && { x: p.x - a.x, y: p.y - a.y },
        );
      }
    }
  });
});
