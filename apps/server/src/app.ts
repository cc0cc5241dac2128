import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import { consoleRoutes } from './http/console.ts';
import { apiNotFound, errorHandler } from './http/errors.ts';
import { analysisRoutes } from './routes/analysis.ts';
import { type ControllerInfo, healthRoutes } from './routes/health.ts';
import { templateRoutes } from './routes/templates.ts';

/** Where `pnpm --filter @netcanvas/console build` writes the console. */
export const DEFAULT_CONSOLE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../console/dist',
);

export interface AppOptions {
  /** the built console to serve; `null` serves the API only */
  readonly consoleDir?: string | null;
  /** largest accepted JSON body, in body-parser notation */
  readonly bodyLimit?: string;
  readonly controller?: ControllerInfo;
  /** where 500s are reported; defaults to stderr */
  readonly onInternalError?: (err: unknown) => void;
}

/** The HTTP application: the JSON API under /api and the console everywhere else. */
export function createApp(options: AppOptions = {}): Express {
  const limit = options.bodyLimit ?? '5mb';
  const consoleDir = options.consoleDir === undefined ? DEFAULT_CONSOLE_DIR : options.consoleDir;
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });

  const api = express.Router();
  api.use(express.json({ limit, strict: false }));
  api.use((_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  api.use(healthRoutes(options.controller));
  api.use(templateRoutes());
  api.use(analysisRoutes());
  api.use(apiNotFound);
  app.use('/api', api);

  if (consoleDir !== null) app.use(consoleRoutes(consoleDir));
  app.use(apiNotFound);
  app.use(errorHandler({ limit, onInternalError: options.onInternalError }));
  return app;
}
