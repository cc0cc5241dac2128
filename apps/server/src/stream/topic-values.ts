import { z } from 'zod';
import type { Topic } from './protocol.ts';

const Rate = z.number().nullable();
const Endpoint = z.object({ objectId: z.string(), nicId: z.string() });

/** One NIC's port counters (key: `<objectId>/<nicId>`); rates per second, null where unknown. */
export const PortLoad = z.object({
  objectId: z.string(),
  nicId: z.string(),
  portName: z.string(),
  agent: z.string(),
  ifIndex: z.number(),
  ifName: z.string().optional(),
  up: z.boolean(),
  speedBps: z.number().nullable(),
  inBps: Rate,
  outBps: Rate,
  inPps: Rate,
  outPps: Rate,
  inErrorsPerSec: Rate,
  outErrorsPerSec: Rate,
  inDropsPerSec: Rate,
  outDropsPerSec: Rate,
  /** receive time of the counter sample behind these numbers */
  atMs: z.number(),
});
export type PortLoad = z.infer<typeof PortLoad>;

/** One of an app's heaviest flows (key: the 5-tuple); ends resolved to workloads when ours. */
export const FlowEntry = z.object({
  protocol: z.number(),
  src: z.string(),
  dst: z.string(),
  srcPort: z.number(),
  dstPort: z.number(),
  srcEndpoint: Endpoint.optional(),
  dstEndpoint: Endpoint.optional(),
  bytesPerSec: z.number(),
  packetsPerSec: z.number(),
  /** sampled as discarded (sFlow output format 1): the rates are attempts, never delivered */
  dropped: z
    .object({
      /** the sFlow discard reason: 258 ACL, 256 unknown (what Open vSwitch reports) */
      reason: z.number(),
    })
    .optional(),
});
export type FlowEntry = z.infer<typeof FlowEntry>;

/** Load on the link between a NIC and its switch (key: `<objectId>/<nicId>`). */
export const LinkLoad = z.object({
  objectId: z.string(),
  nicId: z.string(),
  switchId: z.string().optional(),
  /** workload → switch (received by the vswitch port) */
  toSwitchBps: Rate,
  /** switch → workload */
  fromSwitchBps: Rate,
  /** the busier direction over link speed, 0..1; null when speed or rates are unknown */
  utilization: Rate,
  up: z.boolean(),
});
export type LinkLoad = z.infer<typeof LinkLoad>;

/** Something that happened to an app; events are never updated, only added and aged out. */
export const StreamEvent = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['port-up', 'port-down']),
    atMs: z.number(),
    objectId: z.string(),
    nicId: z.string(),
    portName: z.string(),
  }),
  z.object({
    kind: z.literal('drift'),
    atMs: z.number(),
    objectIds: z.array(z.string()),
    message: z.string(),
  }),
  z.object({
    kind: z.literal('applied'),
    atMs: z.number(),
    by: z.string(),
    version: z.number(),
  }),
  z.object({
    kind: z.enum(['threshold-crossed', 'threshold-cleared']),
    atMs: z.number(),
    /** `app` or `<objectId>/<nicId>` */
    target: z.string(),
    direction: z.enum(['in', 'out', 'both']),
    /** the rate at the moment of crossing or clearing */
    bps: z.number(),
    limit: z.number(),
  }),
]);
export type StreamEvent = z.infer<typeof StreamEvent>;

/** Entries of `telemetry/health`: keys `totals`, `agent:<addr>`, `unmapped:<addr>|<ifIndex>`. */
export const HealthEntry = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('totals'),
    agents: z.number(),
    datagrams: z.number(),
    datagramsPerSec: z.number(),
    lostDatagrams: z.number(),
    decodeErrors: z.number(),
    unmappedPorts: z.number(),
    unmappedSamples: z.number(),
  }),
  z.object({
    kind: z.literal('agent'),
    agent: z.string(),
    datagrams: z.number(),
    datagramsPerSec: z.number(),
    lostDatagrams: z.number(),
    decodeErrors: z.number(),
    restarts: z.number(),
    lastSeenMs: z.number(),
  }),
  z.object({
    kind: z.literal('unmapped'),
    agent: z.string(),
    ifIndex: z.number(),
    ifName: z.string().optional(),
    samples: z.number(),
  }),
]);
export type HealthEntry = z.infer<typeof HealthEntry>;

/** The value type of a topic's entries. */
export type TopicValue<T extends Topic> = T extends `${string}/ports`
  ? PortLoad
  : T extends `${string}/flows`
    ? FlowEntry
    : T extends `${string}/links`
      ? LinkLoad
      : T extends `${string}/events`
        ? StreamEvent
        : HealthEntry;
