import { type WhatIfQuery, type WhatIfResult, whatIf } from '@netcanvas/model';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { CanvasArea } from './canvas/CanvasArea.tsx';
import { buildGraph } from './canvas/graph.ts';
import { useFocusObject } from './canvas/useFocusObject.ts';
import { DetailsPanel } from './panel/DetailsPanel.tsx';
import { ProblemsPanel } from './panel/ProblemsPanel.tsx';
import { WhatIfPanel } from './panel/WhatIfPanel.tsx';
import { TemplateRail } from './shell/TemplateRail.tsx';
import { TopBar } from './shell/TopBar.tsx';
import { useAnalysis } from './useAnalysis.ts';
import { useTemplateApp } from './useTemplateApp.ts';
import { useTemplates } from './useTemplates.ts';

/** The console: templates on the left, the canvas in the middle, analysis on the right. */
export function App() {
  return (
    <ReactFlowProvider>
      <Console />
    </ReactFlowProvider>
  );
}

function Console() {
  const templates = useTemplates();
  const [chosen, setChosen] = useState<string | undefined>();
  const templateId = chosen ?? templates.data?.[0]?.id;
  const appQuery = useTemplateApp(templateId);
  const app = appQuery.data;
  const { diagnostics, plan } = useAnalysis(app);
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const [trace, setTrace] = useState<WhatIfResult | undefined>();
  const focus = useFocusObject();

  const path = useMemo(
    () => new Set(trace?.hops.flatMap((h) => (h.objectId ? [h.objectId] : [])) ?? []),
    [trace],
  );
  const graph = useMemo(
    () => (app ? buildGraph(app, plan, diagnostics, path, selectedId) : { nodes: [], edges: [] }),
    [app, plan, diagnostics, path, selectedId],
  );
  const nameOf = (id: string) => app?.objects.find((o) => o.id === id)?.name ?? id;
  const selected = app?.objects.find((o) => o.id === selectedId);

  const pick = (id: string) => {
    setSelectedId(id);
    focus(id);
  };
  const chooseTemplate = (id: string) => {
    setChosen(id);
    setSelectedId(undefined);
    setTrace(undefined);
  };
  const runWhatIf = (query: WhatIfQuery) => {
    if (app) setTrace(whatIf(app, query));
  };

  return (
    <div className="shell">
      <TopBar app={app} diagnostics={diagnostics} />
      <div className="workspace">
        <TemplateRail
          templateId={templateId}
          onTemplate={chooseTemplate}
          app={app}
          diagnostics={diagnostics}
          selectedId={selectedId}
          onPick={pick}
        />
        <CanvasArea
          key={app ? `${templateId}:${app.id}` : 'none'}
          query={appQuery}
          graph={graph}
          onSelect={setSelectedId}
        />
        <aside className="side-panel" aria-label="analysis">
          {app && (
            <>
              <ProblemsPanel diagnostics={diagnostics} nameOf={nameOf} onPick={pick} />
              <DetailsPanel app={app} plan={plan} selected={selected} />
              <WhatIfPanel
                key={`${templateId}:${app.id}`}
                app={app}
                result={trace}
                onRun={runWhatIf}
                onClear={() => setTrace(undefined)}
                onPick={pick}
              />
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
