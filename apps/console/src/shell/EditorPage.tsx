import type { WhatIfResult } from '@netcanvas/model';
import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import type { Role } from '../api/session.ts';
import { CanvasArea } from '../canvas/CanvasArea.tsx';
import { CanvasLegend } from '../canvas/CanvasLegend.tsx';
import { LiveNetworkCanvas } from '../canvas/LiveNetworkCanvas.tsx';
import { NetworkCanvas } from '../canvas/NetworkCanvas.tsx';
import { TierBoxes } from '../canvas/TierBoxes.tsx';
import { useCanvasView } from '../canvas/useCanvasView.tsx';
import type { DeployTarget } from '../deploy/contract.ts';
import { DeployActions } from '../deploy/DeployActions.tsx';
import { DeployStateContext, useDeployState } from '../deploy/useDeployState.ts';
import { useCommands } from '../editor/useCommands.ts';
import { useEditor } from '../editor/useEditor.ts';
import { type Workspace, WorkspaceContext } from '../editor/workspace.ts';
import { StreamPill } from '../live/StreamPill.tsx';
import { LiveContext } from '../live/useLive.ts';
import { useLiveStoreFor } from '../live/useLiveStoreFor.ts';
import { SidePanel } from '../panel/SidePanel.tsx';
import { SnapshotActions } from '../snapshots/SnapshotActions.tsx';
import type { DesignRef } from '../source/design-ref.ts';
import { clearDraft } from '../source/drafts.ts';
import { useDesignSource } from '../source/useDesignSource.ts';
import { useAnalysis } from '../useAnalysis.ts';
import { useSelection } from '../useSelection.ts';
import { DraftNotice } from './DraftNotice.tsx';
import { HelpSheet } from './HelpSheet.tsx';
import { readOnlyCommands, readOnlyLabel } from './read-only.ts';
import { SandboxBanner } from './SandboxBanner.tsx';
import { SaveDialogs } from './SaveDialogs.tsx';
import { TemplateRail } from './TemplateRail.tsx';
import { type DesignLocation, TopBar } from './TopBar.tsx';
import { useLayoutOnOpen } from './useLayoutOnOpen.ts';
import { useSaveFlow } from './useSaveFlow.ts';
import type { Theme } from './useTheme.ts';

// the dashboard and its charts (uPlot) load only in live mode
const LivePanel = lazy(() =>
  import('../live/LivePanel.tsx').then((m) => ({ default: m.LivePanel })),
);

interface Props {
  readonly designRef: DesignRef;
  /** `tenant/app` of `?live=`: the live view of the app the live test server applied */
  readonly liveApp?: string;
  /** the user's role in the design's tenant; undefined in live mode */
  readonly role?: Role;
  readonly editable: boolean;
  readonly location: DesignLocation;
  readonly theme: Theme;
  readonly onTheme: () => void;
  readonly onTemplate?: (id: string) => void;
  readonly user?: ReactNode;
}

/** The editor of one design: rail, canvas, panels, top bar with Save and Apply. */
export function EditorPage({
  designRef,
  liveApp,
  role,
  editable,
  location,
  theme,
  onTheme,
  onTemplate,
  user,
}: Props) {
  const live = useLiveStoreFor(liveApp);
  const source = useDesignSource(designRef);
  const editor = useEditor(designRef, source.base);
  const doc = editor.doc;
  const { diagnostics, plan } = useAnalysis(doc);
  const [rawSelection, select] = useSelection();
  const selection = useMemo(
    () => rawSelection.filter((id) => doc?.objects.some((o) => o.id === id)),
    [rawSelection, doc],
  );
  const editing = useCommands(editor, selection, select);
  // a member who may not save may not change the design either: look, select, trace
  const commands = useMemo(
    () => (editable ? editing : readOnlyCommands(editing)),
    [editable, editing],
  );
  const [trace, setTrace] = useState<WhatIfResult | undefined>();
  const view = useCanvasView({ doc, plan, diagnostics, trace, selection, select, commands });
  const layoutNote = useLayoutOnOpen(
    editor.state.source,
    doc,
    commands,
    editable && designRef.kind === 'app',
  );
  const saving = useSaveFlow(source, doc);

  const workspace = useMemo<Workspace | undefined>(
    () => doc && { doc, diagnostics, plan, selection, select, commands },
    [doc, diagnostics, plan, selection, select, commands],
  );
  const stored = source.stored;
  const target = useMemo<DeployTarget | undefined>(
    () =>
      designRef.kind === 'app' && doc && role
        ? {
            tenant: designRef.tenant,
            appId: designRef.appId,
            doc,
            savedVersion: stored?.version,
            dirty: editor.dirty,
            role,
            reload: () => void source.retry(),
          }
        : undefined,
    [designRef, doc, role, stored?.version, editor.dirty, source.retry],
  );
  const deployState = useDeployState(target);

  const discard = () => {
    if (!source.base) return;
    clearDraft(designRef);
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
  const label = doc ? `${location.tenant} / ${doc.name}` : '';

  return (
    <LiveContext.Provider value={live}>
      <div className={liveApp ? 'shell live-mode' : 'shell'}>
        <TopBar
          extra={liveApp && <StreamPill />}
          app={doc}
          location={{ ...location, version: stored?.version }}
          diagnostics={diagnostics}
          dirty={editor.dirty}
          onDiscard={discard}
          onSave={editable && source.save ? saving.open : undefined}
          saveTitle={
            role ? `You have ${role} access to this tenant: designs are read-only` : 'Read-only'
          }
          readOnlyText={readOnlyLabel(role)}
          theme={theme}
          onTheme={onTheme}
          actions={
            !liveApp && (
              <>
                {target && deployState.deployments && deployState.deployments.length > 0 && (
                  <a
                    className="btn"
                    data-testid="open-live"
                    href={`/?live=${encodeURIComponent(target.tenant)}/${encodeURIComponent(target.appId)}`}
                    title="Live traffic of what is applied: link loads, dashboards, top flows"
                  >
                    Live
                  </a>
                )}
                <SnapshotActions target={target} />
                <DeployActions target={target} />
              </>
            )
          }
          user={user}
        />
        <div className="shell-notices">
          {!liveApp && <SandboxBanner tenant={location.tenant} />}
          {doc && stored && editor.dirty && doc.version < stored.version && (
            <DraftNotice draftVersion={doc.version} stored={stored} onDiscard={discard} />
          )}
          {layoutNote && (
            <div className="shell-notice" role="status">
              {layoutNote}
            </div>
          )}
        </div>
        <WorkspaceContext.Provider value={workspace}>
          <DeployStateContext.Provider value={deployState}>
            <div className="workspace">
              {!liveApp && (
                <TemplateRail
                  templateId={designRef.kind === 'template' ? designRef.templateId : undefined}
                  onTemplate={onTemplate}
                  editable={editable}
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
                  {!liveApp && <CanvasLegend />}
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
          </DeployStateContext.Provider>
          {view.help && <HelpSheet onClose={view.closeHelp} />}
        </WorkspaceContext.Provider>
        {designRef.kind === 'app' && doc && (
          <SaveDialogs
            tenant={designRef.tenant}
            appId={designRef.appId}
            label={label}
            version={doc.version}
            saving={saving}
          />
        )}
      </div>
    </LiveContext.Provider>
  );
}
