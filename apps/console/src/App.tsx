import type { WhatIfResult } from '@netcanvas/model';
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useMemo, useState } from 'react';
import { CanvasArea } from './canvas/CanvasArea.tsx';
import { LiveNetworkCanvas } from './canvas/LiveNetworkCanvas.tsx';
import { NetworkCanvas } from './canvas/NetworkCanvas.tsx';
import { TierBoxes } from './canvas/TierBoxes.tsx';
import { useCanvasView } from './canvas/useCanvasView.tsx';
import { useCommands } from './editor/useCommands.ts';
import { useEditor } from './editor/useEditor.ts';
import { type Workspace, WorkspaceContext } from './editor/workspace.ts';
import { liveAppFromUrl } from './live/live-app.ts';
import { StreamPill } from './live/StreamPill.tsx';
import { LiveContext } from './live/useLive.ts';
import { useLiveStoreFor } from './live/useLiveStoreFor.ts';
import { SidePanel } from './panel/SidePanel.tsx';
import { HelpSheet } from './shell/HelpSheet.tsx';
import { TemplateRail } from './shell/TemplateRail.tsx';
import { TopBar } from './shell/TopBar.tsx';
import { useTheme } from './shell/useTheme.ts';
import type { DesignRef } from './source/design-ref.ts';
import { clearDraft, loadLastRef, saveLastRef } from './source/drafts.ts';
import { useDesignSource } from './source/useDesignSource.ts';
import { useAnalysis } from './useAnalysis.ts';
import { useSelection } from './useSelection.ts';
import { useTemplates } from './useTemplates.ts';

// the dashboard and its charts (uPlot) load only in live mode
const LivePanel = lazy(() =>
  import('./live/LivePanel.tsx').then((m) => ({ default: m.LivePanel })),
);

/** The console: palette and templates on the left, the canvas, inspector and analysis right. */
export function App() {
  return (
    <ReactFlowProvider>
      <Console />
    </ReactFlowProvider>
  );
}

function Console() {
  const templates = useTemplates();
  const [theme, toggleTheme] = useTheme();
  const [liveApp] = useState(liveAppFromUrl);
  const live = useLiveStoreFor(liveApp);
  const [chosen, setChosen] = useState<DesignRef | undefined>(loadLastRef);
  const first = templates.data?.[0]?.id;
  // the seam: live mode shows the design applied by the live test server until the server
  // can hand the console the applied app
  const ref = useMemo<DesignRef | undefined>(
    () =>
      liveApp
        ? { kind: 'template', templateId: 'three-tier' }
        : (chosen ?? (first ? { kind: 'template', templateId: first } : undefined)),
    [liveApp, chosen, first],
  );
  const source = useDesignSource(ref);
  const editor = useEditor(ref, source.base);
  const doc = editor.doc;
  const { diagnostics, plan } = useAnalysis(doc);
  const [rawSelection, select] = useSelection();
  const selection = useMemo(
    () => rawSelection.filter((id) => doc?.objects.some((o) => o.id === id)),
    [rawSelection, doc],
  );
  const commands = useCommands(editor, selection, select);
  const [trace, setTrace] = useState<WhatIfResult | undefined>();
  const view = useCanvasView({ doc, plan, diagnostics, trace, selection, select, commands });

  const workspace = useMemo<Workspace | undefined>(
    () => doc && { doc, diagnostics, plan, selection, select, commands },
    [doc, diagnostics, plan, selection, select, commands],
  );
  const templateId = ref?.kind === 'template' ? ref.templateId : undefined;
  const chooseTemplate = (id: string) => {
    const next: DesignRef = { kind: 'template', templateId: id };
    saveLastRef(next);
    setChosen(next);
    select([]);
    setTrace(undefined);
  };
  const discard = () => {
    if (!ref || !source.base) return;
    clearDraft(ref);
    editor.dispatch({ type: 'load', doc: source.base, source: editor.state.source });
  };

  const Canvas = liveApp ? LiveNetworkCanvas : NetworkCanvas;
  const sidePanel = (
    <SidePanel
      trace={trace}
      onTrace={setTrace}
      onPick={view.pick}
      sessionKey={editor.state.source ?? ''}
    />
  );

  return (
    <LiveContext.Provider value={live}>
      <div className={liveApp ? 'shell live-mode' : 'shell'}>
        <TopBar
          extra={liveApp && <StreamPill />}
          app={doc}
          diagnostics={diagnostics}
          dirty={editor.dirty}
          canSave={source.save !== undefined}
          onDiscard={discard}
          theme={theme}
          onTheme={toggleTheme}
        />
        <WorkspaceContext.Provider value={workspace}>
          <div className="workspace">
            {!liveApp && (
              <TemplateRail
                templateId={templateId}
                onTemplate={chooseTemplate}
                app={doc}
                diagnostics={diagnostics}
                selectedId={selection[0]}
                onPick={view.pick}
              />
            )}
            <CanvasArea
              key={editor.state.source ?? 'none'}
              source={source}
              ready={doc !== undefined}
              empty={doc?.objects.length === 0}
              toolbar={view.toolbar}
            >
              <Canvas
                nodes={view.graph.nodes}
                edges={view.graph.edges}
                selection={selection}
                onSelect={select}
                commands={commands}
                theme={theme}
              >
                {view.tiers && <TierBoxes />}
              </Canvas>
            </CanvasArea>
            {liveApp ? (
              <Suspense fallback={<aside className="live-panel" />}>
                <LivePanel
                  design={sidePanel}
                  nameOf={(id) => doc?.objects.find((o) => o.id === id)?.name ?? id}
                  selectedId={selection[0]}
                  onPick={view.pick}
                />
              </Suspense>
            ) : (
              sidePanel
            )}
          </div>
          {view.help && <HelpSheet onClose={view.closeHelp} />}
        </WorkspaceContext.Provider>
      </div>
    </LiveContext.Provider>
  );
}
