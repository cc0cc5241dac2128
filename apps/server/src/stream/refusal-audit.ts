import type { Principal } from '../auth/principal.ts';
import type { Store } from '../store/store.ts';
import type { CanSubscribe } from './connection.ts';
import { parseTopic, type Topic } from './protocol.ts';

/** How many refused subscribes of one principal are audited per minute, at most. */
export const AUDITED_REFUSALS_PER_MINUTE = 20;

/** At most `limit` per key per window; the keys tracked are bounded too. */
export class RefusalBudget {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #maxKeys: number;
  readonly #windows = new Map<string, { startMs: number; count: number }>();

  constructor(limit: number, windowMs = 60_000, maxKeys = 10_000) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#maxKeys = maxKeys;
  }

  /** Takes one from `key`'s budget; false when it is spent for this window. */
  take(key: string, nowMs: number): boolean {
    let w = this.#windows.get(key);
    if (!w || nowMs - w.startMs >= this.#windowMs) {
      this.#windows.delete(key);
      if (this.#windows.size >= this.#maxKeys) {
        const oldest = this.#windows.keys().next().value;
        if (oldest !== undefined) this.#windows.delete(oldest);
      }
      w = { startMs: nowMs, count: 0 };
      this.#windows.set(key, w);
    }
    if (w.count >= this.#limit) return false;
    w.count++;
    return true;
  }
}

export interface RefusalAuditOptions {
  readonly store: Store;
  /** told of each refusal not written because the principal's budget was spent */
  readonly onSuppressed?: () => void;
  readonly perMinute?: number;
  readonly now?: () => number;
}

/**
 * `canSubscribe` that also writes each refused subscribe to an app topic as an
 * `access.refused` entry in the audit log of the tenant asked for (actor: the principal),
 * as the REST API does for refused requests. A principal gets at most `perMinute` entries a
 * minute, so a client looping subscribes cannot flood the log; the rest are only counted.
 * Refusals of topics of no tenant (telemetry health) have no tenant log to go to.
 */
export function auditRefusedSubscribes(
  canSubscribe: CanSubscribe<Principal>,
  options: RefusalAuditOptions,
): CanSubscribe<Principal> {
  const budget = new RefusalBudget(options.perMinute ?? AUDITED_REFUSALS_PER_MINUTE);
  const now = options.now ?? Date.now;
  const record = (principal: Principal, topic: Topic) => {
    const t = parseTopic(topic);
    if (t?.kind !== 'app' || !options.store.tenants.get(t.tenant)) return;
    if (!budget.take(principal.actor, now())) {
      options.onSuppressed?.();
      return;
    }
    try {
      options.store.audit.record({
        tenantId: t.tenant,
        actor: principal.actor,
        action: 'access.refused',
        appId: t.appId,
        result: 'refused',
        detail: { via: 'stream', topic, code: 'forbidden' },
      });
    } catch {
      // an audit write that fails must not turn a refusal into a dropped connection
    }
  };
  return async (principal, topic) => {
    const allowed = await canSubscribe(principal, topic);
    if (!allowed) record(principal, topic);
    return allowed;
  };
}
