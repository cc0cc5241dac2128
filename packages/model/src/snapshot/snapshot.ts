import { resolveAddresses } from '../ipam.ts';
import { type Change, plan } from '../plan.ts';
import type { Application } from '../schema/types.ts';
import { canonicalJson } from './canonical-json.ts';
import { migrateSnapshot } from './migrate.ts';
import {
  SNAPSHOT_SCHEMA_VERSION,
  Snapshot,
  type SnapshotAddress,
  type SnapshotController,
} from './schema.ts';
import { sha256Hex } from './sha256.ts';

/** What a snapshot is made from. */
export interface SnapshotInput {
  readonly app: Application;
  readonly design?: Application | undefined;
  readonly createdBy: string;
  readonly controller: SnapshotController;
  /** ISO 8601; now when omitted */
  readonly createdAt?: string;
}

/** Why a snapshot document was refused. */
export type SnapshotProblemCode = 'bad-checksum' | 'newer-schema' | 'malformed';

/** The outcome of checking a snapshot document from a file or a request. */
export type SnapshotCheck =
  | { readonly ok: true; readonly snapshot: Snapshot; readonly migratedFrom?: number }
  | { readonly ok: false; readonly code: SnapshotProblemCode; readonly message: string };

/** The id of a snapshot's content: SHA-256 of the canonical JSON of everything but `id`. */
export function snapshotId(doc: Omit<Snapshot, 'id'> & { id?: string }): string {
  const { id: _id, ...content } = doc;
  return sha256Hex(canonicalJson(content));
}

/** Every workload NIC's addresses in an app (after IPAM). */
export function snapshotAddresses(app: Application): SnapshotAddress[] {
  return resolveAddresses(app).nics.map((n) => {
    const out: SnapshotAddress = {
      workload: n.workloadId,
      nic: n.nicId,
      switch: n.switchId,
      mac: n.mac,
    };
    if (n.ip !== undefined) out.ip = n.ip;
    if (n.ip6 !== undefined) out.ip6 = n.ip6;
    return out;
  });
}

/** Makes a snapshot document: fills defaults, collects addresses, computes the id. */
export function createSnapshot(input: SnapshotInput): Snapshot {
  const content = Snapshot.omit({ id: true }).parse({
    kind: 'netcanvas-snapshot',
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    createdAt: input.createdAt ?? new Date().toISOString(),
    createdBy: input.createdBy,
    controller: input.controller,
    app: input.app,
    ...(input.design ? { design: input.design } : {}),
    addresses: snapshotAddresses(input.app),
  });
  return { ...content, id: snapshotId(content) };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a snapshot document (parsed JSON or YAML): refuses a newer schema version, a
 * malformed document or content that does not hash to its id; migrates older versions.
 */
export function verifySnapshot(doc: unknown): SnapshotCheck {
  if (!isRecord(doc))
    return { ok: false, code: 'malformed', message: 'a snapshot is a JSON or YAML object' };
  const version = doc.schemaVersion;
  if (typeof version === 'number' && version > SNAPSHOT_SCHEMA_VERSION)
    return {
      ok: false,
      code: 'newer-schema',
      message: `this snapshot has schema version ${version}, newer than this netcanvas understands (${SNAPSHOT_SCHEMA_VERSION}); upgrade netcanvas to import it`,
    };
  const migrated = version === SNAPSHOT_SCHEMA_VERSION ? undefined : migrateSnapshot(doc);
  if (migrated && !migrated.ok) return migrated;
  if (migrated) {
    const parsed = Snapshot.omit({ id: true, addresses: true }).safeParse(migrated.doc);
    if (!parsed.success) return malformed(parsed.error.issues);
    const content = { ...parsed.data, addresses: snapshotAddresses(parsed.data.app) };
    return {
      ok: true,
      snapshot: { ...content, id: snapshotId(content) },
      migratedFrom: migrated.from,
    };
  }
  const parsed = Snapshot.safeParse(doc);
  if (!parsed.success) return malformed(parsed.error.issues);
  const expected = snapshotId(parsed.data);
  if (expected !== parsed.data.id)
    return {
      ok: false,
      code: 'bad-checksum',
      message: `the snapshot's content does not match its id (expected ${parsed.data.id.slice(0, 12)}…, content hashes to ${expected.slice(0, 12)}…): the file was changed or damaged; use an unmodified copy`,
    };
  return { ok: true, snapshot: parsed.data };
}

function malformed(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): SnapshotCheck {
  const issue = issues[0];
  const where = issue?.path.map(String).join('.') || 'document';
  return {
    ok: false,
    code: 'malformed',
    message: `not a valid netcanvas snapshot: ${where}: ${issue?.message ?? 'invalid'}`,
  };
}

/** What changes between two snapshots: the same object-level diff as a plan (`a` → `b`). */
export function diffSnapshots(a: Pick<Snapshot, 'app'>, b: Pick<Snapshot, 'app'>): Change[] {
  return plan(a.app, b.app);
}
