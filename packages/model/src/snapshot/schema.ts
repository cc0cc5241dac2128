import { z } from 'zod';
import { Application } from '../schema/application.ts';

/** The snapshot document version this build writes; older ones are migrated on import. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/** Which controller a snapshot was read from, and its state at that moment. */
export const SnapshotController = z.object({
  /** e.g. `ovn` or `sandbox` */
  kind: z.string().min(1),
  /** the NB remote as registered (`tcp:HOST:PORT`) */
  remote: z.string(),
  /** an opaque token that changes whenever the app's rows change on the controller */
  stateVersion: z.string(),
});

/** One workload NIC's addresses as applied: what a rebuilt VM must be given at another site. */
export const SnapshotAddress = z.object({
  workload: z.string(),
  nic: z.string(),
  switch: z.string(),
  ip: z.string().optional(),
  ip6: z.string().optional(),
  mac: z.string(),
});

/** A content-addressed, immutable copy of one app's network as applied on a controller. */
export const Snapshot = z.object({
  kind: z.literal('netcanvas-snapshot'),
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  /** SHA-256 (hex) of the canonical JSON of every other field */
  id: z.string().regex(/^[0-9a-f]{64}$/, 'a snapshot id is 64 lowercase hex digits'),
  createdAt: z.string().min(1),
  createdBy: z.string().min(1),
  controller: SnapshotController,
  /** the app as read back from the controller (layout and names from the saved design) */
  app: Application,
  /** the design as saved, when the snapshot was taken with one */
  design: Application.optional(),
  addresses: z.array(SnapshotAddress),
});

export type Snapshot = z.infer<typeof Snapshot>;
export type SnapshotController = z.infer<typeof SnapshotController>;
export type SnapshotAddress = z.infer<typeof SnapshotAddress>;
