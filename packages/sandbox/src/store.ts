import type { Application } from '@netcanvas/model';

/** An applied application and the revision it was saved at (1 for the first apply). */
export interface StoredApplication {
  readonly app: Application;
  readonly revision: number;
}

/**
 * Where the sandbox keeps applied state, keyed by `tenant/id`. Synchronous on purpose:
 * `commit` checks the revision and saves in one turn of the event loop, which makes
 * it atomic in one process (better-sqlite3, the server's store, is synchronous too).
 */
export interface SandboxStore {
  load(appKey: string): StoredApplication | undefined;
  save(appKey: string, app: Application, revision: number): void;
  delete(appKey: string): void;
  /** every applied app's key: telemetry and the port map cover them all */
  keys(): readonly string[];
}

/** A store that lives as long as the process (tests, `--no-store` runs). */
export class MemorySandboxStore implements SandboxStore {
  readonly #apps = new Map<string, StoredApplication>();

  load(appKey: string): StoredApplication | undefined {
    return this.#apps.get(appKey);
  }

  save(appKey: string, app: Application, revision: number): void {
    this.#apps.set(appKey, { app: structuredClone(app), revision });
  }

  delete(appKey: string): void {
    this.#apps.delete(appKey);
  }

  keys(): readonly string[] {
    return [...this.#apps.keys()];
  }
}
