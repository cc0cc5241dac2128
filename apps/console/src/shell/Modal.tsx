import { type ReactNode, useEffect, useId } from 'react';

interface Props {
  readonly title: string;
  readonly subtitle?: ReactNode;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer: ReactNode;
  readonly wide?: boolean;
  readonly testId?: string;
}

/** A modal dialog over the page; Escape closes it (a stray click outside does not). */
export function Modal({ title, subtitle, onClose, children, footer, wide, testId }: Props) {
  const titleId = useId();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop">
      <div
        className={wide ? 'modal modal-wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        // keys pressed in the dialog are the dialog's: the canvas shortcuts (Delete, Ctrl+Z)
        // listen on window and must not act on the design behind it
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          e.stopPropagation();
        }}
      >
        <header className="modal-head">
          <h2 id={titleId}>{title}</h2>
          {subtitle && <div className="modal-sub">{subtitle}</div>}
        </header>
        <div className="modal-body">{children}</div>
        <footer className="modal-foot">{footer}</footer>
      </div>
    </div>
  );
}
