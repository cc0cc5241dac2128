import type { ReactNode } from 'react';
import { Modal } from '../shell/Modal.tsx';

interface Props {
  readonly title: string;
  readonly subtitle: ReactNode;
  readonly testId: string;
  /** the submit button's label, and its label while the request runs */
  readonly submit: readonly [idle: string, busy: string];
  readonly busy: boolean;
  /** the server's refusal, shown under the form */
  readonly error: string | undefined;
  readonly onSubmit: () => void;
  readonly onClose: () => void;
  readonly children: ReactNode;
}

/** A modal form of the app list: Cancel and a submit button, Enter submits, the refusal below. */
export function FormModal(props: Props) {
  const { title, subtitle, testId, submit, busy, error, onSubmit, onClose, children } = props;
  return (
    <Modal
      title={title}
      subtitle={subtitle}
      onClose={onClose}
      testId={testId}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={onSubmit} disabled={busy}>
            {busy ? submit[1] : submit[0]}
          </button>
        </>
      }
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <button type="submit" hidden />
      </form>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
    </Modal>
  );
}
