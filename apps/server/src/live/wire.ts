import type { Server } from 'node:http';
import type { ControllerPlan } from '@netcanvas/model';
import type { SandboxController, SandboxPlan } from '@netcanvas/sandbox';
import type { Authenticate, Principal } from '../auth/principal.ts';
import type { SiteDriver } from '../controllers/site-driver.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { attachStream, parseTopic } from '../stream/index.ts';
import { type SandboxTelemetry, startSandboxTelemetry } from './sandbox-telemetry.ts';

/** The one sandbox every `sandbox` controller row shares (apps are keyed by tenant/app). */
export function sandboxSite(sandbox: SandboxController): SiteDriver {
  return {
    info: () => sandbox.info(),
    plan: (app) => sandbox.plan(app),
    commit: (plan: ControllerPlan) => sandbox.commit(plan as SandboxPlan),
    remove: (app) => sandbox.remove(app),
    trace: (app, query) => sandbox.trace(app, query),
    watch: (app, listener) => sandbox.watch(app, listener),
    // shared: the server closes it once, not each controller row
    close: () => undefined,
  };
}

/** Same rule as the REST API: an app topic of a tenant one has a role in; telemetry health for superusers. */
export function canSubscribe(principal: Principal, topic: string): boolean {
  const t = parseTopic(topic);
  if (t?.kind === 'app') return principal.roles.has(t.tenant) || principal.user.superuser;
  return principal.user.superuser;
}

export interface LiveOptions {
  readonly server: Server;
  readonly authenticate: Authenticate;
  readonly sandbox: SandboxController;
  /** UDP port of the sFlow collector; null runs no collector (tests) */
  readonly sflowPort: number | null;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** `/api/stream` with the same auth as the REST API, fed by the sFlow collector. */
export async function startLive(options: LiveOptions): Promise<{ close(): Promise<void> }> {
  const stream = attachStream(options.server, { authorize: options.authenticate, canSubscribe });
  stream.hub.start();
  let telemetry: SandboxTelemetry | undefined;
  if (options.sflowPort !== null) {
    try {
      telemetry = await startSandboxTelemetry({
        hub: stream.hub,
        sandbox: options.sandbox,
        collectorPort: options.sflowPort,
      });
      options.logger.info(
        { port: telemetry.collectorPort },
        'sFlow collector listening on 127.0.0.1',
      );
    } catch (err) {
      options.logger.warn(
        { err: (err as Error).message },
        `no live telemetry: the sFlow collector could not bind UDP ${options.sflowPort}`,
      );
    }
  }
  let dropped = 0;
  const sample = setInterval(() => {
    const m = stream.metrics();
    options.metrics.wsClients.set(m.clients);
    if (m.framesDropped > dropped) options.metrics.wsDroppedFrames.inc(m.framesDropped - dropped);
    dropped = m.framesDropped;
  }, 1_000);
  sample.unref();
  return {
    close: async () => {
      clearInterval(sample);
      await telemetry?.close();
      stream.hub.stop();
      await stream.close();
    },
  };
}
