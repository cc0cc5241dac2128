import { KEY, type RenderContext } from './context.ts';
import { type DesiredRow, row } from './rows.ts';

/** QoS rules on the switch of each target: rate limit and/or DSCP marking. */
export function renderQos(ctx: RenderContext): DesiredRow[] {
  const out: DesiredRow[] = [];
  const { app, names } = ctx;
  for (const q of app.objects) {
    if (q.kind !== 'qos') continue;
    // egress is what leaves the workload: from-lport in OVN terms
    const direction = q.direction === 'egress' ? 'from-lport' : 'to-lport';
    const portField = direction === 'from-lport' ? 'inport' : 'outport';
    const bandwidth: Record<string, number> = {};
    if (q.rateKbps !== undefined) bandwidth.rate = q.rateKbps;
    if (q.burstKbits !== undefined) bandwidth.burst = q.burstKbits;
    const action: Record<string, number> = q.dscp === undefined ? {} : { dscp: q.dscp };
    for (const target of q.appliesTo) {
      const obj = app.objects.find((o) => o.id === target);
      if (!obj) continue;
      const match =
        obj.kind === 'workload'
          ? ctx
              .nicsOf(obj.id)
              .map((n) => `${portField} == "${names.nic(n.workloadId, n.nicId)}"`)
              .join(' || ')
          : 'ip';
      if (!match) continue;
      out.push(
        row('QoS', KEY.qos(q.id, target), q.id, {
          priority: 100,
          direction,
          match,
          action,
          bandwidth,
        }),
      );
    }
  }
  return out;
}
