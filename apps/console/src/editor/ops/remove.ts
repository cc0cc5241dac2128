import type { Application, Endpoint, NetworkObject } from '@netcanvas/model';

const named = (ep: Endpoint, gone: ReadonlySet<string>) =>
  ep !== 'any' && 'group' in ep && gone.has(ep.group);

/** The object with every reference to a removed object taken out. */
function withoutRefs(o: NetworkObject, gone: ReadonlySet<string>): NetworkObject {
  switch (o.kind) {
    case 'workload':
      return { ...o, nics: o.nics.filter((n) => !gone.has(n.switch)) };
    case 'router': {
      const { gateway, ...rest } = o;
      const out = {
        ...rest,
        interfaces: o.interfaces.filter((i) => !gone.has(i.switch)),
        nat: o.nat.filter((n) => n.workload === undefined || !gone.has(n.workload)),
      };
      return gateway && !gone.has(gateway.uplink) ? { ...out, gateway } : out;
    }
    case 'switch': {
      if (o.uplink === undefined || !gone.has(o.uplink)) return o;
      const { uplink: _gone, ...rest } = o;
      return rest;
    }
    case 'loadBalancer':
      return {
        ...o,
        attachedTo: o.attachedTo.filter((id) => !gone.has(id)),
        vips: o.vips.map((v) => ({
          ...v,
          backends: v.backends.filter((b) => b.workload === undefined || !gone.has(b.workload)),
        })),
      };
    case 'qos':
      return { ...o, appliesTo: o.appliesTo.filter((id) => !gone.has(id)) };
    case 'firewall': {
      const rules = o.rules.filter((r) => !named(r.from, gone) && !named(r.to, gone));
      const out = { ...o, rules };
      return o.appliesTo ? { ...out, appliesTo: o.appliesTo.filter((id) => !gone.has(id)) } : out;
    }
    default:
      return o;
  }
}

/**
 * Deletes objects with their ports: NICs and router interfaces on a deleted switch,
 * gateways on a deleted uplink, LB backends and attachments, policy targets and the
 * firewall rules that name a deleted group.
 */
export function removeObjects(doc: Application, ids: readonly string[]): Application {
  const gone = new Set(ids.filter((id) => doc.objects.some((o) => o.id === id)));
  if (gone.size === 0) return doc;
  const positions = Object.fromEntries(
    Object.entries(doc.layout.positions).filter(([id]) => !gone.has(id)),
  );
  return {
    ...doc,
    objects: doc.objects.filter((o) => !gone.has(o.id)).map((o) => withoutRefs(o, gone)),
    layout: { ...doc.layout, positions },
  };
}
