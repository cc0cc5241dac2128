import type { Application, WhatIfQuery, WhatIfResult } from '@netcanvas/model';
import { useState } from 'react';
import { ApiError } from '../api/http.ts';
import { useDeployStateContext } from '../deploy/useDeployState.ts';
import { Section } from './Section.tsx';
import { WhatIfForm } from './WhatIfForm.tsx';
import { WhatIfResultView } from './WhatIfResultView.tsx';
import '../styles/deploy.css';

interface Props {
  readonly app: Application;
  readonly result: WhatIfResult | undefined;
  readonly onRun: (query: WhatIfQuery) => void;
  /** shows a controller's answer on the canvas, as `onRun` does the model's */
  readonly onShow: (result: WhatIfResult) => void;
  readonly onClear: () => void;
  readonly onPick: (objectId: string) => void;
}

/** An answer from a controller, and which one gave it. */
interface ControllerAnswer {
  readonly result: WhatIfResult;
  readonly source: string;
  readonly version: number;
}

/**
 * Traces a packet through the design in the browser, before anything is applied; once the
 * app is applied, also through what the controller holds (ovn-trace on OVN).
 */
export function WhatIfPanel({ app, result, onRun, onShow, onClear, onPick }: Props) {
  const deploy = useDeployStateContext();
  const target = deploy.primary;
  const [answer, setAnswer] = useState<ControllerAnswer | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const hasEndpoints = app.objects.some((o) => o.kind === 'workload');
  // an OVN site answers with ovn-trace when it has a Southbound remote, else the model does
  // and says why (`tracedBy`, `note`)
  const sourceOf = (
    c: NonNullable<typeof target>['controller'],
    r: WhatIfResult & { tracedBy?: string; note?: string },
  ) =>
    c.kind !== 'ovn'
      ? `applied state on ${c.name} (sandbox)`
      : r.tracedBy === 'model'
        ? `design model for ${c.name}${r.note ? ` (${r.note})` : ''}`
        : `ovn-trace on ${c.name}`;

  const traceOn = deploy.traceOn;
  const remote =
    target && traceOn
      ? {
          label: `Trace on ${target.controller.name}`,
          busy,
          onRun: async (query: WhatIfQuery) => {
            setBusy(true);
            setError(undefined);
            try {
              const r = await traceOn(target.controller.id, query);
              onShow(r);
              setAnswer({
                result: r,
                source: sourceOf(target.controller, r),
                version: target.version,
              });
            } catch (err) {
              setAnswer(undefined);
              setError(err instanceof ApiError ? err.message : String(err));
            } finally {
              setBusy(false);
            }
          },
        }
      : undefined;

  const runLocal = (q: WhatIfQuery) => {
    setAnswer(undefined);
    setError(undefined);
    onRun(q);
  };
  const clear = () => {
    setAnswer(undefined);
    setError(undefined);
    onClear();
  };
  const shown = answer?.result ?? result;
  return (
    <Section title="What if" testId="whatif-panel">
      {hasEndpoints ? (
        <>
          <WhatIfForm
            app={app}
            onRun={runLocal}
            onClear={clear}
            hasResult={shown !== undefined}
            remote={remote}
          />
          {error && (
            <p className="trace-error" role="alert" data-testid="whatif-remote-error">
              {error}
            </p>
          )}
          {shown && (
            <WhatIfResultView
              result={shown}
              onPick={onPick}
              source={
                answer
                  ? `${answer.source} · v${answer.version} as applied`
                  : remote && 'design model, in this browser'
              }
            />
          )}
        </>
      ) : (
        <p className="empty-state">Add workloads to trace packets between them.</p>
      )}
    </Section>
  );
}
