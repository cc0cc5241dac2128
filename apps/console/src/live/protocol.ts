/**
 * The stream's wire types, copied from apps/server/src/stream (protocol.ts, topic-values.ts):
 * the console may import only @netcanvas/model, so the server's zod schemas stay there.
 */

/** The per-application streams a client can subscribe to. */
export type AppStream = 'ports' | 'flows' | 'links' | 'events';

export type Topic = `app/${string}/${string}/${AppStream}` | 'telemetry/health';

export type ClientMessage =
  | {
      readonly type: 'subscribe';
      readonly topic: string;
      readonly since?: number;
      readonly epoch?: string;
    }
  | { readonly type: 'unsubscribe'; readonly topic: string }
  | { readonly type: 'ping'; readonly id?: number };

export interface Changes {
  readonly set: Readonly<Record<string, unknown>>;
  readonly removed: readonly string[];
}

/** A topic's whole state at a revision, or what changed from the previous revision. */
export type TopicFrame =
  | {
      readonly type: 'snapshot';
      readonly topic: string;
      readonly epoch: string;
      readonly revision: number;
      readonly state: Readonly<Record<string, unknown>>;
    }
  | {
      readonly type: 'delta';
      readonly topic: string;
      readonly revision: number;
      readonly changes: Changes;
    };

/**
 * What the server sends. With `?batch=1` on the stream URL a tick's frames for all our topics
 * come in one `batch` message, in the order they were committed, each applied as if alone.
 */
export type ServerMessage =
  | TopicFrame
  | { readonly type: 'batch'; readonly frames: readonly TopicFrame[] }
  | {
      readonly type: 'error';
      readonly code: string;
      readonly message: string;
      readonly topic?: string;
    }
  | { readonly type: 'pong'; readonly id?: number };

type Rate = number | null;

/** One NIC's port counters (key: `<objectId>/<nicId>`); rates per second, null where unknown. */
export interface PortLoad {
  readonly objectId: string;
  readonly nicId: string;
  readonly portName: string;
  readonly agent: string;
  readonly ifIndex: number;
  readonly ifName?: string;
  readonly up: boolean;
  readonly speedBps: number | null;
  readonly inBps: Rate;
  readonly outBps: Rate;
  readonly inPps: Rate;
  readonly outPps: Rate;
  readonly inErrorsPerSec: Rate;
  readonly outErrorsPerSec: Rate;
  readonly inDropsPerSec: Rate;
  readonly outDropsPerSec: Rate;
  readonly atMs: number;
}

export interface Endpoint {
  readonly objectId: string;
  readonly nicId: string;
}

/** One of an app's heaviest flows (key: the 5-tuple). */
export interface FlowEntry {
  readonly protocol: number;
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly srcEndpoint?: Endpoint;
  readonly dstEndpoint?: Endpoint;
  readonly bytesPerSec: number;
  readonly packetsPerSec: number;
  /** sampled as discarded by the switch: attempts, never delivered (reason 258 ACL, 256 unknown) */
  readonly dropped?: { readonly reason: number };
}

/** Load on the link between a NIC and its switch (key: `<objectId>/<nicId>`). */
export interface LinkLoad {
  readonly objectId: string;
  readonly nicId: string;
  readonly switchId?: string;
  /** workload → switch */
  readonly toSwitchBps: Rate;
  /** switch → workload */
  readonly fromSwitchBps: Rate;
  readonly utilization: Rate;
  readonly up: boolean;
}

export type StreamEvent =
  | {
      readonly kind: 'port-up' | 'port-down';
      readonly atMs: number;
      readonly objectId: string;
      readonly nicId: string;
      readonly portName: string;
    }
  | {
      readonly kind: 'drift';
      readonly atMs: number;
      readonly objectIds: readonly string[];
      readonly message: string;
    }
  | {
      readonly kind: 'applied';
      readonly atMs: number;
      readonly by: string;
      readonly version: number;
    }
  | {
      readonly kind: 'threshold-crossed' | 'threshold-cleared';
      readonly atMs: number;
      /** `app` or `<objectId>/<nicId>` */
      readonly target: string;
      readonly direction: 'in' | 'out' | 'both';
      readonly bps: number;
      readonly limit: number;
    };

export type HealthEntry =
  | {
      readonly kind: 'totals';
      readonly agents: number;
      readonly datagrams: number;
      readonly datagramsPerSec: number;
      readonly lostDatagrams: number;
      readonly decodeErrors: number;
      readonly unmappedPorts: number;
      readonly unmappedSamples: number;
    }
  | {
      readonly kind: 'agent';
      readonly agent: string;
      readonly datagrams: number;
      readonly datagramsPerSec: number;
      readonly lostDatagrams: number;
      readonly decodeErrors: number;
      readonly restarts: number;
      readonly lastSeenMs: number;
    }
  | {
      readonly kind: 'unmapped';
      readonly agent: string;
      readonly ifIndex: number;
      readonly ifName?: string;
      readonly samples: number;
    };

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function isTopicFrame(m: unknown): m is TopicFrame {
  if (!isRecord(m) || typeof m.topic !== 'string' || typeof m.revision !== 'number') return false;
  if (m.type === 'snapshot') return typeof m.epoch === 'string' && isRecord(m.state);
  return (
    m.type === 'delta' &&
    isRecord(m.changes) &&
    isRecord(m.changes.set) &&
    Array.isArray(m.changes.removed)
  );
}

/** Checks the frame envelope; topic values are trusted as the server's schemas made them. */
export function parseServerMessage(text: string): ServerMessage | undefined {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(m)) return undefined;
  switch (m.type) {
    case 'snapshot':
    case 'delta':
      return isTopicFrame(m) ? m : undefined;
    case 'batch':
      // one bad frame spoils the batch: applying the rest could leave a hole in revisions
      return Array.isArray(m.frames) && m.frames.every(isTopicFrame)
        ? (m as ServerMessage)
        : undefined;
    case 'error':
      return typeof m.code === 'string' && typeof m.message === 'string'
        ? (m as ServerMessage)
        : undefined;
    case 'pong':
      return m as ServerMessage;
    default:
      return undefined;
  }
}

/** The topic of one stream of an application. */
export function appTopic(app: string, stream: AppStream): Topic {
  return `app/${app}/${stream}` as Topic;
}
