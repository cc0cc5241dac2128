import { z } from 'zod';

/** Object ids: stable, app-scoped, safe in OVN external_ids and URLs. */
export const ObjectId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'ids are 1-63 letters, digits, "_", "." or "-"');

/** Human names: what the engineer typed; shown on the canvas and kept as OVN names. */
export const Name = z.string().min(1).max(128);

/** Free-form labels, conventionally `key=value` (e.g. `tier=web`); groups select on them. */
export const Tags = z.array(z.string().min(1).max(128)).max(64);

/** Fields every network object has. */
export const objectBase = {
  id: ObjectId,
  name: Name,
  description: z.string().max(2000).optional(),
  tags: Tags.optional(),
};

/** A transport protocol a service or load balancer names. */
export const Protocol = z.enum(['tcp', 'udp', 'sctp']);
export type Protocol = z.infer<typeof Protocol>;
