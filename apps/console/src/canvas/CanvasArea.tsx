import type { Application } from '@netcanvas/model';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Edge } from '@xyflow/react';
import { CanvasLegend } from './CanvasLegend.tsx';
import type { ObjectNode } from './graph.ts';
import { NetworkCanvas } from './NetworkCanvas.tsx';

interface Props {
  readonly query: UseQueryResult<Application>;
  readonly graph: { nodes: readonly ObjectNode[]; edges: readonly Edge[] };
  readonly onSelect: (id: string | undefined) => void;
}

/** The canvas, or what to show while there is none: loading, an error, an empty design. */
export function CanvasArea({ query, graph, onSelect }: Props) {
  if (query.isError) {
    return (
      <main className="canvas-area">
        <div className="canvas-message error" role="alert">
          <strong>Could not load the application.</strong>
          <span>{query.error.message}</span>
          <button type="button" className="btn" onClick={() => void query.refetch()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (!query.data) {
    return (
      <main className="canvas-area">
        <div className="canvas-message">Loading application…</div>
      </main>
    );
  }
  return (
    <main className="canvas-area" data-testid="canvas">
      <NetworkCanvas nodes={graph.nodes} edges={graph.edges} onSelect={onSelect}>
        <CanvasLegend />
      </NetworkCanvas>
      {query.data.objects.length === 0 && (
        <div className="canvas-message overlay" data-testid="canvas-empty">
          <strong>This application has no objects yet.</strong>
          <span>Start from the three-tier or two-tier template to see a complete design.</span>
        </div>
      )}
    </main>
  );
}
