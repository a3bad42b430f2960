import { createRoute } from '@hono/zod-openapi';
import { createUser, listUsers, requireUser, setPassword, setUserDisabled } from '../store/accounts.ts';
import { UserSchema } from './auth.schema.ts';
import { errorResponses, jsonBody, jsonResponse, okJson } from './common.schema.ts';
import type { ApiDeps } from './deps.ts';
import { presentUser } from './present.ts';
import { type ApiRoute, defineRoute } from './route.ts';
import { CreateUserBody, UpdateUserBody, UserList, UserParams } from './users.schema.ts';

const tags = ['users'];

/** Account administration (administrators only). */
export function userRoutes(deps: ApiDeps): ApiRoute[] {
  const options = { hash: deps.config.hash, now: deps.now };
  return [
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/users',
        tags,
        summary: 'List accounts',
        responses: okJson('Accounts', UserList),
      }),
      { kind: 'admin' },
      async (c) => c.json({ items: (await listUsers(deps.store.db)).map(presentUser) }, 200),
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/users',
        tags,
        summary: 'Create an account',
        request: { body: jsonBody(CreateUserBody) },
        responses: {
          201: jsonResponse('Created', UserSchema),
          ...errorResponses,
          409: { description: 'Name taken' },
        },
      }),
      { kind: 'admin' },
      async (c) => {
        const body = c.req.valid('json');
        const user = await createUser(deps.store.db, body, options);
        const actor = c.get('principal')?.user.name ?? 'unknown';
        await deps.custody({
          actor: `user:${actor}`,
          action: 'user.create',
          objectType: 'user',
          objectId: user.id,
          caseId: null,
          payload: { name: user.name, admin: user.admin },
        });
        return c.json(presentUser(user), 201);
      },
    ),
    defineRoute(
      createRoute({
        method: 'patch',
        path: '/api/users/{userId}',
        tags,
        summary: 'Disable, enable or reset the password of an account',
        request: {
          params: UserParams,
          body: jsonBody(UpdateUserBody),
        },
        responses: okJson('Updated', UserSchema),
      }),
      { kind: 'admin' },
      async (c) => {
        const { userId } = c.req.valid('param');
        const body = c.req.valid('json');
        const user = await requireUser(deps.store.db, userId);
        if (body.password !== undefined) await setPassword(deps.store.db, user.id, body.password, options);
        if (body.disabled !== undefined) await setUserDisabled(deps.store.db, user.id, body.disabled);
        return c.json(presentUser(await requireUser(deps.store.db, user.id)), 200);
      },
    ),
  ];
}
