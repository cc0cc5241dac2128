import type { Application, ControllerDriver } from '@netcanvas/model';
import type { ControllerRow } from '../store/controllers.ts';

/** An application read from a controller, and what could not be carried over. */
export interface ImportedApplication {
  readonly app: Application;
  readonly notes: readonly string[];
}

/** An app as a controller holds it now, and a token that changes whenever that state changes. */
export interface AppliedState {
  readonly app: Application;
  readonly stateVersion: string;
}

/** A controller driver as the server uses it; import is optional (the sandbox has nothing foreign). */
export interface SiteDriver extends ControllerDriver {
  /**
   * Reads the app back from the controller (not the saved design): what "take theirs",
   * snapshots and drift views start from. `design` lends names and layout. Undefined when
   * the controller holds nothing of the app.
   */
  readApplied(
    app: Pick<Application, 'tenant' | 'id'>,
    design?: Application,
  ): Promise<AppliedState | undefined>;
  importForeign?(options: {
    id: string;
    name: string;
    tenant: string;
  }): Promise<ImportedApplication>;
}

/**
 * Makes the driver for one controller row. The seam for controller kinds: `ovn` connects an
 * `OvnDriver`; `sandbox` is supplied by whoever wires `@netcanvas/sandbox` in (see serve.ts).
 */
export type DriverFactory = (row: ControllerRow) => Promise<SiteDriver>;
