import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
} from '@xyflow/react';
import { type ReactNode, useCallback, useState } from 'react';
import '@xyflow/react/dist/style.css';
import { defaultNodesGraph, stressGraph } from './peer-graphs.ts';
import { editorTopology } from './topology.ts';

/** A controlled flow wired the way React Flow's stress example wires it. */
function PeerFlow({ graph }: { readonly graph: { nodes: Node[]; edges: Edge[] } }) {
  const [nodes, setNodes] = useState(graph.nodes);
  const [edges, setEdges] = useState(graph.edges);
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => setNodes((ns) => applyNodeChanges(changes, ns)),
    [],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => setEdges((es) => applyEdgeChanges(changes, es)),
    [],
  );
  return (
    <div style={{ height: '100%' }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        minZoom={0.2}
        fitView
      >
        <Controls />
        <Background />
      </ReactFlow>
    </div>
  );
}

function view(graph: { nodes: Node[]; edges: Edge[] }) {
  const element: ReactNode = (
    <ReactFlowProvider>
      <PeerFlow graph={graph} />
    </ReactFlowProvider>
  );
  return { element, nodes: graph.nodes.length, edges: graph.edges.length };
}

/** React Flow's own 625-node stress pattern (25 × 25 grid). */
export function stressView() {
  return view(stressGraph(25, 25));
}

/** The netcanvas bench design at `nodes` objects, drawn with React Flow's default nodes. */
export function defaultNodesView(nodes: number) {
  return view(defaultNodesGraph(editorTopology(nodes)));
}
