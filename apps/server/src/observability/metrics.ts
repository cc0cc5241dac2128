import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The server's Prometheus registry and the metrics it owns. Other parts (the stream hub)
 * add theirs with `counter`/`gauge`, or use `wsClients`/`wsDroppedFrames` directly.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly plans: Counter<'result'>;
  readonly applies: Counter<'result'>;
  readonly logins: Counter<'result'>;
  readonly wsClients: Gauge;
  readonly wsDroppedFrames: Counter;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'netcanvas_' });
    this.httpDuration = new Histogram({
      name: 'netcanvas_http_request_duration_seconds',
      help: 'HTTP request latency by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.plans = this.counter(
      'netcanvas_plans_total',
      'plans made against a controller, by result',
      ['result'],
    );
    this.applies = this.counter('netcanvas_applies_total', 'applies to a controller, by result', [
      'result',
    ]);
    this.logins = this.counter('netcanvas_logins_total', 'login attempts, by result', ['result']);
    this.wsClients = this.gauge(
      'netcanvas_ws_clients',
      'WebSocket clients connected to the stream',
    );
    this.wsDroppedFrames = this.counter(
      'netcanvas_ws_dropped_frames_total',
      'stream frames replaced by newer state because a client was slow',
    );
  }

  /** Registers a counter on this registry. */
  counter<L extends string = never>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
  ): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** Registers a gauge on this registry. */
  gauge<L extends string = never>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
  ): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
