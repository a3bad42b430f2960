import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CorroborateError } from '../errors.ts';
import { accessGuard } from './access.ts';
import { csrfProtection, isSafeMethod, resolvePrincipal } from './auth.ts';
import { StoreCache } from './cache.ts';
import { usesTls } from './config.ts';
import type { ApiEnv } from './context.ts';
import type { ApiDeps } from './deps.ts';
import { DOCS_CSS, type OpenApiLike, renderDocsPage } from './docs-page.ts';
import { apiNotFound, onApiError } from './errors.ts';
import { finalizeResponses } from './finalize.ts';
import { ResponseCache } from './response-cache.ts';
import { apiRoutes } from './routes.ts';
import { securityHeaders } from './security.ts';
import { mountWeb } from './web.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The OpenAPI document's fixed parts. */
export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Corroborate API',
    version: '0.1.0',
    description:
      'Cases, sources, attributions, actors, allegations, search, custody and exports, with per-case roles and ' +
      'redaction of protected material. Browser sessions use an HttpOnly cookie plus the x-csrf-token header on ' +
      'unsafe requests; scripts use `Authorization: Bearer <token>`.',
  },
} as const;

/**
 * Builds the HTTP app: request ids, structured logs, security headers, authentication, CSRF, upload limits,
 * the route table (each route behind the one access guard), redaction / escaping / ETags in one finalizer,
 * one error mapping, the OpenAPI document at /api/openapi.json with a docs page at /api/docs, and the web
 * workspace at `/`.
 *
 * @example
 * const app = createApp({ store, config, logger, custody });
 * serve({ fetch: app.fetch, hostname: config.host, port: config.port });
 */
export function createApp(deps: ApiDeps): OpenAPIHono<ApiEnv> {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        const where = issue === undefined || issue.path.length === 0 ? 'request' : issue.path.join('.');
        throw new CorroborateError('invalid_input', `${where}: ${issue?.message ?? 'invalid'}`);
      }
      return undefined;
    },
  });

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming !== undefined && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('log', deps.logger.child({ reqId: requestId }));
    c.set('caseAccess', undefined);
    c.set('principal', undefined);
    c.set('binaryChecked', false);
    // Set before the handler so that responses are made with it (setting it afterwards re-creates them).
    c.header('x-request-id', requestId);
    const started = performance.now();
    await next();
    if (!c.res.headers.has('x-request-id')) c.res.headers.set('x-request-id', requestId);
    // Only the route pattern is logged: paths and queries may carry names, and bodies never are.
    c.get('log').info(
      {
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        user: c.get('principal')?.user.id,
      },
      'request',
    );
  });
  app.use('*', securityHeaders({ hsts: usesTls(deps.config) }));
  app.use('/api/*', finalizeResponses(deps));
  const limitBody: MiddlewareHandler<ApiEnv> = bodyLimit({
    maxSize: deps.config.maxUploadBytes,
    onError: () => {
      throw new CorroborateError('too_large', `request body exceeds the ${deps.config.maxUploadBytes}-byte upload limit`);
    },
  });
  // Reads carry no body (and looking for one would build a full Request object on every read).
  const limitUnsafe: MiddlewareHandler<ApiEnv> = (c, next) => (isSafeMethod(c.req.method) ? next() : limitBody(c, next));
  app.use('/api/*', limitUnsafe);
  // Verified callers, memberships and redaction policies, per process, dropped on any write to the store.
  const cache = new StoreCache(deps.store.changes);
  app.use('/api/*', resolvePrincipal(deps, cache));
  app.use('/api/*', csrfProtection());

  const guard = accessGuard(deps, cache);
  const responses = new ResponseCache(deps.store.changes, deps.config.responseCacheMb * 1024 * 1024);
  const options = {
    validateResponses: deps.validateResponses === true,
    ...(responses.enabled ? { responseCache: responses.middleware() } : {}),
  };
  for (const route of apiRoutes(deps)) route.register(app, guard, options);

  app.get('/api/health', (c) => c.json({ ok: true }));
  app.doc31('/api/openapi.json', OPENAPI_INFO);
  app.get('/api/docs', (c) => {
    const doc = app.getOpenAPI31Document(OPENAPI_INFO) as unknown as OpenApiLike;
    return c.html(renderDocsPage(doc));
  });
  app.get('/api/docs.css', (c) => c.body(DOCS_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));
  app.all('/api/*', (c) => apiNotFound(c));
  mountWeb(app, deps.config.webRoot);

  app.onError(onApiError);
  app.notFound((c) => apiNotFound(c));
  return app;
}
