import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Role } from '../api/session.ts';
import { fetchDeployments } from '../deploy/deploy-api.ts';
import { primaryDeployment } from '../deploy/summary.ts';
import { deploymentsKey } from '../deploy/useDeployState.ts';
import { takeBlockedReason } from './take-rules.ts';
import { takenText, useTakeSnapshot } from './useTakeSnapshot.ts';
import '../styles/snapshots.css';

interface Props {
  readonly tenant: string;
  readonly appId: string;
  readonly role: Role;
  /** opens the app's snapshots dialog */
  readonly onOpen: () => void;
}

/** An app-list row's one-click Snapshot of the app where it is applied, and a way to its snapshots. */
export function AppSnapshotActions({ tenant, appId, role, onOpen }: Props) {
  const deployments = useQuery({
    queryKey: deploymentsKey(tenant, appId),
    queryFn: () => fetchDeployments(tenant, appId),
    staleTime: 10_000,
  });
  const applied = deployments.data && primaryDeployment(deployments.data)?.controller;
  const taking = useTakeSnapshot(tenant, appId);
  const [note, setNote] = useState<{ tone: 'good' | 'bad'; text: string } | undefined>();
  const blocked = takeBlockedReason(role, deployments.isPending ? 'unknown' : applied);
  const take = () => {
    if (!applied) return;
    setNote(undefined);
    taking.mutate(applied.id, {
      onSuccess: (taken) => setNote({ tone: 'good', text: takenText(taken) }),
      onError: (err) => setNote({ tone: 'bad', text: err.message }),
    });
  };
  return (
    <div className="row-snap">
      <button
        type="button"
        className="btn btn-small"
        data-testid="row-snapshot"
        disabled={blocked !== undefined || taking.isPending}
        title={blocked ?? `Read the app back from ${applied?.name} and keep it as a snapshot`}
        onClick={take}
      >
        {taking.isPending ? 'Taking…' : 'Snapshot'}
      </button>
      <button type="button" className="link-btn" data-testid="row-snapshots" onClick={onOpen}>
        Snapshots…
      </button>
      {note && (
        <span
          className={`row-snap-note note-${note.tone}`}
          role={note.tone === 'bad' ? 'alert' : 'status'}
          data-testid="row-snapshot-note"
        >
          {note.text}
        </span>
      )}
    </div>
  );
}
