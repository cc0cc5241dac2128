import { z } from 'zod';
import type { RouteSpec } from '../http/route.ts';

type JsonSchema = Record<string, unknown>;

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of a zod schema. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

const ErrorBody = z.object({
  code: z.string().describe('what went wrong, for clients to branch on'),
  message: z.string().describe('what went wrong and what to do, for people'),
  details: z.unknown().optional(),
});

function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  return {};
}

function parameters(spec: RouteSpec): unknown[] {
  const path = Object.entries(shapeOf(spec.params)).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    schema: jsonSchema(schema),
  }));
  const query = Object.entries(shapeOf(spec.query)).map(([name, schema]) => ({
    name,
    in: 'query',
    required: !schema.safeParse(undefined).success,
    schema: jsonSchema(schema),
  }));
  const headers = (spec.headers ?? []).map((h) => ({
    name: h.name,
    in: 'header',
    required: h.required,
    description: h.description,
    schema: { type: 'string' },
  }));
  return [...path, ...query, ...headers];
}

function operation(spec: RouteSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[status] = r.schema
      ? {
          description: r.description,
          content: { 'application/json': { schema: jsonSchema(r.schema, 'output') } },
        }
      : { description: r.description };
  }
  responses.default = {
    description: 'an error: `{ code, message, details }`',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  const body = spec.documentedBody ?? spec.body;
  const access = spec.access;
  return {
    operationId: `${spec.method}${spec.path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: spec.summary,
    tags: [spec.tag],
    parameters: parameters(spec),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(body) } },
          },
        }
      : {}),
    responses,
    security: access.kind === 'public' ? [] : [{ session: [] }, { token: [] }],
    'x-netcanvas-access': access.kind === 'tenant' ? { tenantRoles: access.roles } : access.kind,
  };
}

/** The OpenAPI 3.1 document of every route mounted through `ApiRoutes`. */
export function openApiDocument(
  specs: readonly RouteSpec[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const key = `/api${spec.path}`;
    paths[key] ??= {};
    paths[key][spec.method] = operation(spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'netcanvas API',
      version,
      description:
        'Design, apply and watch application networks on OVN. State-changing requests with a session cookie must send the x-csrf-token header.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBody, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'nc_session' },
        token: {
          type: 'http',
          scheme: 'bearer',
          description: 'an API token (nct_…), scoped to one tenant and role',
        },
      },
    },
  };
}
