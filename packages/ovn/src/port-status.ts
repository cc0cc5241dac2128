import { EventEmitter } from 'node:events';
import { DatabaseReplica, type Monitor, OvsdbClient, type Sb, type Uuid } from '@netcanvas/ovsdb';
import { OvnError } from './errors.ts';
import { type SslFiles, tlsFromFiles } from './ssl.ts';

export const SB_DB = 'OVN_Southbound';

/** Where a logical port is bound, and whether its hypervisor says it is up. */
export interface PortStatus {
  /** the logical port name (for a workload NIC, `tenant.app.workload.nic`) */
  readonly port: string;
  /** ovn-controller has installed the port's flows (`Port_Binding.up`) */
  readonly up: boolean;
  /** the chassis name the port is bound to, if any */
  readonly chassis: string | undefined;
  /** that chassis's hostname, if it reported one */
  readonly hostname: string | undefined;
}

/** Events of a {@link PortStatusWatcher}. */
export interface PortStatusWatcherEvents {
  /** a port appeared, or its binding, chassis or up state changed */
  change: [status: PortStatus, previous: PortStatus | undefined];
  /** a port's binding row is gone (the port was deleted from the NB) */
  removed: [port: string, previous: PortStatus];
}

export interface PortStatusWatcherOptions {
  /** only these ports (default: every port) */
  readonly ports?: (logicalPort: string) => boolean;
}

type Tables = { Port_Binding: Sb.Port_Binding; Chassis: Sb.Chassis };

const same = (a: PortStatus | undefined, b: PortStatus | undefined) =>
  a?.up === b?.up && a?.chassis === b?.chassis && a?.hostname === b?.hostname;

/**
 * Per-logical-port status from the Southbound DB: a `monitor_cond` on Port_Binding
 * (logical_port, chassis, up) and Chassis (name, hostname), so bindings are pushed by
 * the server as hypervisors claim and release ports. Survives reconnects (the client
 * resubscribes; a resync reports only real differences).
 */
export class PortStatusWatcher extends EventEmitter<PortStatusWatcherEvents> {
  readonly #client: OvsdbClient;
  #owned = false;
  readonly #filter: (port: string) => boolean;
  #replica: DatabaseReplica<Tables> | undefined;
  #monitor: Monitor | undefined;
  #status = new Map<string, PortStatus>();

  /** Watches through an existing SB client; see {@link connect} for one of its own. */
  constructor(client: OvsdbClient, options: PortStatusWatcherOptions = {}) {
    super();
    this.#client = client;
    this.#filter = options.ports ?? (() => true);
  }

  /** Connects to the SB (`sbRemote`, possibly a cluster list) and starts watching. */
  static async connect(
    options: PortStatusWatcherOptions & {
      readonly sbRemote: string;
      readonly connectTimeoutMs?: number;
      /** key, certificate and CA files for `ssl:` remotes */
      readonly ssl?: SslFiles;
    },
  ): Promise<PortStatusWatcher> {
    let client: OvsdbClient;
    try {
      client = await OvsdbClient.connect({
        remote: options.sbRemote,
        database: SB_DB,
        leaderOnly: false,
        connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
        ...(options.ssl ? { tls: await tlsFromFiles(options.ssl) } : {}),
      });
    } catch (cause) {
      throw new OvnError(
        'controller-unreachable',
        `cannot reach the OVN Southbound DB at ${options.sbRemote}: ${(cause as Error).message}`,
        { cause },
      );
    }
    const watcher = new PortStatusWatcher(client, options);
    watcher.#owned = true;
    try {
      return await watcher.start();
    } catch (error) {
      client.close();
      throw error;
    }
  }

  /** Starts the monitor; `snapshot()` holds every port once this resolves. */
  async start(): Promise<this> {
    try {
      this.#replica = new DatabaseReplica<Tables>(await this.#client.getSchema(SB_DB));
      this.#monitor = await this.#client.monitorCond(
        SB_DB,
        {
          Port_Binding: { columns: ['logical_port', 'chassis', 'up'] },
          Chassis: { columns: ['name', 'hostname'] },
        },
        (event) => {
          this.#replica?.apply(event);
          this.#refresh();
        },
      );
    } catch (cause) {
      throw new OvnError(
        'controller-unreachable',
        `cannot watch port bindings in the Southbound DB: ${(cause as Error).message}`,
        { cause },
      );
    }
    this.#refresh();
    return this;
  }

  /** The current status of every watched port, by logical port name. */
  snapshot(): ReadonlyMap<string, PortStatus> {
    return new Map(this.#status);
  }

  async stop(): Promise<void> {
    const monitor = this.#monitor;
    this.#monitor = undefined;
    await monitor?.cancel().catch(() => undefined);
    if (this.#owned) this.#client.close();
  }

  #refresh(): void {
    const replica = this.#replica;
    if (!replica || !this.#monitor) return;
    const chassis = replica.rows('Chassis');
    const next = new Map<string, PortStatus>();
    for (const binding of replica.rows('Port_Binding').values()) {
      if (!this.#filter(binding.logical_port)) continue;
      const ch = binding.chassis === null ? undefined : chassis.get(binding.chassis as Uuid);
      next.set(binding.logical_port, {
        port: binding.logical_port,
        up: binding.up === true,
        chassis: ch?.name,
        hostname: ch?.hostname || undefined,
      });
    }
    const previous = this.#status;
    this.#status = next;
    for (const [port, status] of next) {
      const was = previous.get(port);
      if (!same(was, status) || !was) this.emit('change', status, was);
    }
    for (const [port, was] of previous) if (!next.has(port)) this.emit('removed', port, was);
  }
}
