import {
  type Application,
  cidrOverlaps,
  type NetworkObject,
  type ObjectKind,
  parseCidr,
} from '@netcanvas/model';
import { nextId } from '../ids.ts';

/** The first 10.0.N.0/24 no switch uses yet, so a new switch is valid as dropped. */
function freeSubnet(doc: Application): string | undefined {
  const used = doc.objects.flatMap((o) => {
    const c = o.kind === 'switch' && o.subnet ? parseCidr(o.subnet) : undefined;
    return c ? [c] : [];
  });
  for (let n = 1; n < 255; n++) {
    const text = `10.0.${n}.0/24`;
    const c = parseCidr(text);
    if (c && !used.some((u) => cidrOverlaps(u, c))) return text;
  }
  return undefined;
}

/** A new object of a kind with sensible defaults, named after its id. */
export function newObject(doc: Application, kind: ObjectKind): NetworkObject {
  const id = nextId(doc, kind);
  const base = { id, name: id };
  switch (kind) {
    case 'switch': {
      const subnet = freeSubnet(doc);
      return { ...base, kind, dhcp: { enabled: true }, ...(subnet ? { subnet } : {}) };
    }
    case 'router':
      return { ...base, kind, interfaces: [], routes: [], nat: [] };
    case 'workload':
      return { ...base, kind, workloadType: 'vm', nics: [] };
    case 'loadBalancer':
      return { ...base, kind, protocol: 'tcp', vips: [], attachedTo: [] };
    case 'group':
      return { ...base, kind, members: { type: 'tags', tags: [`group=${id}`] } };
    case 'firewall':
      return { ...base, kind, priority: 100, rules: [] };
    case 'qos':
      return { ...base, kind, appliesTo: [], direction: 'egress' };
    case 'uplink':
      return { ...base, kind, physicalNetwork: 'physnet1' };
  }
}
