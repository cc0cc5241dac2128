import type { ObjectKind } from '@netcanvas/model';
import type { ObjectDeployState } from '../../deploy/contract.ts';
import type { DiffMarkOp } from '../../snapshots/diff-overlay.ts';
import type { Highlight } from '../graph.ts';
import { KIND_STYLES } from '../kinds.ts';

/** The theme's colours the cards use, read from the page's CSS variables. */
export interface FarColors {
  readonly surface: string;
  readonly border: string;
  readonly selected: string;
  readonly path: string;
  readonly match: string;
  readonly good: string;
  readonly bad: string;
  readonly pending: string;
}

/** One card as the far view draws it: where, how big, and the states that show from afar. */
export interface FarCard {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly kind: ObjectKind;
  readonly selected: boolean;
  readonly highlight: Highlight;
  readonly errors: number;
  readonly warnings: number;
  readonly deploy?: ObjectDeployState | undefined;
  readonly diff?: DiffMarkOp | undefined;
  readonly ghost: boolean;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
  readonly width: number;
  readonly height: number;
}

/** Reads the colours from CSS variables on `el` (the theme's), so the far view matches the cards. */
export function farColors(el: Element): FarColors {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    surface: v('--surface', '#11171f'),
    border: v('--border-strong', '#2f3c4f'),
    selected: v('--accent-2', '#60a5fa'),
    path: v('--path', '#38bdf8'),
    match: v('--warn', '#f5a524'),
    good: v('--good', '#22c55e'),
    bad: v('--bad', '#f05252'),
    pending: v('--accent', '#3b82f6'),
  };
}

function rgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h.padEnd(6, '0');
  const n = Number.parseInt(full.slice(0, 6), 16);
  return Number.isNaN(n) ? [128, 128, 128] : [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `color-mix(in srgb, a share, b)` for hex colours. */
export function mix(a: string, b: string, share: number): string {
  const [r1, g1, b1] = rgb(a);
  const [r2, g2, b2] = rgb(b);
  const m = (p: number, q: number) => Math.round(p * share + q * (1 - share));
  return `rgb(${m(r1, r2)}, ${m(g1, g2)}, ${m(b1, b2)})`;
}

/** The ring a card's state draws around it, as the card's CSS does; none for a plain card. */
function ring(c: FarCard, colors: FarColors): string | undefined {
  if (c.diff === 'added') return colors.good;
  if (c.diff === 'changed') return colors.match;
  if (c.highlight === 'path') return colors.path;
  if (c.highlight === 'match') return colors.match;
  if (c.selected) return colors.selected;
  return undefined;
}

function border(c: FarCard, colors: FarColors): string {
  if (c.diff === 'removed') return colors.bad;
  if (c.errors > 0) return colors.bad;
  if (c.deploy === 'drift') return colors.match;
  return ring(c, colors) ?? colors.border;
}

const DEPLOY_MARK: Record<ObjectDeployState, keyof FarColors> = {
  applied: 'good',
  pending: 'pending',
  drift: 'match',
};

/**
 * Draws the cards zoomed out past reading, as the DOM cards look there: a box tinted with
 * its kind's colour, the kind's stripe on the left and the icon's square, the state's
 * border and ring, the deploy mark in the top-left corner and a problem dot top-right.
 * Cards outside the viewport are skipped.
 */
export function paintCards(
  ctx: CanvasRenderingContext2D,
  cards: readonly FarCard[],
  view: Viewport,
  colors: FarColors,
): void {
  const { zoom } = view;
  // a kind's colour mixed into the surface, for the card (26 %) and its icon square (30 %):
  // worked out once per kind and share, not per card and frame
  const tints = new Map<string, string>();
  const tint = (k: ObjectKind, share: number) => {
    const key = `${k}:${share}`;
    let t = tints.get(key);
    if (!t) {
      t = mix(KIND_STYLES[k].color, colors.surface, share);
      tints.set(key, t);
    }
    return t;
  };
  ctx.lineJoin = 'round';
  for (const c of cards) {
    const x = c.x * zoom + view.x;
    const y = c.y * zoom + view.y;
    const w = c.width * zoom;
    const h = c.height * zoom;
    if (x > view.width || y > view.height || x + w < 0 || y + h < 0) continue;
    const r = Math.min(9 * zoom, w / 2, h / 2);
    const kind = KIND_STYLES[c.kind].color;
    const alpha = c.highlight === 'dim' ? 0.42 : c.ghost ? 0.6 : 1;
    ctx.globalAlpha = alpha;

    const around = ring(c, colors);
    if (around) {
      ctx.beginPath();
      ctx.roundRect(x - 2, y - 2, w + 4, h + 4, r + 2);
      ctx.fillStyle = around;
      ctx.globalAlpha = alpha * 0.45;
      ctx.fill();
      ctx.globalAlpha = alpha;
    }
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, r);
    if (!c.ghost) {
      ctx.fillStyle = tint(c.kind, 0.26);
      ctx.fill();
    }
    ctx.setLineDash(c.diff === 'removed' ? [4, 3] : []);
    ctx.lineWidth = c.diff === 'removed' ? 2 : 1;
    ctx.strokeStyle = border(c, colors);
    ctx.stroke();
    ctx.setLineDash([]);
    // the kind's stripe down the left side, 3 px on the card
    ctx.fillStyle = kind;
    ctx.fillRect(x, y + r / 2, Math.max(1, 3 * zoom), h - r);
    // the icon's square (its glyph is not drawn this far out)
    if (w > 24) {
      ctx.beginPath();
      ctx.roundRect(x + 12 * zoom, y + 8 * zoom, 28 * zoom, 28 * zoom, 7 * zoom);
      ctx.fillStyle = tint(c.kind, 0.3);
      ctx.fill();
    }
    if (c.deploy) {
      ctx.beginPath();
      ctx.arc(x, y, Math.max(2.5, 9 * zoom), 0, 2 * Math.PI);
      ctx.fillStyle = colors[DEPLOY_MARK[c.deploy]];
      ctx.fill();
    }
    if (c.errors > 0 || c.warnings > 0) {
      ctx.beginPath();
      ctx.arc(x + w, y, Math.max(2.5, 9 * zoom), 0, 2 * Math.PI);
      ctx.fillStyle = c.errors > 0 ? colors.bad : colors.match;
      ctx.fill();
    }
  }
  ctx.globalAlpha = 1;
}

/** The card under a point on the screen: the topmost, as drawn (selected cards are on top). */
export function cardAt(
  cards: readonly (FarCard & { readonly id: string })[],
  view: Viewport,
  point: { readonly x: number; readonly y: number },
): string | undefined {
  const fx = (point.x - view.x) / view.zoom;
  const fy = (point.y - view.y) / view.zoom;
  for (let i = cards.length - 1; i >= 0; i--) {
    const c = cards[i];
    if (!c || c.ghost) continue;
    if (fx >= c.x && fx <= c.x + c.width && fy >= c.y && fy <= c.y + c.height) return c.id;
  }
  return undefined;
}
