import type { Position } from '@netcanvas/model';
import type { LayoutRequest, LayoutResponse } from './layout-protocol.ts';

/** What this module needs of a Web Worker (a test passes its own). */
export interface WorkerLike {
  onmessage: ((e: MessageEvent<LayoutResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(req: LayoutRequest): void;
  terminate(): void;
}

export type Placed = Readonly<Record<string, Position>>;

/**
 * The layout worker, started on first use. A worker that cannot load or crashes fails what
 * waits on it and is not reused: the next layout starts a fresh one.
 *
 * `warmUp` lays a graph out once and throws the result away. elkjs is Java compiled to
 * JavaScript and slow until the JIT has seen it work: on a 1,000-object design the first
 * layout of a worker takes about three times as long as the next ones. Warming the worker
 * up on the open design while the editor is idle makes the user's first auto-layout a warm one.
 */
export class LayoutWorker {
  private worker: WorkerLike | undefined;
  private readonly pending = new Map<number, (res: LayoutResponse) => void>();
  private seq = 0;
  private warmed = false;

  constructor(private readonly start: () => WorkerLike) {}

  layout(req: Omit<LayoutRequest, 'id'>): Promise<Placed> {
    return new Promise((resolve, reject) =>
      this.post(req, (res) =>
        'error' in res ? reject(new Error(res.error)) : resolve(res.positions),
      ),
    );
  }

  /** Lays `req` out once in the background, unless this worker has laid anything out yet. */
  warmUp(req: Omit<LayoutRequest, 'id'>): void {
    if (this.warmed) return;
    this.post(req, () => {});
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.warmed = false;
  }

  private post(req: Omit<LayoutRequest, 'id'>, done: (res: LayoutResponse) => void): void {
    const w = this.worker ?? this.open();
    const id = ++this.seq;
    this.warmed = true;
    this.pending.set(id, done);
    w.postMessage({ ...req, id });
  }

  private open(): WorkerLike {
    const w = this.start();
    w.onmessage = (e) => {
      this.pending.get(e.data.id)?.(e.data);
      this.pending.delete(e.data.id);
    };
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      if (this.worker === w) {
        this.worker = undefined;
        this.warmed = false;
      }
      const error = `the layout worker failed: ${e.message || 'it could not start'}`;
      for (const [id, done] of this.pending) done({ id, error });
      this.pending.clear();
    };
    this.worker = w;
    return w;
  }
}
