import type { Diagnostic } from '../diagnostics.ts';
import { parseIp } from '../net/ip.ts';
import { route } from '../routing.ts';
import { type Check, error, warning } from './context.ts';

/** VIPs are addresses, every backend is named and reachable from where the VIP lives. */
export const checkLoadBalancers: Check = ({ index, addr }) => {
  const out: Diagnostic[] = [];
  for (const lb of index.all('loadBalancer')) {
    if (lb.attachedTo.length === 0 && lb.vips.length > 0) {
      out.push(
        warning(
          lb.id,
          ['attachedTo'],
          'lb-backend-unreachable',
          `${lb.name} is not attached to any switch or router, so no client can reach its VIPs; connect it`,
        ),
      );
    }
    lb.vips.forEach((vip, v) => {
      const vipIp = parseIp(vip.ip);
      if (!vipIp) {
        out.push(
          error(
            lb.id,
            ['vips', v, 'ip'],
            'invalid-address',
            `VIP "${vip.ip}" is not an IP address`,
          ),
        );
      }
      vip.backends.forEach((b, i) => {
        const path = ['vips', v, 'backends', i];
        let ip = b.ip === undefined ? undefined : parseIp(b.ip);
        if (b.ip !== undefined && !ip) {
          out.push(
            error(
              lb.id,
              [...path, 'ip'],
              'invalid-address',
              `backend "${b.ip}" is not an IP address`,
            ),
          );
          return;
        }
        if (b.workload !== undefined) {
          const w = index.getKind(b.workload, 'workload');
          if (!w) return;
          ip = addr.primaryIp(w);
          if (!ip) {
            out.push(
              error(
                lb.id,
                [...path, 'workload'],
                'lb-backend-missing',
                `backend ${w.name} has no address; connect it to a switch with a subnet`,
              ),
            );
            return;
          }
        }
        if (!ip) {
          out.push(
            error(
              lb.id,
              path,
              'lb-backend-missing',
              `backend ${i + 1} of VIP ${vip.ip}:${vip.port} names neither a workload nor an address`,
            ),
          );
          return;
        }
        if (vipIp && vipIp.family !== ip.family) {
          out.push(
            error(
              lb.id,
              path,
              'ip-family-mismatch',
              `VIP ${vip.ip} is IPv${vipIp.family} but its backend is IPv${ip.family}; OVN cannot translate between families`,
            ),
          );
          return;
        }
        for (const at of lb.attachedTo) {
          const target = index.get(at);
          const from =
            target?.kind === 'switch'
              ? ({ kind: 'switch', sw: target } as const)
              : target?.kind === 'router'
                ? ({ kind: 'router', router: target } as const)
                : undefined;
          if (!from) continue;
          const result = route(addr, from, ip);
          if (!result.ok || result.egress !== 'switch') {
            const why = result.ok ? 'it is outside the app' : result.reason;
            out.push(
              error(
                lb.id,
                path,
                'lb-backend-unreachable',
                `backend ${b.workload ? index.get(b.workload)?.name : b.ip} cannot be reached from ${target?.name}, where ${lb.name} is attached: ${why}; attach the load balancer where the backend is routed, or connect a router`,
              ),
            );
          }
        }
      });
    });
  }
  return out;
};
