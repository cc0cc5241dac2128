import type { ApiRoutes } from '../http/route.ts';
import { openApiDocument } from '../openapi/document.ts';

/** `GET /api/openapi.json`: built from the same specs (and zod schemas) the routes parse with. */
export function openApiRoutes(api: ApiRoutes, version: string): void {
  let cached: Record<string, unknown> | undefined;
  api.route(
    {
      method: 'get',
      path: '/openapi.json',
      summary: 'This API, as an OpenAPI 3.1 document',
      tag: 'server',
      access: { kind: 'public' },
      responses: { 200: { description: 'the OpenAPI document' } },
    },
    ({ res }) => {
      cached ??= openApiDocument(api.specs, version);
      res.json(cached);
    },
  );
}
