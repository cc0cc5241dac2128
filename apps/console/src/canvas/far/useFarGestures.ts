import type { NodeChange, XYPosition } from '@xyflow/react';
import { type RefObject, useEffect, useRef } from 'react';
import type { ObjectNode } from '../graph.ts';

interface Gestures {
  /** the card under a point on the canvas (pixels from its top-left corner) */
  readonly cardAt: (point: XYPosition) => string | undefined;
  readonly zoom: () => number;
  readonly positionOf: (id: string) => XYPosition | undefined;
  /** what a card's tooltip says */
  readonly describe: (id: string) => string;
  /** where the dragged cards are while the pointer moves (undefined: the drag is over) */
  readonly onPreview: (moved: ReadonlyMap<string, XYPosition> | undefined) => void;
  readonly onNodesChange: (changes: NodeChange<ObjectNode>[]) => void;
  /** selects as a click on a card does; returns the selection after it */
  readonly onPick: (id: string, additive: boolean) => readonly string[];
  readonly onDrop: (positions: Readonly<Record<string, XYPosition>>) => void;
  readonly readOnly: boolean;
}

/** pixels the pointer moves before a press on a card becomes a drag (React Flow's is 1) */
const THRESHOLD = 2;

/**
 * A press on a card drawn by the far view: selects it (Ctrl, Cmd or Shift add to or take
 * from the selection) and, dragged, moves it with the rest of the selection: only the far
 * view redraws while the pointer moves, and React Flow gets the new positions at the drop
 * (a store update per move made React Flow run a thousand node selectors). A press
 * anywhere else is left to React Flow (pan, box select). Listens on the flow's element in
 * the capture phase, so a press on a card never reaches the pane underneath.
 */
export function useFarGestures(canvas: RefObject<HTMLCanvasElement | null>, g: Gestures): void {
  const latest = useRef(g);
  latest.current = g;

  useEffect(() => {
    const flow = canvas.current?.closest<HTMLElement>('.react-flow');
    if (!flow) return;
    let swallowClick = false;
    let hovered: string | undefined;
    const hover = (id: string | undefined) => {
      if (id === hovered) return;
      hovered = id;
      // a pointer cursor and the card's name as the tooltip, as a DOM card has
      flow.classList.toggle('far-hover', id !== undefined);
      if (id === undefined) flow.removeAttribute('title');
      else flow.title = latest.current.describe(id);
    };
    const cardUnder = (e: PointerEvent | MouseEvent) => {
      if (!(e.target instanceof Element) || !e.target.closest('.react-flow__renderer')) return;
      const box = flow.getBoundingClientRect();
      return latest.current.cardAt({ x: e.clientX - box.left, y: e.clientY - box.top });
    };
    const onHover = (e: PointerEvent) => {
      if (e.buttons === 0) hover(cardUnder(e));
    };

    const onPointerDown = (e: PointerEvent) => {
      if (e.button !== 0 || !e.isPrimary) return;
      // the pane, links and selection box only: not the minimap, controls or panels
      const id = cardUnder(e);
      if (!id) return;
      hover(undefined);
      e.stopPropagation();
      // no compatibility mousedown for the pane's pan either
      e.preventDefault();
      const { onPick, positionOf, zoom, readOnly } = latest.current;
      const selection = onPick(id, e.metaKey || e.ctrlKey || e.shiftKey);
      const moving = selection.includes(id) ? selection : [id];
      const from = new Map<string, XYPosition>();
      for (const m of moving) {
        const p = positionOf(m);
        if (p) from.set(m, { ...p });
      }
      const scale = zoom();
      let dragging = false;
      const to = (ev: PointerEvent) => {
        const dx = (ev.clientX - e.clientX) / scale;
        const dy = (ev.clientY - e.clientY) / scale;
        return [...from].map(([mid, p]) => [mid, { x: p.x + dx, y: p.y + dy }] as const);
      };

      const onMove = (ev: PointerEvent) => {
        if (readOnly || ev.pointerId !== e.pointerId) return;
        if (!dragging) {
          if (Math.hypot(ev.clientX - e.clientX, ev.clientY - e.clientY) < THRESHOLD) return;
          dragging = true;
        }
        latest.current.onPreview(new Map(to(ev)));
      };
      const onUp = (ev: PointerEvent) => {
        if (ev.pointerId !== e.pointerId) return;
        window.removeEventListener('pointermove', onMove);
        window.removeEventListener('pointerup', onUp);
        window.removeEventListener('pointercancel', onUp);
        // the click that follows would land on the pane, which clears the selection
        swallowClick = true;
        window.setTimeout(() => {
          swallowClick = false;
        }, 0);
        if (!dragging) return;
        // a cancelled pointer (the browser took it over) puts the cards back where they were
        if (ev.type === 'pointercancel') {
          latest.current.onPreview(undefined);
          return;
        }
        const end = to(ev);
        latest.current.onNodesChange(
          end.map(([mid, position]) => ({ type: 'position', id: mid, position })),
        );
        latest.current.onDrop(Object.fromEntries(end));
        latest.current.onPreview(undefined);
      };
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
      window.addEventListener('pointercancel', onUp);
    };
    const onClick = (e: MouseEvent) => {
      if (!swallowClick) return;
      swallowClick = false;
      e.stopPropagation();
    };
    flow.addEventListener('pointerdown', onPointerDown, { capture: true });
    flow.addEventListener('click', onClick, { capture: true });
    flow.addEventListener('pointermove', onHover);
    return () => {
      hover(undefined);
      flow.removeEventListener('pointermove', onHover);
      flow.removeEventListener('pointerdown', onPointerDown, { capture: true });
      flow.removeEventListener('click', onClick, { capture: true });
    };
  }, [canvas]);
}
