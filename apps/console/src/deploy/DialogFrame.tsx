import { type ReactNode, useEffect, useId, useRef } from 'react';
import '../styles/deploy.css';

interface Props {
  readonly title: string;
  readonly subtitle: ReactNode;
  readonly className?: string;
  readonly testId: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
}

/**
 * A native modal `<dialog>` with a title, a subtitle and a close button: the browser keeps
 * focus inside and Esc closes it. The frame of the plan & apply and snapshots dialogs.
 */
export function DialogFrame({ title, subtitle, className, testId, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={className ? `deploy-dialog ${className}` : 'deploy-dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="deploy-dialog-head">
        <div>
          <h2 id={titleId}>{title}</h2>
          <span className="deploy-dialog-sub">{subtitle}</span>
        </div>
        <button type="button" className="btn btn-icon" aria-label="Close" onClick={onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </button>
      </header>
      {children}
    </dialog>
  );
}
