import { Panel } from '@xyflow/react';

const ITEMS = [
  ['link-nic', 'NIC'],
  ['link-router-port', 'router port'],
  ['link-gateway', 'uplink'],
  ['link-lb-attach', 'VIP attached'],
  ['link-lb-backend', 'LB backend'],
] as const;

/** What the line styles on the canvas mean. */
export function CanvasLegend() {
  return (
    <Panel position="top-left" className="legend">
      {ITEMS.map(([cls, label]) => (
        <span key={cls} className="legend-item">
          <svg width="26" height="8" aria-hidden="true">
            <line className={`legend-line ${cls}`} x1="1" y1="4" x2="25" y2="4" />
          </svg>
          {label}
        </span>
      ))}
    </Panel>
  );
}
