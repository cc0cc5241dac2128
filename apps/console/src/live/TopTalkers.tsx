import { formatBps } from './format.ts';
import type { PortLoad } from './protocol.ts';

interface Props {
  readonly ports: Readonly<Record<string, PortLoad>>;
  readonly nameOf: (objectId: string) => string;
  readonly onPick: (key: string) => void;
}

/** Workload ports by total rate: sent (into the switch) and received, stacked. */
export function TopTalkers({ ports, nameOf, onPick }: Props) {
  const rows = Object.entries(ports)
    .map(([key, p]) => ({ key, p, total: (p.inBps ?? 0) + (p.outBps ?? 0) }))
    .sort((a, b) => b.total - a.total)
    .slice(0, 8);
  const max = rows[0]?.total || 1;
  return (
    <ul className="talkers" data-testid="top-talkers">
      {rows.map(({ key, p, total }) => (
        <li key={key}>
          <button type="button" className="talker" onClick={() => onPick(key)}>
            <span className={p.up ? 'port-dot up' : 'port-dot down'} />
            <span className="talker-name">{nameOf(p.objectId)}</span>
            <span className="talker-bar">
              <span className="tx" style={{ width: `${((p.inBps ?? 0) / max) * 100}%` }} />
              <span className="rx" style={{ width: `${((p.outBps ?? 0) / max) * 100}%` }} />
            </span>
            <span className="mono talker-rate">{formatBps(total)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
