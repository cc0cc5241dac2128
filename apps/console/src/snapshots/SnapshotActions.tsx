import { useState } from 'react';
import type { DeployTarget } from '../deploy/contract.ts';
import { SnapshotsDialog } from './SnapshotsDialog.tsx';

/** The top bar's Snapshots button; the dialog takes, lists, diffs, restores and schedules them. */
export function SnapshotActions({ target }: { readonly target: DeployTarget | undefined }) {
  const [open, setOpen] = useState(false);
  if (!target) return null;
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="snapshots"
        title="Snapshot what the controller holds, roll back, restore at another site"
        onClick={() => setOpen(true)}
      >
        Snapshots
      </button>
      {open && (
        <SnapshotsDialog
          target={{
            tenant: target.tenant,
            appId: target.appId,
            name: target.doc.name,
            role: target.role,
            doc: target.doc,
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
