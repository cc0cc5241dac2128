import type { Application, Position } from '@netcanvas/model';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toLayout } from '../canvas/coords.ts';
import { links, NODE_WIDTH, type ObjectNode } from '../canvas/graph.ts';
import type { Commands } from '../editor/useCommands.ts';
import { type LayoutRequest, WARM_UP_AT } from './layout-protocol.ts';
import { useAutoLayout } from './useAutoLayout.ts';

/** How long the user leaves the page alone before the layout worker warms up. */
const IDLE_BEFORE_WARM_UP_MS = 3000;

/**
 * Auto-layout: by default only objects the design has no position for (placed below
 * what is there), so manual positions stay; `all` lays out everything. With `warmUp`, a
 * design of `WARM_UP_AT` objects or more starts the layout worker as it opens, and is laid
 * out in the background, a round at a time whenever the user has left the page alone for a
 * few seconds, until the worker is warm (`LayoutWorker.warmUp`), so their first auto-layout
 * does not pay the engine's warm-up.
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
    // loading elkjs happens on the worker's own thread: start it now, not on the first click
    elk.boot();
    // lay out only while the user leaves the page alone: on a machine with few cores the
    // warm-up competes with the page for the CPU, and would stutter a drag
    let last = performance.now();
    let stopped = false;
    const active = () => {
      last = performance.now();
    };
    const inputs = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;
    for (const e of inputs) window.addEventListener(e, active, { passive: true });
    const stop = () => {
      stopped = true;
      for (const e of inputs) window.removeEventListener(e, active);
    };
    let idle: number | undefined;
    let timer: number | undefined;
    // one round at a time, each after the user has been idle for a while
    const warm = () => {
      idle = undefined;
      const design = latest.current;
      if (stopped || !design) return;
      void elk.warmUp(request(design, design.objects)).then((more) => {
        if (!more) stop();
        else if (!stopped) wait();
      });
    };
    const wait = () => {
      const left = IDLE_BEFORE_WARM_UP_MS - (performance.now() - last);
      if (left > 0) {
        timer = window.setTimeout(wait, left);
        return;
      }
      if (window.requestIdleCallback) idle = window.requestIdleCallback(warm, { timeout: 2000 });
      else warm();
    };
    timer = window.setTimeout(wait, IDLE_BEFORE_WARM_UP_MS);
    return () => {
      stop();
      window.clearTimeout(timer);
      if (idle !== undefined) window.cancelIdleCallback(idle);
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
