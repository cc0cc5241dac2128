import { allocateAddresses, validate, whatIf } from '@netcanvas/model';
import { Router } from 'express';
import { z } from 'zod';
import { parseApplicationBody, parseRequest } from '../http/body.ts';

const WhatIfBody = z.object({
  app: z.unknown(),
  query: z.object({
    from: z.string().min(1).max(256),
    to: z.string().min(1).max(256),
    protocol: z.enum(['tcp', 'udp', 'sctp', 'icmp']),
    port: z.number().int().min(1).max(65535).optional(),
  }),
});

/** Design analysis that needs no controller: validate, what-if and IPAM. */
export function analysisRoutes(): Router {
  const router = Router();
  router.post('/validate', (req, res) => {
    const app = parseApplicationBody(req.body);
    res.json({ diagnostics: validate(app) });
  });
  router.post('/what-if', (req, res) => {
    const body = parseRequest(WhatIfBody, req.body ?? {}, 'the what-if request');
    const app = parseApplicationBody(body.app);
    res.json(whatIf(app, body.query));
  });
  router.post('/allocate', (req, res) => {
    const app = parseApplicationBody(req.body);
    res.json(allocateAddresses(app));
  });
  return router;
}
