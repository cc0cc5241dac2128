import { type WhatIfQuery, type WhatIfResult, whatIf } from '@netcanvas/model';
import { useContext } from 'react';
import { WorkspaceContext } from '../editor/workspace.ts';
import { Inspector } from '../inspector/Inspector.tsx';
import { MultiSelection } from '../inspector/MultiSelection.tsx';
import { DetailsPanel } from './DetailsPanel.tsx';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { WhatIfPanel } from './WhatIfPanel.tsx';

interface Props {
  readonly trace: WhatIfResult | undefined;
  readonly onTrace: (result: WhatIfResult | undefined) => void;
  readonly onPick: (id: string) => void;
  /** which design is open, so per-design panel state resets when it changes */
  readonly sessionKey: string;
}

/** Problems, the inspector of the selection (or the application), and what-if. */
export function SidePanel({ trace, onTrace, onPick, sessionKey }: Props) {
  const ws = useContext(WorkspaceContext);
  if (!ws) return <aside className="side-panel" aria-label="analysis" />;
  const { doc, diagnostics, plan, selection } = ws;
  const nameOf = (id: string) => doc.objects.find((o) => o.id === id)?.name ?? id;
  const selected =
    selection.length === 1 ? doc.objects.find((o) => o.id === selection[0]) : undefined;
  return (
    <aside className="side-panel" aria-label="analysis">
      <ProblemsPanel diagnostics={diagnostics} nameOf={nameOf} onPick={onPick} />
      {selected ? (
        <Inspector key={selected.id} object={selected} />
      ) : selection.length > 1 ? (
        <MultiSelection />
      ) : (
        <DetailsPanel app={doc} plan={plan} selected={undefined} />
      )}
      <WhatIfPanel
        key={sessionKey}
        app={doc}
        result={trace}
        onRun={(q: WhatIfQuery) => onTrace(whatIf(doc, q))}
        onShow={onTrace}
        onClear={() => onTrace(undefined)}
        onPick={onPick}
      />
    </aside>
  );
}
