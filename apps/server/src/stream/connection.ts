import type { RawData } from 'ws';
import type { StreamClient } from './hub.ts';
import {
  ClientMessage,
  type ErrorFrame,
  parseTopic,
  type StreamErrorCode,
  type Topic,
} from './protocol.ts';

/** Decides whether a principal may read a topic (the REST API's rule, applied here). */
export type CanSubscribe<P> = (principal: P, topic: Topic) => boolean | Promise<boolean>;

/** Handles one client's messages: parse at the edge, answer with coded errors, never throw. */
export class StreamConnection<P> {
  readonly #client: StreamClient;
  readonly #principal: P;
  readonly #canSubscribe: CanSubscribe<P>;
  // bumped per (un)subscribe so an authorization answer arriving late is ignored
  readonly #pending = new Map<string, number>();
  #sequence = 0;
  #closed = false;
  errorsSent = 0;

  constructor(client: StreamClient, principal: P, canSubscribe: CanSubscribe<P>) {
    this.#client = client;
    this.#principal = principal;
    this.#canSubscribe = canSubscribe;
  }

  /** One WebSocket message. */
  receive(data: RawData, isBinary: boolean): void {
    const msg = this.#parse(data, isBinary);
    if (!msg) return;
    switch (msg.type) {
      case 'ping':
        this.#client.sendControl(
          msg.id === undefined ? { type: 'pong' } : { type: 'pong', id: msg.id },
        );
        break;
      case 'unsubscribe':
        this.#pending.delete(msg.topic);
        if (parseTopic(msg.topic)) this.#client.unsubscribe(msg.topic as Topic);
        break;
      case 'subscribe':
        void this.#subscribe(msg.topic, msg.since, msg.epoch);
        break;
    }
  }

  #parse(data: RawData, isBinary: boolean): ClientMessage | undefined {
    if (isBinary) {
      this.#error('invalid-message', 'send JSON text frames, not binary');
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawText(data));
    } catch {
      this.#error('malformed-json', 'the message is not valid JSON');
      return undefined;
    }
    const parsed = ClientMessage.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    this.#error(
      'invalid-message',
      `${issue?.message ?? 'invalid message'}${where}; expected subscribe, unsubscribe or ping`,
    );
    return undefined;
  }

  close(): void {
    this.#closed = true;
    this.#pending.clear();
    this.#client.disconnect();
  }

  async #subscribe(
    name: string,
    since: number | undefined,
    epoch: string | undefined,
  ): Promise<void> {
    if (!parseTopic(name)) {
      this.#error('unknown-topic', `no topic "${name}"`, name);
      return;
    }
    const topic = name as Topic;
    const ticket = ++this.#sequence;
    this.#pending.set(topic, ticket);
    let allowed: boolean;
    try {
      allowed = await this.#canSubscribe(this.#principal, topic);
    } catch {
      allowed = false;
    }
    if (this.#closed || this.#pending.get(topic) !== ticket) return;
    this.#pending.delete(topic);
    if (!allowed) {
      this.#client.unsubscribe(topic);
      this.#error('forbidden', `you may not read ${topic}`, topic);
      return;
    }
    const result = this.#client.subscribe(
      topic,
      since === undefined ? undefined : { revision: since, epoch },
    );
    if (result === 'too-many-subscriptions') {
      this.#error(
        'too-many-subscriptions',
        'unsubscribe from a topic before adding another',
        topic,
      );
    }
  }

  #error(code: StreamErrorCode, message: string, topic?: string): void {
    this.errorsSent++;
    const frame: ErrorFrame =
      topic === undefined
        ? { type: 'error', code, message }
        : { type: 'error', code, message, topic };
    this.#client.sendControl(frame);
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
