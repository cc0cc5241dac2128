import type { Application } from './schema/types.ts';
import type { WhatIfQuery, WhatIfResult } from './what-if.ts';

/** What a controller is and whether it answers. */
export interface ControllerInfo {
  readonly kind: 'ovn' | 'sandbox';
  /** e.g. `tcp:127.0.0.1:6641`; undefined for the sandbox */
  readonly remote: string | undefined;
  /** NB schema version for OVN, the sandbox's own version otherwise */
  readonly version: string;
  readonly healthy: boolean;
  readonly detail: string;
}

/** One controller-level change of a plan, tied to the design object it comes from. */
export interface ControllerChange {
  readonly op: 'insert' | 'update' | 'delete';
  readonly objectId: string;
  /** a stable key of the controller row (e.g. `lsp/web-1/eth0`) */
  readonly key: string;
  /** the controller table, e.g. `Logical_Switch_Port` */
  readonly table: string;
  /** changed columns of an update */
  readonly columns?: readonly string[];
}

/** A plan made against the controller's state at one moment; committing it fails if that state moved. */
export interface ControllerPlan {
  readonly appKey: string;
  readonly version: number;
  readonly changes: readonly ControllerChange[];
}

/** What one apply did. */
export interface ControllerApplyResult {
  readonly changed: boolean;
  readonly changes: readonly ControllerChange[];
}

/** Events a controller pushes for an app: drift, port status. */
export type ControllerEvent =
  | {
      readonly type: 'drift';
      readonly appKey: string;
      readonly objectIds: readonly string[];
      readonly detail: string;
    }
  | { readonly type: 'in-sync'; readonly appKey: string }
  | {
      readonly type: 'port';
      readonly appKey: string;
      readonly objectId: string;
      readonly nicId: string;
      readonly up: boolean;
      readonly chassis: string | undefined;
    };

/**
 * The contract every controller driver meets (OVN, the embedded sandbox): the server
 * and everything above it are the same for both.
 */
export interface ControllerDriver<P extends ControllerPlan = ControllerPlan> {
  info(): Promise<ControllerInfo>;
  /** what applying `app` would change, against the controller's state now */
  plan(app: Application): Promise<P>;
  /** carries out a plan atomically; fails with a conflict if the state moved since the plan */
  commit(plan: P): Promise<ControllerApplyResult>;
  /** removes every object of the app */
  remove(app: Pick<Application, 'tenant' | 'id'>): Promise<ControllerApplyResult>;
  /** traces a packet through what is applied (ovn-trace on OVN, the model's trace on the sandbox) */
  trace(app: Application, query: WhatIfQuery): Promise<WhatIfResult>;
  /** subscribes to drift and port events; returns the unsubscribe function */
  watch(app: Application, listener: (event: ControllerEvent) => void): () => void;
  close(): Promise<void> | void;
}
