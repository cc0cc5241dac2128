import { type ClientMessage, parseServerMessage, type TopicFrame } from './protocol.ts';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** A topic's state as the client holds it, with where it resumes from. */
export interface TopicCopy {
  readonly epoch: string;
  readonly revision: number;
  readonly state: Readonly<Record<string, unknown>>;
}

export interface StreamClientOptions {
  readonly url: string;
  /** a topic's state changed; `reset` when it came from a snapshot (not a resumed delta) */
  readonly onTopic: (topic: string, copy: TopicCopy, reset: boolean) => void;
  readonly onStatus: (status: StreamStatus) => void;
  readonly onError?: (code: string, message: string, topic: string | undefined) => void;
}

const BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000];

/**
 * One WebSocket to /api/stream: snapshot-then-deltas per topic; after a drop it reconnects
 * with backoff and resubscribes with `since` + `epoch`, so only the missed deltas come back.
 * It asks for batches (`?batch=1`): one message per server tick, unpacked frame by frame.
 */
export class StreamClient {
  readonly #options: StreamClientOptions;
  readonly #topics = new Map<string, TopicCopy | undefined>();
  #ws: WebSocket | undefined;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #reconnects = 0;

  constructor(options: StreamClientOptions) {
    this.#options = options;
    this.#connect();
  }

  get reconnects(): number {
    return this.#reconnects;
  }

  subscribe(topic: string): void {
    if (this.#topics.has(topic)) return;
    this.#topics.set(topic, undefined);
    this.#send({ type: 'subscribe', topic });
  }

  /** Cuts the socket as a network failure would (test hook and "reconnect now"). */
  drop(): void {
    this.#ws?.close(4000, 'dropped by the client');
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#ws?.close(1000, 'closed');
    this.#options.onStatus('closed');
  }

  #send(m: ClientMessage): void {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify(m));
  }

  #connect(): void {
    this.#options.onStatus(
      this.#attempt === 0 && this.#reconnects === 0 ? 'connecting' : 'reconnecting',
    );
    const ws = new WebSocket(batchUrl(this.#options.url));
    this.#ws = ws;
    ws.onopen = () => {
      this.#attempt = 0;
      this.#options.onStatus('open');
      for (const [topic, copy] of this.#topics) {
        this.#send(
          copy
            ? { type: 'subscribe', topic, since: copy.revision, epoch: copy.epoch }
            : { type: 'subscribe', topic },
        );
      }
    };
    ws.onmessage = (e) => {
      if (typeof e.data === 'string') this.#receive(e.data);
    };
    ws.onclose = () => {
      if (this.#ws !== ws || this.#closed) return;
      this.#ws = undefined;
      this.#options.onStatus('reconnecting');
      const wait = BACKOFF_MS[Math.min(this.#attempt, BACKOFF_MS.length - 1)] ?? 5_000;
      this.#attempt++;
      this.#timer = setTimeout(
        () => {
          this.#reconnects++;
          this.#connect();
        },
        wait * (0.8 + Math.random() * 0.4),
      );
    };
  }

  #receive(text: string): void {
    const m = parseServerMessage(text);
    if (!m) return;
    if (m.type === 'error') {
      this.#options.onError?.(m.code, m.message, m.topic);
      return;
    }
    if (m.type === 'pong') return;
    if (m.type === 'batch') {
      for (const frame of m.frames) this.#apply(frame);
      return;
    }
    this.#apply(m);
  }

  #apply(m: TopicFrame): void {
    if (!this.#topics.has(m.topic)) return;
    const held = this.#topics.get(m.topic);
    if (m.type === 'snapshot') {
      const copy = { epoch: m.epoch, revision: m.revision, state: m.state };
      this.#topics.set(m.topic, copy);
      this.#options.onTopic(m.topic, copy, true);
      return;
    }
    // a delta we already hold (resume overlap) is skipped; a hole asks for the rest again
    if (!held || m.revision <= held.revision) return;
    if (m.revision !== held.revision + 1) {
      this.#send({ type: 'subscribe', topic: m.topic, since: held.revision, epoch: held.epoch });
      return;
    }
    const state: Record<string, unknown> = { ...held.state, ...m.changes.set };
    for (const k of m.changes.removed) delete state[k];
    const copy = { epoch: held.epoch, revision: m.revision, state };
    this.#topics.set(m.topic, copy);
    this.#options.onTopic(m.topic, copy, false);
  }
}

/** The stream URL asking for one `batch` message per tick. */
function batchUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('batch', '1');
  return u.toString();
}
