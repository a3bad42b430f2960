import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { CorroborateError } from '../errors.ts';
import { csrfMatches, findApiToken, findSession } from '../store/accounts.ts';
import { usesTls } from './config.ts';
import { secretKey, type StoreCache } from './cache.ts';
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

/** True when an ISO timestamp has passed. */
function expired(at: string | null, now: () => Date): boolean {
  return at !== null && at <= now().toISOString();
}

/**
 * Resolves the caller from `Authorization: Bearer <token>` or the session cookie into the `principal`
 * context variable (undefined when anonymous). A presented but invalid token is refused outright; a stale
 * cookie is treated as anonymous. Verified tokens and sessions are kept in the per-process `cache`, which
 * forgets them on any write to the store (sign-out, revocation, disabling a user) and after a short time;
 * expiry is checked on every request.
 */
export function resolvePrincipal(deps: ApiDeps, cache: StoreCache): MiddlewareHandler<ApiEnv> {
  const options = { now: deps.now };
  const now = deps.now ?? (() => new Date());
  return async (c, next) => {
    c.set('principal', undefined);
    cache.sync();
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const secret = match?.[1];
      const found =
        secret === undefined
          ? undefined
          : await cache.get(secretKey('token', secret), () => findApiToken(deps.store.db, secret, options));
      if (found === undefined || expired(found.token.expiresAt, now)) {
        throw new CorroborateError('unauthorized', 'invalid, expired or revoked API token');
      }
      c.set('principal', { user: found.user, via: 'token', token: found.token });
    } else {
      const cookie = getCookie(c, sessionCookieName(deps));
      if (cookie !== undefined && cookie !== '') {
        const session = await cache.get(secretKey('session', cookie), () => findSession(deps.store.db, cookie, options));
        if (session !== undefined && !expired(session.expiresAt, now)) {
          c.set('principal', { user: session.user, via: 'session', session });
        }
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
