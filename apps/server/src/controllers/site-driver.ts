import type { Application, ControllerDriver } from '@netcanvas/model';
import type { ControllerRow } from '../store/controllers.ts';

/** An application read from a controller, and what could not be carried over. */
export interface ImportedApplication {
  readonly app: Application;
  readonly notes: readonly string[];
}

/** A controller driver as the server uses it; import is optional (the sandbox has nothing foreign). */
export interface SiteDriver extends ControllerDriver {
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
