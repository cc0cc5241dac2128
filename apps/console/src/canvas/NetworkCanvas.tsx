import type { ObjectKind } from '@netcanvas/model';
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  type Connection,
  ConnectionMode,
  Controls,
  type Edge,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import {
  type DragEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { connectionMeaning } from '../editor/ops/connect.ts';
import type { Commands } from '../editor/useCommands.ts';
import type { Theme } from '../shell/useTheme.ts';
import { useDiffGhosts } from '../snapshots/useDiffGhosts.ts';
import { clearUnmeasured, markUnmeasured } from './far/cards.ts';
import { FarCards } from './far/FarCards.tsx';
import { FarZoomContext } from './far-zoom-context.ts';
import { NODE_WIDTH, type ObjectNode as ObjectNodeType } from './graph.ts';
import { KIND_STYLES } from './kinds.ts';
import { LiveEdge } from './LiveEdge.tsx';
import { ObjectNode } from './ObjectNode.tsx';
import { PALETTE_MIME } from './palette-drag.ts';
import { useFarZoom } from './useFarZoom.ts';

const NODE_TYPES = { object: ObjectNode };
const EDGE_TYPES = { live: LiveEdge };
const FIT_VIEW = { padding: 0.08, maxZoom: 1.2 };
const PRO = { hideAttribution: true };
const MULTI_SELECT = ['Meta', 'Control', 'Shift'];
const MINIMAP_STYLE = { width: 150, height: 100 };
// one function for the minimap's lifetime, so a drag frame does not recolour every node
const minimapColor = (n: ObjectNodeType) => KIND_STYLES[n.data.object.kind].color;

interface Props {
  readonly nodes: readonly ObjectNodeType[];
  readonly edges: readonly Edge[];
  readonly selection: readonly string[];
  readonly onSelect: (ids: readonly string[]) => void;
  readonly commands: Commands;
  readonly theme: Theme;
  readonly children?: ReactNode;
}

/** Whether every field the graph gave `next` is what `drawn` (measured since) has. */
function sameSource(drawn: ObjectNodeType, next: ObjectNodeType): boolean {
  return (Object.keys(next) as (keyof ObjectNodeType)[]).every((k) => drawn[k] === next[k]);
}

/** Keeps where nodes are being dragged to while the derived node data changes. */
function mergeNodes(prev: ObjectNodeType[], next: readonly ObjectNodeType[]): ObjectNodeType[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  return next.map((n) => {
    const old = byId.get(n.id);
    if (!old) return markUnmeasured(n);
    // the same node as last time: keep the drawn one, so React Flow does not redraw it
    if (!old.dragging && sameSource(old, n)) return old;
    return markUnmeasured(
      old.dragging
        ? { ...n, position: old.position, measured: old.measured, dragging: true }
        : { ...n, measured: old.measured },
    );
  });
}

/** The design drawn as a graph: drop objects from the palette, drag, connect, select. */
export function NetworkCanvas({
  nodes,
  edges,
  selection,
  onSelect,
  commands,
  theme,
  children,
}: Props) {
  const flow = useReactFlow<ObjectNodeType>();
  const [shown, setShown] = useState<ObjectNodeType[]>(() => nodes.map(markUnmeasured));
  const drawn = useDiffGhosts(nodes);
  useEffect(() => setShown((prev) => mergeNodes(prev, drawn)), [drawn]);
  const selected = useRef(selection);
  selected.current = selection;
  const far = useFarZoom();
  // while a node is dragged or the canvas panned, links take no pointer events: the browser
  // otherwise hit-tests every link's curve on each mouse move (a third of a drag's frame at
  // 1,000 objects), and nothing under a moving pointer needs a link's hover or click
  const [moving, setMoving] = useState(false);
  // zoomed out, the far view draws the links too, except live ones (their rates and tips
  // are DOM): a thousand-odd SVG links cost React Flow a store selector each per drag move
  const [flowEdges, farLinks] = useMemo(
    () =>
      far
        ? [edges.filter((e) => e.type === 'live'), edges.filter((e) => e.type !== 'live')]
        : [edges, []],
    [far, edges],
  );

  // selection is owned by the app (panels and search select too): React Flow only reports it
  const onNodesChange = useCallback(
    (changes: NodeChange<ObjectNodeType>[]) => {
      const picks = changes.filter((c) => c.type === 'select');
      if (picks.length) {
        const next = new Set(selected.current);
        for (const c of picks) {
          if (c.selected) next.add(c.id);
          else next.delete(c.id);
        }
        onSelect([...next]);
      }
      const kept = changes.filter((c) => c.type !== 'select' && c.type !== 'remove');
      const measured = new Set(kept.flatMap((c) => (c.type === 'dimensions' ? [c.id] : [])));
      if (kept.length) setShown((prev) => clearUnmeasured(applyNodeChanges(kept, prev), measured));
    },
    [onSelect],
  );

  // a press on a card the far view draws: select as React Flow does on a node's click
  const pick = useCallback(
    (id: string, additive: boolean) => {
      const now = selected.current;
      const has = now.includes(id);
      const next = additive ? (has ? now.filter((s) => s !== id) : [...now, id]) : has ? now : [id];
      if (next !== now) onSelect(next);
      return next;
    },
    [onSelect],
  );

  const kindOf = (id: string | null) =>
    id ? flow.getNode(id)?.data.object.kind : (undefined as ObjectKind | undefined);
  const isValidConnection = (c: Connection | Edge) => {
    const a = kindOf(c.source);
    const b = kindOf(c.target);
    return c.source !== c.target && a !== undefined && b !== undefined && !!connectionMeaning(a, b);
  };

  const onDrop = (e: DragEvent) => {
    const kind = e.dataTransfer.getData(PALETTE_MIME) as ObjectKind;
    if (!kind || !(kind in KIND_STYLES)) return;
    e.preventDefault();
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    commands.add(kind, { x: p.x - NODE_WIDTH / 2, y: p.y - 24 });
  };

  const dark = theme === 'dark';
  return (
    <FarZoomContext.Provider value={far}>
      <ReactFlow<ObjectNodeType>
        className={[far && 'far-zoom', moving && 'moving'].filter(Boolean).join(' ') || undefined}
        nodes={shown}
        edges={flowEdges as Edge[]}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onNodeDragStart={() => setMoving(true)}
        onNodeDragStop={(_e, _node, dragged) => {
          setMoving(false);
          commands.move(Object.fromEntries(dragged.map((n) => [n.id, n.position])));
        }}
        onMoveStart={() => setMoving(true)}
        onMoveEnd={() => setMoving(false)}
        onPaneClick={() => onSelect([])}
        onConnect={(c) => commands.connect(c.source, c.target)}
        nodesDraggable={!commands.readOnly}
        nodesConnectable={!commands.readOnly}
        isValidConnection={isValidConnection}
        connectionMode={ConnectionMode.Loose}
        connectionRadius={28}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDrop={onDrop}
        multiSelectionKeyCode={MULTI_SELECT}
        deleteKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.2}
        maxZoom={2}
        colorMode={theme}
        proOptions={PRO}
        // zoomed in, only the cards and links on screen are in the DOM (the rest mount as
        // they scroll in): at 1,000 objects and 50 % a drag's p95 went from 167 to 17 ms.
        // Zoomed out everything is on screen, and the far view draws it instead.
        onlyRenderVisibleElements={!far}
      >
        <Background
          variant={BackgroundVariant.Dots}
          gap={22}
          size={1.2}
          color={dark ? '#2a3341' : '#c9d2de'}
        />
        <MiniMap
          pannable
          style={MINIMAP_STYLE}
          zoomable
          nodeColor={minimapColor}
          nodeStrokeWidth={0}
          nodeBorderRadius={4}
          maskColor={dark ? 'rgba(9, 12, 17, 0.72)' : 'rgba(226, 232, 240, 0.7)'}
          ariaLabel="overview of the canvas"
        />
        <Controls showInteractive={false} />
        {far && (
          <FarCards
            theme={theme}
            links={farLinks}
            onNodesChange={onNodesChange}
            onPick={pick}
            onDrop={commands.move}
            readOnly={!!commands.readOnly}
          />
        )}
        {children}
      </ReactFlow>
    </FarZoomContext.Provider>
  );
}
