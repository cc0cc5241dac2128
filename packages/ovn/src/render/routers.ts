import { stableMac } from '@netcanvas/model';
import { KEY, type RenderContext } from './context.ts';
import { type DesiredRow, row, withVerbatim } from './rows.ts';

/** Logical routers: interfaces (router ports and their peer switch ports), routes, NAT, gateway. */
export function renderRouters(ctx: RenderContext): DesiredRow[] {
  const { app, names } = ctx;
  const out: DesiredRow[] = [];
  const byId = new Map(app.objects.map((o) => [o.id, o]));
  const lbs = app.objects.filter((o) => o.kind === 'loadBalancer');
  for (const r of app.objects) {
    if (r.kind !== 'router') continue;
    const portKeys: string[] = [];
    for (const itf of r.interfaces) {
      const sw = byId.get(itf.switch);
      const port = ctx.routerPort(r.id, itf.switch);
      if (sw?.kind !== 'switch' || !port) continue;
      const networks = [
        ctx.withPrefix(port.ip, sw.subnet),
        ctx.withPrefix(port.ip6, sw.subnet6),
      ].filter((n): n is string => n !== undefined);
      const lrp = itf.ovn?.name ?? names.routerPort(r.id, sw.id);
      portKeys.push(KEY.routerPort(r.id, sw.id));
      out.push(
        row(
          'Logical_Router_Port',
          KEY.routerPort(r.id, sw.id),
          r.id,
          withVerbatim({ name: lrp, mac: port.mac, networks }, itf.ovn),
        ),
        row(
          'Logical_Switch_Port',
          KEY.switchRouterPort(sw.id, r.id),
          r.id,
          withVerbatim(
            {
              name: itf.ovnPeer?.name ?? names.switchRouterPort(sw.id, r.id),
              type: 'router',
              addresses: ['router'],
              options: { 'router-port': lrp },
            },
            itf.ovnPeer,
          ),
        ),
      );
    }
    const routeKeys = r.routes.map((_, i) => KEY.route(r.id, i));
    r.routes.forEach((rt, i) => {
      out.push(
        row(
          'Logical_Router_Static_Route',
          KEY.route(r.id, i),
          r.id,
          withVerbatim({ ip_prefix: rt.prefix, nexthop: rt.nextHop }, rt.ovn),
        ),
      );
    });
    const gw = r.gateway;
    const uplink = gw ? byId.get(gw.uplink) : undefined;
    if (gw && uplink?.kind === 'uplink') {
      const lrp = names.routerPort(r.id, uplink.id);
      const network = ctx.withPrefix(gw.ip, uplink.subnet) ?? `${gw.ip}/32`;
      const chassisKeys = gw.chassis.map((c) => KEY.gatewayChassis(r.id, c.name));
      portKeys.push(KEY.routerPort(r.id, uplink.id));
      out.push(
        row(
          'Logical_Router_Port',
          KEY.routerPort(r.id, uplink.id),
          r.id,
          { name: lrp, mac: gw.mac ?? stableMac(`${r.id}/gateway`), networks: [network] },
          { gateway_chassis: chassisKeys },
        ),
        row('Logical_Switch_Port', KEY.switchRouterPort(uplink.id, r.id), r.id, {
          name: names.switchRouterPort(uplink.id, r.id),
          type: 'router',
          addresses: ['router'],
          options: { 'router-port': lrp },
        }),
        ...gw.chassis.map((c) =>
          row('Gateway_Chassis', KEY.gatewayChassis(r.id, c.name), r.id, {
            name: `${lrp}-${c.name}`,
            chassis_name: c.name,
            priority: c.priority,
          }),
        ),
      );
      if (uplink.gatewayIp) {
        const v6 = uplink.gatewayIp.includes(':');
        routeKeys.push(KEY.defaultRoute(r.id));
        out.push(
          row('Logical_Router_Static_Route', KEY.defaultRoute(r.id), r.id, {
            ip_prefix: v6 ? '::/0' : '0.0.0.0/0',
            nexthop: uplink.gatewayIp,
          }),
        );
      }
    }
    const natKeys: string[] = [];
    for (const n of r.nat) {
      const w = n.workload ? byId.get(n.workload) : undefined;
      const inside = n.internalIp ?? (w?.kind === 'workload' ? ctx.nicsOf(w.id)[0]?.ip : undefined);
      if (inside === undefined) continue;
      natKeys.push(KEY.nat(r.id, n.id));
      out.push(
        row(
          'NAT',
          KEY.nat(r.id, n.id),
          r.id,
          withVerbatim({ type: n.type, external_ip: n.externalIp, logical_ip: inside }, n.ovn),
        ),
      );
    }
    out.push(
      row(
        'Logical_Router',
        KEY.router(r.id),
        r.id,
        withVerbatim({ name: r.ovn?.name ?? names.object(r.id) }, r.ovn),
        {
          ports: portKeys,
          static_routes: routeKeys,
          nat: natKeys,
          load_balancer: lbs
            .filter((lb) => lb.attachedTo.includes(r.id))
            .map((lb) => KEY.lb(lb.id)),
        },
      ),
    );
  }
  return out;
}
