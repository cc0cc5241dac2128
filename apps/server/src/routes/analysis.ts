import { allocateAddresses, schemas, validate, whatIf } from '@netcanvas/model';
import { z } from 'zod';
import { parseApplicationBody } from '../http/body.ts';
import type { ApiRoutes } from '../http/route.ts';

/** A what-if question: from a workload (or address) to another, by protocol and port. */
export const WhatIfQueryBody = z.object({
  from: z.string().min(1).max(256),
  to: z.string().min(1).max(256),
  protocol: z.enum(['tcp', 'udp', 'sctp', 'icmp']),
  port: z.number().int().min(1).max(65535).optional(),
});

const WhatIfBody = z.object({ app: z.unknown(), query: WhatIfQueryBody });

/** Design analysis that needs no controller and touches no tenant data: validate, what-if, IPAM. */
export function analysisRoutes(api: ApiRoutes): void {
  api.route(
    {
      method: 'post',
      path: '/validate',
      summary: 'Validate an application document (no login needed, nothing stored)',
      tag: 'analysis',
      access: { kind: 'public' },
      documentedBody: schemas.Application,
      responses: { 200: { description: 'the diagnostics' } },
    },
    ({ req, res }) => {
      res.json({ diagnostics: validate(parseApplicationBody(req.body)) });
    },
  );
  api.route(
    {
      method: 'post',
      path: '/what-if',
      summary: 'Trace a packet through a design',
      tag: 'analysis',
      access: { kind: 'public' },
      body: WhatIfBody,
      documentedBody: WhatIfBody.extend({ app: schemas.Application }),
      responses: { 200: { description: 'the verdict and deciding rule' } },
    },
    ({ res, body }) => {
      res.json(whatIf(parseApplicationBody(body.app), body.query));
    },
  );
  api.route(
    {
      method: 'post',
      path: '/allocate',
      summary: 'Fill in the addresses a design left to IPAM',
      tag: 'analysis',
      access: { kind: 'public' },
      documentedBody: schemas.Application,
      responses: { 200: { description: 'the application with addresses' } },
    },
    ({ req, res }) => {
      res.json(allocateAddresses(parseApplicationBody(req.body)));
    },
  );
}
