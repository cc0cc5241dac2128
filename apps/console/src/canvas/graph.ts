import type { AddressPlan, Application, Diagnostic, NetworkObject } from '@netcanvas/model';
import type { Edge, Node } from '@xyflow/react';
import { toCanvas } from './coords.ts';
import { type NodeFacts, objectFacts } from './facts.ts';

/** Canvas node width in pixels; ObjectNode.tsx and styles.css use the same. */
export const NODE_WIDTH = 136;
const NODE_HEIGHT_GUESS = 84;
const GRID = { columns: 6, dx: 168, dy: 150 };

export type Highlight = 'none' | 'path' | 'match' | 'dim';

export interface ObjectNodeData extends Record<string, unknown> {
  readonly object: NetworkObject;
  readonly facts: NodeFacts;
  readonly errors: number;
  readonly warnings: number;
  /** the messages behind the badges, shown on hover */
  readonly problems: readonly string[];
  readonly highlight: Highlight;
  /** live load and port state, in live mode */
  readonly live?: NodeLive;
}

/** What a node shows in live mode: its ports' aggregate and, for workloads, port state. */
export interface NodeLive {
  readonly bps: number;
  readonly ports: number;
  readonly down: number;
  /** the hypervisor (sFlow agent) the workload's ports are bound to */
  readonly chassis: string | undefined;
}

export type ObjectNode = Node<ObjectNodeData, 'object'>;

export type LinkKind =
  | 'nic'
  | 'router-port'
  | 'localnet'
  | 'gateway'
  | 'lb-attach'
  | 'lb-backend'
  | 'qos';

export interface Link {
  readonly source: string;
  readonly target: string;
  readonly kind: LinkKind;
}

/** The lines between objects: NICs, router ports, gateways, attachments, backends, targets. */
export function links(app: Application): Link[] {
  const ids = new Set(app.objects.map((o) => o.id));
  const out: Link[] = [];
  const add = (source: string, target: string, kind: LinkKind) => {
    if (ids.has(source) && ids.has(target) && source !== target) out.push({ source, target, kind });
  };
  for (const o of app.objects) {
    switch (o.kind) {
      case 'workload':
        for (const nic of o.nics) add(o.id, nic.switch, 'nic');
        break;
      case 'router':
        for (const itf of o.interfaces) add(o.id, itf.switch, 'router-port');
        if (o.gateway) add(o.id, o.gateway.uplink, 'gateway');
        break;
      case 'switch':
        if (o.uplink) add(o.id, o.uplink, 'localnet');
        break;
      case 'loadBalancer':
        for (const target of o.attachedTo) add(o.id, target, 'lb-attach');
        for (const b of new Set(o.vips.flatMap((v) => v.backends.map((x) => x.workload)))) {
          if (b) add(o.id, b, 'lb-backend');
        }
        break;
      case 'qos':
        for (const target of o.appliesTo) add(o.id, target, 'qos');
        break;
    }
  }
  const unique = new Map(out.map((l) => [`${l.source}>${l.target}>${l.kind}`, l]));
  return [...unique.values()];
}

function positions(app: Application): Map<string, { x: number; y: number }> {
  const placed = new Map<string, { x: number; y: number }>();
  let maxY = Number.NEGATIVE_INFINITY;
  for (const o of app.objects) {
    const p = app.layout.positions[o.id];
    if (!p) continue;
    const at = toCanvas(p);
    placed.set(o.id, at);
    maxY = Math.max(maxY, at.y);
  }
  const top = Number.isFinite(maxY) ? maxY + GRID.dy + 40 : 0;
  let i = 0;
  for (const o of app.objects) {
    if (placed.has(o.id)) continue;
    placed.set(o.id, {
      x: (i % GRID.columns) * GRID.dx,
      y: top + Math.floor(i / GRID.columns) * GRID.dy,
    });
    i++;
  }
  return placed;
}

type Side = 'top' | 'bottom' | 'left' | 'right';

function sides(a: { x: number; y: number }, b: { x: number; y: number }): [Side, Side] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (Math.abs(dy) > NODE_HEIGHT_GUESS && Math.abs(dy) * 1.2 >= Math.abs(dx) * 0.5) {
    return dy > 0 ? ['bottom', 'top'] : ['top', 'bottom'];
  }
  return dx > 0 ? ['right', 'left'] : ['left', 'right'];
}

/** Ids of objects on a traced path, for highlighting; empty when nothing is traced. */
export type PathIds = ReadonlySet<string>;

