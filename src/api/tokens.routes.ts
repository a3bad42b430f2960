import { createRoute } from '@hono/zod-openapi';
import { CorroborateError } from '../errors.ts';
import { createApiToken, listApiTokens, membershipsOfUser, revokeApiToken } from '../store/accounts.ts';
import { errorResponses, jsonBody, jsonResponse, okJson } from './common.schema.ts';
import type { Principal } from './context.ts';
import type { ApiDeps } from './deps.ts';
import { presentToken } from './present.ts';
import { type ApiRoute, defineRoute } from './route.ts';
import { CreateTokenBody, NewTokenSchema, TokenList, TokenParams, TokenSchema } from './tokens.schema.ts';

const tags = ['tokens'];

function requirePrincipal(principal: Principal | undefined): Principal {
  if (principal === undefined) throw new CorroborateError('unauthorized', 'sign in or present an API token');
  return principal;
}

/** API tokens for scripts: created by a signed-in user for themself, shown once, revocable. */
export function tokenRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/tokens',
        tags,
        summary: "The caller's API tokens",
        responses: okJson('Tokens', TokenList),
      }),
      { kind: 'user' },
      async (c) => {
        const { user } = requirePrincipal(c.get('principal'));
        return c.json({ items: (await listApiTokens(deps.store.db, user.id)).map(presentToken) }, 200);
      },
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/tokens',
        tags,
        summary: 'Create an API token (browser session only); the secret is returned once',
        request: { body: jsonBody(CreateTokenBody) },
        responses: { 201: jsonResponse('Created', NewTokenSchema), ...errorResponses },
      }),
      { kind: 'user' },
      async (c) => {
        const principal = requirePrincipal(c.get('principal'));
        // A token cannot mint tokens: scopes could otherwise be widened by whoever holds a narrow one.
        if (principal.via !== 'session') throw new CorroborateError('forbidden', 'API tokens are created from a signed-in session');
        const body = c.req.valid('json');
        if (body.cases !== null && !principal.user.admin) {
          const mine = new Set((await membershipsOfUser(deps.store.db, principal.user.id)).map((m) => m.caseId));
          const foreign = body.cases.filter((id) => !mine.has(id));
          if (foreign.length > 0) throw new CorroborateError('forbidden', `not a member of case ${foreign.join(', ')}`);
        }
        const created = await createApiToken(
          deps.store.db,
          { userId: principal.user.id, name: body.name, cases: body.cases, permission: body.permission, expiresAt: body.expiresAt },
          { now: deps.now },
        );
        await deps.custody({
          actor: `user:${principal.user.name}`,
          action: 'token.create',
          objectType: 'api_token',
          objectId: created.record.id,
          caseId: null,
          payload: { cases: created.record.cases, permission: created.record.permission },
        });
        return c.json({ token: created.token, record: presentToken(created.record) }, 201);
      },
    ),
    defineRoute(
      createRoute({
        method: 'delete',
        path: '/api/tokens/{tokenId}',
        tags,
        summary: 'Revoke an API token (your own; administrators any)',
        request: { params: TokenParams },
        responses: okJson('Revoked', TokenSchema),
      }),
      { kind: 'user' },
      async (c) => {
        const { user } = requirePrincipal(c.get('principal'));
        const { tokenId } = c.req.valid('param');
        const revoked = await revokeApiToken(deps.store.db, tokenId, user.admin ? undefined : user.id, { now: deps.now });
        await deps.custody({
          actor: `user:${user.name}`,
          action: 'token.revoke',
          objectType: 'api_token',
          objectId: tokenId,
          caseId: null,
          payload: {},
        });
        return c.json(presentToken(revoked), 200);
      },
    ),
  ];
}
