import type { Application } from '@netcanvas/model';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DiffList } from './DiffList.tsx';
import { buildDiffOverlay } from './diff-overlay.ts';
import { showDiffOverlay } from './diff-overlay-store.ts';
import { diffLive, diffSnapshots, fetchSnapshot } from './snapshot-api.ts';
import type { SnapshotMeta } from './types.ts';

interface Props {
  readonly tenant: string;
  readonly appId: string;
  /** the snapshot compared from */
  readonly meta: SnapshotMeta;
  /** the app's other snapshots, each a choice to compare with */
  readonly snapshots: readonly SnapshotMeta[];
  /** where the app is applied: "live" compares with what it holds now */
  readonly applied: { readonly id: number; readonly name: string } | undefined;
  /** the editor's document; without one (the app list) there is no canvas to show it on */
  readonly doc?: Application;
  /** called once the overlay is on the canvas, to close the dialog */
  readonly onShown: () => void;
}

const short = (id: string) => id.slice(0, 12);

/**
 * A snapshot's diff, against live or another snapshot, as the plan dialog's list, and on
 * the editor's canvas when one is open.
 */
export function DiffPane({ tenant, appId, meta, snapshots, applied, doc, onShown }: Props) {
  const others = snapshots.filter((s) => s.id !== meta.id);
  const [to, setTo] = useState<string>(applied ? 'live' : (others[0]?.id ?? 'live'));
  const against = to === 'live' ? `live on ${applied?.name ?? '—'}` : `snapshot ${short(to)}`;
  const diff = useQuery({
    queryKey: ['snapshot-diff', tenant, appId, meta.id, to, applied?.id],
    queryFn: () =>
      to === 'live'
        ? diffLive(tenant, appId, meta.id, applied?.id ?? 0)
        : diffSnapshots(tenant, appId, meta.id, to),
    enabled: to !== 'live' || applied !== undefined,
    // live moves on: ask again each time
    staleTime: 0,
  });
  const [showing, setShowing] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const show = async () => {
    if (!doc || !diff.data) return;
    setShowing({ busy: true });
    try {
      // the removed objects' positions come from the snapshot's layout
      const { snapshot } = await fetchSnapshot(tenant, appId, meta.id);
      const input = { tenant, appId, meta, against, doc };
      showDiffOverlay(buildDiffOverlay(input, diff.data, snapshot.app));
      onShown();
    } catch (err) {
      setShowing({ busy: false, error: (err as Error).message });
    }
  };
  const error = showing.error ?? (diff.isError ? diff.error.message : undefined);
  return (
    <section className="snap-diff-pane" aria-label="Difference">
      <div className="snap-diff-head">
        <h3>
          <code>{short(meta.id)}</code> →{' '}
          <select
            className="snap-diff-to"
            aria-label="Compare with"
            data-testid="diff-to"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          >
            <option value="live" disabled={!applied}>
              {applied ? `live on ${applied.name}` : 'live (not applied anywhere)'}
            </option>
            {others.map((s) => (
              <option key={s.id} value={s.id}>
                snapshot {short(s.id)} · {new Date(s.createdAt).toLocaleString()}
              </option>
            ))}
          </select>
        </h3>
        {doc && diff.data && diff.data.changes.length > 0 && (
          <button
            type="button"
            className="btn"
            data-testid="diff-show-on-canvas"
            disabled={showing.busy}
            title="Close this dialog and mark what was added, changed and removed on the canvas"
            onClick={() => void show()}
          >
            {showing.busy ? 'Loading…' : 'Show on canvas'}
          </button>
        )}
      </div>
      {error && (
        <div className="deploy-alert alert-bad" role="alert">
          {error}
        </div>
      )}
      {diff.data ? (
        <DiffList
          diff={diff.data}
          empty={
            to === 'live'
              ? 'The controller still holds exactly this snapshot.'
              : 'The two snapshots hold the same network.'
          }
        />
      ) : (
        !error && <p className="deploy-hint">Comparing…</p>
      )}
    </section>
  );
}
