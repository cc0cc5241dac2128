import type { ObjectKind } from '@netcanvas/model';
import { useReactFlow } from '@xyflow/react';
import { KindIcon } from '../canvas/KindIcon.tsx';
import { KIND_ORDER, KIND_STYLES } from '../canvas/kinds.ts';
import { PALETTE_MIME } from '../canvas/palette-drag.ts';
import { useWorkspace } from '../editor/useWorkspace.ts';

const SHORT: Record<ObjectKind, string> = {
  uplink: 'Uplink',
  router: 'Router',
  loadBalancer: 'Balancer',
  switch: 'Switch',
  workload: 'Workload',
  group: 'Group',
  firewall: 'Firewall',
  qos: 'QoS',
};

/** Every kind of object, to drag onto the canvas (or click to drop in the middle). */
export function Palette() {
  const { commands } = useWorkspace();
  const flow = useReactFlow();
  const addInView = (kind: ObjectKind) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const center = pane
      ? flow.screenToFlowPosition({ x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 })
      : { x: 0, y: 0 };
    commands.add(kind, { x: center.x - 68, y: center.y - 30 });
  };
  return (
    <div className="palette" data-testid="palette">
      {KIND_ORDER.map((kind) => (
        <button
          type="button"
          key={kind}
          className="palette-item"
          draggable
          data-testid={`palette-${kind}`}
          title={`${KIND_STYLES[kind].label}: drag onto the canvas, or click to add`}
          onDragStart={(e) => {
            e.dataTransfer.setData(PALETTE_MIME, kind);
            e.dataTransfer.effectAllowed = 'copy';
          }}
          onClick={() => addInView(kind)}
        >
          <KindIcon kind={kind} size={18} />
          <span>{SHORT[kind]}</span>
        </button>
      ))}
    </div>
  );
}
