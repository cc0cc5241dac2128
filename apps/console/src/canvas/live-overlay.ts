import type { Edge } from '@xyflow/react';
import type { LiveView } from '../live/live-store.ts';
import type { LinkLoad, PortLoad } from '../live/protocol.ts';
import type { NodeLive, ObjectNode } from './graph.ts';

/** What a NIC edge shows in live mode. */
export interface EdgeLive extends Record<string, unknown> {
  readonly key: string;
  readonly link: LinkLoad;
  readonly port: PortLoad | undefined;
}

/** Puts the live loads on the design's graph: NIC edges become `live` edges, nodes get totals. */
export function withLiveLoad(
  graph: { nodes: readonly ObjectNode[]; edges: readonly Edge[] },
  view: LiveView,
): { nodes: ObjectNode[]; edges: Edge[] } {
  const byEnds = new Map<string, [string, LinkLoad]>();
  for (const [key, l] of Object.entries(view.links)) {
    byEnds.set(`${l.objectId}>${l.switchId ?? ''}`, [key, l]);
  }
  const perNode = new Map<string, { bps: number; ports: number; down: number; chassis?: string }>();
  const add = (id: string, bps: number, up: boolean, chassis?: string) => {
    const n = perNode.get(id) ?? { bps: 0, ports: 0, down: 0 };
    perNode.set(id, {
      bps: n.bps + bps,
      ports: n.ports + 1,
      down: n.down + (up ? 0 : 1),
      chassis: chassis ?? n.chassis,
    });
  };
  const edges = graph.edges.map((e) => {
    if (!e.id.startsWith('nic:')) return e;
    const hit = byEnds.get(`${e.source}>${e.target}`);
    if (!hit) return e;
    const [key, link] = hit;
    const port = view.ports[key];
    const bps = (link.toSwitchBps ?? 0) + (link.fromSwitchBps ?? 0);
    add(e.source, bps, link.up, port?.agent);
    add(e.target, bps, true);
    const data: EdgeLive = { key, link, port };
    return { ...e, type: 'live', data, animated: false };
  });
  const nodes = graph.nodes.map((n) => {
    const live = perNode.get(n.id);
    if (!live) return n;
    const value: NodeLive = { ...live, chassis: live.chassis };
    return { ...n, data: { ...n.data, live: value } };
  });
  return { nodes, edges };
}
