import { useNodes, ViewportPortal } from '@xyflow/react';
import type { ObjectNode } from './graph.ts';

const PAD = 14;

/** Boxes behind the objects that share a `tier=` tag, labelled with the tier. */
export function TierBoxes() {
  const nodes = useNodes<ObjectNode>();
  const tiers = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
  for (const n of nodes) {
    const tier = n.data.object.tags?.find((t) => t.startsWith('tier='))?.slice(5);
    if (!tier) continue;
    const w = n.measured?.width ?? 136;
    const h = n.measured?.height ?? 80;
    const b = tiers.get(tier);
    const { x, y } = n.position;
    tiers.set(
      tier,
      b
        ? {
            x0: Math.min(b.x0, x),
            y0: Math.min(b.y0, y),
            x1: Math.max(b.x1, x + w),
            y1: Math.max(b.y1, y + h),
          }
        : { x0: x, y0: y, x1: x + w, y1: y + h },
    );
  }
  return (
    <ViewportPortal>
      {[...tiers].map(([tier, b]) => (
        <div
          key={tier}
          className="tier-box"
          data-testid={`tier-${tier}`}
          style={{
            transform: `translate(${b.x0 - PAD}px, ${b.y0 - PAD - 16}px)`,
            width: b.x1 - b.x0 + 2 * PAD,
            height: b.y1 - b.y0 + 2 * PAD + 16,
          }}
        >
          <span className="tier-label">tier {tier}</span>
        </div>
      ))}
    </ViewportPortal>
  );
}
