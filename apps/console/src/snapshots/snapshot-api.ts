import type { Snapshot } from '@netcanvas/model';
import { ApiError, getJson, request } from '../api/http.ts';
import type { PlanResponse } from '../deploy/types.ts';
import type { DiffResponse, SiteRemap, SnapshotMeta, SnapshotSchedule } from './types.ts';

const seg = encodeURIComponent;
const appPath = (tenant: string, appId: string) => `/api/tenants/${seg(tenant)}/apps/${seg(appId)}`;
const snapPath = (tenant: string, appId: string, id: string) =>
  `${appPath(tenant, appId)}/snapshots/${seg(id)}`;

/** The app's snapshots, newest first. */
export async function listSnapshots(tenant: string, appId: string): Promise<SnapshotMeta[]> {
  const body = await getJson<unknown>(`${appPath(tenant, appId)}/snapshots`);
  if (!Array.isArray(body))
    throw new ApiError(
      200,
      'bad-response',
      'the server sent a snapshot list this console cannot read',
    );
  return body as SnapshotMeta[];
}

/** Snapshots the app as the controller holds it; `created` is false when that content was already kept. */
export async function takeSnapshot(
  tenant: string,
  appId: string,
  controller: number,
): Promise<{ meta: SnapshotMeta; created: boolean }> {
  const res = await request<SnapshotMeta>('POST', `${appPath(tenant, appId)}/snapshots`, {
    body: { controller },
  });
  return { meta: res.body, created: res.status === 201 };
}

/** One snapshot with its document (the app as it was applied). */
export async function fetchSnapshot(
  tenant: string,
  appId: string,
  id: string,
): Promise<SnapshotMeta & { snapshot: Snapshot }> {
  return getJson(snapPath(tenant, appId, id));
}

/** Where the browser downloads the snapshot as a file. */
export function exportUrl(
  tenant: string,
  appId: string,
  id: string,
  format: 'yaml' | 'json',
): string {
  return `${snapPath(tenant, appId, id)}/export?format=${format}`;
}

/** Keeps a snapshot file (exported here or elsewhere) in the tenant's store. */
export async function importSnapshot(tenant: string, file: string): Promise<SnapshotMeta> {
  return (
    await request<SnapshotMeta>('POST', `/api/tenants/${seg(tenant)}/snapshots/import`, {
      body: { file },
    })
  ).body;
}

/** What changed on a controller since the snapshot. */
export async function diffLive(
  tenant: string,
  appId: string,
  id: string,
  controller: number,
): Promise<DiffResponse> {
  return getJson(`${snapPath(tenant, appId, id)}/diff-live?controller=${controller}`);
}

/** What changes from one snapshot to another. */
export async function diffSnapshots(
  tenant: string,
  appId: string,
  from: string,
  to: string,
): Promise<DiffResponse> {
  return getJson(`${snapPath(tenant, appId, from)}/diff/${seg(to)}`);
}

/** Plans restoring the snapshot onto a controller (remapped for another site); apply with …/apply. */
export async function planRestore(
  tenant: string,
  appId: string,
  id: string,
  controller: number,
  remap: SiteRemap | undefined,
): Promise<PlanResponse> {
  return (
    await request<PlanResponse>('POST', `${snapPath(tenant, appId, id)}/restore-plan`, {
      body: remap ? { controller, remap } : { controller },
    })
  ).body;
}

/** The app's snapshot schedule, or undefined when there is none. */
export async function fetchSchedule(
  tenant: string,
  appId: string,
): Promise<SnapshotSchedule | undefined> {
  try {
    return await getJson<SnapshotSchedule>(`${appPath(tenant, appId)}/snapshot-schedule`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

/** Sets the schedule: every N minutes on a controller, keep N, optionally a standby site. */
export async function saveSchedule(
  tenant: string,
  appId: string,
  schedule: {
    controller: number;
    everyMinutes: number;
    keep: number;
    standby?: { controller: number; remap?: SiteRemap };
  },
): Promise<SnapshotSchedule> {
  return (
    await request<SnapshotSchedule>('PUT', `${appPath(tenant, appId)}/snapshot-schedule`, {
      body: schedule,
    })
  ).body;
}

export async function deleteSchedule(tenant: string, appId: string): Promise<void> {
  await request('DELETE', `${appPath(tenant, appId)}/snapshot-schedule`);
}
