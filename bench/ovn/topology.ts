import type { Application, NetworkObject } from '@netcanvas/model';

/**
 * The provisioning benchmark's network: `switches` × `portsPerSwitch` workload ports,
 * two ACLs per port, one address set per switch, and a router joining every switch.
 */
export function benchTopology(switches: number, portsPerSwitch: number): Application {
  const objects: NetworkObject[] = [];
  const rules: Extract<NetworkObject, { kind: 'firewall' }>['rules'] = [];
  const interfaces: { switch: string; ip: string; mac: string }[] = [];
  for (let s = 0; s < switches; s++) {
    const sw = `ls${s}`;
    const net = `10.${Math.floor(s / 250)}.${s % 250}`;
    objects.push({ id: sw, name: sw, kind: 'switch', subnet: `${net}.0/24` });
    objects.push({
      id: `as${s}`,
      name: `as${s}`,
      kind: 'group',
      members: { type: 'cidrs', cidrs: [`${net}.0/24`] },
    });
    interfaces.push({ switch: sw, ip: `${net}.1`, mac: mac(0xff0000 + s) });
    for (let p = 0; p < portsPerSwitch; p++) {
      const id = `vm${s}-${p}`;
      const ip = `${net}.${p + 2}`;
      objects.push({
        id,
        name: id,
        kind: 'workload',
        workloadType: 'vm',
        nics: [{ id: 'eth0', switch: sw, ip, mac: mac(s * 1000 + p + 1) }],
      });
      rules.push(
        {
          id: `${id}-ssh`,
          from: { group: `as${s}` },
          to: { cidr: `${ip}/32` },
          services: [{ protocol: 'tcp', ports: '22' }],
          action: 'allow-related',
          log: false,
          direction: 'to-lport',
        },
        {
          id: `${id}-web`,
          from: 'any',
          to: { cidr: `${ip}/32` },
          services: [{ protocol: 'tcp', ports: '80' }],
          action: 'allow-related',
          log: false,
          direction: 'to-lport',
        },
      );
    }
  }
  objects.push({ id: 'lr0', name: 'lr0', kind: 'router', interfaces, routes: [], nat: [] });
  objects.push({ id: 'fw', name: 'fw', kind: 'firewall', priority: 100, rules });
  return {
    schemaVersion: 1,
    id: 'bench',
    name: 'bench',
    tenant: 'b',
    version: 1,
    objects,
    layout: { positions: {}, collapsed: [] },
  };
}

/** The same network as `ovn-nbctl` commands, one array of arguments per command. */
export function nbctlCommands(switches: number, portsPerSwitch: number): string[][] {
  const cmds: string[][] = [['lr-add', 'lr0']];
  for (let s = 0; s < switches; s++) {
    const sw = `ls${s}`;
    const net = `10.${Math.floor(s / 250)}.${s % 250}`;
    cmds.push(['ls-add', sw]);
    cmds.push(['create', 'Address_Set', `name=as${s}_ip4`, `addresses="${net}.0/24"`]);
    cmds.push(['lrp-add', 'lr0', `lr0-${sw}`, mac(0xff0000 + s), `${net}.1/24`]);
    cmds.push(['lsp-add', sw, `${sw}-lr0`]);
    cmds.push(['lsp-set-type', `${sw}-lr0`, 'router']);
    cmds.push(['lsp-set-addresses', `${sw}-lr0`, 'router']);
    cmds.push(['lsp-set-options', `${sw}-lr0`, `router-port=lr0-${sw}`]);
    for (let p = 0; p < portsPerSwitch; p++) {
      const port = `vm${s}-${p}`;
      const ip = `${net}.${p + 2}`;
      const addr = `${mac(s * 1000 + p + 1)} ${ip}`;
      cmds.push(['lsp-add', sw, port]);
      cmds.push(['lsp-set-addresses', port, addr]);
      cmds.push(['lsp-set-port-security', port, addr]);
      cmds.push([
        'acl-add',
        sw,
        'to-lport',
        '1000',
        `outport == "${port}" && ip4.src == $as${s}_ip4 && tcp.dst == 22`,
        'allow-related',
      ]);
      cmds.push([
        'acl-add',
        sw,
        'to-lport',
        '999',
        `outport == "${port}" && tcp.dst == 80`,
        'allow-related',
      ]);
    }
  }
  return cmds;
}

function mac(n: number): string {
  const b = [0x0a, 0x00, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}
