import { AppIndex } from './app-index.ts';
import type { Diagnostic } from './diagnostics.ts';
import { fnv1a } from './net/hash.ts';
import {
  type Cidr,
  cidrContains,
  cidrLast,
  formatIp,
  type IpFamily,
  type IpRange,
  parseCidr,
  parseIp,
  parseIpRange,
} from './net/ip.ts';
import { isMac, normalizeMac } from './net/mac.ts';
import type { Application, LogicalSwitch, NetworkObject } from './schema/types.ts';

/** Where an address came from: typed in the design, or chosen by IPAM. */
export type AddressSource = 'static' | 'allocated';

/** The resolved addresses of one workload NIC. */
export interface NicAddresses {
  readonly workloadId: string;
  readonly nicId: string;
  readonly switchId: string;
  readonly ip: string | undefined;
  readonly ipSource: AddressSource | undefined;
  readonly ip6: string | undefined;
  readonly mac: string;
  readonly macSource: AddressSource;
}

/** The resolved addresses of one router interface. */
export interface RouterPortAddresses {
  readonly routerId: string;
  readonly switchId: string;
  readonly ip: string | undefined;
  readonly ip6: string | undefined;
  readonly mac: string;
}

/** Every address in an application, static or allocated. */
export interface AddressPlan {
  readonly nics: readonly NicAddresses[];
  readonly routerPorts: readonly RouterPortAddresses[];
  /** `ipam-exhausted` findings: a subnet with no free address left */
  readonly problems: readonly Diagnostic[];
}

/** Locally administered unicast prefix for MACs netcanvas chooses ("NC"). */
const MAC_PREFIX = [0x02, 0x4e, 0x43];
const MAX_PROBES = 1_000_000;

interface Pool {
  readonly cidr: Cidr;
  readonly first: bigint;
  readonly last: bigint;
  readonly used: Set<bigint>;
  readonly ranges: IpRange[];
}

function poolFor(cidr: Cidr): Pool {
  // IPv4 loses its network and broadcast addresses; IPv6 its subnet-router anycast (::0)
  const first = cidr.network + 1n;
  const last = cidr.family === 4 && cidr.prefixLength < 31 ? cidrLast(cidr) - 1n : cidrLast(cidr);
  return { cidr, first, last, used: new Set(), ranges: [] };
}

function reserve(pool: Pool | undefined, text: string | undefined): void {
  if (!pool || text === undefined) return;
  const ip = parseIp(text);
  if (ip && cidrContains(pool.cidr, ip)) pool.used.add(ip.value);
}

function reserveRange(pool: Pool | undefined, text: string | undefined): void {
  if (!pool || text === undefined) return;
  const range = parseIpRange(text);
  if (range && range.family === pool.cidr.family) pool.ranges.push(range);
}

/** The first free address at or after `start`, wrapping; undefined when the pool is full. */
function take(pool: Pool, start: bigint): bigint | undefined {
  const size = pool.last - pool.first + 1n;
  let candidate = start;
  let seen = 0n;
  for (let probes = 0; seen < size && probes < MAX_PROBES; probes++) {
    if (candidate > pool.last) candidate = pool.first;
    const range = pool.ranges.find((r) => candidate >= r.first && candidate <= r.last);
    if (range) {
      let end = range.last;
      if (end > pool.last) end = pool.last;
      seen += end - candidate + 1n;
      candidate = end + 1n;
      continue;
    }
    if (!pool.used.has(candidate)) {
      pool.used.add(candidate);
      return candidate;
    }
    candidate++;
    seen++;
  }
  return undefined;
}

function hashedStart(pool: Pool, key: string): bigint {
  const size = pool.last - pool.first + 1n;
  return size > 0n ? pool.first + (BigInt(fnv1a(key)) % size) : pool.first;
}

function macFrom(key: string, used: Set<string>): string {
  let h = fnv1a(key);
  for (;;) {
    const bytes = [...MAC_PREFIX, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff];
    const mac = bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
    if (!used.has(mac)) {
      used.add(mac);
      return mac;
    }
    h = (h + 1) >>> 0;
  }
}

/** A MAC derived from a key, in netcanvas's locally administered range (for ports the design does not list). */
export function stableMac(key: string): string {
  return macFrom(key, new Set());
}

/** EUI-64 interface id from a MAC (RFC 4291 appendix A), as OVN derives IPv6 for ports. */
function eui64(cidr: Cidr, mac: string): bigint {
  const b = mac.split(':').map((x) => Number.parseInt(x, 16));
  const iid = [(b[0] ?? 0) ^ 0x02, b[1], b[2], 0xff, 0xfe, b[3], b[4], b[5]];
  let value = 0n;
  for (const x of iid) value = (value << 8n) | BigInt(x ?? 0);
  return cidr.network | value;
}

