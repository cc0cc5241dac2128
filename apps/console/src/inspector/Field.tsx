import type { ReactNode } from 'react';
import { SeverityIcon } from '../panel/SeverityIcon.tsx';
import { issuesAt, type Path, pathKey } from './form.ts';
import { useObjectForm } from './useObjectForm.ts';

interface Props {
  readonly label: string;
  readonly path: Path;
  /** a problem the field found itself, e.g. text that is not a number */
  readonly local?: string | undefined;
  readonly children: ReactNode;
  readonly wide?: boolean;
}

/** A labelled input with the problems `validate` reports for its path under it. */
export function Field({ label, path, local, children, wide }: Props) {
  const { diagnostics } = useObjectForm();
  const issues = issuesAt(diagnostics, path).filter((d) => d.severity !== 'info');
  const key = pathKey(path);
  const worst = local || issues.some((d) => d.severity === 'error') ? 'error' : issues[0]?.severity;
  return (
    <div className={`field${wide ? ' wide' : ''}${worst ? ` field-${worst}` : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {local && (
        <p className="field-issue issue-error" data-testid={`issue-${key}`}>
          <SeverityIcon severity="error" />
          {local}
        </p>
      )}
      {issues.map((d) => (
        <p
          key={`${d.code}:${d.message}`}
          className={`field-issue issue-${d.severity}`}
          data-testid={`issue-${key}`}
        >
          <SeverityIcon severity={d.severity} />
          {d.message}
        </p>
      ))}
    </div>
  );
}
