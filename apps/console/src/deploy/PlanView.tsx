import { KindIcon } from '../canvas/KindIcon.tsx';
import { KIND_STYLES } from '../canvas/kinds.ts';
import { type DescribeObject, describeRow, groupPlan, type PlanGroup } from './plan-groups.ts';
import type { PlanResponse } from './types.ts';

const VERB_LABEL: Record<PlanGroup['verb'], string> = {
  create: 'create',
  change: 'change',
  delete: 'delete',
};

const OP_SIGN = { insert: '+', update: '~', delete: '−' } as const;

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** A plan as a reviewer reads it: per design object, the controller rows it creates, changes, deletes. */
export function PlanView({
  plan,
  describe,
}: {
  readonly plan: PlanResponse;
  readonly describe: DescribeObject;
}) {
  const groups = groupPlan(plan.changes, describe);
  const { basedOn, summary } = plan;
  return (
    <div className="plan-view" data-testid="plan-view">
      <div className="plan-meta">
        <span className="plan-based">
          Based on <strong>v{basedOn.version}</strong> by {basedOn.author} ·{' '}
          {when(basedOn.createdAt)}
        </span>
        {basedOn.message && <span className="plan-message">“{basedOn.message}”</span>}
      </div>
      {groups.length === 0 ? (
        <p className="plan-empty" data-testid="plan-empty">
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="m3.5 8.5 3 3 6-7" />
          </svg>
          No changes — the controller already matches v{basedOn.version}
        </p>
      ) : (
        <>
          <div className="plan-summary" data-testid="plan-summary">
            {summary.insert > 0 && (
              <span className="plan-count op-insert">{summary.insert} to create</span>
            )}
            {summary.update > 0 && (
              <span className="plan-count op-update">{summary.update} to change</span>
            )}
            {summary.delete > 0 && (
              <span className="plan-count op-delete">{summary.delete} to delete</span>
            )}
            <span className="plan-objects">
              across {groups.length} object{groups.length === 1 ? '' : 's'}
            </span>
          </div>
          <ul className="plan-groups">
            {groups.map((g) => (
              <li key={g.objectId} className="plan-group" data-testid={`plan-group-${g.objectId}`}>
                <div className="plan-group-head">
                  {g.kind ? (
                    <span className="plan-kind-icon" style={{ color: KIND_STYLES[g.kind].color }}>
                      <KindIcon kind={g.kind} size={15} />
                    </span>
                  ) : (
                    <span className="plan-kind-icon" />
                  )}
                  <span className="plan-group-name">{g.name}</span>
                  <span className="plan-group-kind">{g.kind ? KIND_STYLES[g.kind].label : ''}</span>
                  <span className={`plan-verb verb-${g.verb}`}>{VERB_LABEL[g.verb]}</span>
                </div>
                <ul className="plan-rows">
                  {g.rows.map((r) => (
                    <li key={`${r.op}:${r.table}:${r.key}`} className={`plan-row op-${r.op}`}>
                      <span className="plan-sign" aria-hidden="true">
                        {OP_SIGN[r.op]}
                      </span>
                      <span className="plan-table">{r.table}</span>
                      <span className="plan-key mono">{r.key}</span>
                      <span className="plan-what">{describeRow(r)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
