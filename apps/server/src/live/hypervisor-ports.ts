import { PortMap } from '@netcanvas/ovn';
import { workloadPorts } from '../controllers/ovn-ports.ts';
import type { Store } from '../store/store.ts';
import type { Endpoint, PortOwner } from '../stream/index.ts';
import { parseHypervisorRemotes } from './hypervisor-remotes.ts';
import { addressesOf, type PortResolver } from './port-resolver.ts';

/** A miss re-reads the store at most this often; a hit at least this often. */
const MISS_REFRESH_MS = 1_000;
const HIT_REFRESH_MS = 5_000;
/** after a failed connect, the next attempt waits this long */
const RETRY_MS = 10_000;

interface Site {
  /** the `ovs_remote` the map was made for: a changed row reconnects */
  readonly ovsRemote: string;
  map: PortMap | undefined;
  /** set after a failed connect: when to try again */
  retryAt: number | undefined;
  /** iface-id (logical port name) → the NIC of an app applied to this site */
  owners: Map<string, Omit<PortOwner, 'portName'>>;
}

/**
 * Telemetry of apps applied to OVN sites: for each `ovn` controller with hypervisors
 * (`ovs_remote`), a {@link PortMap} over their Open_vSwitch DBs ties a sample's (agent,
 * ifIndex) to an interface's `iface-id`, and the designs applied to that controller tie the
 * iface-id to a workload NIC. Controllers and deployments are re-read from the store as
 * they change; connecting to a hypervisor happens in the background, a sample from it is
 * unmapped until then.
 */
export class HypervisorPorts implements PortResolver {
  readonly #store: Store;
  readonly #sites = new Map<number, Site>();
  #addresses = new Map<string, Map<string, Endpoint>>();
  #readAt = -Infinity;
  #closed = false;
  readonly #onError: (controllerId: number, error: Error) => void;

  constructor(store: Store, onError: (controllerId: number, error: Error) => void = () => {}) {
    this.#store = store;
    this.#onError = onError;
  }

  port(agent: string, ifIndex: number): PortOwner | undefined {
    const found = this.#lookup(agent, ifIndex);
    if (Date.now() - this.#readAt >= (found ? HIT_REFRESH_MS : MISS_REFRESH_MS)) {
      this.#read();
      return this.#lookup(agent, ifIndex);
    }
    return found;
  }

  address(appKey: string, ip: string): Endpoint | undefined {
    return this.#addresses.get(appKey)?.get(ip);
  }

  close(): void {
    this.#closed = true;
    for (const site of this.#sites.values()) site.map?.close();
    this.#sites.clear();
  }

  #lookup(agent: string, ifIndex: number): PortOwner | undefined {
    for (const site of this.#sites.values()) {
      const entry = site.map?.lookup(agent, ifIndex);
      const owner = entry?.ifaceId === undefined ? undefined : site.owners.get(entry.ifaceId);
      if (entry && owner) return { ...owner, portName: entry.interfaceName };
    }
    return undefined;
  }

  #read(): void {
    if (this.#closed) return;
    this.#readAt = Date.now();
    const rows = new Map(this.#store.controllers.withHypervisors().map((r) => [r.id, r]));
    for (const [id, site] of this.#sites) {
      const retry = site.retryAt !== undefined && Date.now() >= site.retryAt;
      if (rows.get(id)?.ovsRemote === site.ovsRemote && !retry) continue;
      site.map?.close();
      this.#sites.delete(id);
    }
    for (const [id, row] of rows) {
      if (!this.#sites.has(id) && row.ovsRemote) this.#connect(id, row.ovsRemote);
    }
    const addresses = new Map<string, Map<string, Endpoint>>();
    const owners = new Map<number, Site['owners']>();
    for (const d of this.#store.deployments.all()) {
      if (!this.#sites.has(d.controllerId)) continue;
      const design = this.#store.apps.get(d.tenantId, d.appId, d.version)?.design;
      if (!design) continue;
      const appKey = `${d.tenantId}/${d.appId}`;
      const site = owners.get(d.controllerId) ?? new Map();
      owners.set(d.controllerId, site);
      for (const [name, nic] of workloadPorts(design)) site.set(name, { appKey, ...nic });
      addresses.set(appKey, addressesOf(design));
    }
    for (const [id, site] of this.#sites) site.owners = owners.get(id) ?? new Map();
    this.#addresses = addresses;
  }

  #connect(id: number, ovsRemote: string): void {
    const site: Site = { ovsRemote, map: undefined, retryAt: undefined, owners: new Map() };
    this.#sites.set(id, site);
    const hypervisors = parseHypervisorRemotes(ovsRemote);
    if (typeof hypervisors === 'string') {
      site.retryAt = Infinity;
      this.#onError(id, new Error(hypervisors));
      return;
    }
    PortMap.connect(hypervisors.map((h) => ({ agent: h.agent, remote: h.remote })))
      .then((map) => {
        if (this.#sites.get(id) === site && !this.#closed) site.map = map;
        else map.close();
      })
      .catch((error: Error) => {
        site.retryAt = Date.now() + RETRY_MS;
        this.#onError(id, error);
      });
  }
}
