import { z } from 'zod';

/** What differs between sites: each map is this site's name or address → the target's. */
export const SiteRemapBody = z
  .object({
    physicalNetworks: z.record(z.string().min(1), z.string().min(1)).optional(),
    externalIps: z.record(z.string().min(1), z.string().min(1)).optional(),
    gatewayChassis: z.record(z.string().min(1), z.string().min(1)).optional(),
  })
  .strict();
