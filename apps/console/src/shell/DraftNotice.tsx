import type { StoredApp } from '../api/apps.ts';
import { relativeTime } from '../apps/when.ts';

/** Unsaved work from an older version: say the server moved on, before a save conflicts. */
export function DraftNotice({
  draftVersion,
  stored,
  onDiscard,
}: {
  readonly draftVersion: number;
  readonly stored: StoredApp;
  readonly onDiscard: () => void;
}) {
  return (
    <div className="shell-notice shell-notice-warn" role="status" data-testid="draft-behind">
      Your unsaved changes in this browser start from v{draftVersion}; the server has moved on to v
      {stored.version} ({stored.author}, {relativeTime(stored.createdAt)}). Saving will show what
      changed so you can choose.
      <button type="button" className="link-btn" onClick={onDiscard}>
        Discard mine and open v{stored.version}
      </button>
    </div>
  );
}
