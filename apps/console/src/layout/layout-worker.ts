import type { Position } from '@netcanvas/model';
import { type LayoutRequest, type LayoutResponse, WARM_UP_ROUNDS } from './layout-protocol.ts';

/** What this module needs of a Web Worker (a test passes its own). */
export interface WorkerLike {
  onmessage: ((e: MessageEvent<LayoutResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(req: LayoutRequest): void;
  terminate(): void;
}

export type Placed = Readonly<Record<string, Position>>;

/** How far a worker's warm-up has gone: rounds done, and the one in flight. */
interface WarmUp {
  rounds: number;
  done: boolean;
  round?: Promise<boolean> | undefined;
}

const coldWorker = (): WarmUp => ({ rounds: 0, done: false });

/**
 * The layout worker, started on first use. A worker that cannot load or crashes fails what
 * waits on it and is not reused: the next layout starts a fresh one.
 *
 * `warmUp` lays a graph out and throws the result away. elkjs is Java compiled to
 * JavaScript and slow until the JIT has seen it work: on a 1,000-object design the first
 * layout of a worker takes about five times as long as the ninth. Warming the worker
 * up on the open design while the editor is idle makes the user's first auto-layout a warm one.
 */
export class LayoutWorker {
  private worker: WorkerLike | undefined;
  private readonly pending = new Map<number, (res: LayoutResponse) => void>();
  private seq = 0;
  private warm = coldWorker();

  constructor(private readonly start: () => WorkerLike) {}

  /**
   * Starts the worker now, if it is not running, so that loading elkjs (about half a
   * second in Chromium on this machine) is done on its thread before anyone asks.
   */
  boot(): void {
    if (!this.worker) this.open();
  }

  layout(req: Omit<LayoutRequest, 'id'>): Promise<Placed> {
    return new Promise((resolve, reject) =>
      this.post(req, (res) =>
        'error' in res ? reject(new Error(res.error)) : resolve(res.positions),
      ),
    );
  }

  /**
   * One round of warm-up: lays `req` out in the background and throws the result away.
   * Resolves, once done, to whether the worker wants another round: it is warm after
   * `WARM_UP_ROUNDS` rounds, or gives up when a round fails. A call while a round runs is
   * that round; a warm worker ignores the call.
   */
  warmUp(req: Omit<LayoutRequest, 'id'>): Promise<boolean> {
    const warm = this.warm;
    if (warm.done) return Promise.resolve(false);
    if (warm.round) return warm.round;
    warm.round = new Promise((resolve) =>
      this.post(req, (res) => {
        warm.rounds += 1;
        warm.done ||= 'error' in res || warm.rounds >= WARM_UP_ROUNDS;
        warm.round = undefined;
        resolve(!warm.done);
      }),
    );
    return warm.round;
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.warm = coldWorker();
  }

  private post(req: Omit<LayoutRequest, 'id'>, done: (res: LayoutResponse) => void): void {
    const w = this.worker ?? this.open();
    const id = ++this.seq;
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
        this.warm = coldWorker();
      }
      const error = `the layout worker failed: ${e.message || 'it could not start'}`;
      for (const [id, done] of this.pending) done({ id, error });
      this.pending.clear();
    };
    this.worker = w;
    return w;
  }
}
