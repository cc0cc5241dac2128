import { DESIGN_SCHEMA_VERSION } from '@netcanvas/model';
import type { ApiRoutes } from '../http/route.ts';

/** What applies designs by default: the embedded sandbox, unless the caller says otherwise. */
export interface ControllerInfo {
  readonly kind: 'none' | 'sandbox' | 'ovn';
  readonly detail: string;
}

const NO_CONTROLLER: ControllerInfo = {
  kind: 'none',
  detail: 'no controller is connected: designs can be validated and traced, not applied',
};

/** `GET /api/health`: liveness plus which controller applies designs. */
export function healthRoutes(api: ApiRoutes, controller: ControllerInfo = NO_CONTROLLER): void {
  api.route(
    {
      method: 'get',
      path: '/health',
      summary: 'Liveness, the design schema version and the default controller',
      tag: 'server',
      access: { kind: 'public' },
      responses: { 200: { description: 'the server is up' } },
    },
    ({ res }) => {
      res.json({ status: 'ok', designSchemaVersion: DESIGN_SCHEMA_VERSION, controller });
    },
  );
}
