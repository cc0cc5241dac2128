import { SHORTCUTS } from '../editor/shortcuts.ts';

/** The keyboard shortcuts and mouse gestures, over the canvas. */
export function HelpSheet({ onClose }: { onClose: () => void }) {
  return (
    <div className="sheet-backdrop">
      <button type="button" className="sheet-dismiss" aria-label="Close" onClick={onClose} />
      <div
        className="sheet"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        data-testid="help-sheet"
      >
        <div className="sheet-head">
          <h2>Keyboard shortcuts</h2>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            Close
          </button>
        </div>
        <dl className="shortcut-list">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="shortcut">
              <dt>
                {keys.split(' / ').map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
