import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Authenticate } from './auth/principal.ts';
import type { ServerContext } from './context.ts';
import { consoleRoutes } from './http/console.ts';
import { apiNotFound, errorHandler } from './http/errors.ts';
import { auditRefusals } from './http/refusal-audit.ts';
import { ApiRoutes, principalOf } from './http/route.ts';
import type { Logger } from './observability/logger.ts';
import { requestLogger } from './observability/logger.ts';
import { type Metrics, metricsRoute, observeLatency } from './observability/metrics-http.ts';
import { analysisRoutes } from './routes/analysis.ts';
import { type ControllerInfo, healthRoutes } from './routes/health.ts';
import { tenantScopedRoutes } from './routes/index.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { templateRoutes } from './routes/templates.ts';

/** Where `pnpm --filter @netcanvas/console build` writes the console. */
export const DEFAULT_CONSOLE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../console/dist',
);

export const API_VERSION = '0.1.0';

export interface AppOptions {
  /** the built console to serve; `null` serves the API only */
  readonly consoleDir?: string | null;
  /** largest accepted JSON body, in body-parser notation */
  readonly bodyLimit?: string;
  readonly controller?: ControllerInfo;
  /** where 500s are reported; defaults to the logger, else stderr */
  readonly onInternalError?: (err: unknown) => void;
  /** the store and everything tenant-scoped; without it only the stateless routes exist */
  readonly context?: ServerContext;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

const noOne: Authenticate = () => undefined;

/** The HTTP application: the JSON API under /api, /metrics, and the console everywhere else. */
export function createApp(options: AppOptions = {}): Express {
  const limit = options.bodyLimit ?? '5mb';
  const consoleDir = options.consoleDir === undefined ? DEFAULT_CONSOLE_DIR : options.consoleDir;
  const { context, logger, metrics } = options;
  const app = express();
  app.disable('x-powered-by');
  if (logger) app.use(requestLogger(logger, (req) => principalOf(req as express.Request)?.actor));
  if (metrics) app.use(observeLatency(metrics));
  app.use(
    helmet({
      // served over plain http on loopback by default: no HSTS, no forced upgrades
      strictTransportSecurity: false,
      contentSecurityPolicy: {
        directives: { upgradeInsecureRequests: null, connectSrc: ["'self'", 'ws:', 'wss:'] },
      },
    }),
  );
  if (metrics) app.get('/metrics', metricsRoute(metrics));

  const api = new ApiRoutes(context?.authenticate ?? noOne);
  healthRoutes(api, options.controller);
  templateRoutes(api);
  analysisRoutes(api);
  if (context) tenantScopedRoutes(api, context);
  openApiRoutes(api, API_VERSION);

  const router = express.Router();
  router.use(express.json({ limit, strict: false }));
  router.use((_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  router.use(api.router);
  router.use(apiNotFound);
  app.use('/api', router);

  if (consoleDir !== null) app.use(consoleRoutes(consoleDir));
  app.use(apiNotFound);
  const onInternalError =
    options.onInternalError ??
    (logger ? (err: unknown) => logger.error({ err }, 'internal error') : undefined);
  if (context) app.use(auditRefusals(context.store));
  app.use(errorHandler({ limit, onInternalError }));
  return app;
}
