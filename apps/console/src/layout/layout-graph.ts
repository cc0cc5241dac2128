import type { Position } from '@netcanvas/model';
import { type Component, decompose } from './decompose.ts';
import type { LayoutRequest } from './layout-protocol.ts';
import { normalize, type PlacedComponent, pack } from './pack.ts';

/** Lays out one connected component; positions may start anywhere. */
export type ComponentLayout = (c: Component) => Promise<Readonly<Record<string, Position>>>;

/** The drawing's width to height when the request does not say (a laptop's canvas). */
export const DEFAULT_ASPECT = 16 / 10;

/**
 * Auto-layout of a whole graph: hubs out, each remaining component laid out on its own
 * by `layoutComponent` (small graphs are fast), then the components packed in rows of
 * about the canvas's aspect ratio with the hubs centred above. Single nodes skip it.
 */
export async function layoutGraph(
  req: Pick<LayoutRequest, 'nodes' | 'edges' | 'aspect'>,
  layoutComponent: ComponentLayout,
): Promise<Record<string, Position>> {
  const { hubs, components } = decompose(req);
  const placed: PlacedComponent[] = [];
  for (const c of components) {
    const [only] = c.nodes;
    if (c.nodes.length === 1 && only) {
      placed.push({
        width: only.width,
        height: only.height,
        positions: { [only.id]: { x: 0, y: 0 } },
      });
    } else {
      placed.push(normalize(c.nodes, await layoutComponent(c)));
    }
  }
  const aspect =
    req.aspect && Number.isFinite(req.aspect) && req.aspect > 0 ? req.aspect : DEFAULT_ASPECT;
  return pack(hubs, placed, aspect);
}
