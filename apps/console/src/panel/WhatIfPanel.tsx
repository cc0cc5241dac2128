import type { Application, WhatIfQuery, WhatIfResult } from '@netcanvas/model';
import { Section } from './Section.tsx';
import { WhatIfForm } from './WhatIfForm.tsx';
import { WhatIfResultView } from './WhatIfResultView.tsx';

interface Props {
  readonly app: Application;
  readonly result: WhatIfResult | undefined;
  readonly onRun: (query: WhatIfQuery) => void;
  readonly onClear: () => void;
  readonly onPick: (objectId: string) => void;
}

/** Traces a packet through the design, in the browser, before anything is applied. */
export function WhatIfPanel({ app, result, onRun, onClear, onPick }: Props) {
  const hasEndpoints = app.objects.some((o) => o.kind === 'workload');
  return (
    <Section title="What if" testId="whatif-panel">
      {hasEndpoints ? (
        <>
          <WhatIfForm app={app} onRun={onRun} onClear={onClear} hasResult={result !== undefined} />
          {result && <WhatIfResultView result={result} onPick={onPick} />}
        </>
      ) : (
        <p className="empty-state">Add workloads to trace packets between them.</p>
      )}
    </Section>
  );
}
