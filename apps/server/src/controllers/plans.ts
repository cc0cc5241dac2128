import { randomUUID } from 'node:crypto';
import type { Application, ControllerPlan } from '@netcanvas/model';

/** A plan the user was shown, waiting to be applied. */
export interface PendingPlan {
  readonly id: string;
  readonly tenant: string;
  readonly appId: string;
  readonly version: number;
  readonly controllerId: number;
  readonly design: Application;
  readonly plan: ControllerPlan;
  readonly createdBy: string;
  /** what the audit log calls committing it (default `apply`): a snapshot restore says so */
  readonly action?: 'apply' | 'restore' | 'standby-replicate';
  /** recorded with the commit in the audit log, e.g. the snapshot restored */
  readonly auditDetail?: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** Plans kept in memory for a while, so an apply commits exactly the plan that was shown. */
export class PlanCache {
  readonly #plans = new Map<string, PendingPlan>();
  readonly #ttlMs: number;

  constructor(ttlMs = 15 * 60_000) {
    this.#ttlMs = ttlMs;
  }

  add(entry: Omit<PendingPlan, 'id' | 'createdAt' | 'expiresAt'>): PendingPlan {
    this.#sweep();
    const at = Date.now();
    const plan: PendingPlan = {
      ...entry,
      id: randomUUID(),
      createdAt: new Date(at).toISOString(),
      expiresAt: new Date(at + this.#ttlMs).toISOString(),
    };
    this.#plans.set(plan.id, plan);
    return plan;
  }

  /** The live plan with this id, only if it belongs to this tenant's app. */
  get(id: string, tenant: string, appId: string): PendingPlan | undefined {
    this.#sweep();
    const plan = this.#plans.get(id);
    return plan && plan.tenant === tenant && plan.appId === appId ? plan : undefined;
  }

  delete(id: string): void {
    this.#plans.delete(id);
  }

  #sweep(): void {
    const now = new Date().toISOString();
    for (const [id, plan] of this.#plans) if (plan.expiresAt <= now) this.#plans.delete(id);
  }
}
