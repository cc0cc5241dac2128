import { createHash } from 'node:crypto';
import { canonicalJson, type Snapshot, verifySnapshot } from '@netcanvas/model';
import { parse, stringify } from 'yaml';
import { HttpError } from '../errors.ts';

/** The two file formats a snapshot is exported in. */
export type SnapshotFormat = 'yaml' | 'json';

/**
 * A snapshot as a file. Keys are in canonical order, so the same snapshot is always the
 * same bytes, whichever way it came in.
 */
export function snapshotFile(snapshot: Snapshot, format: SnapshotFormat): string {
  const plain = JSON.parse(canonicalJson(snapshot)) as unknown;
  return format === 'json' ? `${JSON.stringify(plain, null, 2)}\n` : stringify(plain);
}

/** SHA-256 of a file's bytes, for the export's checksum header. */
export const fileChecksum = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

const CODES = {
  'bad-checksum': 'snapshot-bad-checksum',
  'newer-schema': 'snapshot-newer-schema',
  malformed: 'snapshot-malformed',
} as const;

/**
 * Reads a snapshot file (YAML or JSON text) and checks it: a tampered, damaged or newer
 * file is a 422 with a specific code; an older schema version is migrated.
 */
export function readSnapshotFile(text: string): { snapshot: Snapshot; migratedFrom?: number } {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new HttpError(
      422,
      'snapshot-malformed',
      `the file is neither JSON nor YAML: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  const check = verifySnapshot(doc);
  if (!check.ok) throw new HttpError(422, CODES[check.code], check.message);
  return check.migratedFrom === undefined
    ? { snapshot: check.snapshot }
    : { snapshot: check.snapshot, migratedFrom: check.migratedFrom };
}
