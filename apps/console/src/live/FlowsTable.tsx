import { conversations } from './conversations.ts';
import { formatBps, formatPps, protocolName } from './format.ts';
import type { Endpoint, FlowEntry } from './protocol.ts';

interface Props {
  readonly flows: Readonly<Record<string, FlowEntry>>;
  readonly nameOf: (objectId: string) => string;
  readonly limit?: number;
}

/**
 * The app's heaviest connections (both directions of a flow in one row, client → server and
 * service port), ends named after workloads where the address is the app's.
 */
export function FlowsTable({ flows, nameOf, limit = 10 }: Props) {
  const top = conversations(Object.values(flows).filter((f) => !f.dropped)).slice(0, limit);
  const max = top[0]?.bytesPerSec ?? 1;
  if (top.length === 0) return <p className="live-empty">No flows sampled yet.</p>;
  const end = (ep: Endpoint | undefined, ip: string) =>
    ep ? (
      <span className="flow-end ours" title={ip}>
        {nameOf(ep.objectId)}
      </span>
    ) : (
      <span className="flow-end mono">{ip}</span>
    );
  return (
    <table className="live-table" data-testid="top-flows">
      <thead>
        <tr>
          <th>Source</th>
          <th />
          <th>Destination</th>
          <th>Proto</th>
          <th className="num">Port</th>
          <th className="num">Rate</th>
        </tr>
      </thead>
      <tbody>
        {top.map((f) => {
          const src = f.clientEndpoint ? nameOf(f.clientEndpoint.objectId) : f.client;
          const dst = f.serverEndpoint ? nameOf(f.serverEndpoint.objectId) : f.server;
          return (
            <tr key={f.key} data-testid="flow-row" data-flow={`${src}>${dst}:${f.port}`}>
              <td>{end(f.clientEndpoint, f.client)}</td>
              <td className="flow-arrow">→</td>
              <td>{end(f.serverEndpoint, f.server)}</td>
              <td className="mono">{protocolName(f.protocol)}</td>
              <td className="num mono">{f.port}</td>
              <td className="num rate-cell" title={formatPps(f.packetsPerSec)}>
                <span className="rate-bar" style={{ width: `${(f.bytesPerSec / max) * 100}%` }} />
                <span className="mono">{formatBps(f.bytesPerSec * 8)}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
