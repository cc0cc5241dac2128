import type { Application, FieldChange } from '@netcanvas/model';
import type { Role } from '../api/session.ts';

/** A stored snapshot as `GET …/snapshots` lists it. */
export interface SnapshotMeta {
  readonly id: string;
  readonly appId: string;
  readonly appVersion: number | null;
  readonly source: 'taken' | 'scheduled' | 'imported';
  readonly createdAt: string;
  readonly createdBy: string;
  readonly storedAt: string;
  readonly controller: { readonly id: number | null; readonly name: string; readonly kind: string };
  readonly stateVersion: string;
  readonly size: number;
}

/** One object's difference between two states of the app. */
export interface ObjectDiff {
  readonly op: 'insert' | 'update' | 'delete';
  readonly objectId: string;
  readonly kind: string;
  readonly name: string;
  readonly fields?: readonly FieldChange[];
}

/** What the diff routes answer. */
export interface DiffResponse {
  readonly from: string;
  readonly to: string;
  readonly summary: { readonly insert: number; readonly update: number; readonly delete: number };
  readonly changes: readonly ObjectDiff[];
}

/** What differs between two sites: this site's name or address → the target's. */
export interface SiteRemap {
  readonly physicalNetworks?: Readonly<Record<string, string>>;
  readonly externalIps?: Readonly<Record<string, string>>;
  readonly gatewayChassis?: Readonly<Record<string, string>>;
}

/** An app's snapshot schedule. */
export interface SnapshotSchedule {
  readonly controller: { readonly id: number; readonly name: string };
  readonly everyMinutes: number;
  readonly keep: number;
  readonly standby: { readonly controller: { readonly id: number; readonly name: string } } | null;
  readonly nextDueAt: string;
  readonly lastRunAt: string | null;
  readonly lastResult: string | null;
}

/** The app the snapshots dialog is about, opened from the editor or from the app list. */
export interface SnapshotTarget {
  readonly tenant: string;
  readonly appId: string;
  readonly name: string;
  readonly role: Role;
  /** the editor's document, when opened from the editor: diffs can then be shown on its canvas */
  readonly doc?: Application;
}
