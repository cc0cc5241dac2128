import type { EventTopic, KeyedTopic, Topic } from './protocol.ts';
import { batchText, TickFrames } from './tick-frames.ts';
import { type Serialize, type TopicLimits, TopicState } from './topic-state.ts';
import type { StreamEvent, TopicValue } from './topic-values.ts';

/** Where a client's frames go: a WebSocket, or anything with the same two members. */
export interface StreamPeer {
  /** bytes accepted by send() but not yet written to the network */
  readonly bufferedAmount: number;
  /** a Buffer goes out as a text frame (`binary: false`): the hub encodes each frame once */
  send(data: string | Buffer, options: { readonly binary: boolean }): void;
}

/** How a client takes its frames. */
export interface ConnectOptions {
  /** all of a tick's frames for this client in one `batch` message (one socket write) */
  readonly batch?: boolean;
}

export interface StreamHubOptions extends Partial<TopicLimits> {
  /** frames per second per topic at most (default 4) */
  readonly rateHz?: number;
  /** a client with more bytes than this waiting is skipped and later resynced (default 1 MiB) */
  readonly maxBufferedBytes?: number;
  /** topics one client may hold (default 64) */
  readonly maxSubscriptions?: number;
  /** default JSON.stringify; tests pass a spy */
  readonly serialize?: Serialize;
}

/** Counters for the server's metrics. */
export interface StreamMetrics {
  readonly clients: number;
  readonly topics: number;
  readonly subscriptions: number;
  /** subscriptions waiting for a snapshot after their client fell behind */
  readonly staleSubscriptions: number;
  /** bytes handed to client sockets and not yet written: what slow clients cost */
  readonly bufferedBytes: number;
  /** snapshot and delta frames, whether alone or in a batch */
  readonly framesSent: number;
  /** WebSocket messages: a batch of frames counts once */
  readonly messagesSent: number;
  readonly bytesSent: number;
  /** deltas not sent to a slow client (it gets a snapshot instead) */
  readonly framesDropped: number;
  readonly snapshotsSent: number;
  readonly serializations: number;
  readonly ticks: number;
}

/** One client's counters. */
export interface ClientStats {
  readonly subscriptions: number;
  readonly framesSent: number;
  readonly messagesSent: number;
  readonly framesDropped: number;
}

/** Sees each keyed topic's state as it is published (alerts ride on the telemetry tick). */
export type PublishTap = (topic: KeyedTopic, state: Readonly<Record<string, unknown>>) => void;

/** How a subscription started. */
export type SubscribeResult = 'snapshot' | 'resumed' | 'deferred' | 'too-many-subscriptions';

/** A connected client as the hub sees it. */
export interface StreamClient {
  /** Starts (or restarts) a topic: missed deltas when `since` is resumable, else a snapshot. */
  subscribe(topic: Topic, since?: { revision: number; epoch: string | undefined }): SubscribeResult;
  unsubscribe(topic: Topic): void;
  /** Sends a control frame (error, pong) unless the client is too far behind. */
  sendControl(message: unknown): void;
  disconnect(): void;
  stats(): ClientStats;
}

interface ClientEntry {
  readonly peer: StreamPeer;
  readonly batch: boolean;
  readonly topics: Set<string>;
  readonly stale: Set<string>;
  /** indices of this tick's frames going to the client, in commit order */
  readonly pending: number[];
  framesSent: number;
  messagesSent: number;
  framesDropped: number;
}

/**
 * Topics with a current state and recent deltas, and the clients subscribed to them.
 * Publishers call publish()/event() as often as they like; every tick each changed topic is
 * serialized and UTF-8 encoded once and the same Buffer goes to every subscriber. A batching
 * client gets all its frames of a tick in one message, shared by every client receiving the
 * same topics. A client with too much unsent data is skipped (counted as dropped) and gets a
 * fresh snapshot once it drains.
 */
