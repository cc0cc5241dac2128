import type { Application } from '@netcanvas/model';
import { ReactFlowProvider } from '@xyflow/react';
import { type ReactNode, useReducer } from 'react';
import { links } from '../canvas/graph.ts';
import { NetworkCanvas } from '../canvas/NetworkCanvas.tsx';
import { useCanvasView } from '../canvas/useCanvasView.tsx';
import { editorReducer, initialEditorState } from '../editor/history.ts';
import { useCommands } from '../editor/useCommands.ts';
import type { Editor } from '../editor/useEditor.ts';
import { useAnalysis } from '../useAnalysis.ts';
import { useSelection } from '../useSelection.ts';
import '@xyflow/react/dist/style.css';
import '../styles/base.css';
import '../styles/canvas.css';
import '../styles/nodes.css';
import '../styles/editor.css';
import { editorTopology } from './topology.ts';

/**
 * The console's canvas as the editor wires it (editor store, commands, analysis, canvas
 * view, NetworkCanvas with ObjectNode), over a generated design instead of a server's.
 */
function NetcanvasBench({ app }: { readonly app: Application }) {
  const [state, dispatch] = useReducer(editorReducer, app, (doc) =>
    initialEditorState(doc, 'bench'),
  );
  const [selection, select] = useSelection();
  const editor: Editor = {
    doc: state.doc,
    state,
    dispatch,
    dirty: state.past.length > 0,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
  };
  const commands = useCommands(editor, selection, select);
  const { diagnostics, plan } = useAnalysis(state.doc);
  const view = useCanvasView({
    doc: state.doc,
    plan,
    diagnostics,
    trace: undefined,
    selection,
    select,
    commands,
  });
  return (
    <main className="canvas-area" data-testid="canvas" style={{ height: '100%' }}>
      {view.toolbar}
      <div className="canvas-flow">
        <NetworkCanvas
          nodes={view.graph.nodes}
          edges={view.graph.edges}
          selection={selection}
          onSelect={select}
          commands={commands}
          theme="dark"
        />
      </div>
    </main>
  );
}

/** The netcanvas page at `nodes` objects: what to render and how much it draws. */
export function netcanvasView(nodes: number): { element: ReactNode; nodes: number; edges: number } {
  const app = editorTopology(nodes);
  document.documentElement.dataset.theme = 'dark';
  return {
    element: (
      <ReactFlowProvider>
        <NetcanvasBench app={app} />
      </ReactFlowProvider>
    ),
    nodes: app.objects.length,
    edges: links(app).length,
  };
}
