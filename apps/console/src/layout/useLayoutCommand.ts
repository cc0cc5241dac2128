import type { Application, Position } from '@netcanvas/model';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, useState } from 'react';
import { toLayout } from '../canvas/coords.ts';
import { links, NODE_WIDTH, type ObjectNode } from '../canvas/graph.ts';
import type { Commands } from '../editor/useCommands.ts';
import { useAutoLayout } from './useAutoLayout.ts';

/**
 * Auto-layout: by default only objects the design has no position for (placed below
 * what is there), so manual positions stay; `all` lays out everything.
 */
export function useLayoutCommand(
  doc: Application | undefined,
  commands: Commands,
): { run: (all: boolean) => void; note: string | undefined } {
  const flow = useReactFlow<ObjectNode>();
  const store = useStoreApi<ObjectNode>();
  const elk = useAutoLayout();
  const [note, setNote] = useState<string | undefined>();

  const run = useCallback(
    (all: boolean) => {
      if (!doc) return;
      const todo = doc.objects.filter((o) => all || !doc.layout.positions[o.id]);
      if (todo.length === 0) {
        setNote('Every object has a position: Shift+L lays out everything');
        return;
      }
      const nodes = todo.map((o) => {
        const m = flow.getNode(o.id)?.measured;
        return { id: o.id, kind: o.kind, width: m?.width ?? NODE_WIDTH, height: m?.height ?? 90 };
      });
      const kept = Object.values(doc.layout.positions);
      const below = all || kept.length === 0 ? 0 : Math.max(...kept.map((p) => p.y)) + 200;
      const left = all || kept.length === 0 ? 0 : Math.min(...kept.map((p) => p.x));
      // the packed drawing takes the canvas's shape, so zoom to fit leaves it readable
      const { width, height } = store.getState();
      const aspect = width > 0 && height > 0 ? width / height : undefined;
      setNote('Laying out…');
      elk({ nodes, edges: links(doc), ...(aspect ? { aspect } : {}) })
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
    [doc, flow, store, elk, commands],
  );
  return { run, note };
}
