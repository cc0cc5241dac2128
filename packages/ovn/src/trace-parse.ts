/** One logical flow a traced packet matched, as `ovn-trace --detailed` prints it. */
export interface TraceStage {
  readonly table: number;
  /** e.g. `ls_out_acl`, `lr_in_ip_routing` */
  readonly stage: string;
  /** the flow's match; `no match (implicit drop)` when no flow matched */
  readonly match: string;
  /** -1 for an implicit drop */
  readonly priority: number;
  readonly actions: string[];
}

/** One pass of the packet through a datapath's ingress or egress pipeline. */
export interface TraceSection {
  readonly pipeline: 'ingress' | 'egress';
  readonly datapath: string;
  readonly inport: string;
  readonly outport: string | undefined;
  readonly stages: TraceStage[];
  /** ports the packet left this pipeline by, with their LSP/LRP type (`patch`, `` for a VIF…) */
  readonly outputs: { readonly port: string; readonly type: string }[];
}

/** A parsed `ovn-trace --detailed` run. */
export interface ParsedTrace {
  /** the microflow as ovn-trace understood it (the `#` line) */
  readonly flow: string;
  readonly sections: TraceSection[];
  /** `LOG:` lines of logging ACLs */
  readonly logs: string[];
}

const SECTION = /^(ingress|egress)\(dp="([^"]*)", inport="([^"]*)"(?:, outport="([^"]*)")?\)$/;
const STAGE = /^\s*(\d+)\. (\S+) \([^)]*\): (.*), priority (\d+), uuid [0-9a-f]+$/;
const NO_MATCH = /^\s*(\d+)\. (\S+): no match \(implicit drop\)$/;
const OUTPUT = /^\s*\/\* output to "([^"]*)", type "([^"]*)" \*\/$/;

/**
 * Parses the text of `ovn-trace --detailed`: undefined when it holds no traced flow
 * (ovn-trace prints its errors and still exits 0).
 */
export function parseDetailedTrace(text: string): ParsedTrace | undefined {
  const lines = text.split('\n');
  const flowLine = lines.find((l) => l.startsWith('# '));
  if (flowLine === undefined) return undefined;
  const sections: TraceSection[] = [];
  const logs: string[] = [];
  let section: TraceSection | undefined;
  let stage: TraceStage | undefined;
  for (const line of lines) {
    const head = SECTION.exec(line);
    if (head) {
      section = {
        pipeline: head[1] as 'ingress' | 'egress',
        datapath: head[2] ?? '',
        inport: head[3] ?? '',
        outport: head[4],
        stages: [],
        outputs: [],
      };
      sections.push(section);
      stage = undefined;
      continue;
    }
    if (line.startsWith('LOG: ')) {
      logs.push(line.slice(5));
      continue;
    }
    if (!section) continue;
    const m = STAGE.exec(line) ?? NO_MATCH.exec(line);
    if (m) {
      const matched = m.length > 3;
      stage = {
        table: Number(m[1]),
        stage: m[2] ?? '',
        match: matched ? (m[3] ?? '') : 'no match (implicit drop)',
        priority: matched ? Number(m[4]) : -1,
        actions: [],
      };
      section.stages.push(stage);
      continue;
    }
    const out = OUTPUT.exec(line);
    if (out) section.outputs.push({ port: out[1] ?? '', type: out[2] ?? '' });
    if (stage && line.startsWith('    ')) stage.actions.push(line.trim());
  }
  return { flow: flowLine.slice(2), sections, logs };
}
