import { HttpError } from '../errors.ts';
import type { ControllerKind, ControllerRow } from '../store/controllers.ts';
import { OvnSite } from './ovn.ts';
import type { DriverFactory, SiteDriver } from './site-driver.ts';

/** A controller's health as last checked. */
export interface ControllerHealth {
  readonly healthy: boolean;
  readonly version: string | undefined;
  readonly detail: string;
  readonly checkedAt: string;
}

const sandboxUnavailable: DriverFactory = async () => {
  throw new HttpError(
    503,
    'sandbox-unavailable',
    'the embedded sandbox controller is not available in this build; register an OVN controller instead',
  );
};

/** The factories used unless the caller supplies its own per kind. */
export const DEFAULT_FACTORIES: Readonly<Record<ControllerKind, DriverFactory>> = {
  ovn: (row) => OvnSite.connect(row),
  sandbox: sandboxUnavailable,
};

/** Connects lazily to each registered controller and keeps one driver per row. */
export class ControllerRegistry {
  readonly #factories: Record<ControllerKind, DriverFactory>;
  readonly #drivers = new Map<number, Promise<SiteDriver>>();
  readonly #health = new Map<number, ControllerHealth>();
  readonly #timeoutMs: number;

  constructor(
    factories: Partial<Record<ControllerKind, DriverFactory>> = {},
    healthTimeoutMs = 5_000,
  ) {
    this.#factories = { ...DEFAULT_FACTORIES, ...factories };
    this.#timeoutMs = healthTimeoutMs;
  }

  /** The driver for a row, connecting on first use; a failed connect is retried next time. */
  driver(row: ControllerRow): Promise<SiteDriver> {
    let pending = this.#drivers.get(row.id);
    if (!pending) {
      pending = this.#factories[row.kind](row);
      this.#drivers.set(row.id, pending);
      pending.catch(() => {
        if (this.#drivers.get(row.id) === pending) this.#drivers.delete(row.id);
      });
    }
    return pending;
  }

  /** Connects and reads the controller's version, within the health timeout. */
  async check(row: ControllerRow): Promise<ControllerHealth> {
    const checkedAt = new Date().toISOString();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
    });
    let health: ControllerHealth;
    try {
      const info = await Promise.race([this.driver(row).then((d) => d.info()), timeout]);
      health = { healthy: info.healthy, version: info.version, detail: info.detail, checkedAt };
    } catch (err) {
      this.forget(row.id);
      health = { healthy: false, version: undefined, detail: (err as Error).message, checkedAt };
    } finally {
      clearTimeout(timer);
    }
    this.#health.set(row.id, health);
    return health;
  }

  /** The last health check of a row, if any. */
  lastHealth(id: number): ControllerHealth | undefined {
    return this.#health.get(id);
  }

  /** Drops (and closes) a row's driver: after delete, or when it stopped answering. */
  forget(id: number): void {
    const pending = this.#drivers.get(id);
    this.#drivers.delete(id);
    this.#health.delete(id);
    pending?.then((d) => d.close()).catch(() => {});
  }

  async close(): Promise<void> {
    const all = [...this.#drivers.values()];
    this.#drivers.clear();
    await Promise.allSettled(all.map(async (p) => (await p).close()));
  }
}
