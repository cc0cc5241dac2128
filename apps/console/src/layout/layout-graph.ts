import type { Position } from '@netcanvas/model';
import { type Component, decompose } from './decompose.ts';
import type { LayoutRequest } from './layout-protocol.ts';
import { normalize, type PlacedComponent, pack } from './pack.ts';
import { foldTwins } from './twins.ts';

/** Lays out connected components, each on its own; a component's positions may start anywhere. */
export type ComponentLayout = (
  cs: readonly Component[],
) => Promise<readonly Readonly<Record<string, Position>>[]>;

/** The drawing's width to height when the request does not say (a laptop's canvas). */
export const DEFAULT_ASPECT = 16 / 10;

/**
 * Auto-layout of a whole graph: hubs out, each remaining component laid out on its own
 * by `layoutComponents` (small graphs are fast) with its twins folded into blocks, then
 * the components packed in rows of about the canvas's aspect ratio with the hubs centred
 * above. Single nodes skip it.
 */
export async function layoutGraph(
  req: Pick<LayoutRequest, 'nodes' | 'edges' | 'aspect'>,
  layoutComponents: ComponentLayout,
): Promise<Record<string, Position>> {
  const { hubs, components } = decompose(req);
  const several = components.filter((c) => c.nodes.length > 1);
  const folded = several.map(foldTwins);
  const laid = await layoutComponents(folded.map((f) => f.component));
  const byComponent = new Map(several.map((c, k) => [c, folded[k]?.expand(laid[k] ?? {}) ?? {}]));
  const placed: PlacedComponent[] = components.map((c) => {
    const [only] = c.nodes;
    return c.nodes.length === 1 && only
      ? { width: only.width, height: only.height, positions: { [only.id]: { x: 0, y: 0 } } }
      : normalize(c.nodes, byComponent.get(c) ?? {});
  });
  const aspect =
    req.aspect && Number.isFinite(req.aspect) && req.aspect > 0 ? req.aspect : DEFAULT_ASPECT;
  return pack(hubs, placed, aspect);
}
