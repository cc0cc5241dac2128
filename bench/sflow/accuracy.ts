import { decodeDatagram, flowKeyString, observeFlowSample } from '@netcanvas/sflow';
import type { Totals } from './peers.ts';
import { fixturePayloads } from './replay.ts';

type Tally = Map<string | number, { bytes: number; packets: number }>;

function add(m: Tally, key: string | number, bytes: number, packets: number, times: number) {
  const t = m.get(key) ?? { bytes: 0, packets: 0 };
  t.bytes += bytes * times;
  t.packets += packets * times;
  m.set(key, t);
}

/** Exact flow and per-input-port totals of the first `sent` datagrams of the replay. */
export function expectedTotals(sent: number): Totals {
  const payloads = fixturePayloads();
  const full = Math.floor(sent / payloads.length);
  const rest = sent % payloads.length;
  const flows: Tally = new Map();
  const ports: Tally = new Map();
  payloads.forEach((p, i) => {
    const times = full + (i < rest ? 1 : 0);
    if (times === 0) return;
    for (const s of decodeDatagram(p).samples) {
      if (s.kind !== 'flow') continue;
      const o = observeFlowSample(s);
      if (!o) continue;
      add(flows, flowKeyString(o.key), o.bytes, o.packets, times);
      if (s.input.format === 'ifindex') add(ports, s.input.ifIndex, o.bytes, o.packets, times);
    }
  });
  return {
    flows: flows as Totals['flows'],
    ports: ports as Totals['ports'],
  };
}

export interface Comparison {
  /** largest |a − b| / b over b's 100 heaviest flows (a missing flow counts as 100%) */
  readonly topFlowsMaxError: number | undefined;
  readonly topFlowsCompared: number;
  readonly portsMaxError: number | undefined;
  readonly portsCompared: number;
}

/** How far `a`'s byte totals are from the reference `b`'s. */
export function compareTotals(a: Totals, b: Totals): Comparison {
  const top = [...b.flows].sort((x, y) => y[1].bytes - x[1].bytes).slice(0, 100);
  const err = (x: number | undefined, ref: number) =>
    ref === 0 ? 0 : Math.abs((x ?? 0) - ref) / ref;
  const flowErrors = top.map(([k, v]) => err(a.flows.get(k)?.bytes, v.bytes));
  const portErrors = [...b.ports].map(([k, v]) => err(a.ports.get(k)?.bytes, v.bytes));
  return {
    topFlowsMaxError: flowErrors.length ? Math.max(...flowErrors) : undefined,
    topFlowsCompared: flowErrors.length,
    portsMaxError: portErrors.length ? Math.max(...portErrors) : undefined,
    portsCompared: portErrors.length,
  };
}
