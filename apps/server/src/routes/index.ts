import type { ServerContext } from '../context.ts';
import type { ApiRoutes } from '../http/route.ts';
import { applicationRoutes } from './applications.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { controllerRoutes } from './controllers.ts';
import { deploymentRoutes } from './deployments.ts';
import { pipelineRoutes } from './pipeline.ts';
import { snapshotRoutes } from './snapshots.ts';
import { tenantRoutes } from './tenants.ts';
import { thresholdRoutes } from './thresholds.ts';
import { tokenRoutes } from './tokens.ts';
import { userRoutes } from './users.ts';
import { versionRoutes } from './versions.ts';

/** Every route that needs the store: auth, tenants, users, apps, controllers, audit. */
export function tenantScopedRoutes(api: ApiRoutes, ctx: ServerContext): void {
  authRoutes(api, ctx);
  tenantRoutes(api, ctx);
  userRoutes(api, ctx);
  tokenRoutes(api, ctx);
  applicationRoutes(api, ctx);
  versionRoutes(api, ctx);
  pipelineRoutes(api, ctx);
  deploymentRoutes(api, ctx);
  snapshotRoutes(api, ctx);
  controllerRoutes(api, ctx);
  auditRoutes(api, ctx);
  thresholdRoutes(api, ctx);
}
