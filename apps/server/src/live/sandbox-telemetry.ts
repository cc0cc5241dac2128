import type { SandboxController } from '@netcanvas/sandbox';
import { SflowCollector } from '@netcanvas/sflow/node';
import type { StreamHub } from '../stream/hub.ts';
import { TelemetryPipeline } from '../stream/index.ts';
import { firstResolver, type PortResolver } from './port-resolver.ts';
import { SandboxPorts } from './sandbox-ports.ts';

export interface SandboxTelemetryOptions {
  readonly hub: StreamHub;
  readonly sandbox: SandboxController;
  /** the sFlow collector's UDP port (default 6343; 0 picks a free one) */
  readonly collectorPort?: number;
  /** how often the sandbox emits datagrams (default 1 s) */
  readonly intervalMs?: number;
  /** asked before the sandbox's own map: the OVN hypervisors' port maps */
  readonly resolvers?: readonly PortResolver[];
}

/**
 * The live path: sFlow from the sandbox (and any OVN hypervisor) → our collector →
 * aggregation → stream topics.
 */
export interface SandboxTelemetry {
  readonly collector: SflowCollector;
  readonly pipeline: TelemetryPipeline;
  readonly collectorPort: number;
  close(): Promise<void>;
}

/** Starts the collector, the aggregation pipeline and the sandbox's emitter, in that order. */
export async function startSandboxTelemetry(
  options: SandboxTelemetryOptions,
): Promise<SandboxTelemetry> {
  const collector = new SflowCollector({
    port: options.collectorPort ?? 6343,
    families: ['ipv4'],
    ipv4Address: '127.0.0.1',
  });
  await collector.start();
  const collectorPort = collector.addresses().ipv4?.port ?? 0;
  const owners = firstResolver([...(options.resolvers ?? []), new SandboxPorts(options.sandbox)]);
  const pipeline = new TelemetryPipeline({
    hub: options.hub,
    resolve: (agent, ifIndex) => owners.port(agent, ifIndex),
    resolveAddress: (appKey, ip) => owners.address(appKey, ip),
  });
  const detach = pipeline.attach(collector);
  pipeline.start();
  try {
    await options.sandbox.startTelemetry({
      collector: { host: '127.0.0.1', port: collectorPort },
      intervalMs: options.intervalMs ?? 1_000,
    });
  } catch (err) {
    pipeline.stop();
    detach();
    await collector.close();
    throw err;
  }
  return {
    collector,
    pipeline,
    collectorPort,
    close: async () => {
      await options.sandbox.stopTelemetry();
      pipeline.stop();
      detach();
      await collector.close();
    },
  };
}
