/**
 * The HTTP API: a Hono app with accounts, per-case roles, CSRF, API tokens, redaction of protected
 * material and an OpenAPI 3.1 document. `src/server.ts` wires it; tests build it with their own deps.
 */
export { createApp, OPENAPI_INFO } from './app.ts';
export { loadApiConfig, usesTls } from './config.ts';
export type { ApiConfig } from './config.ts';
export type { ApiDeps, CustodyRecord } from './deps.ts';
export { apiRoutes } from './routes.ts';
export { decide } from './access.ts';
export type { Decision } from './access.ts';
export type { Access, ApiRoute } from './route.ts';
export { CSRF_HEADER, sessionCookieName, csrfCookieName } from './auth.ts';
export { buildPolicy, redactJson, redactText, MASK } from './redaction.ts';
export type { RedactionPolicy } from './redaction.ts';
