import { useCallback } from 'react';
import { formatBps, formatPps, formatRate } from './format.ts';
import type { LiveStore, LiveView } from './live-store.ts';
import { ThresholdField } from './ThresholdField.tsx';
import type { ChartSeries } from './TimeChart.tsx';
import { TimeChart } from './TimeChart.tsx';
import { WindowPicker } from './WindowPicker.tsx';

const RATE_SERIES: readonly ChartSeries[] = [
  { label: 'in b/s', color: '#38bdf8', unit: 'bps' },
  { label: 'out b/s', color: '#a78bfa', unit: 'bps' },
  { label: 'in p/s', color: '#38bdf8', unit: 'pps', dash: [4, 3] },
  { label: 'out p/s', color: '#a78bfa', unit: 'pps', dash: [4, 3] },
];
const ERROR_SERIES: readonly ChartSeries[] = [
  { label: 'in err', color: '#f05252', unit: 'count' },
  { label: 'out err', color: '#fb923c', unit: 'count' },
  { label: 'in drop', color: '#facc15', unit: 'count', dash: [4, 3] },
  { label: 'out drop', color: '#e879f9', unit: 'count', dash: [4, 3] },
];

interface Props {
  readonly store: LiveStore;
  readonly view: LiveView;
  readonly portKey: string;
  readonly ports: readonly string[];
  readonly onPort: (key: string) => void;
  readonly nameOf: (objectId: string) => string;
  readonly windowSec: number;
  readonly onWindow: (sec: number) => void;
  readonly paused: boolean;
}

/** One port: current counters, its rate and error charts over the chosen window, a threshold. */
export function PortDrill(p: Props) {
  const { store, view, portKey } = p;
  const port = view.ports[portKey];
  const readRates = useCallback(
    (w: number) => store.port(portKey).columns(w, [0, 1, 2, 3]),
    [store, portKey],
  );
  const readErrors = useCallback(
    (w: number) => store.port(portKey).columns(w, [4, 5, 6, 7]),
    [store, portKey],
  );
  const limit = view.thresholds.find((t) => t.target === portKey && t.direction === 'both')?.bps;
  return (
    <div className="port-drill" data-testid="port-drill" data-port={portKey}>
      <div className="card-tools">
        <select
          data-testid="port-select"
          value={portKey}
          onChange={(e) => p.onPort(e.target.value)}
          aria-label="port"
        >
          {p.ports.map((k) => (
            <option key={k} value={k}>
              {p.nameOf(k.split('/')[0] ?? k)} · {k.split('/')[1]}
            </option>
          ))}
        </select>
        {port && (
          <span className={port.up ? 'status-tag up' : 'status-tag down'} data-testid="port-status">
            {port.up ? 'up' : 'down'}
          </span>
        )}
        {port && (
          <span className="muted mono">
            chassis {port.agent} · if {port.ifIndex}
          </span>
        )}
        <WindowPicker value={p.windowSec} onChange={p.onWindow} testId="port-window" />
      </div>
      {port && (
        <div className="port-now" data-testid="port-now">
          <span>
            <b className="mono">{formatBps(port.inBps)}</b> in ·{' '}
            <b className="mono">{formatBps(port.outBps)}</b> out
          </span>
          <span className="mono muted">
            {formatPps(port.inPps)} / {formatPps(port.outPps)}
          </span>
          <span className="mono muted">
            err {formatRate(port.inErrorsPerSec, '/s')} / {formatRate(port.outErrorsPerSec, '/s')} ·
            drop {formatRate(port.inDropsPerSec, '/s')} / {formatRate(port.outDropsPerSec, '/s')}
          </span>
        </div>
      )}
      <TimeChart
        read={readRates}
        series={RATE_SERIES}
        windowSec={p.windowSec}
        paused={p.paused}
        testId="port-chart"
        height={140}
      />
      <TimeChart
        read={readErrors}
        series={ERROR_SERIES}
        windowSec={p.windowSec}
        paused={p.paused}
        testId="port-errors-chart"
        height={90}
      />
      <ThresholdField
        key={portKey}
        limitBps={limit}
        onSet={(bps) => void store.setThreshold(portKey, bps)}
        source={view.thresholdSource}
        error={view.thresholdError}
        testId="port-threshold"
      />
    </div>
  );
}
