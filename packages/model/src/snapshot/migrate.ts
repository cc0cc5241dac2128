import { SNAPSHOT_SCHEMA_VERSION } from './schema.ts';

/**
 * A migrated document without `id` and `addresses` (the caller computes both once the
 * content is parsed), or why it cannot be migrated.
 */
export type MigrationResult =
  | { readonly ok: true; readonly from: number; readonly doc: Record<string, unknown> }
  | { readonly ok: false; readonly code: 'malformed'; readonly message: string };

/**
 * Brings an older snapshot document up to the current schema version.
 *
 * Version 0 (the pre-release export) had no `kind`, no content id and no address list:
 * `{ schemaVersion: 0, takenAt, takenBy?, controller: "tcp:…", app, design? }`. It is
 * carried over as is; addresses and the id come from the migrated content (v0 had no id to check).
 */
export function migrateSnapshot(doc: Record<string, unknown>): MigrationResult {
  const from = doc.schemaVersion ?? (doc.kind === undefined ? 0 : undefined);
  if (from !== 0)
    return {
      ok: false,
      code: 'malformed',
      message: `unknown snapshot schema version ${String(doc.schemaVersion)}; this netcanvas reads versions 0 to ${SNAPSHOT_SCHEMA_VERSION}`,
    };
  const content: Record<string, unknown> = {
    kind: 'netcanvas-snapshot',
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    createdAt: doc.takenAt ?? doc.createdAt,
    createdBy: doc.takenBy ?? doc.createdBy ?? 'unknown',
    controller: {
      kind: 'ovn',
      remote: typeof doc.controller === 'string' ? doc.controller : '',
      stateVersion: '',
    },
    app: doc.app,
    ...(doc.design === undefined ? {} : { design: doc.design }),
  };
  return { ok: true, from: 0, doc: content };
}
