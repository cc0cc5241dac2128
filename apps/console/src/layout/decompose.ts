import type { LayoutNode, LayoutRequest } from './layout-protocol.ts';

/** A node with at least this many links is a hub (a shared uplink or core switch). */
export const HUB_DEGREE = 24;

/** A graph cut into hubs and the connected pieces that hang off them. */
export interface Decomposition {
  /** uplinks and very-high-degree nodes, in request order */
  readonly hubs: readonly LayoutNode[];
  /** connected components of what is left, each in request order; ordered by first node */
  readonly components: readonly Component[];
}

/** One connected piece: its nodes and the links between them. */
export interface Component {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly { readonly source: string; readonly target: string }[];
}

/**
 * Takes out the hubs (every uplink, and any node with `HUB_DEGREE` links or more) and
 * splits the rest into connected components, so each pod can be laid out on its own.
 * Deterministic: hubs and components follow the order of `req.nodes`.
 */
export function decompose(req: Pick<LayoutRequest, 'nodes' | 'edges'>): Decomposition {
  const index = new Map(req.nodes.map((n, i) => [n.id, i]));
  const edges = req.edges.filter(
    (e) => e.source !== e.target && index.has(e.source) && index.has(e.target),
  );
  const degree = new Map<string, number>();
  for (const e of edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const isHub = (n: LayoutNode) => n.kind === 'uplink' || (degree.get(n.id) ?? 0) >= HUB_DEGREE;
  const hubs = req.nodes.filter(isHub);
  const hubIds = new Set(hubs.map((h) => h.id));

  const parent = req.nodes.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    let j = i;
    while (parent[j] !== r) {
      const next = parent[j] ?? r;
      parent[j] = r;
      j = next;
    }
    return r;
  };
  const inner = edges.filter((e) => !hubIds.has(e.source) && !hubIds.has(e.target));
  for (const e of inner) {
    const a = find(index.get(e.source) ?? 0);
    const b = find(index.get(e.target) ?? 0);
    // the smaller index is the root, so a component is named by its first node
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }

  const byRoot = new Map<number, { nodes: LayoutNode[]; edges: Component['edges'][number][] }>();
  req.nodes.forEach((n, i) => {
    if (hubIds.has(n.id)) return;
    const root = find(i);
    const c = byRoot.get(root) ?? { nodes: [], edges: [] };
    c.nodes.push(n);
    byRoot.set(root, c);
  });
  for (const e of inner) byRoot.get(find(index.get(e.source) ?? 0))?.edges.push(e);
  return { hubs, components: [...byRoot.values()] };
}
