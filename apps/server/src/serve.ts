import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SandboxController } from '@netcanvas/sandbox';
import { type AppOptions, createApp } from './app.ts';
import { bootstrapFirstRun, type FirstRunAdmin, firstRunBanner } from './auth/bootstrap.ts';
import { type Authenticate, authenticator } from './auth/principal.ts';
import { LoginLimiter } from './auth/rate-limit.ts';
import type { ServerContext } from './context.ts';
import { PlanCache } from './controllers/plans.ts';
import { ControllerRegistry } from './controllers/registry.ts';
import type { DriverFactory } from './controllers/site-driver.ts';
import { reconcileUnfinishedApplies } from './controllers/unfinished-applies.ts';
import { createWebServer, readTlsFiles, type TlsFiles } from './http/tls.ts';
import { AppFollower } from './live/follow.ts';
import { SqliteSandboxStore } from './live/sandbox-store.ts';
import { watchThresholds } from './live/thresholds.ts';
import { sandboxSite, startLive } from './live/wire.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { Metrics } from './observability/metrics.ts';
import { type SchedulerClock, SnapshotScheduler, systemClock } from './snapshots/scheduler.ts';
import type { ControllerKind } from './store/controllers.ts';
import { Store } from './store/store.ts';
import { ThresholdStore } from './store/thresholds.ts';
import { appTopic, StreamHub } from './stream/index.ts';

/** `.netcanvas/data` under the repository. */
export const DEFAULT_DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../.netcanvas/data',
);

export interface ServeOptions
  extends Omit<AppOptions, 'consoleDir' | 'context' | 'logger' | 'metrics'> {
  /** 0 picks a free port */
  readonly port: number;
  readonly host?: string;
  /** the built console; defaults to apps/console/dist, `null` serves the API only */
  readonly consoleDir?: string | null;
  /** where the SQLite file lives; defaults to NETCANVAS_DATA, else `.netcanvas/data` in the repo */
  readonly dataDir?: string;
  /** pino level; `silent` in tests */
  readonly logLevel?: string;
  /** how first-run admin credentials are shown; defaults to stdout */
  readonly onFirstRun?: (admin: FirstRunAdmin) => void;
  /** the seam for controller kinds, e.g. `{ sandbox: (row) => … SandboxController … }` */
  readonly controllerFactories?: Partial<Record<ControllerKind, DriverFactory>>;
  readonly loginRateLimit?: { max: number; windowMs: number };
  readonly sessionTtlMs?: number;
  readonly planTtlMs?: number;
  /** UDP port of the sFlow collector (default NETCANVAS_SFLOW_PORT, else 6343); null: none */
  readonly sflowPort?: number | null;
  /** the clock of scheduled snapshots; tests pass one they move by hours */
  readonly snapshotClock?: SchedulerClock;
  /** serve HTTPS (and wss) with these PEM files, HSTS on; plain http without */
  readonly tls?: TlsFiles;
}

/** A listening server. */
export interface RunningServer {
  readonly url: string;
  /** the Node server, for attaching the WebSocket stream */
  readonly server: Server;
  /** resolves a request (cookie or bearer token) to who is asking, same as the REST API */
  readonly authenticate: Authenticate;
  /** the Prometheus registry and shared metrics (wsClients, wsDroppedFrames, …) */
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly store: Store;
  readonly controllers: ControllerRegistry;
  /** set only on the first start of a fresh data directory */
  readonly firstRun: FirstRunAdmin | undefined;
  close(): Promise<void>;
}

/** After a restart: follow every applied app again (drift, port status) at its applied version. */
function followDeployed(store: Store, follower: AppFollower): void {
  for (const d of store.deployments.all()) {
    const row = store.controllers.get(d.tenantId, d.controllerId);
    const stored = store.apps.get(d.tenantId, d.appId, d.version);
    if (row && stored) follower.follow(row, stored.design);
  }
}

/** Opens the store, bootstraps a first run, and starts the API and console on host:port. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { port, host = '127.0.0.1', dataDir, logLevel, onFirstRun, tls, ...rest } = options;
  // a bad certificate refuses the start before anything is opened or written
  const pem = tls ? readTlsFiles(tls) : undefined;
  const store = Store.open(dataDir ?? process.env.NETCANVAS_DATA ?? DEFAULT_DATA_DIR);
  const firstRun = await bootstrapFirstRun(store);
  if (firstRun) (onFirstRun ?? ((a) => process.stdout.write(`${firstRunBanner(a)}\n`)))(firstRun);
  const logger = createLogger(logLevel ?? process.env.LOG_LEVEL ?? 'info');
  const metrics = new Metrics();
  // the embedded controller: applied state in the same store, real sFlow for what it permits
  const sandbox = new SandboxController({ store: new SqliteSandboxStore(store.db) });
  const controllers = new ControllerRegistry({
    sandbox: async () => sandboxSite(sandbox),
    ...rest.controllerFactories,
  });
  const hub = new StreamHub();
  const follower = new AppFollower(controllers, hub);
  const stopThresholds = watchThresholds(new ThresholdStore(store.db), hub);
  const context: ServerContext = {
    store,
    controllers,
    plans: new PlanCache(rest.planTtlMs),
    authenticate: authenticator(store),
    metrics,
    loginLimiter: new LoginLimiter(rest.loginRateLimit ?? { max: 10, windowMs: 15 * 60_000 }),
    sessionTtlMs: rest.sessionTtlMs ?? 12 * 3600_000,
    publishEvent: (tenant, appId, event) => hub.event(appTopic(tenant, appId, 'events'), event),
    followApp: (row, app) => follower.follow(row, app),
    driftOf: (controllerId, tenant, appId) => follower.driftOf(controllerId, tenant, appId),
    snapshotClock: rest.snapshotClock ?? systemClock,
  };
  const scheduler = new SnapshotScheduler(context, { clock: context.snapshotClock, log: logger });
  // applies a killed server left between the controller commit and its record
  await reconcileUnfinishedApplies(store, controllers, logger);
  followDeployed(store, follower);
  const app = createApp({
    controller: {
      kind: 'sandbox',
      detail:
        'the embedded sandbox controller: applies are kept in the store, no real network; register an OVN NB to apply for real',
    },
    ...rest,
    context,
    logger,
    metrics,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = createWebServer(app, pem);
    listening.once('error', reject);
    listening.once('listening', () => {
      listening.off('error', reject);
      resolve(listening);
    });
    listening.listen(port, host);
  }).catch((err) => {
    store.close();
    throw err;
  });
  const sflowPort =
    options.sflowPort === undefined
      ? Number(process.env.NETCANVAS_SFLOW_PORT ?? 6343)
      : options.sflowPort;
  const live = await startLive({
    server,
    hub,
    authenticate: context.authenticate,
    sandbox,
    sflowPort,
    logger,
    metrics,
    store,
  });
  scheduler.start();
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${pem ? 'https' : 'http'}://${shownHost}:${address.port}`,
    server,
    authenticate: context.authenticate,
    metrics,
    logger,
    store,
    controllers,
    firstRun,
    close: async () => {
      await scheduler.stop();
      follower.close();
      stopThresholds();
      await live.close();
      await new Promise<void>((done, fail) => {
        server.close((err) => (err ? fail(err) : done()));
        server.closeAllConnections();
      });
      await controllers.close();
      await sandbox.close();
      store.close();
    },
  };
}
