import { schemas } from '@netcanvas/model';
import { z } from 'zod';
import { RoleSchema } from '../roles.ts';

/** Path parameters shared by the tenant-scoped routes. */
export const TenantParams = z.object({ tenant: schemas.ObjectId });
export const AppParams = TenantParams.extend({ app: schemas.ObjectId });
export const VersionParams = AppParams.extend({ version: z.coerce.number().int().min(1) });
export const ControllerParams = TenantParams.extend({ controller: z.coerce.number().int().min(1) });

export const Message = z.string().max(500).default('');

export const VersionMeta = z.object({
  version: z.number().int(),
  author: z.string(),
  createdAt: z.string(),
  message: z.string(),
});

export const AppSummary = VersionMeta.extend({
  id: z.string(),
  name: z.string(),
  etag: z.string(),
});

/** An app in the tenant's list: its latest version and which version each controller holds. */
export const ListedApp = AppSummary.extend({
  deployments: z.array(
    z.object({ controller: z.number().int(), version: z.number().int(), appliedAt: z.string() }),
  ),
});

/** A saved version with its design (the Application document). */
export const StoredApp = AppSummary.extend({ design: schemas.Application });

export const Member = z.object({ username: z.string(), role: RoleSchema });

export const Tenant = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });

export const Username = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_.-]{0,63}$/,
    'usernames are 1-64 lowercase letters, digits, "_", "." or "-"',
  );
export const Password = z.string().min(12, 'use at least 12 characters').max(1024);

/** The body of a create or save: the design and why it changed. */
export const SaveBody = z.object({ app: z.unknown(), message: Message });
export const SaveBodyDoc = z.object({ app: schemas.Application, message: Message });
