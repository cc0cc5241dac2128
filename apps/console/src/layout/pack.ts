import type { Position } from '@netcanvas/model';
import type { LayoutNode } from './layout-protocol.ts';

/** Room between packed components, and between the hub row and the first row. */
export const PACK_GAP = { x: 90, y: 110 };
/** Room between two hubs in their row. */
const HUB_GAP = 60;

/** A component already laid out: positions relative to its own top-left corner. */
export interface PlacedComponent {
  readonly width: number;
  readonly height: number;
  readonly positions: Readonly<Record<string, Position>>;
}

/** The bounding box of laid-out nodes, moved so it starts at (0, 0). */
export function normalize(
  nodes: readonly LayoutNode[],
  positions: Readonly<Record<string, Position>>,
): PlacedComponent {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const n of nodes) {
    const p = positions[n.id] ?? { x: 0, y: 0 };
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + n.width);
    maxY = Math.max(maxY, p.y + n.height);
  }
  const out: Record<string, Position> = {};
  for (const n of nodes) {
    const p = positions[n.id] ?? { x: 0, y: 0 };
    out[n.id] = { x: p.x - minX, y: p.y - minY };
  }
  return nodes.length
    ? { width: maxX - minX, height: maxY - minY, positions: out }
    : { width: 0, height: 0, positions: {} };
}

/** Shelf packing at one row width: top-left corners, and the size of the result. */
function shelves(components: readonly PlacedComponent[], rowWidth: number) {
  const at: Position[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const c of components) {
    if (x > 0 && x + c.width > rowWidth) {
      x = 0;
      y += rowHeight + PACK_GAP.y;
      rowHeight = 0;
    }
    at.push({ x, y });
    width = Math.max(width, x + c.width);
    x += c.width + PACK_GAP.x;
    rowHeight = Math.max(rowHeight, c.height);
  }
  return { at, width, height: y + rowHeight };
}

/**
 * Packs components in rows (in the order given) so the drawing is about `aspect` times
 * as wide as it is tall, and puts the hubs in one row centred above them.
 */
export function pack(
  hubs: readonly LayoutNode[],
  components: readonly PlacedComponent[],
  aspect: number,
): Record<string, Position> {
  const area = components.reduce((a, c) => a + (c.width + PACK_GAP.x) * (c.height + PACK_GAP.y), 0);
  const hubHeight = hubs.reduce((a, h) => Math.max(a, h.height), 0);
  const top = hubs.length ? hubHeight + PACK_GAP.y : 0;
  // rows wrap in whole components, so try a few row widths and keep the closest shape
  const ideal = Math.sqrt(area * aspect);
  let best = shelves(components, ideal);
  const off = (s: { width: number; height: number }) =>
    Math.abs(Math.log(Math.max(1, s.width) / Math.max(1, s.height + top) / aspect));
  for (let f = 0.7; f <= 1.61; f += 0.1) {
    const s = shelves(components, ideal * f);
    if (off(s) < off(best) - 1e-9) best = s;
  }

  const out: Record<string, Position> = {};
  components.forEach((c, i) => {
    const o = best.at[i] ?? { x: 0, y: 0 };
    for (const [id, p] of Object.entries(c.positions)) {
      out[id] = { x: p.x + o.x, y: p.y + o.y + top };
    }
  });
  const hubsWidth = hubs.reduce((a, h) => a + h.width, 0) + HUB_GAP * Math.max(0, hubs.length - 1);
  let hx = Math.max(0, (best.width - hubsWidth) / 2);
  for (const h of hubs) {
    out[h.id] = { x: hx, y: hubHeight - h.height };
    hx += h.width + HUB_GAP;
  }
  return out;
}
