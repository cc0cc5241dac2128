import express, { type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { type Access, grant } from '../auth/permissions.ts';
import type { Authenticate, Principal } from '../auth/principal.ts';
import type { Role } from '../roles.ts';
import { parseRequest } from './body.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

/** One documented response of a route. */
export interface ResponseSpec {
  readonly description: string;
  readonly schema?: z.ZodType;
}

/** A route's contract: the zod schemas here both parse requests and build the OpenAPI document. */
export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  readonly method: Method;
  /** OpenAPI-style path under /api, e.g. `/tenants/{tenant}/apps/{app}` */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: Access;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** documents a body the handler parses itself (an application document, parsed by the model) */
  readonly documentedBody?: z.ZodType;
  /** request headers the route reads, e.g. If-Match */
  readonly headers?: readonly { name: string; required: boolean; description: string }[];
  readonly responses: Readonly<Record<number, ResponseSpec>>;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets: parsed input and who is asking. */
export interface RouteContext<P, Q, B> {
  readonly req: Request;
  readonly res: Response;
  readonly params: Out<P>;
  readonly query: Out<Q>;
  readonly body: Out<B>;
  readonly principal: Principal | undefined;
  readonly tenant: string | undefined;
  readonly role: Role | undefined;
}

/** Express path from an OpenAPI path: `{tenant}` → `:tenant`. */
export const expressPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

const principals = new WeakMap<Request, Principal>();

/** The principal a guarded route resolved for this request (for logs). */
export const principalOf = (req: Request): Principal | undefined => principals.get(req);

/** Mounts routes on one router and records each spec, so the OpenAPI document cannot drift. */
export class ApiRoutes {
  readonly router: Router = Router();
  readonly specs: RouteSpec[] = [];
  readonly #authenticate: Authenticate;

  constructor(authenticate: Authenticate) {
    this.#authenticate = authenticate;
  }

  route<
    P extends z.ZodType | undefined,
    Q extends z.ZodType | undefined,
    B extends z.ZodType | undefined,
  >(
    spec: RouteSpec & { params?: P; query?: Q; body?: B },
    handler: (ctx: RouteContext<P, Q, B>) => unknown,
  ): void {
    this.specs.push(spec);
    this.router[spec.method](expressPath(spec.path), async (req, res) => {
      const principal = this.#authenticate(req);
      if (principal) principals.set(req, principal);
      const params = spec.params ? parseRequest(spec.params, req.params, 'the path') : undefined;
      const tenant = (params as { tenant?: string } | undefined)?.tenant;
      const granted = grant(spec.access, principal, req, tenant);
      const query = spec.query
        ? parseRequest(spec.query, req.query, 'the query string')
        : undefined;
      const body = spec.body
        ? parseRequest(spec.body, req.body ?? {}, 'the request body')
        : undefined;
      await handler({
        req,
        res,
        params: params as Out<P>,
        query: query as Out<Q>,
        body: body as Out<B>,
        ...granted,
      });
    });
  }

  /** JSON body parsing for the routes mounted here. */
  static json(limit: string) {
    return express.json({ limit, strict: false });
  }
}
