import type { Uuid, Vswitch } from '@netcanvas/ovsdb';

/** One OVS interface as telemetry sees it: an sFlow ifIndex tied to a logical port. */
export interface PortMapEntry {
  /** sFlow agent address of the hypervisor */
  readonly agent: string;
  /** Linux ifindex (Interface.ifindex), the ifIndex in sFlow samples */
  readonly ifIndex: number;
  /** OVS interface name, e.g. `tap1234` */
  readonly interfaceName: string;
  /** `external_ids:iface-id`: the logical switch port name; undefined when not set */
  readonly ifaceId: string | undefined;
  /** OpenFlow port number; undefined until vswitchd assigned one (or -1: failed) */
  readonly ofport: number | undefined;
  /** bridge holding the interface, when known */
  readonly bridge: string | undefined;
  readonly interfaceUuid: Uuid;
}

/** How one ifIndex's mapping changed; `before`/`after` undefined when it (dis)appeared. */
export interface PortMapChange {
  readonly agent: string;
  readonly ifIndex: number;
  readonly before: PortMapEntry | undefined;
  readonly after: PortMapEntry | undefined;
}

/** The rows the port map reads; a subset of the Open_vSwitch tables. */
export interface PortMapRows {
  readonly Interface: ReadonlyMap<Uuid, Vswitch.Interface>;
  readonly Port: ReadonlyMap<Uuid, Vswitch.Port>;
  readonly Bridge: ReadonlyMap<Uuid, Vswitch.Bridge>;
}

/**
 * Builds ifIndex → entry for one hypervisor. Interfaces without an ifindex (not created
 * yet, or no kernel device) are left out. When two rows claim one ifindex, as can happen
 * for a moment while a port is replaced, the lowest interface name wins so the answer is
 * stable.
 */
export function indexInterfaces(agent: string, rows: PortMapRows): Map<number, PortMapEntry> {
  const bridgeOfInterface = new Map<Uuid, string>();
  // rows are keyed by UUID; a monitored row does not carry its own _uuid column
  for (const bridge of rows.Bridge.values()) {
    for (const portUuid of bridge.ports) {
      const port = rows.Port.get(portUuid);
      if (!port) continue;
      for (const iface of port.interfaces) bridgeOfInterface.set(iface, bridge.name);
    }
  }
  const map = new Map<number, PortMapEntry>();
  for (const [uuid, row] of rows.Interface) {
    const ifIndex = row.ifindex;
    if (ifIndex === null || ifIndex <= 0) continue;
    const current = map.get(ifIndex);
    if (current && current.interfaceName <= row.name) continue;
    map.set(ifIndex, {
      agent,
      ifIndex,
      interfaceName: row.name,
      ifaceId: row.external_ids['iface-id'],
      ofport: row.ofport === null || row.ofport < 0 ? undefined : row.ofport,
      bridge: bridgeOfInterface.get(uuid),
      interfaceUuid: uuid,
    });
  }
  return map;
}

/** What differs between two indexes of the same agent, in ifIndex order. */
export function diffPortMaps(
  before: ReadonlyMap<number, PortMapEntry>,
  after: ReadonlyMap<number, PortMapEntry>,
): PortMapChange[] {
  const changes: PortMapChange[] = [];
  const ifIndexes = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a - b);
  for (const ifIndex of ifIndexes) {
    const a = before.get(ifIndex);
    const b = after.get(ifIndex);
    if (a && b && sameEntry(a, b)) continue;
    const agent = (a ?? b)?.agent ?? '';
    changes.push({ agent, ifIndex, before: a, after: b });
  }
  return changes;
}

function sameEntry(a: PortMapEntry, b: PortMapEntry): boolean {
  return (
    a.interfaceName === b.interfaceName &&
    a.ifaceId === b.ifaceId &&
    a.ofport === b.ofport &&
    a.bridge === b.bridge &&
    a.interfaceUuid === b.interfaceUuid
  );
}

/**
 * The canonical text of an agent address, as the sFlow decoder prints it (dotted quad, or
 * RFC 5952 IPv6), so configured and received addresses compare equal.
 */
export function canonicalAgent(address: string): string {
  const text = address.trim();
  if (!text.includes(':')) return text;
  try {
    return new URL(`http://[${text.replace(/^\[|\]$/g, '')}]/`).hostname.slice(1, -1);
  } catch {
    return text.toLowerCase();
  }
}
