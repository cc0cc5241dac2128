import type { ReactNode } from 'react';
import { DiffOverlayBar } from '../snapshots/DiffOverlayBar.tsx';
import type { DesignSource } from '../source/useDesignSource.ts';

interface Props {
  readonly source: DesignSource;
  readonly ready: boolean;
  readonly empty: boolean;
  readonly toolbar: ReactNode;
  readonly children: ReactNode;
}

/** The canvas, or what to show while there is none: loading, an error, an empty design. */
export function CanvasArea({ source, ready, empty, toolbar, children }: Props) {
  if (source.status === 'error') {
    return (
      <main className="canvas-area">
        <div className="canvas-message error" role="alert">
          <strong>Could not load the application.</strong>
          <span>{source.error?.message}</span>
          <button type="button" className="btn" onClick={source.retry}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (!ready) {
    return (
      <main className="canvas-area">
        <div className="canvas-message">Loading application…</div>
      </main>
    );
  }
  return (
    <main className="canvas-area" data-testid="canvas">
      {toolbar}
      <div className="canvas-flow">
        {children}
        <DiffOverlayBar />
        {empty && (
          <div className="canvas-message overlay" data-testid="canvas-empty">
            <strong>This application has no objects yet.</strong>
            <span>
              Drag a switch, a router or a workload from the palette, or start from a template.
            </span>
          </div>
        )}
      </div>
    </main>
  );
}
