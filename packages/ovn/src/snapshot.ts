import {
  type Application,
  createSnapshot,
  hasErrors,
  parseApplication,
  remapForSite,
  type SiteRemap,
  type Snapshot,
  sha256Hex,
  validate,
} from '@netcanvas/model';
import type { OvnDriver, PlannedApply } from './driver.ts';
import { OvnError } from './errors.ts';
import { appKey } from './names.ts';
import { readBack } from './read-back.ts';
import type { ActualRow } from './reconcile.ts';

/** Options for {@link captureSnapshot}. */
export interface CaptureOptions {
  readonly createdBy: string;
  /** the NB remote as the user registered it (recorded in the snapshot) */
  readonly remote: string;
  /** which app, when no design is given */
  readonly app?: Pick<Application, 'tenant' | 'id'>;
  readonly createdAt?: string;
}

/** A token that changes whenever any of the app's rows changes: hash of their UUIDs and `_version`s. */
export function rowsStateVersion(rows: readonly ActualRow[]): string {
  const lines = rows.map((r) => `${r.table} ${r.uuid} ${r.version}`).sort();
  return sha256Hex(lines.join('\n'));
}

/** The app as applied on the controller now (read back from its NB rows). */
export async function readApplied(
  driver: OvnDriver,
  app: Pick<Application, 'tenant' | 'id'>,
  design?: Application,
): Promise<Application> {
  return readBack(await driver.readRows(appKey(app)), design);
}

/**
 * Snapshots an app as applied: reads its rows back from the NB in one consistent read,
 * keeps the saved design beside it, and makes a content-addressed snapshot document.
 */
export async function captureSnapshot(
  driver: OvnDriver,
  design: Application | undefined,
  options: CaptureOptions,
): Promise<Snapshot> {
  const which = design ?? options.app;
  if (!which)
    throw new OvnError('invalid-design', 'say which app to snapshot: give its design or tenant/id');
  const rows = await driver.readRows(appKey(which));
  if (rows.length === 0)
    throw new OvnError(
      'invalid-design',
      `the controller holds nothing of ${appKey(which)}: there is nothing to snapshot`,
    );
  return createSnapshot({
    app: readBack(rows, design),
    design,
    createdBy: options.createdBy,
    ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    controller: {
      kind: 'ovn',
      remote: options.remote,
      stateVersion: rowsStateVersion(rows),
    },
  });
}

/** The app a restore would apply: the snapshot's app, remapped for the target site. */
export function restoreTarget(snapshot: Snapshot, remap?: SiteRemap): Application {
  const app = remap ? remapForSite(snapshot.app, remap) : snapshot.app;
  const parsed = parseApplication(app);
  const diagnostics = parsed.ok ? validate(parsed.app) : parsed.diagnostics;
  if (!parsed.ok || hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const list = errors.map((d) => `${d.objectId ?? '(app)'}: [${d.code}] ${d.message}`);
    throw new OvnError(
      'invalid-design',
      `the snapshot${remap ? ' after the remap' : ''} is not a valid design; nothing was applied:\n${list.join('\n')}`,
      { details: errors },
    );
  }
  return parsed.app;
}

/**
 * Plans restoring a snapshot (remapped for another site when `remap` is given) onto the
 * controller: validates first, refusing with `invalid-design` and the diagnostics. Show the
 * plan, then `driver.commit(plan)` restores it in one transaction, or changes nothing.
 */
export async function restorePlan(
  driver: OvnDriver,
  snapshot: Snapshot,
  remap?: SiteRemap,
): Promise<PlannedApply> {
  return driver.plan(restoreTarget(snapshot, remap));
}
