import {
  type Edge,
  getBezierPath,
  getSmoothStepPath,
  type InternalNode,
  Position,
} from '@xyflow/react';
import type { ObjectNode } from '../graph.ts';
import type { Moved } from './cards.ts';
import type { Viewport } from './paint.ts';

/** How a link's CSS classes draw it (canvas.css), read once per class list. */
export interface LinkStyle {
  readonly color: string;
  readonly width: number;
  readonly dash: readonly number[];
  readonly alpha: number;
}

const SIDE: Record<string, Position> = {
  top: Position.Top,
  bottom: Position.Bottom,
  left: Position.Left,
  right: Position.Right,
};

/**
 * Reads each link class list's colour, width and dash from the page's CSS (the `--link`
 * variables canvas.css sets per kind), so the far view draws links as the SVG ones look.
 */
export function linkStyles(host: Element): (className: string | undefined) => LinkStyle {
  const cache = new Map<string, LinkStyle>();
  return (className) => {
    const key = className ?? '';
    let style = cache.get(key);
    if (style) return style;
    // a React Flow edge's element with these classes, measured and taken away again
    const probe = document.createElement('div');
    probe.className = `react-flow__edge ${key}`;
    probe.style.display = 'none';
    host.appendChild(probe);
    const css = getComputedStyle(probe);
    const dash = css.getPropertyValue('--link-dash').trim();
    style = {
      color: css.getPropertyValue('--link').trim() || '#3a4759',
      width: Number(css.getPropertyValue('--link-width')) || 1.6,
      dash: dash === 'none' || dash === '' ? [] : dash.split(/\s+/).map(Number),
      alpha: Number(css.opacity) || 1,
    };
    probe.remove();
    cache.set(key, style);
    return style;
  };
}

type Lookup = ReadonlyMap<string, InternalNode<ObjectNode>>;

/** Where a link meets a card: the middle of the side its handle is on, as the handles sit. */
function sidePoint(n: InternalNode<ObjectNode>, side: Position, moved: Moved | undefined) {
  const { x, y } = moved?.get(n.id) ?? n.internals.positionAbsolute;
  const w = n.measured.width ?? 0;
  const h = n.measured.height ?? 0;
  if (side === Position.Top) return { x: x + w / 2, y };
  if (side === Position.Bottom) return { x: x + w / 2, y: y + h };
  if (side === Position.Left) return { x, y: y + h / 2 };
  return { x: x + w, y: y + h / 2 };
}

/** A link's SVG path, as React Flow draws its edge type between the two handles. */
export function linkPath(edge: Edge, nodes: Lookup, moved?: Moved): string | undefined {
  const a = nodes.get(edge.source);
  const b = nodes.get(edge.target);
  if (!a?.measured.width || !b?.measured.width) return undefined;
  const sourcePosition = SIDE[edge.sourceHandle ?? ''] ?? Position.Bottom;
  const targetPosition = SIDE[edge.targetHandle ?? ''] ?? Position.Top;
  const s = sidePoint(a, sourcePosition, moved);
  const t = sidePoint(b, targetPosition, moved);
  const args = {
    sourceX: s.x,
    sourceY: s.y,
    sourcePosition,
    targetX: t.x,
    targetY: t.y,
    targetPosition,
  };
  const [d] = edge.type === 'smoothstep' ? getSmoothStepPath(args) : getBezierPath(args);
  return d;
}

/**
 * Draws the links in flow coordinates under the viewport's transform, so widths and dashes
 * scale as the SVG links' do. Keeps each link's Path2D while its path is unchanged (a drag
 * moves only the dragged cards' links). Returns how many links were drawn.
 */
export function paintLinks(
  ctx: CanvasRenderingContext2D,
  edges: readonly Edge[],
  nodes: Lookup,
  view: Viewport,
  dpr: number,
  styleOf: (className: string | undefined) => LinkStyle,
  paths: Map<string, { d: string; path: Path2D }>,
  moved?: Moved,
): number {
  ctx.save();
  ctx.setTransform(dpr * view.zoom, 0, 0, dpr * view.zoom, dpr * view.x, dpr * view.y);
  ctx.lineCap = 'round';
  let drawn = 0;
  const seen = new Set<string>();
  // one stroke style per class list: set it once for all its links
  const byClass = new Map<string | undefined, Path2D[]>();
  for (const edge of edges) {
    const d = linkPath(edge, nodes, moved);
    if (!d) continue;
    seen.add(edge.id);
    let kept = paths.get(edge.id);
    if (kept?.d !== d) {
      kept = { d, path: new Path2D(d) };
      paths.set(edge.id, kept);
    }
    const group = byClass.get(edge.className);
    if (group) group.push(kept.path);
    else byClass.set(edge.className, [kept.path]);
    drawn++;
  }
  for (const [className, group] of byClass) {
    const style = styleOf(className);
    ctx.globalAlpha = style.alpha;
    ctx.strokeStyle = style.color;
    ctx.lineWidth = style.width;
    ctx.setLineDash(style.dash);
    for (const path of group) ctx.stroke(path);
  }
  for (const id of paths.keys()) if (!seen.has(id)) paths.delete(id);
  ctx.restore();
  return drawn;
}
