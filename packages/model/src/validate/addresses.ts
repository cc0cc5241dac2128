import { switchSubnets } from '../addressing.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { healthCheckedSwitches, healthCheckSource } from '../ipam.ts';
import {
  type Cidr,
  cidrContains,
  cidrLast,
  type IpFamily,
  parseCidr,
  parseIp,
  parseIpRange,
} from '../net/ip.ts';
import { isMac, isMulticastMac, normalizeMac } from '../net/mac.ts';
import type { LogicalSwitch } from '../schema/types.ts';
import { type Check, error, warning } from './context.ts';

const familyField = (f: IpFamily) => (f === 4 ? 'subnet' : 'subnet6');

/** Subnets, DHCP ranges and exclusions of switches and uplinks are well formed. */
export const checkSubnets: Check = ({ index }) => {
  const out: Diagnostic[] = [];
  for (const sw of index.all('switch')) {
    for (const family of [4, 6] as const) {
      const text = sw[familyField(family)];
      if (text === undefined) continue;
      const c = parseCidr(text);
      if (!c) {
        out.push(
          error(
            sw.id,
            [familyField(family)],
            'invalid-address',
            `"${text}" is not a subnet: write it as network/prefix with the host bits zero, e.g. ${family === 4 ? '10.0.1.0/24' : 'fd00:1::/64'}`,
          ),
        );
      } else if (c.family !== family) {
        out.push(
          error(
            sw.id,
            [familyField(family)],
            'ip-family-mismatch',
            `${familyField(family)} must be an IPv${family} subnet, but "${text}" is IPv${c.family}; move it to ${familyField(c.family)}`,
          ),
        );
      }
    }
    const subnets = switchSubnets(sw);
    (sw.excludeIps ?? []).forEach((ex, i) => {
      const r = parseIpRange(ex);
      if (!r)
        out.push(
          error(
            sw.id,
            ['excludeIps', i],
            'invalid-address',
            `"${ex}" is not an address or an a..b range`,
          ),
        );
      else if (
        !subnets.some((c) => c.family === r.family && r.first >= c.network && r.last <= cidrLast(c))
      ) {
        out.push(
          warning(
            sw.id,
            ['excludeIps', i],
            'address-outside-subnet',
            `exclusion ${ex} lies outside ${sw.name}'s subnets, so it excludes nothing`,
          ),
        );
      }
    });
    const range = sw.dhcp?.range;
    if (range) {
      const r = parseIpRange(`${range.start}..${range.end}`);
      if (!r) {
        out.push(
          error(
            sw.id,
            ['dhcp', 'range'],
            'invalid-address',
            `DHCP range ${range.start}..${range.end} is not two addresses of one family, lowest first`,
          ),
        );
      } else if (
        !subnets.some((c) => c.family === r.family && r.first > c.network && r.last < cidrLast(c))
      ) {
        out.push(
          error(
            sw.id,
            ['dhcp', 'range'],
            'dhcp-range-outside-subnet',
            `DHCP range ${range.start}..${range.end} is not inside ${sw.name}'s subnet (${sw.subnet ?? sw.subnet6 ?? 'none'}); pick host addresses of the subnet`,
          ),
        );
      }
    }
    (sw.dhcp?.dnsServers ?? []).forEach((d, i) => {
      if (!parseIp(d))
        out.push(
          error(
            sw.id,
            ['dhcp', 'dnsServers', i],
            'invalid-address',
            `DNS server "${d}" is not an IP address`,
          ),
        );
    });
  }
  for (const up of index.all('uplink')) {
    const c = up.subnet === undefined ? undefined : parseCidr(up.subnet);
    if (up.subnet !== undefined && !c) {
      out.push(
        error(
          up.id,
          ['subnet'],
          'invalid-address',
          `"${up.subnet}" is not a subnet (network/prefix)`,
        ),
      );
    }
    if (up.gatewayIp !== undefined) {
      const gw = parseIp(up.gatewayIp);
      if (!gw)
        out.push(
          error(up.id, ['gatewayIp'], 'invalid-address', `"${up.gatewayIp}" is not an IP address`),
        );
      else if (c && !cidrContains(c, gw)) {
        out.push(
          error(
            up.id,
            ['gatewayIp'],
            'address-outside-subnet',
            `upstream gateway ${up.gatewayIp} is outside ${up.subnet}`,
          ),
        );
      }
    }
  }
  return out;
};

