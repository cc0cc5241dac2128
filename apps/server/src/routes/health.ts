import { DESIGN_SCHEMA_VERSION } from '@netcanvas/model';
import { Router } from 'express';

/** What the server is talking to; `none` until a sandbox or OVN driver is wired in. */
export interface ControllerInfo {
  readonly kind: 'none' | 'sandbox' | 'ovn';
  readonly detail: string;
}

const NO_CONTROLLER: ControllerInfo = {
  kind: 'none',
  detail: 'no controller is connected: designs can be validated and traced, not applied',
};

/** `GET /api/health`: liveness plus which controller applies designs. */
export function healthRoutes(controller: ControllerInfo = NO_CONTROLLER): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', designSchemaVersion: DESIGN_SCHEMA_VERSION, controller });
  });
  return router;
}
