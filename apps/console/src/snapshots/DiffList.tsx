import { KindIcon } from '../canvas/KindIcon.tsx';
import { KIND_STYLES } from '../canvas/kinds.ts';
import type { DiffResponse, ObjectDiff } from './types.ts';

const VERB: Record<ObjectDiff['op'], string> = {
  insert: 'added',
  update: 'changed',
  delete: 'removed',
};

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** Per object: added, removed, or which fields changed from what to what. */
export function DiffList({ diff, empty }: { readonly diff: DiffResponse; readonly empty: string }) {
  const { summary } = diff;
  if (diff.changes.length === 0)
    return (
      <p className="plan-empty" data-testid="diff-empty">
        {empty}
      </p>
    );
  return (
    <div className="snap-diff" data-testid="snapshot-diff">
      <div className="plan-summary">
        <span className="plan-count op-insert">{summary.insert} added</span>
        <span className="plan-count op-update">{summary.update} changed</span>
        <span className="plan-count op-delete">{summary.delete} removed</span>
      </div>
      <ul className="plan-groups">
        {diff.changes.map((c) => (
          <li
            key={`${c.op}:${c.objectId}`}
            className="plan-group"
            data-testid={`diff-${c.objectId}`}
          >
            <div className="plan-group-head">
              <span className="plan-kind-icon">
                {c.kind in KIND_STYLES ? (
                  <KindIcon kind={c.kind as keyof typeof KIND_STYLES} size={16} />
                ) : null}
              </span>
              <span className="plan-group-name">{c.name}</span>
              <span className="plan-group-kind">{c.kind}</span>
              <span
                className={`plan-verb verb-${c.op === 'insert' ? 'create' : c.op === 'delete' ? 'delete' : 'change'}`}
              >
                {VERB[c.op]}
              </span>
            </div>
            {c.fields && c.fields.length > 0 && (
              <ul className="plan-rows">
                {c.fields.map((f) => (
                  <li key={f.path.join('.')} className="plan-row op-update">
                    <span className="plan-sign">~</span>
                    <span className="plan-key">{f.path.join('.')}</span>
                    <span className="plan-what">
                      {show(f.before)} → {show(f.after)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
