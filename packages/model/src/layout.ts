import type { Application, Position } from './schema/types.ts';

const ROW = {
  uplink: 0,
  router: 1,
  loadBalancer: 1,
  switch: 2,
  workload: 3,
  group: 4,
  firewall: 4,
  qos: 4,
} as const;
const GAP_X = 190;
const GAP_Y = 170;

/**
 * A simple layered layout (uplinks, routers, switches, workloads under their switch,
 * policies below) for objects without a position, e.g. after an import. Positions the
 * design already has are kept.
 */
export function autoLayout(app: Application): Application['layout'] {
  const positions: Record<string, Position> = { ...app.layout.positions };
  const next: number[] = [0, 0, 0, 0, 0];
  const place = (id: string, row: number, x?: number) => {
    if (positions[id]) return;
    const col = Math.max(x ?? 0, next[row] ?? 0);
    positions[id] = { x: col, y: row * GAP_Y };
    next[row] = col + GAP_X;
  };
  const switches = app.objects.filter((o) => o.kind === 'switch');
  for (const sw of switches) {
    const start = next[ROW.workload] ?? 0;
    const members = app.objects.filter((o) => o.kind === 'workload' && o.nics[0]?.switch === sw.id);
    for (const w of members) place(w.id, ROW.workload);
    const end = next[ROW.workload] ?? start;
    place(sw.id, ROW.switch, members.length > 0 ? (start + end - GAP_X) / 2 : undefined);
  }
  for (const o of app.objects) place(o.id, ROW[o.kind]);
  return { ...app.layout, positions };
}
