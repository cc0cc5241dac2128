import type { Diagnostic } from '@netcanvas/model';
import { Section } from './Section.tsx';
import { SeverityIcon } from './SeverityIcon.tsx';

interface Props {
  readonly diagnostics: readonly Diagnostic[];
  readonly nameOf: (id: string) => string;
  readonly onPick: (objectId: string) => void;
}

/** Validation findings for the whole application; a click jumps to the object. */
export function ProblemsPanel({ diagnostics, nameOf, onPick }: Props) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const aside = (
    <span className="section-counts">
      <span className={errors ? 'count count-error' : 'count'} data-testid="problems-errors">
        {errors}
      </span>
      <span className={warnings ? 'count count-warning' : 'count'} data-testid="problems-warnings">
        {warnings}
      </span>
    </span>
  );
  return (
    <Section title="Problems" testId="problems-panel" aside={aside}>
      {diagnostics.length === 0 ? (
        <p className="empty-state ok" data-testid="problems-empty">
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="8" cy="8" r="6.5" />
            <path d="m5.2 8.2 2 2 3.8-4" />
          </svg>
          No problems: the design is valid.
        </p>
      ) : (
        <ul className="problems-list" data-testid="problems-list">
          {diagnostics.map((d) => (
            <li key={`${d.code}:${d.objectId ?? ''}:${d.path.join('.')}:${d.message}`}>
              <button
                type="button"
                className="problem"
                data-testid="problem-item"
                disabled={d.objectId === undefined}
                onClick={() => d.objectId && onPick(d.objectId)}
              >
                <SeverityIcon severity={d.severity} />
                <span className="problem-text">
                  <span className="problem-message">{d.message}</span>
                  <span className="problem-where">
                    {d.objectId ? nameOf(d.objectId) : 'application'}
                    {d.path.length > 0 && ` · ${d.path.join('.')}`} · {d.code}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
