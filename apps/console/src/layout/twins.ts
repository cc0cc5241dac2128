import type { Position } from '@netcanvas/model';
import type { Component } from './decompose.ts';
import type { LayoutNode } from './layout-protocol.ts';

/** A block of twins is at most this many cards wide; more wrap onto further rows. */
export const TWIN_COLUMNS = 6;
/** Room between the cards of a block: across as ELK leaves between nodes, down for links. */
export const TWIN_GAP = { x: 36, y: 50 };

/** A component with its twins folded into blocks, and the way back to every node. */
export interface Folded {
  readonly component: Component;
  /** positions of the folded component's nodes → positions of the original nodes */
  expand(at: Readonly<Record<string, Position>>): Record<string, Position>;
}

interface Block {
  readonly id: string;
  readonly members: readonly LayoutNode[];
  readonly columns: number;
  readonly cell: { readonly width: number; readonly height: number };
}

/** Rows of at most `TWIN_COLUMNS`, as even as they can be (7 → 4 + 3, not 6 + 1). */
function columnsFor(count: number): number {
  const rows = Math.ceil(count / TWIN_COLUMNS);
  return Math.ceil(count / rows);
}

/**
 * Folds twins — nodes of one kind linked to exactly the same nodes, such as the web tier's
 * VMs on one switch behind one load balancer — into one block node each, a grid of their
 * cards in request order. A layered layout would put twins side by side anyway (they have
 * the same neighbours, so the same barycentre); folding them first gives ELK a graph about
 * half the size on typical designs, and wraps a long tier into rows instead of one wide row.
 */
export function foldTwins(c: Component): Folded {
  const neighbours = new Map<string, Set<string>>(c.nodes.map((n) => [n.id, new Set()]));
  for (const e of c.edges) {
    neighbours.get(e.source)?.add(e.target);
    neighbours.get(e.target)?.add(e.source);
  }
  const classes = new Map<string, LayoutNode[]>();
  for (const n of c.nodes) {
    const around = [...(neighbours.get(n.id) ?? [])].sort();
    // a node with no links is no one's twin
    const key = around.length ? `${n.kind} ${around.join(' ')}` : `alone ${n.id}`;
    const members = classes.get(key);
    if (members) members.push(n);
    else classes.set(key, [n]);
  }

  const blockOf = new Map<string, string>();
  const blocks: Block[] = [];
  const nodes: LayoutNode[] = [];
  for (const members of classes.values()) {
    const [first] = members;
    if (!first) continue;
    if (members.length === 1) {
      nodes.push(first);
      blockOf.set(first.id, first.id);
      continue;
    }
    const cell = {
      width: Math.max(...members.map((m) => m.width)),
      height: Math.max(...members.map((m) => m.height)),
    };
    const columns = columnsFor(members.length);
    const rows = Math.ceil(members.length / columns);
    // object ids have no spaces (the model's ObjectId), so a block's id is no object's
    const id = `twins ${first.id}`;
    blocks.push({ id, members, columns, cell });
    nodes.push({
      id,
      kind: first.kind,
      width: columns * cell.width + (columns - 1) * TWIN_GAP.x,
      height: rows * cell.height + (rows - 1) * TWIN_GAP.y,
    });
    for (const m of members) blockOf.set(m.id, id);
  }
  if (blocks.length === 0) return { component: c, expand: (at) => ({ ...at }) };

  const seen = new Set<string>();
  const edges: Component['edges'][number][] = [];
  for (const e of c.edges) {
    const source = blockOf.get(e.source) ?? e.source;
    const target = blockOf.get(e.target) ?? e.target;
    const key = `${source}\n${target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ source, target });
  }

  return {
    component: { nodes, edges },
    expand(at) {
      const out: Record<string, Position> = {};
      for (const n of nodes) {
        const p = at[n.id];
        // a node left as it was maps to itself; a block is put back member by member below
        if (p && blockOf.get(n.id) === n.id) out[n.id] = p;
      }
      for (const b of blocks) {
        const origin = at[b.id] ?? { x: 0, y: 0 };
        b.members.forEach((m, i) => {
          const col = i % b.columns;
          const row = Math.floor(i / b.columns);
          out[m.id] = {
            x: origin.x + col * (b.cell.width + TWIN_GAP.x) + (b.cell.width - m.width) / 2,
            y: origin.y + row * (b.cell.height + TWIN_GAP.y),
          };
        });
      }
      return out;
    },
  };
}
