import { healthCheckSource, parseIp } from '@netcanvas/model';
import { KEY, type RenderContext } from './context.ts';
import { type DesiredRow, row, withVerbatim } from './rows.ts';

const hostPort = (ip: string, port: number) =>
  ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;

/** Load balancers: VIPs to backends, health checks with the port mappings OVN needs for them. */
export function renderLoadBalancers(ctx: RenderContext): DesiredRow[] {
  const out: DesiredRow[] = [];
  const { app, names } = ctx;
  for (const lb of app.objects) {
    if (lb.kind !== 'loadBalancer') continue;
    const vips: Record<string, string> = {};
    const mappings: Record<string, string> = {};
    const checks: string[] = [];
    lb.vips.forEach((vip, v) => {
      const backends: string[] = [];
      for (const b of vip.backends) {
        const nic = b.workload ? ctx.nicsOf(b.workload)[0] : undefined;
        const ip = b.ip ?? nic?.ip ?? nic?.ip6;
        if (ip === undefined || !parseIp(ip)) continue;
        backends.push(hostPort(ip, b.port));
        const sw = nic && ctx.app.objects.find((o) => o.id === nic.switchId);
        // not the router's address: OVN answers ARP for the source itself (svc_monitor_mac)
        const sourceIp =
          sw?.kind === 'switch' && !ip.includes(':') ? healthCheckSource(sw.subnet) : undefined;
        if (nic && sourceIp) mappings[ip] = `${ctx.nicName(nic.workloadId, nic.nicId)}:${sourceIp}`;
      }
      vips[hostPort(vip.ip, vip.port)] = backends.join(',');
      if (lb.healthCheck) {
        checks.push(KEY.lbHealth(lb.id, v));
        out.push(
          row('Load_Balancer_Health_Check', KEY.lbHealth(lb.id, v), lb.id, {
            vip: hostPort(vip.ip, vip.port),
            options: {
              interval: String(lb.healthCheck.intervalSeconds),
              timeout: String(lb.healthCheck.timeoutSeconds),
              success_count: String(lb.healthCheck.successCount),
              failure_count: String(lb.healthCheck.failureCount),
            },
          }),
        );
      }
    });
    out.push(
      row(
        'Load_Balancer',
        KEY.lb(lb.id),
        lb.id,
        withVerbatim(
          {
            name: lb.ovn?.name ?? names.object(lb.id),
            protocol: lb.protocol,
            vips,
            ip_port_mappings: lb.healthCheck ? mappings : {},
          },
          lb.ovn,
        ),
        { health_check: checks },
      ),
    );
  }
  return out;
}
