import type { HealthEntry } from './protocol.ts';

type Totals = Extract<HealthEntry, { kind: 'totals' }>;

/** Is the telemetry itself healthy: agents, datagram rate, sequence gaps, unmapped ports. */
export function HealthCard({
  health,
  hidden,
}: {
  health: Readonly<Record<string, HealthEntry>>;
  /** the server keeps telemetry health for its administrators */
  hidden: boolean;
}) {
  if (hidden)
    return (
      <p className="live-empty" data-testid="telemetry-health-hidden">
        Telemetry health covers every tenant's agents: the server shows it to its administrators.
      </p>
    );
  const totals = health.totals as Totals | undefined;
  const agents = Object.values(health).filter((h) => h.kind === 'agent');
  const cells: [string, string, string | number | undefined, boolean][] = [
    ['agents', 'Agents seen', totals?.agents, false],
    ['datagrams', 'Datagrams/s', totals?.datagramsPerSec.toFixed(1), false],
    ['lost', 'Lost (seq gaps)', totals?.lostDatagrams, (totals?.lostDatagrams ?? 0) > 0],
    ['decode-errors', 'Decode errors', totals?.decodeErrors, (totals?.decodeErrors ?? 0) > 0],
    ['unmapped', 'Unmapped ports', totals?.unmappedPorts, (totals?.unmappedPorts ?? 0) > 0],
  ];
  return (
    <div className="health" data-testid="telemetry-health">
      <div className="health-grid">
        {cells.map(([id, label, value, bad]) => (
          <div key={id} className={bad ? 'kpi bad' : 'kpi'}>
            <span className="kpi-value mono" data-testid={`health-${id}`}>
              {value ?? '—'}
            </span>
            <span className="kpi-label">{label}</span>
          </div>
        ))}
      </div>
      {agents.map(
        (a) =>
          a.kind === 'agent' && (
            <div key={a.agent} className="health-agent mono">
              sFlow agent {a.agent} · {a.datagrams} datagrams · {a.restarts} restarts
            </div>
          ),
      )}
    </div>
  );
}
