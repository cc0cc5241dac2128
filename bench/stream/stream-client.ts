import { WebSocket } from 'ws';

/** A stream frame as the bench reads it (only the fields it needs). */
export interface Frame {
  readonly type: string;
  readonly topic?: string;
  readonly state?: Record<string, unknown>;
  readonly changes?: { set?: Record<string, unknown>; removed?: string[] };
}

/** A Node WebSocket dashboard client: subscribes like the console and keeps each topic's state. */
export class DashboardClient {
  readonly states = new Map<string, Record<string, unknown>>();
  readonly #ws: WebSocket;

  private constructor(ws: WebSocket, onFrame: (f: Frame, atMs: number) => void) {
    this.#ws = ws;
    ws.on('message', (data) => {
      const atMs = performance.timeOrigin + performance.now();
      const f = JSON.parse(String(data)) as Frame;
      if (f.type === 'error') throw new Error(`stream error: ${JSON.stringify(f)}`);
      if (f.topic) {
        const next =
          f.type === 'snapshot'
            ? { ...f.state }
            : { ...this.states.get(f.topic), ...f.changes?.set };
        for (const k of f.changes?.removed ?? []) delete next[k];
        this.states.set(f.topic, next);
      }
      onFrame(f, atMs);
    });
  }

  /** Opens `/api/stream` with a session cookie and subscribes to `topics`. */
  static async open(
    url: string,
    cookie: string,
    topics: readonly string[],
    onFrame: (f: Frame, atMs: number) => void = () => {},
  ): Promise<DashboardClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/stream`, { headers: { cookie } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`stream upgrade refused: ${res.statusCode}`)),
      );
    });
    const client = new DashboardClient(ws, onFrame);
    for (const topic of topics) ws.send(JSON.stringify({ type: 'subscribe', topic }));
    return client;
  }

  close(): void {
    this.#ws.terminate();
  }
}
