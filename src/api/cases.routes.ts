import { createRoute, z } from '@hono/zod-openapi';
import { CorroborateError } from '../errors.ts';
import { membershipsOfUser, setMembership } from '../store/accounts.ts';
import { ensureCase, findCase, listCases, requireCase } from '../store/cases.ts';
import { countSources } from '../store/sources.ts';
import { CaseParams, errorResponses, jsonBody, jsonResponse, okJson } from './common.schema.ts';
import type { ApiDeps } from './deps.ts';
import { CaseSchema, CreateCaseBody } from './resource.schema.ts';
import { type ApiRoute, defineRoute } from './route.ts';

const tags = ['cases'];

const CaseDetail = CaseSchema.extend({ sources: z.number().int(), role: z.string(), cleared: z.boolean() }).openapi('CaseDetail');

const CaseList = z
  .object({ items: z.array(CaseSchema.extend({ sources: z.number().int(), role: z.string().nullable() })) })
  .openapi('CaseList');

/** Cases: the caller's cases (administrators: all), one case, and case creation (administrators). */
export function caseRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases',
        tags,
        summary: "The caller's cases with their role (administrators see every case)",
        responses: okJson('Cases', CaseList),
      }),
      { kind: 'user' },
      async (c) => {
        const principal = c.get('principal');
        if (principal === undefined) throw new CorroborateError('unauthorized', 'sign in first');
        const roles = new Map((await membershipsOfUser(deps.store.db, principal.user.id)).map((m) => [m.caseId, m.role]));
        const scope = principal.token?.cases ?? null;
        const items = (await listCases(deps.store.db))
          .filter((k) => principal.user.admin || roles.has(k.id))
          .filter((k) => scope === null || scope.includes(k.id))
          .map((k) => ({ ...k, role: principal.user.admin ? 'admin' : (roles.get(k.id) ?? null) }));
        return c.json({ items }, 200);
      },
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/cases',
        tags,
        summary: 'Create a case (administrators); the creator becomes its lead unless `lead: false`',
        request: { body: jsonBody(CreateCaseBody) },
        responses: {
          201: jsonResponse('Created', CaseSchema),
          ...errorResponses,
          409: { description: 'Name taken' },
        },
      }),
      { kind: 'admin' },
      async (c) => {
        const body = c.req.valid('json');
        const principal = c.get('principal');
        if (principal === undefined) throw new CorroborateError('unauthorized', 'sign in first');
        if ((await findCase(deps.store.db, body.name)) !== undefined) {
          throw new CorroborateError('conflict', `case ${body.name} already exists`);
        }
        const created = await ensureCase(deps.store.db, body.name);
        if (body.lead) {
          await setMembership(deps.store.db, { caseId: created.id, userId: principal.user.id, role: 'lead', cleared: true });
        }
        await deps.custody({
          actor: `api:${principal.user.name}`,
          action: 'case.create',
          objectType: 'case',
          objectId: created.id,
          caseId: created.id,
          payload: { name: created.name },
        });
        return c.json({ ...created }, 201);
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}',
        tags,
        summary: 'One case with its source count and the caller\u2019s role and clearance',
        request: { params: CaseParams },
        responses: okJson('Case', CaseDetail),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const found = await requireCase(deps.store.db, caseId);
        if (found.id !== caseId) throw new CorroborateError('not_found', `case ${caseId} not found`);
        const access = c.get('caseAccess');
        return c.json(
          {
            ...found,
            sources: await countSources(deps.store.db, caseId),
            role: access?.role ?? 'viewer',
            cleared: access?.cleared ?? false,
          },
          200,
        );
      },
    ),
  ];
}
