import { type ReactNode, useState } from 'react';

interface Props {
  readonly title: string;
  readonly testId: string;
  readonly aside?: ReactNode;
  readonly children: ReactNode;
}

/** A titled, collapsible block of the side panel. */
export function Section({ title, testId, aside, children }: Props) {
  const [open, setOpen] = useState(true);
  return (
    <section className="panel-section" data-testid={testId}>
      <button
        type="button"
        className="panel-section-head"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <svg className={open ? 'chevron open' : 'chevron'} viewBox="0 0 16 16" aria-hidden="true">
          <path d="m6 4 4 4-4 4" />
        </svg>
        <span className="panel-section-title">{title}</span>
        {aside}
      </button>
      {open && <div className="panel-section-body">{children}</div>}
    </section>
  );
}
