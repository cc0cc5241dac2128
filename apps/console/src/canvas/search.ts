import type { AddressPlan, Application, NetworkObject } from '@netcanvas/model';

/** Every string a search may find an object by: name, id, tags and its addresses. */
function haystack(o: NetworkObject, plan: AddressPlan): string[] {
  const out = [o.name, o.id, ...(o.tags ?? [])];
  switch (o.kind) {
    case 'switch':
      out.push(o.subnet ?? '', o.subnet6 ?? '');
      break;
    case 'workload':
      for (const n of plan.nics)
        if (n.workloadId === o.id) out.push(n.ip ?? '', n.ip6 ?? '', n.mac);
      break;
    case 'router':
      for (const p of plan.routerPorts) if (p.routerId === o.id) out.push(p.ip ?? '', p.ip6 ?? '');
      if (o.gateway) out.push(o.gateway.ip);
      break;
    case 'loadBalancer':
      for (const v of o.vips) out.push(v.ip, `${v.ip}:${v.port}`);
      break;
    case 'uplink':
      out.push(o.subnet ?? '', o.gatewayIp ?? '', o.physicalNetwork);
      break;
    case 'group':
      if (o.members.type === 'cidrs') out.push(...o.members.cidrs);
      break;
    default:
      break;
  }
  return out.filter((s) => s !== '');
}

/** Objects whose name, tag or address contains the query; undefined for an empty query. */
export function searchObjects(
  app: Application,
  plan: AddressPlan,
  query: string,
): string[] | undefined {
  const q = query.trim().toLowerCase();
  if (q === '') return undefined;
  return app.objects
    .filter((o) => haystack(o, plan).some((s) => s.toLowerCase().includes(q)))
    .map((o) => o.id);
}
