import type { ObjectKind, Position } from '@netcanvas/model';

/** A node to place: its size on the canvas and its kind (which decides its layer). */
export interface LayoutNode {
  readonly id: string;
  readonly kind: ObjectKind;
  readonly width: number;
  readonly height: number;
}

export interface LayoutRequest {
  readonly id: number;
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly { readonly source: string; readonly target: string }[];
  /** the canvas's width ÷ height, which the packed drawing follows; 16:10 when absent */
  readonly aspect?: number;
}

export type LayoutResponse =
  | { readonly id: number; readonly positions: Readonly<Record<string, Position>> }
  | { readonly id: number; readonly error: string };

/** From this many objects, the editor warms the layout worker up on the design while idle. */
export const WARM_UP_AT = 200;
/**
 * Layouts of the design a worker's warm-up does. On the 1,000-object benchmark design in
 * one Node process elkjs's successive layouts took about 1.1, 0.5, 0.3, 0.3, 0.27, 0.22,
 * 0.21, 0.22 and then 0.2 s; in Chromium's worker the first ones were slower and not
 * steadily faster round by round (1.6, 0.9, 1.1, 0.37, 0.43, 0.39, 0.31, 0.23 s), so the
 * count is fixed rather than judged from the times.
 */
export const WARM_UP_ROUNDS = 8;

/** Top-down layers: uplinks, then routers and load balancers, switches, workloads, policies. */
export const LAYER: Record<ObjectKind, number> = {
  uplink: 0,
  router: 1,
  loadBalancer: 1,
  switch: 2,
  workload: 3,
  group: 4,
  firewall: 4,
  qos: 4,
};