function checkHostAddress(
  out: Diagnostic[],
  objectId: string,
  path: (string | number)[],
  text: string,
  family: IpFamily,
  sw: LogicalSwitch | undefined,
  owner: string,
): void {
  const ip = parseIp(text);
  if (!ip) {
    out.push(error(objectId, path, 'invalid-address', `"${text}" is not an IPv${family} address`));
    return;
  }
  if (ip.family !== family) {
    out.push(
      error(
        objectId,
        path,
        'ip-family-mismatch',
        `${path.at(-1)} must be IPv${family}, but ${text} is IPv${ip.family}${family === 4 ? '; put it in ip6' : '; put it in ip'}`,
      ),
    );
    return;
  }
  // an unparseable subnet is reported on the switch; repeating it on every port is noise
  if (
    !sw ||
    (sw[familyField(family)] !== undefined && !switchSubnets(sw).some((c) => c.family === family))
  )
    return;
  const subnet: Cidr | undefined = switchSubnets(sw).find((c) => c.family === family);
  if (!subnet) {
    out.push(
      error(
        objectId,
        path,
        'no-subnet',
        `${sw.name} has no IPv${family} subnet, so ${owner} cannot have ${text}; add a ${familyField(family)} to ${sw.name} or remove the address`,
      ),
    );
  } else if (!cidrContains(subnet, ip)) {
    out.push(
      error(
        objectId,
        path,
        'address-outside-subnet',
        `${owner}'s address ${text} is outside ${sw.name}'s subnet ${sw[familyField(family)]}; pick an address inside it or leave it empty to allocate one`,
      ),
    );
  } else if (
    family === 4 &&
    subnet.prefixLength < 31 &&
    (ip.value === subnet.network || ip.value === cidrLast(subnet))
  ) {
    out.push(
      error(
        objectId,
        path,
        'address-outside-subnet',
        `${text} is the ${ip.value === subnet.network ? 'network' : 'broadcast'} address of ${sw[familyField(family)]}; pick a host address`,
      ),
    );
  }
}

/** NIC and router-interface addresses fit their switch; IPs and MACs are unique. */
export const checkHostAddresses: Check = ({ index, addr }) => {
  const out: Diagnostic[] = [];
  for (const w of index.all('workload')) {
    w.nics.forEach((nic, i) => {
      const sw = index.getKind(nic.switch, 'switch');
      if (nic.ip !== undefined)
        checkHostAddress(out, w.id, ['nics', i, 'ip'], nic.ip, 4, sw, w.name);
      if (nic.ip6 !== undefined)
        checkHostAddress(out, w.id, ['nics', i, 'ip6'], nic.ip6, 6, sw, w.name);
      if (nic.mac !== undefined && (!isMac(nic.mac) || isMulticastMac(nic.mac))) {
        out.push(
          error(
            w.id,
            ['nics', i, 'mac'],
            'invalid-mac',
            `"${nic.mac}" is not a unicast MAC like 0a:58:0a:00:01:0b; fix it or leave it empty to allocate one`,
          ),
        );
      }
    });
  }
  for (const r of index.all('router')) {
    r.interfaces.forEach((itf, i) => {
      const sw = index.getKind(itf.switch, 'switch');
      if (itf.ip !== undefined)
        checkHostAddress(out, r.id, ['interfaces', i, 'ip'], itf.ip, 4, sw, r.name);
      if (itf.ip6 !== undefined)
        checkHostAddress(out, r.id, ['interfaces', i, 'ip6'], itf.ip6, 6, sw, r.name);
      if (itf.mac !== undefined && (!isMac(itf.mac) || isMulticastMac(itf.mac))) {
        out.push(
          error(r.id, ['interfaces', i, 'mac'], 'invalid-mac', `"${itf.mac}" is not a unicast MAC`),
        );
      }
    });
  }

  const ipOwners = new Map<string, string>();
  const macOwners = new Map<string, string>();
  const byNic = new Map(index.all('workload').map((w) => [w.id, w]));
  for (const nic of addr.plan.nics) {
    const w = byNic.get(nic.workloadId);
    if (!w) continue;
    const n = w.nics.findIndex((x) => x.id === nic.nicId);
    for (const [field, text] of [
      ['ip', nic.ip],
      ['ip6', nic.ip6],
    ] as const) {
      const ip = text === undefined ? undefined : parseIp(text);
      if (!ip) continue;
      const k = `${ip.family}/${ip.value}`;
      const other = ipOwners.get(k);
      if (other !== undefined) {
        out.push(
          error(
            w.id,
            ['nics', n, field],
            'duplicate-ip',
            `${text} is also used by ${other}; every NIC needs its own address`,
          ),
        );
      } else ipOwners.set(k, `${w.name}/${nic.nicId}`);
    }
    const other = macOwners.get(nic.mac);
    if (other !== undefined) {
      out.push(
        error(
          w.id,
          ['nics', n, 'mac'],
          'duplicate-mac',
          `MAC ${nic.mac} is also used by ${other}; MACs must be unique on a network`,
        ),
      );
    } else macOwners.set(nic.mac, `${w.name}/${nic.nicId}`);
  }
  addr.plan.routerPorts.forEach((p) => {
    const mac = normalizeMac(p.mac);
    const other = macOwners.get(mac);
    const r = index.getKind(p.routerId, 'router');
    if (other !== undefined && r) {
      const i = r.interfaces.findIndex((x) => x.switch === p.switchId);
      out.push(
        error(
          r.id,
          ['interfaces', i, 'mac'],
          'duplicate-mac',
          `MAC ${mac} is also used by ${other}`,
        ),
      );
    } else macOwners.set(mac, `${r?.name ?? p.routerId} interface`);
  });
  for (const swId of healthCheckedSwitches(index)) {
    const sw = index.getKind(swId, 'switch');
    const reserved = healthCheckSource(sw?.subnet);
    if (!sw || !reserved) continue;
    for (const w of index.all('workload')) {
      w.nics.forEach((nic, n) => {
        if (nic.switch === swId && nic.ip === reserved) {
          out.push(
            error(
              w.id,
              ['nics', n, 'ip'],
              'reserved-address',
              `${reserved} is where load-balancer health checks on ${sw.name} come from (OVN answers ARP for it); pick another address`,
            ),
          );
        }
      });
    }
  }
  out.push(...addr.plan.problems);
  return out;
};
