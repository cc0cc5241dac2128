import { schemas, templateById, templates } from '@netcanvas/model';
import { Router } from 'express';
import { z } from 'zod';
import { parseRequest } from '../http/body.ts';

const BuildQuery = z.object({
  id: schemas.ObjectId.optional(),
  name: schemas.Name.optional(),
  tenant: schemas.ObjectId.optional(),
});

/** `GET /api/templates` lists starting points; `GET /api/templates/:id` builds one. */
export function templateRoutes(): Router {
  const router = Router();
  router.get('/templates', (_req, res) => {
    res.json({
      templates: templates.map(({ id, name, description }) => ({ id, name, description })),
    });
  });
  router.get('/templates/:id', (req, res) => {
    const template = templateById(req.params.id);
    const query = parseRequest(BuildQuery, req.query, 'the query string');
    const app = template.build({
      id: query.id ?? template.id,
      name: query.name ?? template.name,
      tenant: query.tenant ?? 'default',
    });
    res.json(app);
  });
  return router;
}
