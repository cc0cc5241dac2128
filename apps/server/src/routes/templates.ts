import { schemas, templateById, templates } from '@netcanvas/model';
import { z } from 'zod';
import type { ApiRoutes } from '../http/route.ts';

const BuildQuery = z.object({
  id: schemas.ObjectId.optional(),
  name: schemas.Name.optional(),
  tenant: schemas.ObjectId.optional(),
});

const TemplateList = z.object({
  templates: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
});

/** `GET /api/templates` lists starting points; `GET /api/templates/:id` builds one. */
export function templateRoutes(api: ApiRoutes): void {
  api.route(
    {
      method: 'get',
      path: '/templates',
      summary: 'List the templates users start from',
      tag: 'templates',
      access: { kind: 'public' },
      responses: { 200: { description: 'the templates', schema: TemplateList } },
    },
    ({ res }) => {
      res.json({
        templates: templates.map(({ id, name, description }) => ({ id, name, description })),
      });
    },
  );
  api.route(
    {
      method: 'get',
      path: '/templates/{id}',
      summary: 'Build an application from a template',
      tag: 'templates',
      access: { kind: 'public' },
      params: z.object({ id: z.string().max(128) }),
      query: BuildQuery,
      responses: { 200: { description: 'the application', schema: schemas.Application } },
    },
    ({ res, params, query }) => {
      const template = templateById(params.id);
      res.json(
        template.build({
          id: query.id ?? template.id,
          name: query.name ?? template.name,
          tenant: query.tenant ?? 'default',
        }),
      );
    },
  );
}
