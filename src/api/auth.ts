import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { CorroborateError } from '../errors.ts';
import { csrfMatches, findApiToken, findSession } from '../store/accounts.ts';
import { usesTls } from './config.ts';
import type { ApiEnv } from './context.ts';
import type { ApiDeps } from './deps.ts';

/** Name of the session cookie (`__Host-` prefixed when TLS is on, which pins it to this host and path /). */
export function sessionCookieName(deps: ApiDeps): string {
  return usesTls(deps.config) ? '__Host-corroborate_session' : 'corroborate_session';
}

/** Name of the readable cookie carrying the CSRF token for the web workspace to echo in {@link CSRF_HEADER}. */
export function csrfCookieName(deps: ApiDeps): string {
  return usesTls(deps.config) ? '__Host-corroborate_csrf' : 'corroborate_csrf';
}

/** Header that must carry the session's CSRF token on every cookie-authenticated unsafe request. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for methods that only read. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Resolves the caller from `Authorization: Bearer <token>` or the session cookie into the `principal`
 * context variable (undefined when anonymous). A presented but invalid token is refused outright; a stale
 * cookie is treated as anonymous.
 */
export function resolvePrincipal(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  const options = { now: deps.now };
  return async (c, next) => {
    c.set('principal', undefined);
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const found = match?.[1] === undefined ? undefined : await findApiToken(deps.store.db, match[1], options);
      if (found === undefined) throw new CorroborateError('unauthorized', 'invalid, expired or revoked API token');
      c.set('principal', { user: found.user, via: 'token', token: found.token });
    } else {
      const cookie = getCookie(c, sessionCookieName(deps));
      if (cookie !== undefined && cookie !== '') {
        const session = await findSession(deps.store.db, cookie, options);
        if (session !== undefined) c.set('principal', { user: session.user, via: 'session', session });
      }
    }
    await next();
  };
}

function sameOrigin(c: Context<ApiEnv>, origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.host === (c.req.header('host') ?? '');
  } catch {
    return false;
  }
}

/**
 * CSRF protection for browser sessions: an unsafe request authenticated by cookie must carry the session's
 * CSRF token in {@link CSRF_HEADER} (synchronizer token, compared in constant time against its stored hash)
 * and, when the browser sends an Origin, come from this origin. Token-authenticated requests carry no
 * ambient credentials and are exempt. SameSite=Strict cookies are the second layer.
 */
export function csrfProtection(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (principal?.via === 'session' && !isSafeMethod(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin !== undefined && origin !== 'null' && !sameOrigin(c, origin)) {
        throw new CorroborateError('csrf', 'cross-origin request refused');
      }
      const token = c.req.header(CSRF_HEADER);
      if (token === undefined || principal.session === undefined || !csrfMatches(principal.session, token)) {
        throw new CorroborateError('csrf', `missing or wrong ${CSRF_HEADER} header for this session`);
      }
    }
    await next();
  };
}
