import { randomBytes } from 'node:crypto';
import { diffKeyed, type KeyedState } from './keyed-diff.ts';

/** Turns a server message into the text sent on the wire (JSON.stringify, or a spy in tests). */
export type Serialize = (message: unknown) => string;

/** Limits of one topic's memory. */
export interface TopicLimits {
  /** deltas kept for resuming clients (default 64: 16 s at 4 Hz) */
  readonly historySize: number;
  /** bytes of deltas kept, whatever their count (default 1 MiB) */
  readonly historyBytes: number;
  /** events an event topic keeps in its state (default 200) */
  readonly maxEvents: number;
}

interface HistoryEntry {
  readonly revision: number;
  readonly frame: string;
}

/**
 * One topic: committed state and revision, what was published since the last tick, and a
 * ring of the last deltas as serialized frames, so resuming clients get the very bytes
 * others got.
 */
export class TopicState {
  readonly name: string;
  readonly kind: 'keyed' | 'events';
  /** changes when the topic is created again, so stale revisions never resume */
  readonly epoch = randomBytes(6).toString('base64url');
  #revision = 0;
  #state: KeyedState = {};
  #pendingState: KeyedState | undefined;
  #pendingEvents: unknown[] = [];
  #nextEventId = 1;
  #history: HistoryEntry[] = [];
  #historyBytes = 0;
  #snapshot: { revision: number; frame: string; bytes?: Buffer } | undefined;
  readonly #limits: TopicLimits;
  readonly #serialize: Serialize;

  constructor(name: string, kind: 'keyed' | 'events', limits: TopicLimits, serialize: Serialize) {
    this.name = name;
    this.kind = kind;
    this.#limits = limits;
    this.#serialize = serialize;
  }

  get revision(): number {
    return this.#revision;
  }

  get state(): KeyedState {
    return this.#state;
  }

  /** True when nothing was ever committed and nothing waits: safe to forget. */
  get empty(): boolean {
    return (
      Object.keys(this.#state).length === 0 &&
      this.#pendingState === undefined &&
      this.#pendingEvents.length === 0
    );
  }

  /** Replaces the state at the next tick; only the last call before a tick counts. */
  publish(state: KeyedState): void {
    this.#pendingState = state;
  }

  /** Appends an event at the next tick; the oldest fall out beyond `maxEvents`. */
  event(evt: unknown): void {
    this.#pendingEvents.push(evt);
    // a burst larger than the state holds would only be dropped at commit
    if (this.#pendingEvents.length > this.#limits.maxEvents) this.#pendingEvents.shift();
  }

  /** Makes pending changes the next revision; returns its delta frame, or undefined. */
  commit(): string | undefined {
    const next = this.#nextState();
    if (!next) return undefined;
    const changes = diffKeyed(this.#state, next);
    if (!changes) return undefined;
    this.#state = next;
    this.#revision++;
    const frame = this.#serialize({
      type: 'delta',
      topic: this.name,
      revision: this.#revision,
      changes,
    });
    this.#remember({ revision: this.#revision, frame });
    return frame;
  }

  /** The snapshot of the committed revision, serialized once per revision. */
  snapshotFrame(): string {
    return this.#currentSnapshot().frame;
  }

  /** The snapshot frame UTF-8 encoded, once per revision however many clients take it. */
  snapshotBytes(): Buffer {
    const snapshot = this.#currentSnapshot();
    snapshot.bytes ??= Buffer.from(snapshot.frame, 'utf8');
    return snapshot.bytes;
  }

  /** Delta frames after `since` up to now; undefined when some are no longer kept. */
  deltasSince(since: number): string[] | undefined {
    if (since > this.#revision) return undefined;
    if (since === this.#revision) return [];
    const first = this.#history[0];
    if (!first || first.revision > since + 1) return undefined;
    return this.#history.slice(since + 1 - first.revision).map((h) => h.frame);
  }

  #currentSnapshot(): { revision: number; frame: string; bytes?: Buffer } {
    if (this.#snapshot?.revision !== this.#revision) {
      const frame = this.#serialize({
        type: 'snapshot',
        topic: this.name,
        epoch: this.epoch,
        revision: this.#revision,
        state: this.#state,
      });
      this.#snapshot = { revision: this.#revision, frame };
    }
    return this.#snapshot;
  }

  #nextState(): KeyedState | undefined {
    if (this.kind === 'keyed') {
      const next = this.#pendingState;
      this.#pendingState = undefined;
      return next;
    }
    if (this.#pendingEvents.length === 0) return undefined;
    const next: Record<string, unknown> = { ...this.#state };
    for (const evt of this.#pendingEvents) next[String(this.#nextEventId++)] = evt;
    this.#pendingEvents = [];
    const keys = Object.keys(next);
    // integer keys iterate in ascending order: the oldest first
    for (const k of keys.slice(0, Math.max(0, keys.length - this.#limits.maxEvents))) {
      delete next[k];
    }
    return next;
  }

  #remember(entry: HistoryEntry): void {
    this.#history.push(entry);
    this.#historyBytes += entry.frame.length;
    while (
      this.#history.length > this.#limits.historySize ||
      (this.#historyBytes > this.#limits.historyBytes && this.#history.length > 1)
    ) {
      const dropped = this.#history.shift();
      if (dropped) this.#historyBytes -= dropped.frame.length;
    }
  }
}
