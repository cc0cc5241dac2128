import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  type Edge,
  MiniMap,
  type NodeChange,
  ReactFlow,
} from '@xyflow/react';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { ObjectNode as ObjectNodeType } from './graph.ts';
import { KIND_STYLES } from './kinds.ts';
import { ObjectNode } from './ObjectNode.tsx';

const NODE_TYPES = { object: ObjectNode };

interface Props {
  readonly nodes: readonly ObjectNodeType[];
  readonly edges: readonly Edge[];
  readonly onSelect: (id: string | undefined) => void;
  readonly children?: ReactNode;
}

/** Keeps positions the user dragged to while the derived node data changes. */
function mergeNodes(prev: ObjectNodeType[], next: readonly ObjectNodeType[]): ObjectNodeType[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  return next.map((n) => {
    const old = byId.get(n.id);
    return old ? { ...n, position: old.position, measured: old.measured } : n;
  });
}

/** The application drawn as a graph; read-only except for moving nodes around. */
export function NetworkCanvas({ nodes, edges, onSelect, children }: Props) {
  const [shown, setShown] = useState<ObjectNodeType[]>(() => [...nodes]);
  useEffect(() => setShown((prev) => mergeNodes(prev, nodes)), [nodes]);

  // selection is owned by the app (panels select too), so React Flow's own is ignored
  const onNodesChange = useCallback((changes: NodeChange<ObjectNodeType>[]) => {
    const kept = changes.filter((c) => c.type !== 'select' && c.type !== 'remove');
    if (kept.length) setShown((prev) => applyNodeChanges(kept, prev));
  }, []);

  return (
    <ReactFlow<ObjectNodeType>
      nodes={shown}
      edges={edges as Edge[]}
      nodeTypes={NODE_TYPES}
      onNodesChange={onNodesChange}
      onNodeClick={(_e, node) => onSelect(node.id)}
      onPaneClick={() => onSelect(undefined)}
      nodesConnectable={false}
      deleteKeyCode={null}
      fitView
      fitViewOptions={{ padding: 0.08, maxZoom: 1.2 }}
      minZoom={0.2}
      maxZoom={2}
      colorMode="dark"
      proOptions={{ hideAttribution: true }}
    >
      <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="#2a3341" />
      <MiniMap
        pannable
        style={{ width: 150, height: 100 }}
        zoomable
        nodeColor={(n) => KIND_STYLES[(n as ObjectNodeType).data.object.kind].color}
        nodeStrokeWidth={0}
        nodeBorderRadius={4}
        maskColor="rgba(9, 12, 17, 0.72)"
        ariaLabel="overview of the canvas"
      />
      <Controls showInteractive={false} />
      {children}
    </ReactFlow>
  );
}
