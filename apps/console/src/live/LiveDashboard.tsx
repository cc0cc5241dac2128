import { useState } from 'react';
import { Section } from '../panel/Section.tsx';
import { TierChart, TotalsChart } from './AppCharts.tsx';
import { DroppedFlows } from './DroppedFlows.tsx';
import { EventList } from './EventList.tsx';
import { FlowsTable } from './FlowsTable.tsx';
import { formatBps, formatRate } from './format.ts';
import { HealthCard } from './HealthCard.tsx';
import { PortDrill } from './PortDrill.tsx';
import { ThresholdField } from './ThresholdField.tsx';
import { TopTalkers } from './TopTalkers.tsx';
import { useLive, useLiveStore } from './useLive.ts';
import { WindowPicker } from './WindowPicker.tsx';

interface Props {
  readonly nameOf: (objectId: string) => string;
  /** the workload selected on the canvas, to drill into its port */
  readonly selectedId: string | undefined;
  readonly onPick: (objectId: string) => void;
}

/** The live dashboard of one app: totals, tiers, flows, talkers, a port, alerts, telemetry. */
export function LiveDashboard({ nameOf, selectedId, onPick }: Props) {
  const store = useLiveStore();
  const view = useLive();
  const [windowSec, setWindowSec] = useState(60);
  const [portWindow, setPortWindow] = useState(60);
  const [paused, setPaused] = useState(false);
  const [portChoice, setPortChoice] = useState<string | undefined>();
  if (!store || !view) return null;
  const ports = Object.keys(view.ports).sort();
  const fromSelection = selectedId ? ports.find((k) => k.startsWith(`${selectedId}/`)) : undefined;
  const portKey = fromSelection ?? portChoice ?? ports[0];
  const tiers = [
    ...new Set(Object.values(view.links).flatMap((l) => (l.switchId ? [l.switchId] : []))),
  ].sort();
  const appLimit = view.thresholds.find((t) => t.target === 'app' && t.direction === 'both')?.bps;
  const drops = Object.values(view.ports).filter(
    (p) => (p.inDropsPerSec ?? 0) > 0 || (p.outDropsPerSec ?? 0) > 0,
  );
  const totalIn = Object.values(view.ports).reduce((s, p) => s + (p.inBps ?? 0), 0);
  const totalOut = Object.values(view.ports).reduce((s, p) => s + (p.outBps ?? 0), 0);
  const pickPort = (key: string) => {
    setPortChoice(key);
    onPick(key.split('/')[0] ?? key);
  };

  return (
    <div className="live-dashboard" data-testid="live-dashboard">
      <div className="live-head">
        <div className="live-kpis">
          <span className="kpi-inline">
            <span className="muted">in</span>
            <b className="mono" data-testid="app-in">
              {formatBps(totalIn)}
            </b>
          </span>
          <span className="kpi-inline">
            <span className="muted">out</span>
            <b className="mono">{formatBps(totalOut)}</b>
          </span>
          <span className="kpi-inline">
            <span className="muted">flows</span>
            <b className="mono">{Object.keys(view.flows).length}</b>
          </span>
        </div>
        <WindowPicker value={windowSec} onChange={setWindowSec} testId="app-window" />
        <button
          type="button"
          className={paused ? 'btn btn-small pressed' : 'btn btn-small'}
          onClick={() => setPaused((p) => !p)}
          data-testid="live-pause"
          aria-pressed={paused}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
      </div>
      {view.alerts.length > 0 && (
        <div className="alert-banner" role="alert" data-testid="alert-banner">
          <strong>
            {view.alerts.length} threshold{view.alerts.length === 1 ? '' : 's'} crossed
          </strong>
          {view.alerts.map((a) => (
            <span
              key={`${a.target}|${a.direction}`}
              className="alert-item"
              data-testid={`alert-${a.target}`}
            >
              {a.target === 'app' ? 'application' : nameOf(a.target.split('/')[0] ?? '')}
              {a.direction === 'both' ? ' ' : ` ${a.direction} `}
              <span className="mono">
                {formatBps(a.bps)} &gt; {formatBps(a.limit)}
              </span>
            </span>
          ))}
        </div>
      )}
      <Section title="Application traffic" testId="live-totals">
        <TotalsChart store={store} windowSec={windowSec} paused={paused} />
        <ThresholdField
          limitBps={appLimit}
          onSet={(bps) => void store.setThreshold('app', bps)}
          testId="app-threshold"
          source={view.thresholdSource}
          error={view.thresholdError}
        />
      </Section>
      <Section title="Per tier" testId="live-tiers">
        <TierChart
          store={store}
          windowSec={windowSec}
          paused={paused}
          tiers={tiers}
          nameOf={nameOf}
        />
      </Section>
      <Section title="Top flows" testId="live-flows">
        <FlowsTable flows={view.flows} nameOf={nameOf} />
      </Section>
      <Section title="Top talkers" testId="live-talkers">
        <TopTalkers ports={view.ports} nameOf={nameOf} onPick={pickPort} />
      </Section>
      <Section title="Port" testId="live-port">
        {portKey ? (
          <PortDrill
            store={store}
            view={view}
            portKey={portKey}
            ports={ports}
            onPort={pickPort}
            nameOf={nameOf}
            windowSec={portWindow}
            onWindow={setPortWindow}
            paused={paused}
          />
        ) : (
          <p className="live-empty">Waiting for port counters…</p>
        )}
      </Section>
      <Section title="Dropped by firewall" testId="live-dropped-flows">
        <DroppedFlows flows={view.flows} nameOf={nameOf} />
      </Section>
      <Section title="Port drops" testId="live-drops">
        {drops.length === 0 ? (
          <p className="live-empty" data-testid="drops-none">
            No drops in the port counters; what the firewall drops is listed above, from sampled
            discards.
          </p>
        ) : (
          <ul className="drops">
            {drops.map((p) => (
              <li key={p.portName}>
                {nameOf(p.objectId)} <span className="mono">{p.portName}</span> dropping{' '}
                <span className="mono">
                  {formatRate((p.inDropsPerSec ?? 0) + (p.outDropsPerSec ?? 0), ' pkt/s')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Events" testId="live-events-section">
        <EventList events={view.events} nameOf={nameOf} />
      </Section>
      <Section title="Telemetry health" testId="live-health">
        <HealthCard health={view.health} hidden={view.healthHidden} />
      </Section>
    </div>
  );
}
