import { createRoute } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { CorroborateError } from '../errors.ts';
import { authenticate, createSession, deleteSession, membershipsOfUser } from '../store/accounts.ts';
import { LoginBody, LoginResponse, MeResponse } from './auth.schema.ts';
import { csrfCookieName, sessionCookieName } from './auth.ts';
import { OkSchema, errorResponses, jsonBody, jsonResponse, okJson } from './common.schema.ts';
import { usesTls } from './config.ts';
import type { ApiEnv } from './context.ts';
import type { ApiDeps } from './deps.ts';
import { presentMembership, presentUser } from './present.ts';
import { type ApiRoute, defineRoute } from './route.ts';

/** The caller's address: the socket peer, or the first X-Forwarded-For hop behind a trusted TLS proxy. */
export function clientAddress(c: Context<ApiEnv>, deps: ApiDeps): string {
  if (deps.config.behindTlsProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded !== undefined && forwarded !== '') return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const tags = ['auth'];

/** Sign-in, sign-out and "who am I". */
export function authRoutes(deps: ApiDeps): ApiRoute[] {
  const tls = usesTls(deps.config);
  const ttlMs = deps.config.sessionHours * 3_600_000;
  const options = { hash: deps.config.hash, login: deps.config.login, now: deps.now };

  const login = defineRoute(
    createRoute({
      method: 'post',
      path: '/api/auth/login',
      tags,
      summary: 'Sign in; sets an HttpOnly SameSite=Strict session cookie and returns the CSRF token',
      request: { body: jsonBody(LoginBody) },
      responses: {
        200: jsonResponse('Signed in', LoginResponse),
        ...errorResponses,
        423: { description: 'Locked after repeated failures' },
        429: { description: 'Too many attempts from this address' },
      },
    }),
    { kind: 'public' },
    async (c) => {
      const body = c.req.valid('json');
      const user = await authenticate(
        deps.store.db,
        { name: body.name, password: body.password, ip: clientAddress(c, deps) },
        options,
      );
      const session = await createSession(deps.store.db, user.id, ttlMs, options);
      const cookie = { path: '/', secure: tls, sameSite: 'Strict' as const, maxAge: Math.floor(ttlMs / 1000) };
      setCookie(c, sessionCookieName(deps), session.token, { ...cookie, httpOnly: true });
      setCookie(c, csrfCookieName(deps), session.csrfToken, { ...cookie, httpOnly: false });
      c.get('log').info({ user: user.id }, 'signed in');
      return c.json({ user: presentUser(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt }, 200);
    },
  );

  const logout = defineRoute(
    createRoute({
      method: 'post',
      path: '/api/auth/logout',
      tags,
      summary: 'Sign out (ends the session)',
      responses: okJson('Signed out', OkSchema),
    }),
    { kind: 'user' },
    async (c) => {
      const cookie = getCookie(c, sessionCookieName(deps));
      if (cookie !== undefined) await deleteSession(deps.store.db, cookie);
      deleteCookie(c, sessionCookieName(deps), { path: '/', secure: tls });
      deleteCookie(c, csrfCookieName(deps), { path: '/', secure: tls });
      return c.json({ ok: true as const }, 200);
    },
  );

  const me = defineRoute(
    createRoute({
      method: 'get',
      path: '/api/auth/me',
      tags,
      summary: 'The signed-in caller, their case memberships and (for tokens) the token scope',
      responses: okJson('Caller', MeResponse),
    }),
    { kind: 'user' },
    async (c) => {
      const principal = c.get('principal');
      if (principal === undefined) throw new CorroborateError('unauthorized', 'sign in or present an API token');
      const memberships = await membershipsOfUser(deps.store.db, principal.user.id);
      const token = principal.token;
      return c.json(
        {
          user: presentUser(principal.user),
          via: principal.via,
          memberships: memberships
            .filter((m) => token?.cases == null || token.cases.includes(m.caseId))
            .map(presentMembership),
          token:
            token === undefined
              ? null
              : { id: token.id, cases: token.cases === null ? null : [...token.cases], permission: token.permission },
        },
        200,
      );
    },
  );

  return [login, logout, me];
}
