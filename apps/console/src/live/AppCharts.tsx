import { useCallback, useMemo } from 'react';
import type { LiveStore } from './live-store.ts';
import type { Columns } from './ring-series.ts';
import { type ChartSeries, TimeChart } from './TimeChart.tsx';

const TOTAL_SERIES: readonly ChartSeries[] = [
  { label: 'in b/s', color: '#38bdf8', unit: 'bps' },
  { label: 'out b/s', color: '#a78bfa', unit: 'bps' },
  { label: 'in p/s', color: '#38bdf8', unit: 'pps', dash: [4, 3] },
  { label: 'out p/s', color: '#a78bfa', unit: 'pps', dash: [4, 3] },
];
const TIER_COLORS = ['#2dd4bf', '#f59e0b', '#f472b6', '#60a5fa', '#a3e635', '#c084fc'];

interface Props {
  readonly store: LiveStore;
  readonly windowSec: number;
  readonly paused: boolean;
}

/** The app's totals over time: bits/s and packets/s, in and out. */
export function TotalsChart({ store, windowSec, paused }: Props) {
  const read = useCallback((w: number) => store.totals.columns(w), [store]);
  return (
    <TimeChart
      read={read}
      series={TOTAL_SERIES}
      windowSec={windowSec}
      paused={paused}
      testId="totals-chart"
      height={160}
    />
  );
}

/** Bits/s through each tier (switch), summed over its workload links. */
export function TierChart({
  store,
  windowSec,
  paused,
  tiers,
  nameOf,
}: Props & { tiers: readonly string[]; nameOf: (id: string) => string }) {
  const key = tiers.map((t) => `${t}=${nameOf(t)}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the tier ids, not the array
  const series = useMemo<ChartSeries[]>(
    () =>
      tiers.map((t, i) => ({
        label: nameOf(t),
        color: TIER_COLORS[i % TIER_COLORS.length] ?? '#60a5fa',
        unit: 'bps',
      })),
    [key],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the tier ids, not the array
  const read = useCallback(
    (w: number): Columns => {
      const xs = store.totals.columns(w, [])[0];
      const cols = tiers.map((t) => {
        const [tx, ys = []] = store.tiers().get(t)?.columns(w) ?? [[]];
        const at = new Map(tx.map((x, i) => [x, ys[i] ?? null]));
        return xs.map((x) => at.get(x) ?? null);
      });
      return [xs, ...cols];
    },
    [store, key],
  );
  if (tiers.length === 0) return null;
  return (
    <TimeChart
      read={read}
      series={series}
      windowSec={windowSec}
      paused={paused}
      testId="tier-chart"
      height={130}
    />
  );
}
