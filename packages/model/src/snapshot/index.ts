export { canonicalJson } from './canonical-json.ts';
export { type MigrationResult, migrateSnapshot } from './migrate.ts';
export { remapForSite, type SiteRemap } from './remap.ts';
export {
  SNAPSHOT_SCHEMA_VERSION,
  Snapshot,
  SnapshotAddress,
  SnapshotController,
} from './schema.ts';
export { sha256Hex } from './sha256.ts';
export {
  createSnapshot,
  diffSnapshots,
  type SnapshotCheck,
  type SnapshotInput,
  type SnapshotProblemCode,
  snapshotAddresses,
  snapshotId,
  verifySnapshot,
} from './snapshot.ts';
