import { type Edge, type NodeChange, type ReactFlowState, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useDeployStateContext } from '../../deploy/useDeployState.ts';
import type { Theme } from '../../shell/useTheme.ts';
import { useDiffOverlay } from '../../snapshots/diff-overlay-store.ts';
import type { ObjectNode } from '../graph.ts';
import { farCards, type IdCard, type Moved } from './cards.ts';
import { linkStyles, paintLinks } from './links.ts';
import { cardAt, type FarColors, farColors, paintCards, type Viewport } from './paint.ts';
import { useFarGestures } from './useFarGestures.ts';

interface Props {
  readonly theme: Theme;
  /** the links to draw under the cards (React Flow is not given them while zoomed out) */
  readonly links: readonly Edge[];
  /** node changes, as React Flow would send them for a drag */
  readonly onNodesChange: (changes: NodeChange<ObjectNode>[]) => void;
  readonly onPick: (id: string, additive: boolean) => readonly string[];
  readonly onDrop: (positions: Readonly<Record<string, { x: number; y: number }>>) => void;
  readonly readOnly: boolean;
}

const viewOf = (s: ReactFlowState<ObjectNode>): Viewport => ({
  x: s.transform[0],
  y: s.transform[1],
  zoom: s.transform[2],
  width: s.width,
  height: s.height,
});

/**
 * Zoomed out past reading, the cards are drawn on one canvas instead of a thousand DOM
 * cards (which React Flow's nodes hide then, see far-zoom.css): with 1,000 objects the
 * browser's per-frame cost of the DOM cards alone (hit test, layerization) was more than
 * a 60 Hz frame. Links are drawn here too, except live ones. Pressing a card selects it
 * and dragging moves it (and the rest of the selection), see useFarGestures.
 */
export function FarCards({ theme, links, onNodesChange, onPick, onDrop, readOnly }: Props) {
  const store = useStoreApi<ObjectNode>();
  const deploy = useDeployStateContext();
  const diff = useDiffOverlay();
  const ref = useRef<HTMLCanvasElement>(null);
  // the links change with every rebuild of the graph: read at draw time, not a reason to resubscribe
  const linksNow = useRef(links);
  linksNow.current = links;
  const redraw = useRef<() => void>(() => {});
  // the cards a drag is moving, drawn here until the drop tells React Flow
  const moved = useRef<Moved | undefined>(undefined);
  const drawn = useRef<{ cards: IdCard[]; view: Viewport }>({
    cards: [],
    view: viewOf(store.getState()),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme sets the CSS variables the colours are read from
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const host = canvas.closest('.react-flow') ?? canvas;
    // read at the first draw, not now: the theme's attribute is set by an effect that runs
    // after this child's
    let colors: FarColors | undefined;
    const styleOf = linkStyles(host);
    const paths = new Map<string, { d: string; path: Path2D }>();
    let frame = 0;
    const draw = () => {
      frame = 0;
      const s = store.getState();
      const view = viewOf(s);
      const dpr = window.devicePixelRatio || 1;
      const w = Math.round(view.width * dpr);
      const h = Math.round(view.height * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, view.width, view.height);
      const drawnLinks = paintLinks(
        ctx,
        linksNow.current,
        s.nodeLookup,
        view,
        dpr,
        styleOf,
        paths,
        moved.current,
      );
      const cards = farCards(s.nodeLookup, deploy, diff, moved.current);
      drawn.current = { cards, view };
      colors ??= farColors(host);
      paintCards(ctx, cards, view, colors);
      const box = s.userSelectionActive ? s.userSelectionRect : null;
      if (box) {
        // React Flow's selection box is under this canvas: draw it on top again
        ctx.fillStyle = 'rgba(59, 130, 246, 0.08)';
        ctx.strokeStyle = colors.selected;
        ctx.lineWidth = 1;
        ctx.fillRect(box.x, box.y, box.width, box.height);
        ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.width, box.height);
      }
      canvas.dataset.cards = String(cards.length);
      canvas.dataset.links = String(drawnLinks);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    schedule();
    redraw.current = schedule;
    const unsubscribe = store.subscribe(schedule);
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store, deploy, diff, theme]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new links are a reason to draw again
  useEffect(() => redraw.current(), [links]);

  useFarGestures(ref, {
    cardAt: (point) => cardAt(drawn.current.cards, drawn.current.view, point),
    zoom: () => drawn.current.view.zoom,
    positionOf: (id) => store.getState().nodeLookup.get(id)?.position,
    describe: (id) => {
      const data = store.getState().nodeLookup.get(id)?.data;
      return data ? `${data.object.name} · ${data.facts.subtitle}` : id;
    },
    onPreview: (next) => {
      moved.current = next;
      redraw.current();
    },
    onNodesChange,
    onPick,
    onDrop,
    readOnly,
  });

  return <canvas ref={ref} className="far-cards" data-testid="far-cards" />;
}
