import { createRoute } from '@hono/zod-openapi';
import { CorroborateError } from '../errors.ts';
import { listMemberships, removeMembership, requireUser, setMembership } from '../store/accounts.ts';
import { MembershipSchema } from './auth.schema.ts';
import { CaseParams, OkSchema, jsonBody, okJson } from './common.schema.ts';
import type { CaseAccess, Principal } from './context.ts';
import type { ApiDeps } from './deps.ts';
import { MemberList, MemberParams, SetMemberBody } from './members.schema.ts';
import { presentMembership } from './present.ts';
import { type ApiRoute, defineRoute } from './route.ts';

const tags = ['members'];

function callerOf(principal: Principal | undefined, access: CaseAccess | undefined): { name: string; access: CaseAccess } {
  if (principal === undefined || access === undefined) throw new CorroborateError('unauthorized', 'sign in first');
  return { name: principal.user.name, access };
}

/** Case membership: who is on a case with which role and clearance (leads manage it). */
export function memberRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/members',
        tags,
        summary: 'Members of a case with their roles and clearance',
        request: { params: CaseParams },
        responses: okJson('Members', MemberList),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        return c.json({ items: (await listMemberships(deps.store.db, caseId)).map(presentMembership) }, 200);
      },
    ),
    defineRoute(
      createRoute({
        method: 'put',
        path: '/api/cases/{caseId}/members/{userId}',
        tags,
        summary: 'Add a member or change their role / clearance (lead); only a cleared caller may grant clearance',
        request: { params: MemberParams, body: jsonBody(SetMemberBody) },
        responses: okJson('Member', MembershipSchema),
      }),
      { kind: 'case', role: 'lead' },
      async (c) => {
        const { caseId, userId } = c.req.valid('param');
        const body = c.req.valid('json');
        const caller = callerOf(c.get('principal'), c.get('caseAccess'));
        if (body.cleared === true && !caller.access.cleared) {
          throw new CorroborateError('forbidden', `${caller.name} has no clearance on case ${caseId} to grant`);
        }
        const user = await requireUser(deps.store.db, userId);
        const membership = await setMembership(deps.store.db, { caseId, userId: user.id, role: body.role, cleared: body.cleared }, { now: deps.now });
        await deps.custody({
          actor: `user:${caller.name}`,
          action: 'member.set',
          objectType: 'membership',
          objectId: `${caseId}/${user.id}`,
          caseId,
          payload: { user: user.name, role: membership.role, cleared: membership.cleared },
        });
        return c.json(presentMembership(membership), 200);
      },
    ),
    defineRoute(
      createRoute({
        method: 'delete',
        path: '/api/cases/{caseId}/members/{userId}',
        tags,
        summary: 'Remove a member (lead)',
        request: { params: MemberParams },
        responses: okJson('Removed', OkSchema),
      }),
      { kind: 'case', role: 'lead' },
      async (c) => {
        const { caseId, userId } = c.req.valid('param');
        const caller = callerOf(c.get('principal'), c.get('caseAccess'));
        const user = await requireUser(deps.store.db, userId);
        await removeMembership(deps.store.db, caseId, user.id);
        await deps.custody({
          actor: `user:${caller.name}`,
          action: 'member.remove',
          objectType: 'membership',
          objectId: `${caseId}/${user.id}`,
          caseId,
          payload: { user: user.name },
        });
        return c.json({ ok: true as const }, 200);
      },
    ),
  ];
}
