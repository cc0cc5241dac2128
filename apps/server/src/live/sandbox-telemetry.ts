import { type Application, parseIp, resolveAddresses } from '@netcanvas/model';
import type { SandboxController } from '@netcanvas/sandbox';
import { SflowCollector } from '@netcanvas/sflow/node';
import type { StreamHub } from '../stream/hub.ts';
import { type Endpoint, type PortOwner, TelemetryPipeline } from '../stream/index.ts';

export interface SandboxTelemetryOptions {
  readonly hub: StreamHub;
  readonly sandbox: SandboxController;
  /** the sFlow collector's UDP port (default 6343; 0 picks a free one) */
  readonly collectorPort?: number;
  /** how often the sandbox emits datagrams (default 1 s) */
  readonly intervalMs?: number;
}

/** The live path on the sandbox: its sFlow → our collector → aggregation → stream topics. */
export interface SandboxTelemetry {
  readonly collector: SflowCollector;
  readonly pipeline: TelemetryPipeline;
  readonly collectorPort: number;
  close(): Promise<void>;
}

const REFRESH_MS = 1_000;

/** Maps sandbox ports and addresses back to the applied designs, refreshed as apps are applied. */
class SandboxOwners {
  readonly #sandbox: SandboxController;
  #ports = new Map<string, PortOwner>();
  #addresses = new Map<string, Map<string, Endpoint>>();
  #builtAt = -Infinity;

  constructor(sandbox: SandboxController) {
    this.#sandbox = sandbox;
  }

  port(agent: string, ifIndex: number): PortOwner | undefined {
    const key = `${agent}/${ifIndex}`;
    if (!this.#ports.has(key)) this.#refresh();
    return this.#ports.get(key);
  }

  address(appKey: string, ip: string): Endpoint | undefined {
    if (!this.#addresses.get(appKey)?.has(ip)) this.#refresh();
    return this.#addresses.get(appKey)?.get(ip);
  }

  #refresh(): void {
    if (Date.now() - this.#builtAt < REFRESH_MS) return;
    this.#builtAt = Date.now();
    const apps = new Map<string, Application>();
    const appOf = (appKey: string) => {
      if (!apps.has(appKey)) {
        const [tenant = '', id = ''] = appKey.split('/');
        const stored = this.#sandbox.read({ tenant, id });
        if (stored) apps.set(appKey, stored.app);
      }
      return apps.get(appKey);
    };
    const ports = new Map<string, PortOwner>();
    for (const e of this.#sandbox.portMap()) {
      const nic = appOf(e.appKey)?.objects.find((o) => o.id === e.workloadId);
      const switchId =
        nic?.kind === 'workload' ? nic.nics.find((n) => n.id === e.nicId)?.switch : undefined;
      ports.set(`${e.agent}/${e.ifIndex}`, {
        appKey: e.appKey,
        objectId: e.workloadId,
        nicId: e.nicId,
        portName: e.ifName,
        ...(switchId ? { switchId } : {}),
      });
    }
    const addresses = new Map<string, Map<string, Endpoint>>();
    for (const [appKey, app] of apps) {
      const byIp = new Map<string, Endpoint>();
      for (const n of resolveAddresses(app).nics) {
        for (const ip of [n.ip, n.ip6])
          if (ip && parseIp(ip)) byIp.set(ip, { objectId: n.workloadId, nicId: n.nicId });
      }
      addresses.set(appKey, byIp);
    }
    this.#ports = ports;
    this.#addresses = addresses;
  }
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
  const owners = new SandboxOwners(options.sandbox);
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
