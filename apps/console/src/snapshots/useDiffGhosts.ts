import { useMemo } from 'react';
import type { ObjectNode } from '../canvas/graph.ts';
import { useDiffOverlay } from './diff-overlay-store.ts';

const NONE: readonly ObjectNode[] = [];

/** The canvas's nodes plus, while a snapshot diff is shown, the ghosts of removed objects. */
export function useDiffGhosts(nodes: readonly ObjectNode[]): readonly ObjectNode[] {
  const ghosts = useDiffOverlay()?.ghosts ?? NONE;
  return useMemo(() => {
    if (ghosts.length === 0) return nodes;
    const ids = new Set(nodes.map((n) => n.id));
    return [...nodes, ...ghosts.filter((g) => !ids.has(g.id))];
  }, [nodes, ghosts]);
}