/** What to emphasize on the canvas besides the design itself. */
export interface GraphFocus {
  /** a traced path; empty when nothing is traced */
  readonly path: PathIds;
  readonly selected: ReadonlySet<string>;
  /** objects a search matches; undefined when nothing is searched */
  readonly matches: ReadonlySet<string> | undefined;
}

function highlightOf(id: string, focus: GraphFocus): Highlight {
  if (focus.path.size > 0) return focus.path.has(id) ? 'path' : 'dim';
  if (focus.matches) return focus.matches.has(id) ? 'match' : 'dim';
  return 'none';
}

/** The graph a build returned and what it was built from, so the next build can reuse it. */
export interface BuiltGraph {
  readonly objects: Application['objects'];
  readonly plan: AddressPlan;
  readonly diagnostics: readonly Diagnostic[];
  readonly nodes: readonly ObjectNode[];
  readonly edges: readonly Edge[];
}

function problemsByObject(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.objectId) continue;
    const mine = out.get(d.objectId) ?? [];
    mine.push(d);
    out.set(d.objectId, mine);
  }
  return out;
}

const sameEdge = (a: Edge, b: Edge) =>
  a.sourceHandle === b.sourceHandle &&
  a.targetHandle === b.targetHandle &&
  a.className === b.className &&
  a.animated === b.animated &&
  a.type === b.type;

/**
 * Turns an application into React Flow nodes and edges. With `previous` built from the
 * same objects, plan and diagnostics (a move, a selection, a search), a node or edge that
 * did not change is the previous object, so React Flow redraws only what did.
 */
export function buildGraph(
  app: Application,
  plan: AddressPlan,
  diagnostics: readonly Diagnostic[],
  focus: GraphFocus,
  previous?: BuiltGraph,
): BuiltGraph {
  const { path } = focus;
  const reuse =
    previous?.objects === app.objects &&
    previous.plan === plan &&
    previous.diagnostics === diagnostics;
  const before = new Map(reuse ? previous.nodes.map((n) => [n.id, n]) : []);
  const problems = reuse ? undefined : problemsByObject(diagnostics);
  const names = new Map(app.objects.map((o) => [o.id, o.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const at = positions(app);
  const tracing = path.size > 0;
  const nodes: ObjectNode[] = app.objects.map((object) => {
    const position = at.get(object.id) ?? { x: 0, y: 0 };
    const selected = focus.selected.has(object.id);
    const highlight = highlightOf(object.id, focus);
    const old = before.get(object.id);
    if (old) {
      const moved = old.position.x !== position.x || old.position.y !== position.y;
      if (!moved && old.selected === selected && old.data.highlight === highlight) return old;
      return {
        ...old,
        position: moved ? position : old.position,
        selected,
        data: old.data.highlight === highlight ? old.data : { ...old.data, highlight },
      };
    }
    const mine = problems?.get(object.id) ?? [];
    return {
      id: object.id,
      type: 'object',
      position,
      selected,
      data: {
        object,
        facts: objectFacts(object, app, plan, nameOf),
        errors: mine.filter((d) => d.severity === 'error').length,
        warnings: mine.filter((d) => d.severity === 'warning').length,
        problems: mine.filter((d) => d.severity !== 'info').map((d) => d.message),
        highlight,
      },
    };
  });
  const center = (id: string) => {
    const p = at.get(id) ?? { x: 0, y: 0 };
    return { x: p.x + NODE_WIDTH / 2, y: p.y + NODE_HEIGHT_GUESS / 2 };
  };
  const { matches } = focus;
  const dimmed = (l: Link) =>
    tracing || (matches !== undefined && !(matches.has(l.source) && matches.has(l.target)));
  const edgesBefore = new Map(previous?.edges.map((e) => [e.id, e]));
  const edges: Edge[] = links(app).map((l) => {
    const [from, to] = sides(center(l.source), center(l.target));
    const onPath = tracing && path.has(l.source) && path.has(l.target) && l.kind !== 'lb-backend';
    const edge: Edge = {
      id: `${l.kind}:${l.source}>${l.target}`,
      source: l.source,
      target: l.target,
      sourceHandle: from,
      targetHandle: to,
      type: l.kind === 'nic' || l.kind === 'router-port' ? 'smoothstep' : 'default',
      className: `link link-${l.kind}${onPath ? ' on-path' : dimmed(l) ? ' dim' : ''}`,
      animated: onPath,
      selectable: false,
      focusable: false,
      // links are not clicked: no invisible 20 px stroke per link to hit-test under the mouse
      interactionWidth: 0,
    };
    const old = edgesBefore.get(edge.id);
    return old && sameEdge(old, edge) ? old : edge;
  });
  return { objects: app.objects, plan, diagnostics, nodes, edges };
}
