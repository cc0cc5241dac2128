import { groupPlan } from './plan-groups.ts';
import type { ApplyResponse } from './types.ts';

interface Props {
  readonly result: ApplyResponse;
  readonly ms: number;
  readonly describe: (id: string) => string;
}

const duration = (ms: number) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

/** What one apply did: which objects, how many controller rows, how long it took. */
export function ApplyResultView({ result, ms, describe }: Props) {
  const groups = groupPlan(result.changes, () => undefined);
  return (
    <div className="deploy-alert alert-good" role="status" data-testid="apply-result">
      <strong>
        {result.changed
          ? `Applied v${result.version} to ${result.controller.name}`
          : `${result.controller.name} holds v${result.version}; no controller row needed a change`}
      </strong>
      <span>
        {result.changed
          ? `${result.changes.length} controller row${result.changes.length === 1 ? '' : 's'} across ${groups.length} object${groups.length === 1 ? '' : 's'} in ${duration(ms)}`
          : `checked in ${duration(ms)}`}
      </span>
      {groups.length > 0 && (
        <span className="apply-objects">{groups.map((g) => describe(g.objectId)).join(', ')}</span>
      )}
    </div>
  );
}
