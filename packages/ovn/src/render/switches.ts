import { stableMac } from '@netcanvas/model';
import { KEY, type RenderContext } from './context.ts';
import { type DesiredRow, row, withVerbatim } from './rows.ts';

/** Logical switches, their workload and localnet ports, and DHCP options. */
export function renderSwitches(ctx: RenderContext): DesiredRow[] {
  const { app, names } = ctx;
  const out: DesiredRow[] = [];
  const lbs = app.objects.filter((o) => o.kind === 'loadBalancer');
  const qos = app.objects.filter((o) => o.kind === 'qos');
  for (const sw of app.objects) {
    if (sw.kind !== 'switch') continue;
    const nics = ctx.nicsOn(sw.id);
    const routerPorts = ctx.routerPortsOn(sw.id);
    const ports = [
      ...nics.map((n) => KEY.nic(n.workloadId, n.nicId)),
      ...routerPorts.map((p) => KEY.switchRouterPort(sw.id, p.routerId)),
      ...(sw.uplink ? [KEY.localnet(sw.id)] : []),
    ];
    const qosRules = qos.flatMap((q) =>
      q.appliesTo
        .filter((t) => t === sw.id || nics.some((n) => n.workloadId === t))
        .map((t) => KEY.qos(q.id, t)),
    );
    out.push(
      row(
        'Logical_Switch',
        KEY.switch(sw.id),
        sw.id,
        withVerbatim({ name: sw.ovn?.name ?? names.object(sw.id) }, sw.ovn),
        {
          ports,
          load_balancer: lbs
            .filter((lb) => lb.attachedTo.includes(sw.id))
            .map((lb) => KEY.lb(lb.id)),
          qos_rules: qosRules,
          acls: ctx.switchAcls(sw.id),
        },
      ),
    );
    const gw = routerPorts[0];
    const dhcp = sw.dhcp?.enabled && sw.subnet !== undefined;
    if (dhcp && sw.subnet) {
      const options: Record<string, string> = {
        lease_time: String(sw.dhcp?.leaseTime ?? 3600),
        server_id: gw?.ip ?? sw.subnet.replace(/\.0\/\d+$/, '.1'),
        server_mac: gw?.mac ?? stableMac(`${sw.id}/dhcp`),
      };
      if (gw?.ip) options.router = gw.ip;
      if (sw.mtu) options.mtu = String(sw.mtu);
      const dns = sw.dhcp?.dnsServers ?? [];
      if (dns.length > 0) options.dns_server = `{${dns.join(', ')}}`;
      out.push(row('DHCP_Options', KEY.dhcp(sw.id), sw.id, { cidr: sw.subnet, options }));
    }
    for (const nic of nics) {
      const addresses = [nic.mac, nic.ip, nic.ip6].filter((x) => x !== undefined).join(' ');
      out.push(
        row(
          'Logical_Switch_Port',
          KEY.nic(nic.workloadId, nic.nicId),
          nic.workloadId,
          withVerbatim(
            {
              name: ctx.nicName(nic.workloadId, nic.nicId),
              addresses: [addresses],
              port_security: [addresses],
            },
            ctx.nicSpec(nic.workloadId, nic.nicId)?.ovn,
          ),
          dhcp && nic.ip !== undefined ? { dhcpv4_options: [KEY.dhcp(sw.id)] } : {},
        ),
      );
    }
    if (sw.uplink) {
      const uplink = app.objects.find((o) => o.id === sw.uplink);
      if (uplink?.kind === 'uplink') {
        const vlan = sw.vlan ?? uplink.vlan;
        out.push(
          row(
            'Logical_Switch_Port',
            KEY.localnet(sw.id),
            sw.id,
            withVerbatim(
              {
                name: uplink.ovn?.name ?? `${names.object(sw.id)}-localnet`,
                type: 'localnet',
                addresses: ['unknown'],
                options: { network_name: uplink.physicalNetwork },
                tag_request: vlan ?? null,
              },
              uplink.ovn,
            ),
          ),
        );
      }
    }
  }
  return out;
}

/** One external switch per uplink: where router gateways meet the physical network. */
export function renderUplinks(ctx: RenderContext): DesiredRow[] {
  const { app, names } = ctx;
  const out: DesiredRow[] = [];
  for (const up of app.objects) {
    if (up.kind !== 'uplink') continue;
    const routers = app.objects.filter((o) => o.kind === 'router' && o.gateway?.uplink === up.id);
    // an uplink only bridging switches (a provider network) needs no switch of its own
    if (routers.length === 0 && app.objects.some((o) => o.kind === 'switch' && o.uplink === up.id))
      continue;
    out.push(
      row(
        'Logical_Switch',
        KEY.uplinkSwitch(up.id),
        up.id,
        { name: names.object(up.id) },
        {
          ports: [KEY.localnet(up.id), ...routers.map((r) => KEY.switchRouterPort(up.id, r.id))],
        },
      ),
      row('Logical_Switch_Port', KEY.localnet(up.id), up.id, {
        name: `${names.object(up.id)}-localnet`,
        type: 'localnet',
        addresses: ['unknown'],
        options: { network_name: up.physicalNetwork },
        tag_request: up.vlan ?? null,
      }),
    );
  }
  return out;
}
