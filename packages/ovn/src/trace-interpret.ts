import type {
  Application,
  DecidingRule,
  FirewallPolicy,
  FirewallRule,
  Hop,
  WhatIfResult,
} from '@netcanvas/model';
import { KEY } from './render/context.ts';
import { renderApplication } from './render/render.ts';
import type { DesiredRow } from './render/rows.ts';
import type { TracePacket } from './trace-packet.ts';
import type { ParsedTrace, TraceStage } from './trace-parse.ts';

interface AclRef {
  readonly row: DesiredRow;
  readonly policy: FirewallPolicy;
  readonly rule: FirewallRule;
}

type MutableHop = { -readonly [K in keyof Hop]: Hop[K] };

/** Reads a parsed trace back into model terms: hops, verdict and deciding rule. */
export function interpretTrace(
  app: Application,
  packet: TracePacket,
  trace: ParsedTrace,
): WhatIfResult {
  const rows = renderApplication(app);
  const byName = new Map(rows.map((r) => [`${r.table}:${String(r.columns.name)}`, r]));
  const object = (id: string | undefined) => app.objects.find((o) => o.id === id);
  const acls: AclRef[] = [];
  for (const policy of app.objects) {
    if (policy.kind !== 'firewall') continue;
    for (const rule of policy.rules) {
      const row = rows.find((r) => r.key === KEY.acl(policy.id, rule.id));
      if (row) acls.push({ row, policy, rule });
    }
  }
  const aclOf = (st: TraceStage): AclRef | undefined => {
    if (!/^ls_(in|out)_acl(_after_lb)?$/.test(st.stage) || st.priority < 1000) return undefined;
    const direction = st.stage.startsWith('ls_out') ? 'to-lport' : 'from-lport';
    return acls.find(
      (a) =>
        a.row.columns.priority === st.priority - 1000 &&
        a.row.columns.direction === direction &&
        st.match.includes(`(${String(a.row.columns.match)})`),
    );
  };

  const hops: MutableHop[] = [
    {
      kind: 'workload',
      objectId: packet.src.workloadId,
      name: packet.src.label,
      detail: packet.src.ip,
    },
  ];
  const matched: { acl: AclRef; outport: string | undefined }[] = [];
  let datapathHop: MutableHop | undefined;
  let previous: string | undefined;
  let lastStage: { stage: TraceStage; datapath: string } | undefined;
  for (const section of trace.sections) {
    const isRouter = section.stages.some((s) => s.stage.startsWith('lr_'));
    if (section.pipeline === 'ingress' || section.datapath !== previous) {
      const row = byName.get(
        `${isRouter ? 'Logical_Router' : 'Logical_Switch'}:${section.datapath}`,
      );
      const obj = object(row?.objectId);
      datapathHop = {
        kind: isRouter ? 'router' : obj?.kind === 'uplink' ? 'uplink' : 'switch',
        objectId: obj?.id,
        name: obj?.name ?? section.datapath,
        detail: obj?.kind === 'switch' ? [obj.subnet, obj.subnet6].filter(Boolean).join(', ') : '',
      };
      hops.push(datapathHop);
    }
    previous = section.datapath;
    for (const st of section.stages) {
      lastStage = { stage: st, datapath: section.datapath };
      const acl = aclOf(st);
      if (acl) {
        matched.push({ acl, outport: section.outport });
        hops.push({
          kind: 'firewall',
          objectId: acl.policy.id,
          name: acl.policy.name,
          detail: `${acl.rule.direction} rule ${acl.rule.name ?? acl.rule.id}: ${acl.rule.action}`,
        });
      }
      const vip = packet.vip;
      if (
        vip &&
        st.actions.some((a) => a.startsWith('ct_lb')) &&
        st.match.includes(`.dst == ${vip.ip}`) &&
        !hops.some((h) => h.kind === 'load-balancer')
      ) {
        const lb = object(vip.lbId);
        hops.push({
          kind: 'load-balancer',
          objectId: vip.lbId,
          name: lb?.name ?? vip.lbId,
          detail: `${vip.ip}:${vip.port} → ${packet.lbDst ?? 'a backend'}`,
        });
      }
      if (isRouter && datapathHop && st.stage === 'lr_in_ip_routing') {
        const out = st.actions.find((a) => a.startsWith('outport = '));
        datapathHop.detail = `route ${st.match}${out ? ` ${out.replace(/;$/, '')}` : ''}`;
      }
      const nat = isRouter && st.actions.find((a) => /^ct_(snat|dnat)(_in_czone)?\(/.test(a));
      if (nat && datapathHop)
        hops.push({
          kind: 'nat',
          objectId: datapathHop.objectId,
          name: datapathHop.name,
          detail: nat,
        });
    }
  }

  // a flood (unknown MAC) leaves by several ports: the destination's, if it is among them
  const outputs = trace.sections.flatMap((s) => s.outputs).filter((o) => o.type !== 'patch');
  const delivered =
    outputs.find((o) => {
      const id = byName.get(`Logical_Switch_Port:${o.port}`)?.objectId;
      return id !== undefined && id === packet.dst.workloadId;
    }) ?? outputs.at(-1);
  const decide = (m: (typeof matched)[number] | undefined): DecidingRule | undefined =>
    m && {
      policyId: m.acl.policy.id,
      policyName: m.acl.policy.name,
      ruleId: m.acl.rule.id,
      ruleName: m.acl.rule.name,
      action: m.acl.rule.action,
      direction: m.acl.rule.direction,
    };
  const label = (m: (typeof matched)[number]) =>
    `rule ${m.acl.rule.name ?? m.acl.rule.id} of ${m.acl.policy.name}`;

  if (!delivered) {
    const blocking = matched
      .filter((m) => m.acl.rule.action === 'drop' || m.acl.rule.action === 'reject')
      .at(-1);
    const lsp = blocking && byName.get(`Logical_Switch_Port:${blocking.outport}`);
    const where =
      blocking?.acl.rule.direction === 'from-lport'
        ? `as it leaves ${packet.src.label}`
        : `before it reaches ${object(lsp?.objectId)?.name ?? packet.dst.label}`;
    return {
      verdict: 'dropped',
      hops,
      decidingRule: decide(blocking),
      reason: blocking
        ? `${label(blocking)} ${blocking.acl.rule.action}s it ${where}`
        : `OVN drops it at ${lastStage?.stage.stage ?? 'the first stage'} of ${lastStage?.datapath ?? packet.datapath}`,
      finalDestination: undefined,
    };
  }
  const lsp = byName.get(`Logical_Switch_Port:${delivered.port}`);
  const target = object(lsp?.objectId);
  if (delivered.type === 'localnet') {
    hops.push({
      kind: 'external',
      objectId: undefined,
      name: packet.dst.label,
      detail: delivered.port,
    });
    return {
      verdict: 'delivered',
      hops,
      decidingRule: undefined,
      reason: `it leaves the app by ${delivered.port}`,
      finalDestination: packet.dst.ip,
    };
  }
  const address = String(
    (lsp?.columns.addresses as readonly string[] | undefined)?.[0] ?? '',
  ).split(' ')[1];
  const port = packet.lbDst ? Number(packet.lbDst.split(':').at(-1)) : packet.port;
  const at = `${address ?? packet.dst.ip}${port ? `:${port}` : ''}`;
  hops.push({
    kind: 'workload',
    objectId: target?.id,
    name: target?.name ?? delivered.port,
    detail: at,
  });
  const allowing = matched.filter((m) => m.acl.rule.direction === 'to-lport').at(-1);
  return {
    verdict: 'delivered',
    hops,
    decidingRule: decide(allowing),
    reason: allowing
      ? `${label(allowing)} allows it`
      : 'no firewall rule matches, and OVN allows what no rule matches',
    finalDestination: at,
  };
}
