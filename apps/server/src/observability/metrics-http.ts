import type { Request, RequestHandler } from 'express';
import type { Metrics } from './metrics.ts';

export type { Metrics };

/** The route pattern (never the raw URL, which would explode label cardinality). */
function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string')
    return req.originalUrl.startsWith('/api/') ? `/api${pattern}` : pattern;
  return req.originalUrl.startsWith('/api') ? '/api/unmatched' : 'console';
}

/** Observes every request's latency by method, route pattern and status. */
export function observeLatency(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () =>
      end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }),
    );
    next();
  };
}

/** `GET /metrics` in the Prometheus text format. */
export function metricsRoute(metrics: Metrics): RequestHandler {
  return async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
}
