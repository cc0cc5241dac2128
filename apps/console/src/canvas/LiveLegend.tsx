import { Panel } from '@xyflow/react';
import { loadColor, SCALE_TICKS } from '../live/format.ts';

const STEPS = Array.from({ length: 11 }, (_, i) => i / 10);

/** The live overlay's switch and what its colours and widths mean. */
export function LiveLegend({ on, onToggle }: { on: boolean; onToggle: () => void }) {
  const gradient = `linear-gradient(90deg, ${STEPS.map((s) => `${loadColor(s)} ${s * 100}%`).join(', ')})`;
  return (
    <Panel position="bottom-center" className="legend live-legend" data-testid="live-legend">
      <label className="live-toggle">
        <input type="checkbox" checked={on} onChange={onToggle} data-testid="live-overlay-toggle" />
        Link load
      </label>
      {on && (
        <span className="live-scale">
          <span className="live-scale-bar" style={{ background: gradient }} />
          <span className="live-scale-ticks">
            {SCALE_TICKS.map(([at, label]) => (
              <span key={label} style={{ left: `${at * 100}%` }}>
                {label}
              </span>
            ))}
          </span>
        </span>
      )}
      {on && <span className="muted">b/s, log scale · dash moves with the busier direction</span>}
    </Panel>
  );
}