export class StreamHub {
  readonly #topics = new Map<string, TopicState>();
  readonly #subscribers = new Map<string, Set<ClientEntry>>();
  readonly #clients = new Set<ClientEntry>();
  readonly #dirty = new Set<TopicState>();
  readonly #taps = new Set<PublishTap>();
  readonly #limits: TopicLimits;
  readonly #serialize: Serialize;
  readonly #maxBuffered: number;
  readonly #maxSubscriptions: number;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #framesSent = 0;
  #messagesSent = 0;
  #bytesSent = 0;
  #framesDropped = 0;
  #snapshotsSent = 0;
  #serializations = 0;
  #ticks = 0;

  constructor(options: StreamHubOptions = {}) {
    this.#limits = {
      historySize: options.historySize ?? 64,
      historyBytes: options.historyBytes ?? 1024 * 1024,
      maxEvents: options.maxEvents ?? 200,
    };
    const serialize = options.serialize ?? JSON.stringify;
    this.#serialize = (m) => {
      this.#serializations++;
      return serialize(m);
    };
    this.#maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
    this.#maxSubscriptions = options.maxSubscriptions ?? 64;
    this.#intervalMs = 1000 / (options.rateHz ?? 4);
  }

  /** Starts the display-rate ticker (it does not keep the process alive). */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.tick(), this.#intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Sets a keyed topic's whole state; subscribers get what changed at the next tick. */
  publish<T extends KeyedTopic>(topic: T, state: Readonly<Record<string, TopicValue<T>>>): void {
    const t = this.#topic(topic);
    t.publish(state);
    this.#dirty.add(t);
    for (const tap of this.#taps) tap(topic, state);
  }

  /** Calls `tap` with every keyed state as it is published, until the returned function is called. */
  onPublish(tap: PublishTap): () => void {
    this.#taps.add(tap);
    return () => this.#taps.delete(tap);
  }

  /** Appends an event to an event topic; subscribers get it at the next tick. */
  event(topic: EventTopic, evt: StreamEvent): void {
    const t = this.#topic(topic);
    t.event(evt);
    this.#dirty.add(t);
  }

  /** Committed revision of a topic (0 before anything was published). */
  revision(topic: Topic): number {
    return this.#topics.get(topic)?.revision ?? 0;
  }

  /** Registers a client; frames go to `peer` until disconnect(). */
  connect(peer: StreamPeer, options: ConnectOptions = {}): StreamClient {
    const c: ClientEntry = {
      peer,
      batch: options.batch ?? false,
      topics: new Set(),
      stale: new Set(),
      pending: [],
      framesSent: 0,
      messagesSent: 0,
      framesDropped: 0,
    };
    this.#clients.add(c);
    return {
      subscribe: (topic, since) => this.#subscribe(c, topic, since),
      unsubscribe: (topic) => this.#unsubscribe(c, topic),
      sendControl: (message) => {
        if (peer.bufferedAmount <= this.#maxBuffered) {
          peer.send(JSON.stringify(message), { binary: false });
        }
      },
      disconnect: () => {
        for (const topic of [...c.topics]) this.#unsubscribe(c, topic);
        this.#clients.delete(c);
      },
      stats: () => ({
        subscriptions: c.topics.size,
        framesSent: c.framesSent,
        messagesSent: c.messagesSent,
        framesDropped: c.framesDropped,
      }),
    };
  }

  /**
   * Commits every changed topic and sends the frames, one message per batching client; the
   * ticker calls it.
   */
  tick(): void {
    this.#ticks++;
    const dirty = [...this.#dirty];
    this.#dirty.clear();
    const frames: string[] = [];
    const receivers: ClientEntry[] = [];
    for (const topic of dirty) {
      const frame = topic.commit();
      if (frame === undefined) continue;
      const i = frames.push(frame) - 1;
      for (const c of this.#subscribers.get(topic.name) ?? []) {
        if (!this.#admits(c, topic.name)) continue;
        if (c.pending.push(i) === 1) receivers.push(c);
      }
    }
    const bytes = new TickFrames(frames);
    for (const c of receivers) {
      if (c.batch) this.#write(c, bytes.message(c.pending), c.pending.length);
      else for (const i of c.pending) this.#write(c, bytes.single(i), 1);
      c.pending.length = 0;
    }
    for (const c of this.#clients) if (c.stale.size > 0) this.#resync(c);
  }

  metrics(): StreamMetrics {
    let subscriptions = 0;
    let stale = 0;
    let buffered = 0;
    for (const c of this.#clients) {
      subscriptions += c.topics.size;
      stale += c.stale.size;
      buffered += c.peer.bufferedAmount;
    }
    return {
      clients: this.#clients.size,
      topics: this.#topics.size,
      subscriptions,
      staleSubscriptions: stale,
      bufferedBytes: buffered,
      framesSent: this.#framesSent,
      messagesSent: this.#messagesSent,
      bytesSent: this.#bytesSent,
      framesDropped: this.#framesDropped,
      snapshotsSent: this.#snapshotsSent,
      serializations: this.#serializations,
      ticks: this.#ticks,
    };
  }

  #topic(name: string): TopicState {
    let t = this.#topics.get(name);
    if (!t) {
      const kind = name.endsWith('/events') ? 'events' : 'keyed';
      t = new TopicState(name, kind, this.#limits, this.#serialize);
      this.#topics.set(name, t);
    }
    return t;
  }

  #subscribe(
    c: ClientEntry,
    name: Topic,
    since: { revision: number; epoch: string | undefined } | undefined,
  ): SubscribeResult {
    if (!c.topics.has(name) && c.topics.size >= this.#maxSubscriptions) {
      return 'too-many-subscriptions';
    }
    const topic = this.#topic(name);
    c.topics.add(name);
    c.stale.delete(name);
    let subscribers = this.#subscribers.get(name);
    if (!subscribers) {
      subscribers = new Set();
      this.#subscribers.set(name, subscribers);
    }
    subscribers.add(c);
    if (c.peer.bufferedAmount > this.#maxBuffered) {
      c.stale.add(name);
      return 'deferred';
    }
    const missed =
      since !== undefined && since.epoch === topic.epoch
        ? topic.deltasSince(since.revision)
        : undefined;
    if (missed) {
      if (c.batch && missed.length > 1) {
        this.#write(c, Buffer.from(batchText(missed), 'utf8'), missed.length);
      } else {
        for (const frame of missed) this.#write(c, Buffer.from(frame, 'utf8'), 1);
      }
      return 'resumed';
    }
    this.#sendSnapshot(c, topic);
    return 'snapshot';
  }

  #unsubscribe(c: ClientEntry, name: string): void {
    c.topics.delete(name);
    c.stale.delete(name);
    const subscribers = this.#subscribers.get(name);
    subscribers?.delete(c);
    if (subscribers?.size === 0) {
      this.#subscribers.delete(name);
      // topics nobody publishes to would otherwise pile up, one per name clients tried
      if (this.#topics.get(name)?.empty) this.#topics.delete(name);
    }
  }

  /** Whether this tick's delta of `name` goes to `c`; if not, the topic waits for a snapshot. */
  #admits(c: ClientEntry, name: string): boolean {
    if (!c.stale.has(name) && c.peer.bufferedAmount <= this.#maxBuffered) return true;
    c.stale.add(name);
    c.framesDropped++;
    this.#framesDropped++;
    return false;
  }

  #resync(c: ClientEntry): void {
    for (const name of [...c.stale]) {
      if (c.peer.bufferedAmount > this.#maxBuffered) return;
      const topic = this.#topics.get(name);
      c.stale.delete(name);
      if (topic) this.#sendSnapshot(c, topic);
    }
  }

  #sendSnapshot(c: ClientEntry, topic: TopicState): void {
    this.#snapshotsSent++;
    this.#write(c, topic.snapshotBytes(), 1);
  }

  #write(c: ClientEntry, bytes: Buffer, frames: number): void {
    c.peer.send(bytes, { binary: false });
    c.framesSent += frames;
    c.messagesSent++;
    this.#framesSent += frames;
    this.#messagesSent++;
    this.#bytesSent += bytes.length;
  }
}
