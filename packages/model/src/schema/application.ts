import { z } from 'zod';
import { Name, ObjectId } from './common.ts';
import {
  FirewallPolicy,
  Group,
  LoadBalancer,
  LogicalRouter,
  LogicalSwitch,
  QosPolicy,
  Uplink,
  Workload,
} from './objects.ts';

/** Every kind of network object an application holds, discriminated on `kind`. */
export const NetworkObject = z.discriminatedUnion('kind', [
  LogicalSwitch,
  LogicalRouter,
  Workload,
  LoadBalancer,
  Group,
  FirewallPolicy,
  QosPolicy,
  Uplink,
]);

export const Position = z.object({ x: z.number(), y: z.number() });

/** Where things sit on the canvas: kept apart so moving a node is not a network change. */
export const Layout = z.object({
  positions: z.record(z.string(), Position).default({}),
  collapsed: z.array(z.string()).default([]),
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number().positive() }).optional(),
});

/** The schema version of design and snapshot documents this build writes. */
export const DESIGN_SCHEMA_VERSION = 1;

/** One application's logical network: the unit of design, apply and snapshot. */
export const Application = z.object({
  schemaVersion: z.literal(DESIGN_SCHEMA_VERSION).default(DESIGN_SCHEMA_VERSION),
  id: ObjectId,
  name: Name,
  tenant: ObjectId.default('default'),
  version: z.number().int().min(0).default(0),
  description: z.string().max(2000).optional(),
  objects: z.array(NetworkObject).max(100_000).default([]),
  layout: Layout.default({ positions: {}, collapsed: [] }),
});
