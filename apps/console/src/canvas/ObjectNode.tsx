import { Handle, type NodeProps, Position } from '@xyflow/react';
import { type CSSProperties, useContext } from 'react';
import { DeployMark } from '../deploy/DeployMark.tsx';
import { useDeployStateContext } from '../deploy/useDeployState.ts';
import { DiffMark } from '../snapshots/DiffMark.tsx';
import { useDiffMark } from '../snapshots/diff-overlay-store.ts';
import { FarZoomContext } from './far-zoom-context.ts';
import type { ObjectNode as ObjectNodeType } from './graph.ts';
import { KindIcon } from './KindIcon.tsx';
import { KIND_STYLES } from './kinds.ts';
import { LiveBadge } from './LiveBadge.tsx';

/**
 * One handle per side, where a line starts or ends: the canvas connects in loose mode, so a
 * link's end may be any handle. (A source and a target per side was twice the handles, and
 * React Flow runs a store selector per handle on every drag move: 8,000 at 1,000 objects.)
 */
const SIDES = [
  ['top', Position.Top],
  ['bottom', Position.Bottom],
  ['left', Position.Left],
  ['right', Position.Right],
] as const;

/**
 * A handle's place, as React Flow measures it (the \`source\` class, \`data-handleid\`,
 * \`data-handlepos\`), without React Flow's \`Handle\`: zoomed out past reading nobody draws a
 * line, and a \`Handle\` runs a store selector on every drag move (4,000 at 1,000 objects).
 */
function FarHandle({ id, position }: { readonly id: string; readonly position: Position }) {
  return (
    <div
      className={`react-flow__handle react-flow__handle-${position} source`}
      data-handleid={id}
      data-handlepos={position}
    />
  );
}

/** One network object on the canvas: icon, name, the facts that matter, problem badges. */
export function ObjectNode({ data, selected }: NodeProps<ObjectNodeType>) {
  const far = useContext(FarZoomContext);
  const { object, facts, errors, warnings, highlight, problems, live } = data;
  const color = KIND_STYLES[object.kind].color;
  const deploy = useDeployStateContext().objects.get(object.id);
  const classes = ['object-node', `kind-${object.kind}`, `hl-${highlight}`];
  if (deploy) classes.push(`deploy-${deploy}`);
  const diff = useDiffMark(object.id);
  if (diff) classes.push(`diff-${diff.op}`);
  if (selected) classes.push('selected');
  if (errors) classes.push('has-errors');
  return (
    <div
      className={classes.join(' ')}
      data-testid={`node-${object.id}`}
      style={{ '--kind-color': color } as CSSProperties}
    >
      {far
        ? SIDES.map(([id, pos]) => <FarHandle key={id} id={id} position={pos} />)
        : SIDES.map(([id, pos]) => <Handle key={id} id={id} type="source" position={pos} />)}
      <div className="object-node-head">
        <span className="object-node-icon">
          <KindIcon kind={object.kind} size={18} />
        </span>
        <span className="object-node-title">
          <span className="object-node-name" title={object.name}>
            {object.name}
          </span>
          <span className="object-node-kind">{facts.subtitle}</span>
        </span>
      </div>
      {facts.lines.length > 0 && (
        <ul className="object-node-facts">
          {facts.lines.map((f) => (
            <li key={`${f.label ?? ''}${f.text}`}>
              {f.label && <span className="fact-label">{f.label}</span>}
              <span className={f.mono ? 'fact-value mono' : 'fact-value'}>{f.text}</span>
            </li>
          ))}
        </ul>
      )}
      {facts.chips.length > 0 && (
        <div className="object-node-chips">
          {facts.chips.map((c) => (
            <span key={c} className="chip">
              {c}
            </span>
          ))}
        </div>
      )}
      {diff ? <DiffMark mark={diff} /> : deploy && <DeployMark state={deploy} />}
      {live && <LiveBadge id={object.id} live={live} workload={object.kind === 'workload'} />}
      {(errors > 0 || warnings > 0) && (
        <div
          className="object-node-badges"
          data-testid={`badge-${object.id}`}
          title={problems.join('\n')}
        >
          {errors > 0 && (
            <span className="badge badge-error" title={`${errors} error(s)`}>
              {errors}
            </span>
          )}
          {warnings > 0 && (
            <span className="badge badge-warning" title={`${warnings} warning(s)`}>
              {warnings}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
