import { useMutation, useQueryClient } from '@tanstack/react-query';
import { takeSnapshot } from './snapshot-api.ts';
import type { SnapshotMeta } from './types.ts';

/** The query key of an app's snapshot list. */
export const snapshotsKey = (tenant: string, appId: string) => ['snapshots', tenant, appId];

/** What a take said, for the line beside the button. */
export function takenText({ meta, created }: { meta: SnapshotMeta; created: boolean }): string {
  return created
    ? `Snapshot ${meta.id.slice(0, 12)} taken of ${meta.controller.name}`
    : `Nothing changed since snapshot ${meta.id.slice(0, 12)}; kept that one`;
}

/** Takes a snapshot of the app on a controller; the new one is listed at once. */
export function useTakeSnapshot(tenant: string, appId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (controller: number) => takeSnapshot(tenant, appId, controller),
    onSuccess: ({ meta }) => {
      // the new row shows with the note, not a refetch later
      client.setQueryData<SnapshotMeta[]>(snapshotsKey(tenant, appId), (old) => [
        meta,
        ...(old ?? []).filter((m) => m.id !== meta.id),
      ]);
      void client.invalidateQueries({ queryKey: snapshotsKey(tenant, appId) });
    },
  });
}
