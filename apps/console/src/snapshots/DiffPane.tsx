import type { Application } from '@netcanvas/model';
import { useState } from 'react';
import { DiffList } from './DiffList.tsx';
import { buildDiffOverlay } from './diff-overlay.ts';
import { showDiffOverlay } from './diff-overlay-store.ts';
import { fetchSnapshot } from './snapshot-api.ts';
import type { DiffResponse, SnapshotMeta } from './types.ts';

interface Props {
  readonly tenant: string;
  readonly appId: string;
  readonly meta: SnapshotMeta;
  readonly diff: DiffResponse;
  /** the controller the snapshot is compared with */
  readonly controller: string;
  /** the editor's document; without one (the app list) there is no canvas to show it on */
  readonly doc?: Application;
  /** called once the overlay is on the canvas, to close the dialog */
  readonly onShown: () => void;
}

/** A snapshot's diff against live, as a list, and on the canvas when an editor is open. */
export function DiffPane({ tenant, appId, meta, diff, controller, doc, onShown }: Props) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const show = async () => {
    if (!doc) return;
    setState({ busy: true });
    try {
      // the removed objects' positions come from the snapshot's layout
      const { snapshot } = await fetchSnapshot(tenant, appId, meta.id);
      const input = { tenant, appId, meta, against: `live on ${controller}`, doc };
      showDiffOverlay(buildDiffOverlay(input, diff, snapshot.app));
      onShown();
    } catch (err) {
      setState({ busy: false, error: (err as Error).message });
    }
  };
  return (
    <section className="snap-diff-pane" aria-label="Difference from live">
      <div className="snap-diff-head">
        <h3>
          <code>{meta.id.slice(0, 12)}</code> → live on {controller}
        </h3>
        {doc && diff.changes.length > 0 && (
          <button
            type="button"
            className="btn"
            data-testid="diff-show-on-canvas"
            disabled={state.busy}
            title="Close this dialog and mark what was added, changed and removed on the canvas"
            onClick={() => void show()}
          >
            {state.busy ? 'Loading…' : 'Show on canvas'}
          </button>
        )}
      </div>
      {state.error && (
        <div className="deploy-alert alert-bad" role="alert">
          {state.error}
        </div>
      )}
      <DiffList diff={diff} empty="The controller still holds exactly this snapshot." />
    </section>
  );
}
