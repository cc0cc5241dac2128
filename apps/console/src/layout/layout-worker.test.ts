import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { editorTopology } from '../bench/topology.ts';
import { links, NODE_WIDTH } from '../canvas/graph.ts';
import { elkComponents } from './elk-component.ts';
import { layoutGraph } from './layout-graph.ts';
import { type LayoutRequest, type LayoutResponse, WARM_UP_ROUNDS } from './layout-protocol.ts';
import { LayoutWorker, type WorkerLike } from './layout-worker.ts';

const elk = new ELK();

/** A worker that does what elk.worker.ts does, in this process, and can be made to crash. */
class InProcessWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<LayoutResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly received: LayoutRequest[] = [];
  terminated = false;

  postMessage(req: LayoutRequest): void {
    this.received.push(req);
    void layoutGraph(req, (cs) => elkComponents(elk, cs)).then((positions) => {
      if (!this.terminated) this.onmessage?.({ data: { id: req.id, positions } } as MessageEvent);
    });
  }

  crash(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }

  terminate(): void {
    this.terminated = true;
  }
}

function design(objects: number): Omit<LayoutRequest, 'id'> {
  const app = editorTopology(objects);
  const nodes = app.objects.map((o) => ({ id: o.id, kind: o.kind, width: NODE_WIDTH, height: 90 }));
  return { nodes, edges: links(app) };
}

function pool() {
  const started: InProcessWorker[] = [];
  const worker = new LayoutWorker(() => {
    const w = new InProcessWorker();
    started.push(w);
    return w;
  });
  return { worker, started };
}

describe('the layout worker', () => {
  it('places every node of the request', async () => {
    const { worker } = pool();
    const placed = await worker.layout(design(41));
    expect(Object.keys(placed).sort()).toEqual(
      design(41)
        .nodes.map((n) => n.id)
        .sort(),
    );
  });

  it(`warms up in ${WARM_UP_ROUNDS} rounds, one at a time, on the worker that then serves the layouts`, async () => {
    const { worker, started } = pool();
    const first = worker.warmUp(design(41));
    // a second call while the round runs is that round, not another request
    expect(worker.warmUp(design(41))).toBe(first);
    const more = [await first];
    while (more.at(-1)) more.push(await worker.warmUp(design(41)));
    expect(more).toEqual([...Array(WARM_UP_ROUNDS - 1).fill(true), false]);
    expect(started).toHaveLength(1);
    expect(started[0]?.received).toHaveLength(WARM_UP_ROUNDS);
    // warm: no more rounds, and the user's layout is served by the same worker
    expect(await worker.warmUp(design(41))).toBe(false);
    expect(Object.keys(await worker.layout(design(21)))).toHaveLength(21);
    expect(started[0]?.received.map((r) => r.nodes.length)).toEqual([
      ...Array(WARM_UP_ROUNDS).fill(41),
      21,
    ]);
  });

  it('boots the worker before the first layout, once, and lays out on it', async () => {
    const { worker, started } = pool();
    worker.boot();
    worker.boot();
    expect(started).toHaveLength(1);
    expect(started[0]?.received).toHaveLength(0);
    expect(Object.keys(await worker.layout(design(21)))).toHaveLength(21);
    expect(started).toHaveLength(1);
  });

  it('fails what waits on a crashed worker, then starts a fresh one', async () => {
    const { worker, started } = pool();
    const waiting = worker.layout(design(41));
    started[0]?.crash('out of memory');
    await expect(waiting).rejects.toThrow('the layout worker failed: out of memory');
    expect(started[0]?.terminated).toBe(true);

    // the fresh worker is cold again, so it is warmed up again
    expect(await worker.warmUp(design(21))).toBe(true);
    expect(started).toHaveLength(2);
    expect(started[1]?.received).toHaveLength(1);
    expect(Object.keys(await worker.layout(design(21)))).toHaveLength(21);
  });

  it('says so when the worker cannot start at all', async () => {
    const { worker, started } = pool();
    const waiting = worker.layout(design(21));
    started[0]?.crash('');
    await expect(waiting).rejects.toThrow('the layout worker failed: it could not start');
  });
});
