import type { InternalNode } from '@xyflow/react';
import type { DeployState } from '../../deploy/useDeployState.ts';
import type { DiffOverlay } from '../../snapshots/diff-overlay.ts';
import { NODE_WIDTH, type ObjectNode } from '../graph.ts';
import type { FarCard } from './paint.ts';

/** A node React Flow has not measured yet keeps its DOM card, so it can be measured. */
export const UNMEASURED = 'unmeasured';

export type IdCard = FarCard & { readonly id: string };

/** Where cards being dragged are drawn, before React Flow is told at the drop. */
export type Moved = ReadonlyMap<string, { readonly x: number; readonly y: number }>;

const NONE: Moved = new Map();

const has = (className: string | undefined, c: string) =>
  !!className && className.split(' ').includes(c);

/**
 * The cards to draw, in drawing order: React Flow's measured nodes, selected ones last (on
 * top, as React Flow raises them). Unmeasured nodes are left to their DOM cards.
 */
export function farCards(
  nodes: ReadonlyMap<string, InternalNode<ObjectNode>>,
  deploy: DeployState,
  diff: DiffOverlay | undefined,
  moved: Moved = NONE,
): IdCard[] {
  const plain: IdCard[] = [];
  const raised: IdCard[] = [];
  for (const n of nodes.values()) {
    const classes = n.className?.split(' ');
    if (n.hidden || classes?.includes(UNMEASURED)) continue;
    const { object, highlight, errors, warnings } = n.data;
    const at = moved.get(n.id) ?? n.internals.positionAbsolute;
    const card: IdCard = {
      id: n.id,
      x: at.x,
      y: at.y,
      width: n.measured.width ?? NODE_WIDTH,
      height: n.measured.height ?? 90,
      kind: object.kind,
      selected: !!n.selected,
      highlight,
      errors,
      warnings,
      deploy: deploy.objects.get(object.id),
      diff: diff?.marks.get(object.id)?.op,
      ghost: !!classes?.includes('diff-ghost'),
    };
    (card.selected ? raised : plain).push(card);
  }
  return plain.concat(raised);
}

/** `className` with the unmeasured mark when the node has no measured size yet. */
export function markUnmeasured(n: ObjectNode): ObjectNode {
  if (n.measured || has(n.className, UNMEASURED)) return n;
  return { ...n, className: n.className ? `${n.className} ${UNMEASURED}` : UNMEASURED };
}

/** Takes the unmeasured mark off the nodes in `ids` (React Flow has just measured them). */
export function clearUnmeasured(nodes: ObjectNode[], ids: ReadonlySet<string>): ObjectNode[] {
  if (ids.size === 0) return nodes;
  return nodes.map((n) => {
    if (!ids.has(n.id) || !has(n.className, UNMEASURED)) return n;
    const rest = (n.className ?? '')
      .split(' ')
      .filter((c) => c && c !== UNMEASURED)
      .join(' ');
    const { className: _, ...without } = n;
    return rest ? { ...without, className: rest } : without;
  });
}
