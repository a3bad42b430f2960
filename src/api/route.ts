import type { OpenAPIHono, RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ZodType } from 'zod';
import type { CaseRole } from '../store/accounts.ts';
import type { ApiEnv } from './context.ts';

/**
 * Who may call a route. Enforced in one place (`access.ts`) for every route in the table:
 * - `public`: anyone (sign-in, health, the OpenAPI document);
 * - `user`: any signed-in user (their own profile, tokens, the cases they belong to);
 * - `admin`: administrators only (accounts, case creation);
 * - `case`: members of the case named by the `caseId` path parameter with at least `role`
 *   (viewer < analyst < lead); administrators reach every case.
 * Safe methods (GET, HEAD) are reads; everything else is a write and needs a write-scoped token.
 */
export type Access =
  | { readonly kind: 'public' }
  | { readonly kind: 'user' }
  | { readonly kind: 'admin' }
  | { readonly kind: 'case'; readonly role: CaseRole };

/** One entry of the route table: the OpenAPI route, who may call it, and how to register its handler. */
export interface ApiRoute {
  readonly route: RouteConfig;
  readonly access: Access;
  /** Registers the handler on the app with the given access middleware in front of validation. */
  register(app: OpenAPIHono<ApiEnv>, guard: (access: Access) => MiddlewareHandler<ApiEnv>, options: RegisterOptions): void;
}

/** How routes are registered. */
export interface RegisterOptions {
  /** Check every JSON response against the route's declared schema (tests); a mismatch is a bug (500). */
  readonly validateResponses: boolean;
  /** Replays finished responses of case reads (see `response-cache.ts`); runs after the access guard. */
  readonly responseCache?: MiddlewareHandler<ApiEnv>;
}

function responseSchema(route: RouteConfig, status: number): ZodType | undefined {
  const responses = route.responses as Record<string, { content?: Record<string, { schema?: unknown }> } | undefined>;
  const schema = responses[String(status)]?.content?.['application/json']?.schema;
  return schema instanceof ZodType ? schema : undefined;
}

/**
 * Declares a route with its access rule and typed handler. Every route of the API is made with this,
 * collected in `routes.ts`, and registered by `app.ts`: the access guard cannot be left out.
 *
 * @example
 * export const getCase = defineRoute(createRoute({ method: 'get', path: '/api/cases/{caseId}', ... }),
 *   { kind: 'case', role: 'viewer' }, async (c) => c.json(presentCase(...), 200));
 */
export function defineRoute<R extends RouteConfig>(route: R, access: Access, handler: RouteHandler<R, ApiEnv>): ApiRoute {
  return {
    route,
    access,
    register(app, guard, options) {
      const checked: RouteHandler<R, ApiEnv> = options.validateResponses
        ? ((async (c: Parameters<RouteHandler<R, ApiEnv>>[0], next: Parameters<RouteHandler<R, ApiEnv>>[1]) => {
            const res = (await handler(c, next)) as unknown;
            if (res instanceof Response && /json/.test(res.headers.get('content-type') ?? '')) {
              const schema = responseSchema(route, res.status);
              if (schema !== undefined) {
                const parsed = schema.safeParse(await res.clone().json());
                if (!parsed.success) {
                  throw new Error(
                    `response ${res.status} of ${route.method.toUpperCase()} ${route.path} breaks its schema: ${parsed.error.message}`,
                  );
                }
              }
            }
            return res;
          }) as unknown as RouteHandler<R, ApiEnv>)
        : handler;
      const cache = access.kind === 'case' && route.method === 'get' ? options.responseCache : undefined;
      const middleware = cache === undefined ? [guard(access)] : [guard(access), cache];
      app.openapi({ ...route, 'x-access': describeAccess(access), middleware }, checked);
    },
  };
}

/** Human-readable access rule, shown in the OpenAPI document (`x-access`) and the docs page. */
export function describeAccess(access: Access): string {
  switch (access.kind) {
    case 'public':
      return 'public';
    case 'user':
      return 'any signed-in user';
    case 'admin':
      return 'administrator';
    case 'case':
      return `case role ${access.role} or higher (administrators: every case)`;
  }
}

/** Hono path (`/api/cases/:caseId`) of an OpenAPI path (`/api/cases/{caseId}`). */
export function honoPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}
