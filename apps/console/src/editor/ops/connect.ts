import {
  type Application,
  formatIp,
  type NetworkObject,
  type ObjectKind,
  type ObjectOfKind,
  parseCidr,
  parseIp,
} from '@netcanvas/model';
import { allocateFor } from './ipam.ts';

type Pair = readonly [ObjectKind, ObjectKind];

/** Which kinds a drawn line can join, and what the line means. */
const PAIRS: readonly (readonly [ObjectKind, ObjectKind, string])[] = [
  ['workload', 'switch', 'NIC'],
  ['router', 'switch', 'router interface'],
  ['router', 'uplink', 'gateway'],
  ['switch', 'uplink', 'localnet'],
  ['loadBalancer', 'switch', 'VIP attachment'],
  ['loadBalancer', 'router', 'VIP attachment'],
  ['loadBalancer', 'workload', 'backend'],
  ['qos', 'workload', 'QoS target'],
  ['qos', 'switch', 'QoS target'],
  ['firewall', 'switch', 'guarded switch'],
  ['group', 'workload', 'group member'],
];

function orient(a: NetworkObject, b: NetworkObject): [NetworkObject, NetworkObject] | undefined {
  for (const [x, y] of PAIRS as readonly (readonly [...Pair, string])[]) {
    if (a.kind === x && b.kind === y) return [a, b];
    if (b.kind === x && a.kind === y) return [b, a];
  }
  return undefined;
}

/** What connecting these two kinds makes, or undefined when they cannot be joined. */
export function connectionMeaning(a: ObjectKind, b: ObjectKind): string | undefined {
  return PAIRS.find(([x, y]) => (a === x && b === y) || (a === y && b === x))?.[2];
}

function nextNicId(w: ObjectOfKind<'workload'>): string {
  const ids = new Set(w.nics.map((n) => n.id));
  let n = 0;
  while (ids.has(`eth${n}`)) n++;
  return `eth${n}`;
}

/** A free address for a router's gateway port on an uplink's subnet. */
function gatewayIp(doc: Application, uplink: ObjectOfKind<'uplink'>): string {
  const c = uplink.subnet ? parseCidr(uplink.subnet) : undefined;
  if (!c) return '';
  const used = new Set<bigint>();
  const mark = (ip: string | undefined) => {
    const p = ip ? parseIp(ip) : undefined;
    if (p) used.add(p.value);
  };
  mark(uplink.gatewayIp);
  for (const o of doc.objects) if (o.kind === 'router') mark(o.gateway?.ip);
  for (let v = c.network + 1n; v < c.network + 256n; v++) {
    if (!used.has(v)) return formatIp(c.family, v);
  }
  return '';
}

const addOnce = (list: readonly string[], id: string): string[] =>
  list.includes(id) ? [...list] : [...list, id];

function joined(doc: Application, a: NetworkObject, b: NetworkObject): NetworkObject | undefined {
  if (a.kind === 'workload' && b.kind === 'switch') {
    if (a.nics.some((n) => n.switch === b.id)) return undefined;
    return { ...a, nics: [...a.nics, { id: nextNicId(a), switch: b.id }] };
  }
  if (a.kind === 'router' && b.kind === 'switch') {
    if (a.interfaces.some((i) => i.switch === b.id)) return undefined;
    return { ...a, interfaces: [...a.interfaces, { switch: b.id }] };
  }
  if (a.kind === 'router' && b.kind === 'uplink') {
    return { ...a, gateway: { uplink: b.id, ip: gatewayIp(doc, b), chassis: [] } };
  }
  if (a.kind === 'switch' && b.kind === 'uplink') return { ...a, uplink: b.id };
  if (a.kind === 'loadBalancer' && (b.kind === 'switch' || b.kind === 'router')) {
    return { ...a, attachedTo: addOnce(a.attachedTo, b.id) };
  }
  if (a.kind === 'loadBalancer' && b.kind === 'workload') {
    if (a.vips.length === 0) {
      return { ...a, vips: [{ ip: '', port: 80, backends: [{ workload: b.id, port: 80 }] }] };
    }
    const vips = a.vips.map((v) =>
      v.backends.some((x) => x.workload === b.id)
        ? v
        : { ...v, backends: [...v.backends, { workload: b.id, port: v.port }] },
    );
    return { ...a, vips };
  }
  if (a.kind === 'qos') return { ...a, appliesTo: addOnce(a.appliesTo, b.id) };
  if (a.kind === 'firewall') return { ...a, appliesTo: addOnce(a.appliesTo ?? [], b.id) };
  if (a.kind === 'group' && b.kind === 'workload' && a.members.type === 'tags') {
    const tags = a.members.tags.reduce<string[]>((t, tag) => addOnce(t, tag), b.tags ?? []);
    return { ...b, tags };
  }
  return undefined;
}

/**
 * Joins two objects the way the line means: a NIC, a router interface (both addressed by
 * IPAM), a gateway, a VIP attachment, a backend, a policy target or a group tag.
 */
export function connect(doc: Application, sourceId: string, targetId: string): Application {
  const s = doc.objects.find((o) => o.id === sourceId);
  const t = doc.objects.find((o) => o.id === targetId);
  const pair = s && t && s !== t ? orient(s, t) : undefined;
  if (!pair) return doc;
  const changed = joined(doc, pair[0], pair[1]);
  if (!changed) return doc;
  const next = { ...doc, objects: doc.objects.map((o) => (o.id === changed.id ? changed : o)) };
  return changed.kind === 'workload' || changed.kind === 'router'
    ? allocateFor(next, new Set([changed.id]))
    : next;
}
