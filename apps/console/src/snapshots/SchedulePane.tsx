import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ControllerSummary } from '../deploy/types.ts';
import { deleteSchedule, fetchSchedule, saveSchedule } from './snapshot-api.ts';

interface Props {
  readonly tenant: string;
  readonly appId: string;
  readonly controllers: readonly ControllerSummary[];
  /** the controller the app is applied to, the default to snapshot */
  readonly source: number | undefined;
  readonly canEdit: boolean;
}

/** Scheduled snapshots (every N minutes, keep N) and standby replication to a DR controller. */
export function SchedulePane({ tenant, appId, controllers, source, canEdit }: Props) {
  const client = useQueryClient();
  const key = ['snapshot-schedule', tenant, appId];
  const current = useQuery({ queryKey: key, queryFn: () => fetchSchedule(tenant, appId) });
  const [every, setEvery] = useState(60);
  const [keep, setKeep] = useState(24);
  const [standby, setStandby] = useState<number | undefined>(undefined);
  const from = current.data?.controller.id ?? source;
  const save = useMutation({
    mutationFn: () =>
      saveSchedule(tenant, appId, {
        controller: from ?? 0,
        everyMinutes: every,
        keep,
        ...(standby !== undefined ? { standby: { controller: standby } } : {}),
      }),
    onSuccess: (s) => client.setQueryData(key, s),
  });
  const stop = useMutation({
    mutationFn: () => deleteSchedule(tenant, appId),
    onSuccess: () => client.setQueryData(key, undefined),
  });
  const s = current.data;
  const error = (save.error ?? stop.error) as Error | null;
  return (
    <section
      className="snap-schedule"
      aria-label="Snapshot schedule"
      data-testid="snapshot-schedule"
    >
      <h3>Schedule and standby</h3>
      {s ? (
        <p className="deploy-hint" data-testid="schedule-now">
          Every {s.everyMinutes} min on {s.controller.name}, keeping {s.keep}
          {s.standby ? `, replicated to ${s.standby.controller.name} (standby)` : ''}. Next{' '}
          {new Date(s.nextDueAt).toLocaleTimeString()}
          {s.lastRunAt
            ? ` · last ${new Date(s.lastRunAt).toLocaleTimeString()}: ${s.lastResult}`
            : ''}
        </p>
      ) : (
        <p className="deploy-hint">No scheduled snapshots.</p>
      )}
      {canEdit && from !== undefined && (
        <div className="snap-schedule-form">
          <label>
            Every (min)
            <input
              type="number"
              min={1}
              value={every}
              data-testid="schedule-every"
              onChange={(e) => setEvery(Number(e.target.value))}
            />
          </label>
          <label>
            Keep
            <input
              type="number"
              min={1}
              value={keep}
              data-testid="schedule-keep"
              onChange={(e) => setKeep(Number(e.target.value))}
            />
          </label>
          <label>
            Standby site
            <select
              value={standby ?? ''}
              data-testid="schedule-standby"
              onChange={(e) => setStandby(e.target.value ? Number(e.target.value) : undefined)}
            >
              <option value="">none</option>
              {controllers
                .filter((c) => c.id !== from)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          </label>
          <button
            type="button"
            className="btn"
            data-testid="schedule-save"
            disabled={save.isPending}
            onClick={() => save.mutate()}
          >
            {s ? 'Update schedule' : 'Schedule'}
          </button>
          {s && (
            <button type="button" className="btn btn-ghost" onClick={() => stop.mutate()}>
              Stop
            </button>
          )}
        </div>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error.message}
        </span>
      )}
    </section>
  );
}
