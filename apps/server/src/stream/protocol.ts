import { z } from 'zod';

// the id alphabet of @netcanvas/model's ObjectId, so a topic segment is always an app id
const segment = /[A-Za-z0-9][A-Za-z0-9_.-]{0,62}/.source;
const APP_TOPIC = new RegExp(`^app/(${segment})/(${segment})/(ports|flows|links|events)$`);

/** The per-application streams a client can subscribe to. */
export type AppStream = 'ports' | 'flows' | 'links' | 'events';

/** A topic name: `app/<tenant>/<appId>/<stream>` or `telemetry/health`. */
export type Topic = `app/${string}/${string}/${AppStream}` | 'telemetry/health';

/** A topic taken apart, for authorization. */
export type ParsedTopic =
  | {
      readonly kind: 'app';
      readonly tenant: string;
      readonly appId: string;
      readonly stream: AppStream;
    }
  | { readonly kind: 'telemetry'; readonly name: 'health' };

/** Splits a topic name; undefined for anything that is not a known topic. */
export function parseTopic(text: string): ParsedTopic | undefined {
  if (text === 'telemetry/health') return { kind: 'telemetry', name: 'health' };
  const m = APP_TOPIC.exec(text);
  if (!m) return undefined;
  return { kind: 'app', tenant: m[1] as string, appId: m[2] as string, stream: m[3] as AppStream };
}

/** The topic of one stream of an application. */
export function appTopic<S extends AppStream>(
  tenant: string,
  appId: string,
  stream: S,
): `app/${string}/${string}/${S}` {
  return `app/${tenant}/${appId}/${stream}`;
}

/** A topic whose state is a keyed map, sent as set/removed deltas. */
export type KeyedTopic = Exclude<Topic, `${string}/events`>;
/** A topic of append-only events. */
export type EventTopic = Extract<Topic, `${string}/events`>;

const TopicName = z.string().max(256);
const Revision = z.number().int().nonnegative();

/** Messages a client sends. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('subscribe'),
    topic: TopicName,
    /** last revision the client holds; resumes only with the matching `epoch` */
    since: Revision.optional(),
    /** the epoch of the snapshot `since` descends from */
    epoch: z.string().max(64).optional(),
  }),
  z.strictObject({ type: z.literal('unsubscribe'), topic: TopicName }),
  z.strictObject({ type: z.literal('ping'), id: z.number().int().optional() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** What changed between two revisions of a topic: keys whose value is new, keys gone. */
export const Changes = z.object({
  set: z.record(z.string(), z.unknown()),
  removed: z.array(z.string()),
});
export type Changes<V = unknown> = {
  readonly set: Readonly<Record<string, V>>;
  readonly removed: readonly string[];
};

/** Codes of `error` frames; clients branch on these, never on messages. */
export type StreamErrorCode =
  | 'malformed-json'
  | 'invalid-message'
  | 'unknown-topic'
  | 'forbidden'
  | 'too-many-subscriptions'
  | 'internal';

/** A topic's whole state at a revision: where a subscription starts or restarts. */
export const SnapshotFrame = z.object({
  type: z.literal('snapshot'),
  topic: z.string(),
  /** changes when the topic is recreated (server restart): revisions of another epoch never apply */
  epoch: z.string(),
  revision: Revision,
  state: z.record(z.string(), z.unknown()),
});

/** What changed in a topic from the previous revision. */
export const DeltaFrame = z.object({
  type: z.literal('delta'),
  topic: z.string(),
  revision: Revision,
  changes: Changes,
});

/**
 * Messages the server sends. A client that opened the stream with `?batch=1` gets a tick's
 * frames for all its topics in one `batch` message: the frames in the order they were
 * committed, each applied as if it had come alone.
 */
export const ServerMessage = z.discriminatedUnion('type', [
  SnapshotFrame,
  DeltaFrame,
  z.object({
    type: z.literal('batch'),
    frames: z.array(z.discriminatedUnion('type', [SnapshotFrame, DeltaFrame])),
  }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
    topic: z.string().optional(),
  }),
  z.object({ type: z.literal('pong'), id: z.number().int().optional() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** An `error` frame. */
export interface ErrorFrame {
  readonly type: 'error';
  readonly code: StreamErrorCode;
  readonly message: string;
  readonly topic?: string;
}
