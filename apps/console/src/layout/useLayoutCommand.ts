import type { Application, Position } from '@netcanvas/model';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toLayout } from '../canvas/coords.ts';
import { links, NODE_WIDTH, type ObjectNode } from '../canvas/graph.ts';
import type { Commands } from '../editor/useCommands.ts';
import { type LayoutRequest, WARM_UP_AT } from './layout-protocol.ts';
import { useAutoLayout } from './useAutoLayout.ts';

/**
 * Auto-layout: by default only objects the design has no position for (placed below
 * what is there), so manual positions stay; `all` lays out everything. With `warmUp`, a
 * design of `WARM_UP_AT` objects or more is laid out once in the background when the page
 * is first idle, so the user's first auto-layout does not pay the layout engine's warm-up.
 */
export function useLayoutCommand(
  doc: Application | undefined,
  commands: Commands,
  { warmUp = false } = {},
): { run: (all: boolean) => void; note: string | undefined } {
  const flow = useReactFlow<ObjectNode>();
  const store = useStoreApi<ObjectNode>();
  const elk = useAutoLayout();
  const [note, setNote] = useState<string | undefined>();

  const request = useCallback(
    (design: Application, todo: Application['objects']): Omit<LayoutRequest, 'id'> => {
      const nodes = todo.map((o) => {
        const m = flow.getNode(o.id)?.measured;
        return { id: o.id, kind: o.kind, width: m?.width ?? NODE_WIDTH, height: m?.height ?? 90 };
      });
      // the packed drawing takes the canvas's shape, so zoom to fit leaves it readable
      const { width, height } = store.getState();
      const aspect = width > 0 && height > 0 ? width / height : undefined;
      return { nodes, edges: links(design), ...(aspect ? { aspect } : {}) };
    },
    [flow, store],
  );

  const latest = useRef(doc);
  latest.current = doc;
  const big = warmUp && !!doc && doc.objects.length >= WARM_UP_AT;
  useEffect(() => {
    if (!big) return;
    const warm = () => {
      const design = latest.current;
      if (design) elk.warmUp(request(design, design.objects));
    };
    const idle = window.requestIdleCallback?.(warm, { timeout: 5000 });
    const timer = idle === undefined ? window.setTimeout(warm, 2000) : undefined;
    return () => {
      if (idle !== undefined) window.cancelIdleCallback(idle);
      window.clearTimeout(timer);
    };
  }, [big, elk, request]);

  const run = useCallback(
    (all: boolean) => {
      if (!doc) return;
      const todo = doc.objects.filter((o) => all || !doc.layout.positions[o.id]);
      if (todo.length === 0) {
        setNote('Every object has a position: Shift+L lays out everything');
        return;
      }
      const kept = Object.values(doc.layout.positions);
      const below = all || kept.length === 0 ? 0 : Math.max(...kept.map((p) => p.y)) + 200;
      const left = all || kept.length === 0 ? 0 : Math.min(...kept.map((p) => p.x));
      setNote('Laying out…');
      elk
        .layout(request(doc, todo))
        .then((placed) => {
          const positions: Record<string, Position> = {};
          for (const [id, p] of Object.entries(placed)) {
            const l = toLayout(p);
            positions[id] = { x: l.x + left, y: l.y + below };
          }
          commands.setLayout(positions);
          setNote(undefined);
          window.setTimeout(() => void flow.fitView({ padding: 0.08, duration: 300 }), 50);
        })
        .catch((err: unknown) => setNote(`Layout failed: ${String(err)}`));
    },
    [doc, flow, elk, request, commands],
  );
  return { run, note };
}
