import { createHash } from 'node:crypto';
import { type Role, roleAllows } from '../roles.ts';
import type { Db } from '../store/db.ts';

/** One operation of the OpenAPI document, as an attacker would enumerate it. */
export interface ApiOperation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** the documented path, e.g. `/api/tenants/{tenant}/apps/{app}` */
  readonly path: string;
  /** `public`, `user`, `superuser` or `tenant` */
  readonly access: string;
  readonly hasBody: boolean;
  /** top-level property names of the request body's schema (all union branches) */
  readonly bodyFields: ReadonlySet<string>;
  /** a smallest body its schema accepts, with `fields` where the schema has them */
  exampleBody(fields: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined;
  /** names of the query parameters it requires */
  readonly requiredQuery: readonly string[];
  /** whether a member with this role passes the route's guard */
  allows(role: Role): boolean;
}

interface DocOperation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  'x-netcanvas-access'?: string | { tenantRoles: Role[] };
}
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  minimum?: number;
  minLength?: number;
  format?: string;
}

function fieldsOf(schema: JsonSchema | undefined, into: Set<string>): Set<string> {
  if (!schema) return into;
  for (const key of Object.keys(schema.properties ?? {})) into.add(key);
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) fieldsOf(branch, into);
  return into;
}

/** A value the schema accepts: `fields` by property name, else the smallest plain value. */
function example(schema: JsonSchema, fields: Readonly<Record<string, unknown>>): unknown {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.[0]) {
    // the branch that can carry the most of the given fields
    const fit = (b: JsonSchema) =>
      Object.keys(b.properties ?? {}).filter((k) => k in fields).length;
    const best = branches.reduce((a, b) => (fit(b) > fit(a) ? b : a), branches[0]);
    return example(best, fields);
  }
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        if (name in fields) out[name] = fields[name];
        else if (schema.required?.includes(name)) out[name] = example(prop, fields);
      }
      return out;
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'string':
      return schema.format === 'uuid'
        ? '00000000-0000-4000-8000-000000000000'
        : 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    default:
      return null;
  }
}

/** Every operation in an OpenAPI document served at /api/openapi.json. */
export function listOperations(doc: {
  paths: Record<string, Record<string, DocOperation>>;
}): ApiOperation[] {
  const out: ApiOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const access = op['x-netcanvas-access'] ?? 'public';
      const roles = typeof access === 'string' ? undefined : access.tenantRoles;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      out.push({
        method: method.toUpperCase() as ApiOperation['method'],
        path,
        access: typeof access === 'string' ? access : 'tenant',
        hasBody: op.requestBody !== undefined,
        bodyFields: fieldsOf(schema, new Set()),
        exampleBody: (fields) =>
          schema ? (example(schema, fields) as Record<string, unknown>) : undefined,
        requiredQuery: (op.parameters ?? [])
          .filter((p) => p.in === 'query' && p.required)
          .map((p) => p.name),
        allows: (role) => (roles ? roleAllows(role, roles) : access !== 'superuser'),
      });
    }
  }
  return out;
}

/**
 * An operation's URL with its `{params}` and required query parameters filled from `ids`;
 * an unknown parameter is a test bug (a new route needs an id to try).
 */
export function fillPath(op: ApiOperation, ids: Readonly<Record<string, string | number>>): string {
  const value = (name: string) => {
    const v = ids[name];
    if (v === undefined) throw new Error(`no id to try for "${name}" in ${op.path}`);
    return encodeURIComponent(String(v));
  };
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => value(name));
  const query = op.requiredQuery.map((name) => `${name}=${value(name)}`).join('&');
  return query ? `${path}?${query}` : path;
}

const VOLATILE = new Set(['audit_log', 'sessions', 'sqlite_sequence']);

/** A hash per table of everything the server keeps (bar the audit log, sessions, token use). */
export function storeDigest(db: Db): Record<string, string> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (VOLATILE.has(name)) continue;
    const rows = (
      db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[]
    ).map(
      // using a token is not a change to it
      ({ last_used_at: _used, ...row }: Record<string, unknown>) => row,
    );
    out[name] = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
  }
  return out;
}
