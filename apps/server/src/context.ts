import type { Application } from '@netcanvas/model';
import type { Authenticate } from './auth/principal.ts';
import type { LoginLimiter } from './auth/rate-limit.ts';
import type { PlanCache } from './controllers/plans.ts';
import type { ControllerRegistry } from './controllers/registry.ts';
import type { DriftState } from './live/follow.ts';
import type { Metrics } from './observability/metrics.ts';
import type { SchedulerClock } from './snapshots/scheduler.ts';
import type { ControllerRow } from './store/controllers.ts';
import type { Store } from './store/store.ts';
import type { StreamEvent } from './stream/index.ts';

/** What the tenant-scoped routes share. */
export interface ServerContext {
  readonly store: Store;
  readonly controllers: ControllerRegistry;
  readonly plans: PlanCache;
  readonly authenticate: Authenticate;
  readonly metrics: Metrics;
  readonly loginLimiter: LoginLimiter;
  /** how long a login session lasts */
  readonly sessionTtlMs: number;
  /** publishes an app event (an apply by someone) to the app's live stream */
  readonly publishEvent?: (tenant: string, appId: string, event: StreamEvent) => void;
  /** after an apply: follow the app on that controller (drift, port status) into its stream */
  readonly followApp?: (row: ControllerRow, app: Application) => void;
  /** the drift last reported for an app on a controller (undefined: in sync or not followed) */
  readonly driftOf?: (
    controllerId: number,
    tenant: string,
    appId: string,
  ) => DriftState | undefined;
  /** the clock scheduled snapshots run on (the wall clock unless a test moves it) */
  readonly snapshotClock?: SchedulerClock;
}
