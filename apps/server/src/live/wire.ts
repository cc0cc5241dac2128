import type { Server } from 'node:http';
import type { ControllerPlan } from '@netcanvas/model';
import type { SandboxController, SandboxPlan } from '@netcanvas/sandbox';
import type { Authenticate, Principal } from '../auth/principal.ts';
import type { SiteDriver } from '../controllers/site-driver.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { Store } from '../store/store.ts';
import {
  attachStream,
  auditRefusedSubscribes,
  parseTopic,
  type StreamHub,
} from '../stream/index.ts';
import { HypervisorPorts } from './hypervisor-ports.ts';
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
    readApplied: async (app) => {
      const stored = sandbox.read(app);
      return stored && { app: stored.app, stateVersion: `sandbox-r${stored.revision}` };
    },
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
  readonly hub: StreamHub;
  readonly authenticate: Authenticate;
  readonly sandbox: SandboxController;
  /** UDP port of the sFlow collector; null runs no collector (tests) */
  readonly sflowPort: number | null;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** with the store, telemetry of apps applied to OVN sites with hypervisors (`ovs_remote`) */
  readonly store?: Store;
}

/** `/api/stream` with the same auth as the REST API, fed by the sFlow collector. */
export async function startLive(options: LiveOptions): Promise<{ close(): Promise<void> }> {
  const unaudited = options.metrics.counter(
    'netcanvas_stream_refusals_unaudited_total',
    'refused stream subscribes not written to the audit log (over the per-principal budget)',
  );
  const stream = attachStream(options.server, {
    authorize: options.authenticate,
    canSubscribe: options.store
      ? auditRefusedSubscribes(canSubscribe, {
          store: options.store,
          onSuppressed: () => unaudited.inc(),
        })
      : canSubscribe,
    hub: options.hub,
  });
  stream.hub.start();
  let telemetry: SandboxTelemetry | undefined;
  let hypervisors: HypervisorPorts | undefined;
  if (options.sflowPort !== null) {
    if (options.store) {
      hypervisors = new HypervisorPorts(options.store, (controllerId, error) =>
        options.logger.warn(
          { controllerId, err: error.message },
          "no OVN telemetry port map for this controller: its hypervisors' Open_vSwitch DBs did not answer",
        ),
      );
    }
    try {
      telemetry = await startSandboxTelemetry({
        hub: stream.hub,
        sandbox: options.sandbox,
        collectorPort: options.sflowPort,
        ...(hypervisors ? { resolvers: [hypervisors] } : {}),
      });
      options.logger.info(
        { port: telemetry.collectorPort },
        'sFlow collector listening on 127.0.0.1',
      );
      countSflow(telemetry, options.metrics);
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
      hypervisors?.close();
      stream.hub.stop();
      await stream.close();
    },
  };
}

/** sFlow's own health in /metrics: datagrams, decode errors and datagrams lost on the way. */
function countSflow(telemetry: SandboxTelemetry, metrics: Metrics): void {
  const datagrams = metrics.counter('netcanvas_sflow_datagrams_total', 'sFlow datagrams decoded');
  const errors = metrics.counter(
    'netcanvas_sflow_decode_errors_total',
    'sFlow datagrams that failed to decode',
  );
  const lost = metrics.gauge(
    'netcanvas_sflow_lost_datagrams',
    'sFlow datagrams lost (sequence gaps), all agents',
  );
  telemetry.collector.on('datagram', () => {
    datagrams.inc();
  });
  telemetry.collector.on('decode-error', () => {
    errors.inc();
  });
  const timer = setInterval(() => {
    lost.set(telemetry.collector.stats().agents.reduce((n, a) => n + a.lostDatagrams, 0));
  }, 1_000);
  timer.unref();
}
