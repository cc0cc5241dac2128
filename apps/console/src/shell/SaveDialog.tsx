import { useState } from 'react';
import { Modal } from './Modal.tsx';

interface Props {
  readonly label: string;
  readonly version: number;
  readonly busy: boolean;
  readonly error: string | undefined;
  readonly onSave: (message: string) => void;
  readonly onCancel: () => void;
}

/** Asks what the new version is for, like a commit message. */
export function SaveDialog({ label, version, busy, error, onSave, onCancel }: Props) {
  const [message, setMessage] = useState('');
  const submit = () => onSave(message.trim());
  return (
    <Modal
      title="Save a new version"
      subtitle={`${label} · v${version} → v${version + 1}`}
      onClose={onCancel}
      testId="save-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={submit}
            disabled={busy}
            data-testid="save-confirm"
          >
            {busy ? 'Saving…' : 'Save version'}
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field">
          <span>What changed (optional)</span>
          <input
            name="message"
            // biome-ignore lint/a11y/noAutofocus: the dialog opens for this
            autoFocus
            maxLength={500}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            placeholder="e.g. open 8443 from web to app"
          />
        </label>
      </form>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
    </Modal>
  );
}
