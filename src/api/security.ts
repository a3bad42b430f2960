import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from './context.ts';

/**
 * The Content-Security-Policy of every response: only same-origin scripts, styles, images and fetches;
 * no inline script, no plugins, no framing, no base-URI or form hijacking.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "frame-src 'self'",
].join('; ');

/**
 * The policy of sanitised captured pages (`/api/cases/{caseId}/sources/{sourceId}/view`): nothing may load
 * or run, the document is sandboxed, and only the workspace itself may frame it.
 */
export const CAPTURED_PAGE_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'";

/** Sets the security headers on every response, API and static alike; routes may tighten the CSP. */
export function securityHeaders(options: { readonly hsts: boolean }): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    if (!h.has('content-security-policy')) h.set('content-security-policy', CONTENT_SECURITY_POLICY);
    h.set('x-content-type-options', 'nosniff');
    if (!h.has('x-frame-options')) h.set('x-frame-options', 'DENY');
    h.set('referrer-policy', 'no-referrer');
    h.set('cross-origin-opener-policy', 'same-origin');
    h.set('cross-origin-resource-policy', 'same-origin');
    h.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (options.hsts) h.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
    h.delete('x-powered-by');
  };
}
