import type { AddressPlan, Application, Diagnostic, WhatIfResult } from '@netcanvas/model';
import { useReactFlow } from '@xyflow/react';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import type { Commands } from '../editor/useCommands.ts';
import { useShortcuts } from '../editor/useShortcuts.ts';
import { useLayoutCommand } from '../layout/useLayoutCommand.ts';
import { CanvasToolbar } from './CanvasToolbar.tsx';
import { type BuiltGraph, buildGraph, type ObjectNode } from './graph.ts';
import { searchObjects } from './search.ts';
import { useFocusObject } from './useFocusObject.ts';

interface Input {
  readonly doc: Application | undefined;
  readonly plan: AddressPlan;
  readonly diagnostics: readonly Diagnostic[];
  readonly trace: WhatIfResult | undefined;
  readonly selection: readonly string[];
  readonly select: (ids: readonly string[]) => void;
  readonly commands: Commands;
}

/** What the canvas shows and the controls around it: graph, search, layout, shortcuts, help. */
export function useCanvasView({
  doc,
  plan,
  diagnostics,
  trace,
  selection,
  select,
  commands,
}: Input) {
  const flow = useReactFlow<ObjectNode>();
  const focus = useFocusObject();
  const layout = useLayoutCommand(doc, commands, { warmUp: true });
  const [query, setQuery] = useState('');
  const [hit, setHit] = useState(0);
  const [help, setHelp] = useState(false);
  const [tiers, setTiers] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const matches = useMemo(
    () => (doc ? searchObjects(doc, plan, query) : undefined),
    [doc, plan, query],
  );
  const path = useMemo(
    () => new Set(trace?.hops.flatMap((h) => (h.objectId ? [h.objectId] : [])) ?? []),
    [trace],
  );
  const built = useRef<BuiltGraph | undefined>(undefined);
  const graph = useMemo(() => {
    if (!doc) return { nodes: [], edges: [] };
    const focus = { path, selected: new Set(selection), matches: matches && new Set(matches) };
    built.current = buildGraph(doc, plan, diagnostics, focus, built.current);
    return built.current;
  }, [doc, plan, diagnostics, path, selection, matches]);

  const pick = (id: string) => {
    select([id]);
    focus(id);
  };
  const fit = () => void flow.fitView({ padding: 0.08, maxZoom: 1.2, duration: 300 });
  const searchNext = () => {
    if (!matches?.length) return;
    const id = matches[hit % matches.length];
    setHit((h) => h + 1);
    if (id) pick(id);
  };

  useShortcuts({
    ...commands,
    remove: () => commands.remove(),
    fit,
    search: () => searchRef.current?.focus(),
    help: () => setHelp((h) => !h),
    layout: layout.run,
    escape: () => (help ? setHelp(false) : select([])),
  });

  const toolbar: ReactNode = (
    <CanvasToolbar
      canUndo={commands.canUndo}
      canRedo={commands.canRedo}
      hasSelection={selection.length > 0 && !commands.readOnly}
      onUndo={commands.undo}
      onRedo={commands.redo}
      onDuplicate={commands.duplicate}
      onDelete={() => commands.remove()}
      onLayout={layout.run}
      onFit={fit}
      onHelp={() => setHelp(true)}
      tiers={tiers}
      onTiers={() => setTiers((t) => !t)}
      query={query}
      onQuery={(q) => {
        setQuery(q);
        setHit(0);
      }}
      onSearchNext={searchNext}
      matches={matches?.length}
      searchRef={searchRef}
      note={layout.note}
    />
  );
  return { graph, pick, toolbar, tiers, help, closeHelp: () => setHelp(false) };
}
