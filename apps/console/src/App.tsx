import type { WhatIfResult } from '@netcanvas/model';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { CanvasArea } from './canvas/CanvasArea.tsx';
import { NetworkCanvas } from './canvas/NetworkCanvas.tsx';
import { TierBoxes } from './canvas/TierBoxes.tsx';
import { useCanvasView } from './canvas/useCanvasView.tsx';
import { useCommands } from './editor/useCommands.ts';
import { useEditor } from './editor/useEditor.ts';
import { type Workspace, WorkspaceContext } from './editor/workspace.ts';
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
  const [chosen, setChosen] = useState<DesignRef | undefined>(loadLastRef);
  const first = templates.data?.[0]?.id;
  const ref = useMemo<DesignRef | undefined>(
    () => chosen ?? (first ? { kind: 'template', templateId: first } : undefined),
    [chosen, first],
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

  return (
    <div className="shell">
      <TopBar
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
          <TemplateRail
            templateId={templateId}
            onTemplate={chooseTemplate}
            app={doc}
            diagnostics={diagnostics}
            selectedId={selection[0]}
            onPick={view.pick}
          />
          <CanvasArea
            key={editor.state.source ?? 'none'}
            source={source}
            ready={doc !== undefined}
            empty={doc?.objects.length === 0}
            toolbar={view.toolbar}
          >
            <NetworkCanvas
              nodes={view.graph.nodes}
              edges={view.graph.edges}
              selection={selection}
              onSelect={select}
              commands={commands}
              theme={theme}
            >
              {view.tiers && <TierBoxes />}
            </NetworkCanvas>
          </CanvasArea>
          <SidePanel
            trace={trace}
            onTrace={setTrace}
            onPick={view.pick}
            sessionKey={editor.state.source ?? ''}
          />
        </div>
        {view.help && <HelpSheet onClose={view.closeHelp} />}
      </WorkspaceContext.Provider>
    </div>
  );
}
