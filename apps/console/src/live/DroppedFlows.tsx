import { type Application, type PacketProtocol, whatIf } from '@netcanvas/model';
import { useContext } from 'react';
import { WorkspaceContext } from '../editor/workspace.ts';
import { formatBps, formatPps, protocolName } from './format.ts';
import type { Endpoint, FlowEntry } from './protocol.ts';

interface Props {
  readonly flows: Readonly<Record<string, FlowEntry>>;
  readonly nameOf: (objectId: string) => string;
}

/** One dropped connection attempt: its sampled flows summed over client ports. */
interface Attempt {
  readonly key: string;
  readonly src: string;
  readonly dst: string;
  readonly srcEndpoint?: Endpoint;
  readonly dstEndpoint?: Endpoint;
  readonly protocol: number;
  readonly port: number;
  readonly reason: number;
  readonly bytesPerSec: number;
  readonly packetsPerSec: number;
}

const PROTOCOL: Readonly<Record<number, PacketProtocol>> = { 1: 'icmp', 6: 'tcp', 17: 'udp' };

function attempts(flows: Iterable<FlowEntry>): Attempt[] {
  const byKey = new Map<string, Attempt>();
  for (const f of flows) {
    if (!f.dropped) continue;
    const key = `${f.protocol}|${f.src}|${f.dst}|${f.dstPort}`;
    const held = byKey.get(key);
    byKey.set(key, {
      key,
      src: f.src,
      dst: f.dst,
      ...(f.srcEndpoint ? { srcEndpoint: f.srcEndpoint } : {}),
      ...(f.dstEndpoint ? { dstEndpoint: f.dstEndpoint } : {}),
      protocol: f.protocol,
      port: f.dstPort,
      reason: f.dropped.reason,
      bytesPerSec: (held?.bytesPerSec ?? 0) + f.bytesPerSec,
      packetsPerSec: (held?.packetsPerSec ?? 0) + f.packetsPerSec,
    });
  }
  return [...byKey.values()].sort((a, b) => b.bytesPerSec - a.bytesPerSec);
}

/** The rule of the design that drops an attempt, as the model's what-if traces it. */
function decidingRule(doc: Application | undefined, a: Attempt): string | undefined {
  const protocol = PROTOCOL[a.protocol];
  if (!doc || !protocol) return undefined;
  const from = a.srcEndpoint?.objectId ?? a.src;
  const to = a.dstEndpoint?.objectId ?? a.dst;
  try {
    const r = whatIf(doc, { from, to, protocol, port: protocol === 'icmp' ? undefined : a.port });
    if (r.verdict !== 'dropped') return undefined;
    const d = r.decidingRule;
    return d ? `${d.policyName}: ${d.ruleName ?? d.ruleId}` : r.reason;
  } catch {
    return undefined;
  }
}

const why = (reason: number) =>
  reason === 258 ? 'ACL' : reason === 256 ? 'dropped (no reason given)' : `reason ${reason}`;

/**
 * Connection attempts the switch sampled as discarded (sFlow output format 1), with the rule
 * of the design that drops them: evidence the firewall is doing its job, or in the way.
 */
export function DroppedFlows({ flows, nameOf }: Props) {
  const doc = useContext(WorkspaceContext)?.doc;
  const list = attempts(Object.values(flows));
  if (list.length === 0)
    return (
      <p className="live-empty" data-testid="dropped-none">
        Nothing sampled as dropped by the firewall.
      </p>
    );
  const end = (ep: Endpoint | undefined, ip: string) =>
    ep ? (
      <span className="flow-end ours" title={ip}>
        {nameOf(ep.objectId)}
      </span>
    ) : (
      <span className="flow-end mono">{ip}</span>
    );
  return (
    <table className="live-table" data-testid="dropped-flows">
      <thead>
        <tr>
          <th>Source</th>
          <th />
          <th>Destination</th>
          <th>Service</th>
          <th className="num">Rate</th>
          <th>Dropped by</th>
        </tr>
      </thead>
      <tbody>
        {list.map((a) => {
          const src = a.srcEndpoint ? nameOf(a.srcEndpoint.objectId) : a.src;
          const dst = a.dstEndpoint ? nameOf(a.dstEndpoint.objectId) : a.dst;
          const rule = decidingRule(doc, a);
          return (
            <tr key={a.key} data-testid="dropped-row" data-flow={`${src}>${dst}:${a.port}`}>
              <td>{end(a.srcEndpoint, a.src)}</td>
              <td className="flow-arrow">→</td>
              <td>{end(a.dstEndpoint, a.dst)}</td>
              <td className="mono">
                {protocolName(a.protocol)}
                {a.protocol === 1 ? '' : `/${a.port}`}
              </td>
              <td className="num mono" title={formatPps(a.packetsPerSec)}>
                {formatBps(a.bytesPerSec * 8)}
              </td>
              <td data-testid="dropped-rule">
                {rule ?? <span className="muted">{why(a.reason)}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
