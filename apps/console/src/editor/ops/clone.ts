import type { Application, NetworkObject, Position } from '@netcanvas/model';
import { nextId, uniqueName } from '../ids.ts';

/** What the clipboard holds: objects and where they sat. */
export interface Clip {
  readonly objects: readonly NetworkObject[];
  readonly positions: Readonly<Record<string, Position>>;
}

/** Copies are new objects: what was imported from OVN stays with the original. */
function strip<T extends object>(x: T): T {
  const { ovn: _ovn, ...rest } = x as T & { ovn?: unknown };
  return rest as T;
}

/** Points references at the copies where the referenced object was copied too. */
function remapped(o: NetworkObject, map: ReadonlyMap<string, string>): NetworkObject {
  const to = (id: string) => map.get(id) ?? id;
  switch (o.kind) {
    case 'workload':
      // addresses cleared: IPAM gives the copy its own
      return {
        ...strip(o),
        nics: o.nics.map((n) => ({ id: n.id, switch: to(n.switch) })),
      };
    case 'router':
      return {
        ...strip(o),
        interfaces: o.interfaces.map((i) => ({ switch: to(i.switch) })),
        routes: o.routes.map(strip),
        nat: o.nat.map((n) => strip(n.workload ? { ...n, workload: to(n.workload) } : n)),
        ...(o.gateway ? { gateway: { ...o.gateway, uplink: to(o.gateway.uplink) } } : {}),
      };
    case 'switch':
      return { ...strip(o), ...(o.uplink ? { uplink: to(o.uplink) } : {}) };
    case 'loadBalancer':
      return {
        ...strip(o),
        attachedTo: o.attachedTo.map(to),
        vips: o.vips.map((v) => ({
          ...v,
          backends: v.backends.map((b) => (b.workload ? { ...b, workload: to(b.workload) } : b)),
        })),
      };
    case 'qos':
      return { ...o, appliesTo: o.appliesTo.map(to) };
    case 'firewall':
      return {
        ...o,
        ...(o.appliesTo ? { appliesTo: o.appliesTo.map(to) } : {}),
        rules: o.rules.map(strip),
      };
    default:
      return strip(o);
  }
}

/**
 * Copies of the clip's objects with new ids and names, shifted by `offset`; addresses
 * and MACs are cleared so IPAM hands out fresh ones.
 */
export function cloneClip(doc: Application, clip: Clip, offset: Position): Clip {
  const ids = new Set<string>();
  const names = new Set<string>();
  const map = new Map<string, string>();
  for (const o of clip.objects) {
    const id = nextId(doc, o.kind, ids);
    ids.add(id);
    map.set(o.id, id);
  }
  const objects = clip.objects.map((o) => {
    const name = uniqueName(doc, o.name, names);
    names.add(name);
    return { ...remapped(o, map), id: map.get(o.id) ?? o.id, name } as NetworkObject;
  });
  const positions: Record<string, Position> = {};
  clip.objects.forEach((o, i) => {
    const p = clip.positions[o.id] ?? { x: 0, y: 0 };
    const id = objects[i]?.id;
    if (id) positions[id] = { x: p.x + offset.x, y: p.y + offset.y };
  });
  return { objects, positions };
}
