import { createRoute } from '@hono/zod-openapi';
import { CorroborateError } from '../errors.ts';
import { addProtection, listProtections, removeProtection } from '../store/protection.ts';
import { CaseParams, OkSchema, errorResponses, jsonBody, jsonResponse, okJson } from './common.schema.ts';
import type { ApiDeps } from './deps.ts';
import { presentProtection } from './present.ts';
import { mask } from './redaction.ts';
import { protectionTerms } from './protection-terms.ts';
import {
  CreateProtectionBody,
  ProtectionList,
  ProtectionParams,
  ProtectionSchema,
} from './protections.schema.ts';
import { type ApiRoute, defineRoute } from './route.ts';

const tags = ['protections'];

/**
 * Protected material: analysts may protect (erring on the side of safety), leads with clearance lift
 * protections. Every change is recorded in the custody log — without the protected texts themselves.
 */
export function protectionRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/protections',
        tags,
        summary: 'Protections in force on a case (terms redacted for callers without clearance)',
        request: { params: CaseParams },
        responses: okJson('Protections', ProtectionList),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const cleared = c.get('caseAccess')?.cleared === true;
        const items = (await listProtections(deps.store.db, caseId)).map(presentProtection);
        // A reason may itself describe the person ("the nurse from ward 3"): without clearance it is masked too.
        return c.json({ items: cleared ? items : items.map((p) => ({ ...p, reason: mask(p.reason), terms: p.terms.map(mask) })) }, 200);
      },
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/cases/{caseId}/protections',
        tags,
        summary: 'Protect a source, an actor or a span, with a reason (analyst)',
        request: { params: CaseParams, body: jsonBody(CreateProtectionBody) },
        responses: { 201: jsonResponse('Protected', ProtectionSchema), ...errorResponses },
      }),
      { kind: 'case', role: 'analyst' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const body = c.req.valid('json');
        const user = c.get('principal')?.user;
        if (user === undefined) throw new CorroborateError('unauthorized', 'sign in first');
        const derived = await protectionTerms(deps.store.db, { caseId, kind: body.kind, objectId: body.objectId, span: body.span });
        const protection = await addProtection(
          deps.store.db,
          {
            caseId,
            kind: body.kind,
            objectId: body.objectId,
            span: body.span ?? null,
            terms: [...derived, ...body.terms],
            reason: body.reason,
            createdBy: user.name,
          },
          deps.now?.(),
        );
        await deps.custody({
          actor: `user:${user.name}`,
          action: 'protection.add',
          objectType: body.kind,
          objectId: body.objectId,
          caseId,
          payload: { protection: protection.id, span: protection.span, termCount: protection.terms.length },
        });
        return c.json(presentProtection(protection), 201);
      },
    ),
    defineRoute(
      createRoute({
        method: 'delete',
        path: '/api/cases/{caseId}/protections/{protectionId}',
        tags,
        summary: 'Lift a protection (lead with clearance)',
        request: { params: ProtectionParams },
        responses: okJson('Lifted', OkSchema),
      }),
      { kind: 'case', role: 'lead' },
      async (c) => {
        const { caseId, protectionId } = c.req.valid('param');
        const access = c.get('caseAccess');
        const user = c.get('principal')?.user;
        if (user === undefined || access === undefined) throw new CorroborateError('unauthorized', 'sign in first');
        const existing = (await listProtections(deps.store.db, caseId)).find((p) => p.id === protectionId);
        if (existing === undefined) throw new CorroborateError('not_found', `protection ${protectionId} not found in case ${caseId}`);
        if (!access.cleared) throw new CorroborateError('forbidden', `${user.name} has no clearance on case ${caseId}`);
        await removeProtection(deps.store.db, caseId, protectionId, deps.now?.());
        await deps.custody({
          actor: `user:${user.name}`,
          action: 'protection.remove',
          objectType: 'protection',
          objectId: protectionId,
          caseId,
          payload: {},
        });
        return c.json({ ok: true as const }, 200);
      },
    ),
  ];
}
