import { EventEmitter } from 'node:events';
import {
  DatabaseReplica,
  type Monitor,
  type MonitorEvent,
  OvsdbClient,
  type OvsdbError,
  type Vswitch,
} from '@netcanvas/ovsdb';
import { OvnError } from './errors.ts';
import {
  canonicalAgent,
  diffPortMaps,
  indexInterfaces,
  type PortMapChange,
  type PortMapEntry,
} from './port-map-entries.ts';

export const VSWITCH_DB = 'Open_vSwitch';

/** One hypervisor: where its sFlow comes from and where its OVS database is. */
export interface HypervisorSource {
  /** sFlow agent address the hypervisor's datagrams carry (the `agent` of its sFlow row) */
  readonly agent: string;
  /** its Open_vSwitch database: `unix:/run/openvswitch/db.sock`, `tcp:HOST:6640`, … */
  readonly remote: string;
  /** also keep Interface `statistics` (OVS refreshes them every 5 s); default false */
  readonly statistics?: boolean;
  readonly connectTimeoutMs?: number;
}

/** Events of a {@link HypervisorPortMap}. */
export interface HypervisorPortMapEvents {
  /** ifIndexes whose interface, iface-id, ofport or bridge changed, appeared or went away */
  change: [changes: readonly PortMapChange[]];
  /** the OVSDB connection dropped; the map keeps its last contents and reconnects */
  disconnected: [error: OvsdbError | undefined];
  /** connected again; a `change` follows for whatever changed meanwhile */
  reconnected: [];
}

const INTERFACE_COLUMNS = ['name', 'ifindex', 'external_ids', 'ofport'];

/**
 * The port map of one hypervisor: sFlow (agent, ifIndex) → OVS interface → its
 * `external_ids:iface-id` (the logical switch port), kept current through an OVSDB
 * monitor of Interface, Port and Bridge. Reconnects by itself; a resync after a
 * reconnect reports only real differences.
 */
export class HypervisorPortMap extends EventEmitter<HypervisorPortMapEvents> {
  readonly agent: string;
  readonly remote: string;
  readonly #client: OvsdbClient;
  readonly #replica: DatabaseReplica<Vswitch.Tables>;
  readonly #statistics: boolean;
  #index = new Map<number, PortMapEntry>();
  #monitor: Monitor | undefined;

  private constructor(source: HypervisorSource, client: OvsdbClient, replica: DatabaseReplica) {
    super();
    this.agent = canonicalAgent(source.agent);
    this.remote = source.remote;
    this.#client = client;
    this.#replica = replica as unknown as DatabaseReplica<Vswitch.Tables>;
    this.#statistics = source.statistics ?? false;
    client.on('disconnected', (error) => this.emit('disconnected', error));
    client.on('connected', () => {
      if (this.#monitor) this.emit('reconnected');
    });
  }

  /**
   * Connects to the hypervisor's OVS database and reads its interfaces; resolves once the
   * map holds them. `controller-unreachable` when the database cannot be reached.
   */
  static async connect(source: HypervisorSource): Promise<HypervisorPortMap> {
    let client: OvsdbClient;
    try {
      client = await OvsdbClient.connect({
        remote: source.remote,
        database: VSWITCH_DB,
        connectTimeoutMs: source.connectTimeoutMs ?? 5_000,
      });
    } catch (cause) {
      throw new OvnError(
        'controller-unreachable',
        `cannot reach the Open_vSwitch database of hypervisor ${source.agent} at ${source.remote}; check that ovsdb-server listens there`,
        { cause },
      );
    }
    try {
      const replica = new DatabaseReplica(await client.getSchema(VSWITCH_DB));
      const map = new HypervisorPortMap(source, client, replica);
      const interfaceColumns = source.statistics
        ? [...INTERFACE_COLUMNS, 'statistics']
        : INTERFACE_COLUMNS;
      // update (format 1) carries whole rows: OVS sends optional columns in update2 as the
      // new value, not as a set diff, which a diff-applying replica would misread
      map.#monitor = await client.monitor(
        VSWITCH_DB,
        {
          Interface: { columns: interfaceColumns },
          Port: { columns: ['name', 'interfaces'] },
          Bridge: { columns: ['name', 'ports'] },
        },
        (event) => map.#onEvent(event),
      );
      return map;
    } catch (cause) {
      client.close();
      throw new OvnError(
        'controller-unreachable',
        `cannot monitor the Open_vSwitch database at ${source.remote}`,
        { cause },
      );
    }
  }

  /** The interface behind `ifIndex` if `agent` is this hypervisor's; else undefined. */
  lookup(agent: string, ifIndex: number): PortMapEntry | undefined {
    if (agent !== this.agent && canonicalAgent(agent) !== this.agent) return undefined;
    return this.#index.get(ifIndex);
  }

  /** The interface with OpenFlow port `ofport` on `bridge` (sFlow counter record 1004). */
  lookupOfport(bridge: string, ofport: number): PortMapEntry | undefined {
    for (const entry of this.#index.values()) {
      if (entry.bridge === bridge && entry.ofport === ofport) return entry;
    }
    return undefined;
  }

  /** Every mapped interface, by ifIndex. */
  entries(): PortMapEntry[] {
    return [...this.#index.values()].sort((a, b) => a.ifIndex - b.ifIndex);
  }

  /**
   * Interface `statistics` (rx_bytes, tx_packets, …) of the interface behind `ifIndex`, as
   * last refreshed by OVS; undefined unless created with `statistics: true`.
   */
  statistics(ifIndex: number): Readonly<Record<string, number>> | undefined {
    const entry = this.#index.get(ifIndex);
    if (!entry || !this.#statistics) return undefined;
    return this.#replica.rows('Interface').get(entry.interfaceUuid)?.statistics ?? {};
  }

  get connected(): boolean {
    return this.#client.connected;
  }

  /** Stops the monitor and closes the connection. */
  close(): void {
    this.#monitor = undefined;
    this.#client.close();
  }

  #onEvent(event: MonitorEvent): void {
    this.#replica.apply(event);
    const next = indexInterfaces(this.agent, {
      Interface: this.#replica.rows('Interface'),
      Port: this.#replica.rows('Port'),
      Bridge: this.#replica.rows('Bridge'),
    });
    const changes = diffPortMaps(this.#index, next);
    this.#index = next;
    if (changes.length > 0) this.emit('change', changes);
  }
}
