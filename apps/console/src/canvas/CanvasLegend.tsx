import { Panel } from '@xyflow/react';
import { DEPLOY_MARK_TEXT, DeployMark } from '../deploy/DeployMark.tsx';
import { useDeployStateContext } from '../deploy/useDeployState.ts';

const ITEMS = [
  ['link-nic', 'NIC'],
  ['link-router-port', 'router port'],
  ['link-gateway', 'uplink'],
  ['link-lb-attach', 'VIP attached'],
  ['link-lb-backend', 'LB backend'],
] as const;

const MARKS = ['applied', 'pending', 'drift'] as const;

/** What the line styles and, once the app is applied, the state marks on the canvas mean. */
export function CanvasLegend() {
  const applied = useDeployStateContext().objects.size > 0;
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
      {applied &&
        MARKS.map((m) => (
          <span key={m} className="legend-item" title={DEPLOY_MARK_TEXT[m]}>
            <DeployMark state={m} legend />
            {m}
          </span>
        ))}
    </Panel>
  );
}