interface SwitchPools {
  v4: Pool | undefined;
  v6: Pool | undefined;
}

function pools(sw: LogicalSwitch): SwitchPools {
  const c4 = sw.subnet ? parseCidr(sw.subnet) : undefined;
  const c6 = sw.subnet6 ? parseCidr(sw.subnet6) : undefined;
  return {
    v4: c4?.family === 4 ? poolFor(c4) : undefined,
    v6: c6?.family === 6 ? poolFor(c6) : undefined,
  };
}

function exhausted(obj: NetworkObject, path: (string | number)[], sw: LogicalSwitch): Diagnostic {
  return {
    severity: 'error',
    objectId: obj.id,
    path,
    code: 'ipam-exhausted',
    message: `no free address left in ${sw.name} (${sw.subnet ?? sw.subnet6}): widen the subnet, shrink the DHCP range or exclusions, or give this address by hand`,
  };
}

/**
 * Resolves every NIC and router interface address. Typed addresses are kept; missing
 * ones are chosen deterministically: a hash of the object's ids picks where the search
 * starts, so adding or removing unrelated objects leaves existing allocations alone.
 * Router interfaces default to the lowest free host address.
 */
export function resolveAddresses(app: Application): AddressPlan {
  const index = new AppIndex(app);
  const problems: Diagnostic[] = [];
  const bySwitch = new Map<string, SwitchPools>();
  for (const sw of index.all('switch')) {
    const p = pools(sw);
    bySwitch.set(sw.id, p);
    for (const ex of sw.excludeIps ?? []) {
      reserveRange(p.v4, ex);
      reserveRange(p.v6, ex);
    }
    if (sw.dhcp?.range) {
      const text = `${sw.dhcp.range.start}..${sw.dhcp.range.end}`;
      reserveRange(p.v4, text);
      reserveRange(p.v6, text);
    }
  }
  const poolOf = (switchId: string, family: IpFamily) =>
    family === 4 ? bySwitch.get(switchId)?.v4 : bySwitch.get(switchId)?.v6;

  const usedMacs = new Set<string>();
  for (const w of index.all('workload')) {
    for (const nic of w.nics) {
      reserve(poolOf(nic.switch, 4), nic.ip);
      reserve(poolOf(nic.switch, 6), nic.ip6);
      if (nic.mac && isMac(nic.mac)) usedMacs.add(normalizeMac(nic.mac));
    }
  }
  const routers = [...index.all('router')].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const r of routers) {
    for (const itf of r.interfaces) {
      reserve(poolOf(itf.switch, 4), itf.ip);
      reserve(poolOf(itf.switch, 6), itf.ip6);
      if (itf.mac && isMac(itf.mac)) usedMacs.add(normalizeMac(itf.mac));
    }
  }
  for (const lb of index.all('loadBalancer')) {
    for (const vip of lb.vips) {
      for (const p of bySwitch.values()) {
        reserve(p.v4, vip.ip);
        reserve(p.v6, vip.ip);
      }
    }
  }

  // OVN answers ARP for a health check's source address itself: keep it off every host
  for (const sw of healthCheckedSwitches(index)) {
    const p = bySwitch.get(sw);
    if (p?.v4) p.v4.used.add(p.v4.last);
  }

  const routerPorts: RouterPortAddresses[] = [];
  for (const r of routers) {
    r.interfaces.forEach((itf, i) => {
      const sw = index.getKind(itf.switch, 'switch');
      const p4 = poolOf(itf.switch, 4);
      const p6 = poolOf(itf.switch, 6);
      let ip = itf.ip;
      if (ip === undefined && p4 && sw) {
        const v = take(p4, p4.first);
        if (v === undefined) problems.push(exhausted(r, ['interfaces', i, 'ip'], sw));
        else ip = formatIp(4, v);
      }
      let ip6 = itf.ip6;
      if (ip6 === undefined && p6 && sw) {
        const v = take(p6, p6.first);
        if (v !== undefined) ip6 = formatIp(6, v);
      }
      const mac = itf.mac ? normalizeMac(itf.mac) : macFrom(`${r.id}/${itf.switch}`, usedMacs);
      routerPorts.push({ routerId: r.id, switchId: itf.switch, ip, ip6, mac });
    });
  }

  const pending = index
    .all('workload')
    .flatMap((w) => w.nics.map((nic, i) => ({ w, nic, i, key: `${w.id}/${nic.id}` })))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const resolved = new Map<string, NicAddresses>();
  for (const { w, nic, i, key } of pending) {
    const sw = index.getKind(nic.switch, 'switch');
    const mac = nic.mac ? normalizeMac(nic.mac) : macFrom(key, usedMacs);
    let ip = nic.ip;
    let ipSource: AddressSource | undefined = ip === undefined ? undefined : 'static';
    const p4 = poolOf(nic.switch, 4);
    if (ip === undefined && p4 && sw) {
      const v = take(p4, hashedStart(p4, key));
      if (v === undefined) problems.push(exhausted(w, ['nics', i, 'ip'], sw));
      else {
        ip = formatIp(4, v);
        ipSource = 'allocated';
      }
    }
    let ip6 = nic.ip6;
    const p6 = poolOf(nic.switch, 6);
    if (ip6 === undefined && p6 && sw) {
      const start = p6.cidr.prefixLength === 64 && isMac(mac) ? eui64(p6.cidr, mac) : undefined;
      const v = take(p6, start ?? hashedStart(p6, key));
      if (v === undefined) problems.push(exhausted(w, ['nics', i, 'ip6'], sw));
      else ip6 = formatIp(6, v);
    }
    resolved.set(key, {
      workloadId: w.id,
      nicId: nic.id,
      switchId: nic.switch,
      ip,
      ipSource,
      ip6,
      mac,
      macSource: nic.mac ? 'static' : 'allocated',
    });
  }
  // document order, so callers can zip with the design
  const nics = index
    .all('workload')
    .flatMap((w) => w.nics.map((nic) => resolved.get(`${w.id}/${nic.id}`)))
    .filter((n): n is NicAddresses => n !== undefined);
  return { nics, routerPorts, problems };
}

