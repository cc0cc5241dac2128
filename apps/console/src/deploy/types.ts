import type { Application, Diagnostic } from '@netcanvas/model';

/** A controller (site) of the tenant, as `GET …/controllers` lists it. */
export interface ControllerSummary {
  readonly id: number;
  readonly name: string;
  readonly kind: 'ovn' | 'sandbox';
  readonly remote: string | null;
  readonly health: {
    readonly healthy: boolean;
    readonly detail: string;
    readonly checkedAt?: string;
  } | null;
}

/** One controller-row change of a plan, tied to the design object it comes from. */
export interface PlannedChange {
  readonly op: 'insert' | 'update' | 'delete';
  readonly objectId: string;
  readonly key: string;
  readonly table: string;
  readonly columns?: readonly string[];
}

/** What `POST …/plan` answers. */
export interface PlanResponse {
  readonly planId: string;
  readonly expiresAt: string | number;
  readonly basedOn: {
    readonly version: number;
    readonly etag: string;
    readonly author: string;
    readonly createdAt: string;
    readonly message: string;
  };
  readonly controller: { readonly id: number; readonly name: string; readonly kind: string };
  readonly summary: { readonly insert: number; readonly update: number; readonly delete: number };
  readonly changes: readonly PlannedChange[];
}

/** What `POST …/apply` answers. */
export interface ApplyResponse {
  readonly applied: boolean;
  readonly changed: boolean;
  readonly changes: readonly PlannedChange[];
  readonly version: number;
  readonly controller: { readonly id: number; readonly name: string };
}

/** Drift the server saw on a controller since the apply. */
export interface DriftInfo {
  readonly objectIds: readonly string[];
  readonly message: string;
  readonly atMs: number;
}

/** One controller an app is applied to. */
export interface Deployment {
  readonly controller: { readonly id: number; readonly name: string; readonly kind: string };
  readonly version: number;
  readonly appliedAt: string;
  readonly appliedBy: string;
  readonly drift: DriftInfo | null;
}

/** A stored version of an app, as `GET …/versions/{v}` and adopt answer. */
export interface StoredVersion {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly author: string;
  readonly createdAt: string;
  readonly message: string;
  readonly etag: string;
  readonly design: Application;
}

/** The diagnostics a 422 `design-has-errors` carries. */
export type PlanDiagnostics = readonly Diagnostic[];
