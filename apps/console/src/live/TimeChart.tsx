import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatBps, formatPps, formatRate } from './format.ts';
import type { Columns } from './ring-series.ts';
import { useLiveStore } from './useLive.ts';

export type Unit = 'bps' | 'pps' | 'count';

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly unit: Unit;
  readonly dash?: readonly number[];
}

interface Props {
  /** reads the window's samples from the live store */
  readonly read: (windowSec: number) => Columns;
  readonly series: readonly ChartSeries[];
  readonly windowSec: number;
  readonly paused: boolean;
  readonly height?: number;
  readonly testId: string;
}

const FORMAT: Record<Unit, (v: number | null) => string> = {
  bps: formatBps,
  pps: formatPps,
  count: (v) => formatRate(v, '/s'),
};

const AXIS = {
  stroke: '#8a97a8',
  grid: { stroke: 'rgba(120, 140, 165, 0.12)', width: 1 },
  ticks: { stroke: 'rgba(120, 140, 165, 0.2)', width: 1, size: 4 },
  font: '10.5px Inter, "Liberation Sans", sans-serif',
};

const clock = (t: number) =>
  new Date(t * 1000).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });

/** Axis ticks stay short: 100M, 12k. */
function axisValue(v: number, unit: Unit): string {
  const text = formatRate(v, '').replace(' ', '');
  return unit === 'bps' ? `${text}b` : text;
}

function options(series: readonly ChartSeries[], width: number, height: number): uPlot.Options {
  const units = [...new Set(series.map((s) => s.unit))];
  return {
    width,
    height,
    cursor: { drag: { x: true, y: false }, points: { size: 6 } },
    legend: { live: true },
    scales: { x: { time: true }, ...Object.fromEntries(units.map((u) => [u, { auto: true }])) },
    axes: [
      { ...AXIS, space: 70, values: (_u: uPlot, ticks: number[]) => ticks.map(clock) },
      ...units.map((u, i) => ({
        ...AXIS,
        scale: u,
        side: i === 0 ? 3 : 1,
        size: 58,
        grid: i === 0 ? AXIS.grid : { show: false },
        values: (_u: uPlot, ticks: number[]) => ticks.map((t) => axisValue(t, u)),
      })),
    ],
    series: [
      { value: (_u: uPlot, t: number | null) => (t === null ? '—' : clock(t)) },
      ...series.map((s) => ({
        label: s.label,
        scale: s.unit,
        stroke: s.color,
        width: 1.6,
        fill: s.unit === 'bps' && !s.dash ? `${s.color}1f` : undefined,
        dash: s.dash ? [...s.dash] : undefined,
        points: { show: false },
        value: (_u: uPlot, v: number | null) => FORMAT[s.unit](v),
      })),
    ],
  };
}

/**
 * A uPlot time-series chart fed from the live store: new samples are drawn with setData on
 * the next animation frame, never through a React render. Drag to zoom (updates hold while
 * zoomed), double-click to reset; hovering shows values in the legend.
 */
export function TimeChart({ read, series, windowSec, paused, height = 150, testId }: Props) {
  const store = useLiveStore();
  const box = useRef<HTMLDivElement>(null);
  const state = useRef({ read, windowSec, paused, zoomed: false });
  state.current = { ...state.current, read, windowSec, paused };
  const seriesKey = series.map((s) => `${s.label}:${s.unit}:${s.color}`).join('|');
  const plot = useRef<uPlot | undefined>(undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt only when its series change
  useEffect(() => {
    const el = box.current;
    if (!el || !store) return;
    const u = new uPlot(
      {
        ...options(series, Math.max(200, el.clientWidth), height),
        hooks: {
          setSelect: [
            (self) => {
              if (self.select.width > 2) {
                state.current.zoomed = true;
                el.dataset.zoomed = 'true';
              }
            },
          ],
        },
      },
      state.current.read(state.current.windowSec),
      el,
    );
    plot.current = u;
    u.over.addEventListener('dblclick', () => {
      state.current.zoomed = false;
      delete el.dataset.zoomed;
      u.setData(state.current.read(state.current.windowSec));
    });
    let frame = 0;
    const draw = () => {
      frame = 0;
      const s = state.current;
      if (s.paused || s.zoomed) return;
      const data = s.read(s.windowSec);
      u.setData(data);
      el.dataset.points = String(data[0].length);
      // the legend shows the newest values unless the cursor is on the chart
      if ((u.cursor.left ?? -1) < 0 && data[0].length) u.setLegend({ idx: data[0].length - 1 });
    };
    const off = store.onSample(() => {
      if (!frame) frame = requestAnimationFrame(draw);
    });
    const resize = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (w !== u.width) u.setSize({ width: w, height });
    });
    resize.observe(el);
    draw();
    return () => {
      off();
      cancelAnimationFrame(frame);
      resize.disconnect();
      u.destroy();
      plot.current = undefined;
    };
  }, [store, seriesKey, height]);

  // a new window or resuming redraws at once
  useEffect(() => {
    const u = plot.current;
    if (!u || paused) return;
    state.current.zoomed = false;
    delete box.current?.dataset.zoomed;
    u.setData(read(windowSec));
  }, [windowSec, paused, read]);

  return <div ref={box} className="time-chart" data-testid={testId} />;
}
