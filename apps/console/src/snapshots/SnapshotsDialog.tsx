import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DialogFrame } from '../deploy/DialogFrame.tsx';
import { fetchDeployments } from '../deploy/deploy-api.ts';
import { primaryDeployment } from '../deploy/summary.ts';
import { useControllers } from '../deploy/useControllers.ts';
import { deploymentsKey } from '../deploy/useDeployState.ts';
import { DiffPane } from './DiffPane.tsx';
import { RestorePane } from './RestorePane.tsx';
import { SchedulePane } from './SchedulePane.tsx';
import { exportUrl, fetchSnapshot, importSnapshot, listSnapshots } from './snapshot-api.ts';
import { takeBlockedReason } from './take-rules.ts';
import type { SnapshotMeta, SnapshotTarget } from './types.ts';
import { snapshotsKey, takenText, useTakeSnapshot } from './useTakeSnapshot.ts';
import '../styles/snapshots.css';

const size = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} kB`);

/** Everything about an app's snapshots: take, list, diff against live, export, import, restore, schedule. */
export function SnapshotsDialog({
  target,
  onClose,
}: {
  readonly target: SnapshotTarget;
  readonly onClose: () => void;
}) {
  const { tenant, appId } = target;
  const client = useQueryClient();
  const snapshots = useQuery({
    queryKey: snapshotsKey(tenant, appId),
    queryFn: () => listSnapshots(tenant, appId),
  });
  const controllers = useControllers(tenant);
  const deployments = useQuery({
    queryKey: deploymentsKey(tenant, appId),
    queryFn: () => fetchDeployments(tenant, appId),
  });
  const applied = deployments.data && primaryDeployment(deployments.data)?.controller;
  const operator = target.role === 'operator' || target.role === 'admin';
  const takeBlocked = takeBlockedReason(target.role, deployments.isPending ? 'unknown' : applied);
  const [diffOf, setDiffOf] = useState<SnapshotMeta | undefined>();
  const [restoring, setRestoring] = useState<SnapshotMeta | undefined>();
  const [note, setNote] = useState<{ tone: 'good' | 'bad'; text: string } | undefined>();
  const restoreApp = useQuery({
    queryKey: ['snapshot', tenant, appId, restoring?.id],
    queryFn: () => fetchSnapshot(tenant, appId, restoring?.id ?? ''),
    enabled: restoring !== undefined,
  });

  const refresh = () => client.invalidateQueries({ queryKey: snapshotsKey(tenant, appId) });
  const fail = (err: unknown) => setNote({ tone: 'bad', text: (err as Error).message });
  const taking = useTakeSnapshot(tenant, appId);
  const take = () =>
    taking.mutate(applied?.id ?? 0, {
      onSuccess: (taken) => setNote({ tone: 'good', text: takenText(taken) }),
      onError: fail,
    });
  const importFile = useMutation({
    mutationFn: async (file: File) => importSnapshot(tenant, await file.text()),
    onSuccess: (meta) => {
      setNote({ tone: 'good', text: `Imported snapshot ${meta.id.slice(0, 12)}` });
      void refresh();
    },
    onError: fail,
  });

  return (
    <DialogFrame
      title="Snapshots"
      subtitle={`${target.name}${applied ? ` · applied to ${applied.name}` : ' · not applied anywhere'}`}
      className="snap-dialog"
      testId="snapshots-dialog"
      onClose={onClose}
    >
      <div className="deploy-dialog-body">
        {restoring ? (
          restoreApp.data ? (
            <RestorePane
              tenant={tenant}
              appId={appId}
              meta={restoring}
              app={restoreApp.data.snapshot.app}
              controllers={controllers.data ?? []}
              onClose={() => {
                setRestoring(undefined);
                void client.invalidateQueries({ queryKey: deploymentsKey(tenant, appId) });
              }}
            />
          ) : (
            <p className="deploy-hint">
              {restoreApp.isError ? (restoreApp.error as Error).message : 'Loading the snapshot…'}
            </p>
          )
        ) : (
          <>
            <div className="snap-toolbar">
              <button
                type="button"
                className="btn btn-primary"
                data-testid="snapshot-take"
                disabled={takeBlocked !== undefined || taking.isPending}
                title={takeBlocked ?? `Read the app back from ${applied?.name} and keep it`}
                onClick={take}
              >
                {taking.isPending ? 'Taking…' : 'Take snapshot'}
              </button>
              <label className="btn" aria-disabled={!operator}>
                Import file…
                <input
                  type="file"
                  accept=".yaml,.yml,.json"
                  hidden
                  disabled={!operator}
                  data-testid="snapshot-import"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) importFile.mutate(file);
                    e.target.value = '';
                  }}
                />
              </label>
            </div>
            {note && (
              <div
                className={`deploy-alert alert-${note.tone}`}
                role="status"
                data-testid="snapshot-note"
              >
                <span>{note.text}</span>
              </div>
            )}
            {snapshots.isError ? (
              <div className="deploy-alert alert-bad" role="alert">
                {(snapshots.error as Error).message}
              </div>
            ) : (snapshots.data ?? []).length === 0 ? (
              <p className="empty-state" data-testid="snapshots-empty">
                No snapshots yet.
                {applied ? ' Take one: it reads the app back from the controller.' : ''}
              </p>
            ) : (
              <table className="snap-table" data-testid="snapshot-list">
                <thead>
                  <tr>
                    <th>Snapshot</th>
                    <th>Taken</th>
                    <th>By</th>
                    <th>From</th>
                    <th>Version</th>
                    <th>Size</th>
                    <th aria-label="actions" />
                  </tr>
                </thead>
                <tbody>
                  {(snapshots.data ?? []).map((m) => (
                    <tr key={m.id} data-testid={`snapshot-${m.id.slice(0, 12)}`}>
                      <td>
                        <code title={m.id}>{m.id.slice(0, 12)}</code>
                        {m.source !== 'taken' && <span className="snap-source">{m.source}</span>}
                      </td>
                      <td>{new Date(m.createdAt).toLocaleString()}</td>
                      <td>{m.createdBy}</td>
                      <td>{m.controller.name}</td>
                      <td>{m.appVersion === null ? '—' : `v${m.appVersion}`}</td>
                      <td>{size(m.size)}</td>
                      <td className="snap-actions">
                        <button
                          type="button"
                          className="link-btn"
                          disabled={!applied && (snapshots.data ?? []).length < 2}
                          title={
                            applied
                              ? `What changed on ${applied.name} since this snapshot`
                              : 'Compare with another snapshot'
                          }
                          onClick={() => setDiffOf(m)}
                          data-testid="snapshot-diff-live"
                        >
                          {applied ? 'Diff vs live' : 'Diff…'}
                        </button>
                        <a
                          className="link-btn"
                          href={exportUrl(tenant, appId, m.id, 'yaml')}
                          download
                        >
                          Export
                        </a>
                        <button
                          type="button"
                          className="link-btn"
                          disabled={!operator}
                          title={operator ? undefined : 'Operators and admins restore'}
                          onClick={() => setRestoring(m)}
                          data-testid="snapshot-restore"
                        >
                          Restore…
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {diffOf && (
              <DiffPane
                key={diffOf.id}
                tenant={tenant}
                appId={appId}
                meta={diffOf}
                snapshots={snapshots.data ?? []}
                applied={applied}
                doc={target.doc}
                onShown={onClose}
              />
            )}
            <SchedulePane
              tenant={tenant}
              appId={appId}
              controllers={controllers.data ?? []}
              source={applied?.id}
              canEdit={operator}
            />
          </>
        )}
      </div>
    </DialogFrame>
  );
}
