import { Panel } from '@xyflow/react';
import { type ReactNode, useState } from 'react';
import { DEPLOY_MARK_TEXT, DeployMark } from '../deploy/DeployMark.tsx';
import { KindIcon } from './KindIcon.tsx';
import { KIND_ORDER, KIND_STYLES } from './kinds.ts';
import '../styles/legend.css';

const LINKS = [
  ['link-nic', 'NIC'],
  ['link-router-port', 'router port'],
  ['link-gateway', 'uplink'],
  ['link-lb-attach', 'VIP attached'],
  ['link-lb-backend', 'LB backend'],
] as const;

const MARKS = ['applied', 'pending', 'drift'] as const;

function Group({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <div className="legend-group">
      <span className="legend-title">{title}</span>
      {children}
    </div>
  );
}

/**
 * What the canvas's icons, lines, state marks and problem badges mean, behind a toggle so it
 * covers nothing until asked for.
 */
export function CanvasLegend() {
  const [open, setOpen] = useState(false);
  return (
    <Panel position="top-left" className="legend canvas-legend">
      <button
        type="button"
        className="legend-toggle"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="legend-toggle"
      >
        {open ? 'Hide legend' : 'Legend'}
      </button>
      {open && (
        <div className="legend-body" data-testid="canvas-legend">
          <Group title="Objects">
            {KIND_ORDER.map((kind) => (
              <span key={kind} className="legend-item">
                <KindIcon kind={kind} size={14} />
                {KIND_STYLES[kind].label}
              </span>
            ))}
          </Group>
          <Group title="Links">
            {LINKS.map(([cls, label]) => (
              <span key={cls} className="legend-item">
                <svg width="26" height="8" aria-hidden="true">
                  <line className={`legend-line ${cls}`} x1="1" y1="4" x2="25" y2="4" />
                </svg>
                {label}
              </span>
            ))}
          </Group>
          <Group title="On the controller">
            {MARKS.map((m) => (
              <span key={m} className="legend-item" title={DEPLOY_MARK_TEXT[m]}>
                <DeployMark state={m} legend />
                {DEPLOY_MARK_TEXT[m].split(':')[0]}
              </span>
            ))}
          </Group>
          <Group title="Problems">
            <span className="legend-item">
              <span className="badge badge-error">1</span>
              errors: fix before applying
            </span>
            <span className="legend-item">
              <span className="badge badge-warning">1</span>
              warnings
            </span>
          </Group>
        </div>
      )}
    </Panel>
  );
}
