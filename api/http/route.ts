import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, RequestHandler, Response, Router } from 'express';
import { ZodError, type ZodType } from 'zod';
import { ErrorBody, z } from './openapi';
import { validationLocale } from './strict-zod';

export interface ApiRouter {
  router: Router;
  registry: OpenAPIRegistry;
}

type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteSpec<B extends ZodType | undefined, P extends ZodType | undefined, Q extends ZodType | undefined> {
  method: Method;
  /** Express path, e.g. /api/companies/:id */
  path: string;
  summary: string;
  tags: string[];
  /** Public routes need no session; others are documented as cookie-authenticated. */
  public?: boolean;
  body?: B;
  params?: P;
  query?: Q;
  /** Middleware run before validation (authorisation). */
  guards?: RequestHandler[];
  responses: Record<number, { description: string; schema?: ZodType; headers?: Record<string, string> }>;
}

type Parsed<T> = T extends ZodType ? z.infer<T> : undefined;

export interface Input<B, P, Q> {
  body: B;
  params: P;
  query: Q;
}

/**
 * Declares one route: zod validation of body, params and query (all their
 * issues reported at once), the same schemas in the OpenAPI document, then
 * the handler.
 */
export function route<B extends ZodType | undefined, P extends ZodType | undefined, Q extends ZodType | undefined>(
  api: ApiRouter,
  spec: RouteSpec<B, P, Q>,
  handler: (input: Input<Parsed<B>, Parsed<P>, Parsed<Q>>, req: Request, res: Response) => Promise<void> | void,
): void {
  api.registry.registerPath(openApiRoute(spec));
  api.router[spec.method](spec.path, ...(spec.guards ?? []), async (req: Request, res: Response) => {
    const locale = validationLocale(req.acceptsLanguages('fr', 'en'));
    const body = (spec.body ?? Nothing).safeParse(req.body ?? {}, locale);
    const params = (spec.params ?? Anything).safeParse(req.params, locale);
    const query = (spec.query ?? Nothing).safeParse(req.query, locale);
    const issues = [body, params, query].flatMap((part) => part.error?.issues ?? []);
    if (issues.length) throw new ZodError(issues);
    await handler({ body: body.data as Parsed<B>, params: params.data as Parsed<P>, query: query.data as Parsed<Q> }, req, res);
  });
}

/** What a route that declares no body or no query accepts: nothing (an unknown key is a 400, not ignored). */
const Nothing = z.object({}).transform(() => undefined);
const Anything = z.unknown().transform(() => undefined);

function openApiRoute(spec: RouteSpec<ZodType | undefined, ZodType | undefined, ZodType | undefined>): RouteConfig {
  const responses: RouteConfig['responses'] = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[status] = {
      description: r.description,
      ...(r.schema ? { content: { 'application/json': { schema: r.schema } } } : {}),
      ...(r.headers
        ? { headers: Object.fromEntries(Object.entries(r.headers).map(([k, d]) => [k, { description: d, schema: { type: 'string' } }])) }
        : {}),
    };
  }
  responses.default = { description: 'Error', content: { 'application/json': { schema: ErrorBody } } };
  return {
    method: spec.method,
    path: spec.path.replace(/:(\w+)/g, '{$1}'),
    summary: spec.summary,
    tags: spec.tags,
    ...(spec.public ? {} : { security: [{ session: [] }] }),
    request: {
      ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
      ...(spec.params ? { params: spec.params as never } : {}),
      ...(spec.query ? { query: spec.query as never } : {}),
    },
    responses,
  };
}
