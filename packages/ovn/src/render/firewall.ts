import { parseCidr } from '@netcanvas/model';
import { aclMatch } from './acl-match.ts';
import { KEY, type RenderContext } from './context.ts';
import { type DesiredRow, row, withVerbatim } from './rows.ts';

/** ACL priorities: first rule highest; OVN allows 0-32767. */
const TOP_PRIORITY = 30000;
/** logged packets per second per app, beyond which OVN drops log entries (not packets) */
const ACL_LOG_PPS = 100;

/** Groups (port groups / address sets), the app's port group and its ACLs. */
export function renderFirewall(ctx: RenderContext): DesiredRow[] {
  const { app, names } = ctx;
  const out: DesiredRow[] = [];
  const workloads = app.objects.filter((o) => o.kind === 'workload');
  const nicKeysOf = (wid: string) => ctx.nicsOf(wid).map((n) => KEY.nic(n.workloadId, n.nicId));
  for (const g of app.objects) {
    if (g.kind !== 'group') continue;
    if (g.members.type === 'tags') {
      const tags = g.members.tags;
      const members = workloads.filter((w) => tags.every((t) => (w.tags ?? []).includes(t)));
      out.push(
        row(
          'Port_Group',
          KEY.portGroup(g.id),
          g.id,
          withVerbatim({ name: g.ovn?.name ?? names.ident(g.id) }, g.ovn),
          {
            ports: members.flatMap((w) => nicKeysOf(w.id)),
            acls: [],
          },
        ),
      );
    } else if (g.ovn?.name) {
      // an imported address set stays one set, under its own name
      out.push(
        row(
          'Address_Set',
          KEY.addressSet(g.id, 4),
          g.id,
          withVerbatim({ name: g.ovn.name, addresses: g.members.cidrs }, g.ovn),
        ),
      );
    } else {
      for (const family of [4, 6] as const) {
        const addresses = g.members.cidrs.filter((c) => parseCidr(c, false)?.family === family);
        out.push(
          row('Address_Set', KEY.addressSet(g.id, family), g.id, {
            name: `${names.ident(g.id)}_ip${family}`,
            addresses,
          }),
        );
      }
    }
  }

  const families: (4 | 6)[] = app.objects.some((o) => o.kind === 'switch' && o.subnet6)
    ? [4, 6]
    : [4];
  const policies = app.objects
    .map((o, order) => ({ o, order }))
    .filter((x) => x.o.kind === 'firewall')
    .sort(
      (a, b) =>
        (a.o.kind === 'firewall' && b.o.kind === 'firewall' ? a.o.priority - b.o.priority : 0) ||
        a.order - b.order,
    );
  // logged ACLs share one meter, so a flood of dropped packets cannot flood the logs
  const logMeter = names.ident('acl_log');
  const logs = policies.some(
    ({ o }) => o.kind === 'firewall' && o.rules.some((r) => r.log && !r.ovn),
  );
  if (logs) {
    out.push(
      row(
        'Meter',
        KEY.aclLogMeter(),
        app.id,
        { name: logMeter, unit: 'pktps', fair: null },
        { bands: [KEY.aclLogMeterBand()] },
      ),
      row('Meter_Band', KEY.aclLogMeterBand(), app.id, {
        action: 'drop',
        rate: ACL_LOG_PPS,
        burst_size: ACL_LOG_PPS,
      }),
    );
  }
  const appAcls: string[] = [];
  let rank = 0;
  for (const { o: policy } of policies) {
    if (policy.kind !== 'firewall') continue;
    const onSwitches = (policy.appliesTo ?? []).length > 0;
    for (const rule of policy.rules) {
      const key = KEY.acl(policy.id, rule.id);
      if (!onSwitches) appAcls.push(key);
      const imported = rule.ovn !== undefined;
      out.push(
        row(
          'ACL',
          key,
          policy.id,
          withVerbatim(
            {
              name: imported ? (rule.name ?? null) : (rule.name ?? rule.id).slice(0, 63),
              priority: rule.priority ?? TOP_PRIORITY - rank,
              direction: rule.direction,
              match:
                rule.match ??
                aclMatch(rule, names.appPortGroup(), families, (id) => names.ident(id)),
              action: rule.action,
              log: rule.log,
              severity: rule.log ? 'info' : null,
              meter: rule.log && !imported ? logMeter : null,
            },
            rule.ovn,
          ),
        ),
      );
      rank++;
    }
  }
  if (appAcls.length > 0) {
    out.push(
      row(
        'Port_Group',
        KEY.appPortGroup(),
        app.id,
        { name: names.appPortGroup() },
        {
          ports: workloads.flatMap((w) => nicKeysOf(w.id)),
          acls: appAcls,
        },
      ),
    );
  }
  return out;
}
