import { switchSubnets } from '../addressing.ts';
import type { Diagnostic } from '../diagnostics.ts';
import {
  cidrContains,
  cidrOverlaps,
  formatCidr,
  parseCidr,
  parseIp,
  parseIpRange,
} from '../net/ip.ts';
import { type Check, error, warning } from './context.ts';

/** Router attachments, addresses, routes, gateways and NAT make sense. */
export const checkRouters: Check = ({ index, addr }) => {
  const out: Diagnostic[] = [];
  for (const r of index.all('router')) {
    const seen = new Set<string>();
    r.interfaces.forEach((itf, i) => {
      if (seen.has(itf.switch)) {
        out.push(
          error(
            r.id,
            ['interfaces', i, 'switch'],
            'router-attached-twice',
            `${r.name} is attached to ${index.get(itf.switch)?.name ?? itf.switch} twice; a router has one interface per switch, remove one`,
          ),
        );
      }
      seen.add(itf.switch);
    });

    // one router joining two overlapping subnets cannot tell them apart
    const attached = r.interfaces
      .map((itf) => index.getKind(itf.switch, 'switch'))
      .filter((sw) => sw !== undefined);
    for (let a = 0; a < attached.length; a++) {
      for (let b = a + 1; b < attached.length; b++) {
        const sa = attached[a];
        const sb = attached[b];
        if (!sa || !sb || sa.id === sb.id) continue;
        for (const ca of switchSubnets(sa)) {
          for (const cb of switchSubnets(sb)) {
            if (!cidrOverlaps(ca, cb)) continue;
            out.push(
              error(
                r.id,
                ['interfaces', b, 'switch'],
                'overlapping-subnets',
                `${sa.name} (${formatCidr(ca)}) and ${sb.name} (${formatCidr(cb)}) overlap and are both reachable through ${r.name}; renumber one of them`,
              ),
            );
          }
        }
      }
    }

    for (const port of addr.plan.routerPorts.filter((p) => p.routerId === r.id)) {
      const i = r.interfaces.findIndex((x) => x.switch === port.switchId);
      const sw = index.getKind(port.switchId, 'switch');
      for (const [field, text] of [
        ['ip', port.ip],
        ['ip6', port.ip6],
      ] as const) {
        const ip = text === undefined ? undefined : parseIp(text);
        if (!ip || !sw) continue;
        const nic = addr.nicWithIp(ip);
        if (nic) {
          out.push(
            error(
              r.id,
              ['interfaces', i, field],
              'router-ip-conflict',
              `${r.name}'s interface address ${text} on ${sw.name} is also workload ${index.get(nic.workloadId)?.name ?? nic.workloadId}'s address; change one of them`,
            ),
          );
        }
        const other = addr.plan.routerPorts.find(
          (p) => p.routerId !== r.id && p.switchId === sw.id && (p.ip === text || p.ip6 === text),
        );
        if (other && other.routerId < r.id) {
          out.push(
            error(
              r.id,
              ['interfaces', i, field],
              'router-ip-conflict',
              `${text} on ${sw.name} is also router ${index.get(other.routerId)?.name ?? other.routerId}'s interface address`,
            ),
          );
        }
        const range =
          sw.dhcp?.range && parseIpRange(`${sw.dhcp.range.start}..${sw.dhcp.range.end}`);
        if (
          range &&
          range.family === ip.family &&
          ip.value >= range.first &&
          ip.value <= range.last
        ) {
          out.push(
            error(
              r.id,
              ['interfaces', i, field],
              'router-ip-conflict',
              `${r.name}'s interface address ${text} is inside ${sw.name}'s DHCP range ${sw.dhcp?.range?.start}..${sw.dhcp?.range?.end}; move it out of the range`,
            ),
          );
        }
      }
    }

    r.routes.forEach((rt, i) => {
      const prefix = parseCidr(rt.prefix);
      const hop = parseIp(rt.nextHop);
      if (!prefix)
        out.push(
          error(
            r.id,
            ['routes', i, 'prefix'],
            'invalid-address',
            `route prefix "${rt.prefix}" is not network/prefix with host bits zero`,
          ),
        );
      if (!hop)
        out.push(
          error(
            r.id,
            ['routes', i, 'nextHop'],
            'invalid-address',
            `next hop "${rt.nextHop}" is not an IP address`,
          ),
        );
      if (prefix && hop && prefix.family !== hop.family) {
        out.push(
          error(
            r.id,
            ['routes', i, 'nextHop'],
            'ip-family-mismatch',
            `route ${rt.prefix} is IPv${prefix.family} but its next hop ${rt.nextHop} is IPv${hop.family}`,
          ),
        );
      }
    });

    const gw = r.gateway;
    if (gw) {
      const ip = parseIp(gw.ip);
      const uplink = index.getKind(gw.uplink, 'uplink');
      const subnet = uplink?.subnet === undefined ? undefined : parseCidr(uplink.subnet);
      if (!ip)
        out.push(
          error(
            r.id,
            ['gateway', 'ip'],
            'invalid-address',
            `gateway address "${gw.ip}" is not an IP address`,
          ),
        );
      else if (subnet && !cidrContains(subnet, ip)) {
        out.push(
          error(
            r.id,
            ['gateway', 'ip'],
            'gateway-outside-uplink',
            `gateway address ${gw.ip} is outside uplink ${uplink?.name}'s subnet ${uplink?.subnet}; pick an address on the physical network`,
          ),
        );
      }
    }
    r.nat.forEach((n, i) => {
      if (!gw) {
        out.push(
          warning(
            r.id,
            ['nat', i],
            'nat-outside-gateway',
            `${n.type} rule ${n.id} has no gateway uplink on ${r.name} to act on: NAT happens where traffic leaves for the physical network; add a gateway (or make the router a gateway router in OVN)`,
          ),
        );
      }
      const ext = parseIp(n.externalIp);
      if (!ext) {
        out.push(
          error(
            r.id,
            ['nat', i, 'externalIp'],
            'invalid-address',
            `external address "${n.externalIp}" is not an IP address`,
          ),
        );
        return;
      }
      if (n.internalIp === undefined) {
        if (n.workload === undefined) {
          out.push(
            error(
              r.id,
              ['nat', i, 'internalIp'],
              'invalid-address',
              `${n.type} rule ${n.id} needs an inside address or a workload`,
            ),
          );
        }
        return;
      }
      const inside = n.type === 'snat' ? parseCidr(n.internalIp, false) : parseIp(n.internalIp);
      if (!inside) {
        out.push(
          error(
            r.id,
            ['nat', i, 'internalIp'],
            'invalid-address',
            `inside address "${n.internalIp}" is not ${n.type === 'snat' ? 'a subnet or address' : 'an IP address'}`,
          ),
        );
      } else if (inside.family !== ext.family) {
        out.push(
          error(
            r.id,
            ['nat', i, 'internalIp'],
            'ip-family-mismatch',
            `${n.type} maps IPv${inside.family} ${n.internalIp} to IPv${ext.family} ${n.externalIp}; OVN NAT does not translate between families`,
          ),
        );
      }
    });
  }
  return out;
};