/**
 * Writes every allocated address into the design, so it stays put from then on
 * (what the editor does when a workload is connected, and the server on save).
 */
export function allocateAddresses(app: Application): Application {
  const plan = resolveAddresses(app);
  const nicKey = (w: string, n: string) => `${w}/${n}`;
  const nics = new Map(plan.nics.map((n) => [nicKey(n.workloadId, n.nicId), n]));
  const ports = new Map(plan.routerPorts.map((p) => [nicKey(p.routerId, p.switchId), p]));
  const objects = app.objects.map((obj): NetworkObject => {
    if (obj.kind === 'workload') {
      return {
        ...obj,
        nics: obj.nics.map((nic) => {
          const r = nics.get(nicKey(obj.id, nic.id));
          if (!r) return nic;
          const out = { ...nic, mac: r.mac };
          if (r.ip !== undefined) out.ip = r.ip;
          if (r.ip6 !== undefined) out.ip6 = r.ip6;
          return out;
        }),
      };
    }
    if (obj.kind === 'router') {
      return {
        ...obj,
        interfaces: obj.interfaces.map((itf) => {
          const r = ports.get(nicKey(obj.id, itf.switch));
          if (!r) return itf;
          const out = { ...itf, mac: r.mac };
          if (r.ip !== undefined) out.ip = r.ip;
          if (r.ip6 !== undefined) out.ip6 = r.ip6;
          return out;
        }),
      };
    }
    return obj;
  });
  return { ...app, objects };
}

/** How many addresses a subnet can hand out in all (for capacity display). */
export function subnetCapacity(subnet: string): bigint | undefined {
  const c = parseCidr(subnet);
  if (!c) return undefined;
  const p = poolFor(c);
  return p.last >= p.first ? p.last - p.first + 1n : 0n;
}

/**
 * The address OVN's load-balancer health checks send from on a switch (`ip_port_mappings`
 * source): the subnet's last host address, which IPAM keeps free.
 */
export function healthCheckSource(subnet: string | undefined): string | undefined {
  const c = subnet === undefined ? undefined : parseCidr(subnet);
  if (c?.family !== 4) return undefined;
  return formatIp(4, poolFor(c).last);
}

/** Switches that host a backend of a health-checked load balancer. */
export function healthCheckedSwitches(index: AppIndex): Set<string> {
  const out = new Set<string>();
  for (const lb of index.all('loadBalancer')) {
    if (!lb.healthCheck) continue;
    for (const vip of lb.vips) {
      for (const b of vip.backends) {
        const w = b.workload ? index.getKind(b.workload, 'workload') : undefined;
        const sw = w?.nics[0]?.switch;
        if (sw) out.add(sw);
        const ip = b.ip === undefined ? undefined : parseIp(b.ip);
        if (ip) {
          for (const s of index.all('switch')) {
            const c = s.subnet ? parseCidr(s.subnet) : undefined;
            if (c && cidrContains(c, ip)) out.add(s.id);
          }
        }
      }
    }
  }
  return out;
}
