import type { Position } from '@netcanvas/model';

/** Templates space columns 140-160 units apart; a little air keeps cards from touching. */
const LAYOUT_SCALE = { x: 1.05, y: 1.15 };

/** Where a layout position is drawn on the canvas. */
export function toCanvas(p: Position): Position {
  return { x: p.x * LAYOUT_SCALE.x, y: p.y * LAYOUT_SCALE.y };
}

/** The layout position of a point on the canvas, rounded so drafts stay readable. */
export function toLayout(p: Position): Position {
  return { x: Math.round(p.x / LAYOUT_SCALE.x), y: Math.round(p.y / LAYOUT_SCALE.y) };
}
