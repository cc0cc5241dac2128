import type { Diagnostic } from '@netcanvas/model';
import type { ApiError } from '../api/http.ts';
import { SeverityIcon } from '../panel/SeverityIcon.tsx';

interface Props {
  readonly error: ApiError;
  readonly controller: string;
  readonly onReplan: () => void;
  readonly describe: (id: string) => string;
}

const isDiagnostics = (x: unknown): x is Diagnostic[] =>
  Array.isArray(x) &&
  x.every((d) => typeof d?.message === 'string' && typeof d?.severity === 'string');

/** Why a plan or apply failed, in words, with the way out (fix the errors, re-plan). */
export function PlanProblem({ error, controller, onReplan, describe }: Props) {
  if (error.code === 'design-has-errors') {
    const diagnostics = isDiagnostics(error.details)
      ? error.details.filter((d) => d.severity === 'error')
      : [];
    return (
      <div className="deploy-alert alert-bad" role="alert" data-testid="plan-problem">
        <strong>The saved version has errors; nothing can be applied</strong>
        <span>Fix them in the editor, save, and plan again.</span>
        {diagnostics.length > 0 && (
          <ul className="deploy-diagnostics">
            {diagnostics.map((d) => (
              <li key={`${d.objectId ?? ''}:${d.code}:${d.message}`}>
                <SeverityIcon severity={d.severity} />
                {d.objectId && <span className="diag-object">{describe(d.objectId)}</span>}
                <span>{d.message}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  if (error.code === 'controller-changed' || error.code === 'plan-not-found') {
    const moved = error.code === 'controller-changed';
    return (
      <div className="deploy-alert alert-warn" role="alert" data-testid="plan-problem">
        <strong>
          {moved
            ? `${controller} changed since this plan was made; nothing was applied`
            : 'This plan has expired; nothing was applied'}
        </strong>
        <span>
          {moved
            ? error.message
            : 'Plans are kept for a short while. Plan again to see what an apply would do now.'}
        </span>
        <button type="button" className="btn" onClick={onReplan} data-testid="replan">
          Re-plan
        </button>
      </div>
    );
  }
  return (
    <div className="deploy-alert alert-bad" role="alert" data-testid="plan-problem">
      <strong>
        {error.status === 403 ? 'You are not allowed to do this' : 'The server refused'}
      </strong>
      <span>{error.message}</span>
    </div>
  );
}
