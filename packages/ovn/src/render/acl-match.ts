import { type Endpoint, type FirewallRule, parseCidr, type Service } from '@netcanvas/model';

type Family = 4 | 6;

/** How a rule endpoint reads in an OVN match, per family (undefined: cannot match that family). */
function endpointMatch(
  ep: Endpoint,
  side: 'src' | 'dst',
  family: Family,
  setName: (group: string) => string,
): string | null | undefined {
  if (ep === 'any') return null;
  if ('group' in ep) return `ip${family}.${side} == $${setName(ep.group)}_ip${family}`;
  const c = parseCidr(ep.cidr, false);
  if (!c || c.family !== family) return undefined;
  return `ip${family}.${side} == ${ep.cidr}`;
}

function serviceMatch(s: Service, families: readonly Family[]): string {
  if (s.protocol === 'icmp')
    return families.length === 2 ? '(icmp4 || icmp6)' : `icmp${families[0]}`;
  if (s.ports === undefined) return s.protocol;
  const [lo, hi] = s.ports.split('-');
  return hi === undefined || hi === lo
    ? `${s.protocol}.dst == ${Number(lo)}`
    : `${s.protocol}.dst >= ${Number(lo)} && ${s.protocol}.dst <= ${Number(hi)}`;
}

/**
 * The OVN match of a firewall rule, hung on the app's port group: `outport == @pg` for
 * to-lport (checked where traffic is delivered), `inport == @pg` for from-lport.
 * Group endpoints use the address sets OVN keeps per port group (`$pg_ip4`), or ours
 * for CIDR groups, named the same way.
 */
export function aclMatch(
  rule: FirewallRule,
  portGroup: string,
  families: readonly Family[],
  setName: (group: string) => string,
): string {
  const port =
    rule.direction === 'to-lport' ? `outport == @${portGroup}` : `inport == @${portGroup}`;
  const clauses: string[] = [];
  const used: Family[] = [];
  for (const f of families) {
    const src = endpointMatch(rule.from, 'src', f, setName);
    const dst = endpointMatch(rule.to, 'dst', f, setName);
    if (src === undefined || dst === undefined) continue;
    used.push(f);
    clauses.push([`ip${f}`, src, dst].filter((x) => x !== null).join(' && '));
  }
  if (clauses.length === 0) clauses.push('0');
  const ipPart =
    clauses.length === 1 ? (clauses[0] ?? '0') : `(${clauses.map((c) => `(${c})`).join(' || ')})`;
  const services = rule.services.map((s) => serviceMatch(s, used.length > 0 ? used : [4]));
  const svcPart =
    services.length === 0
      ? undefined
      : services.length === 1
        ? services[0]
        : `(${services.join(' || ')})`;
  return [port, ipPart, svcPart].filter((x) => x !== undefined).join(' && ');
}
