import { createRoute, z } from '@hono/zod-openapi';
import { CorroborateError } from '../errors.ts';
import {
  findCaseActor,
  getCaseActor,
  listActorMentions,
  listCaseActors,
  mergeCaseActors,
  renameCaseActor,
  splitCaseActor,
} from '../store/actors.ts';
import { getAttribution, listAttributionsJson, listFigures, listPlaces } from '../store/extractions.ts';
import { listReviews, reviewAttribution } from '../store/reviews.ts';
import { CaseParams, PageQuery, Rationale, jsonBody, okJson, pageOf } from './common.schema.ts';
import type { ApiDeps } from './deps.ts';
import { PreparedJson } from './finalize.ts';
import { caller, inCase } from './guards.ts';
import {
  ActorDetailSchema,
  AttributionDetailSchema,
  CaseActorSchema,
  CaseActorSummarySchema,
  ReviewResultSchema,
  StanceSchema,
  StoredAttributionSchema,
  StoredFigureSchema,
  StoredPlaceSchema,
} from './extraction.schema.ts';
import { ActorParams, AttributionParams } from './resource.schema.ts';
import { type ApiRoute, defineRoute } from './route.ts';

const Span = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });

const ReviewBody = z
  .object({
    action: z.enum(['accept', 'reject', 'edit', 'reattribute']),
    rationale: Rationale,
    edit: z
      .object({ source: Span.nullable().optional(), cue: Span.optional(), content: z.array(Span).optional(), stance: StanceSchema.optional() })
      .optional(),
    caseActorId: z.string().min(1).optional(),
  })
  .openapi('ReviewAttribution');

const AttributionQuery = PageQuery.extend({
  sourceId: z.string().optional(),
  actorId: z.string().optional(),
  reviewStatus: z.enum(['pending', 'accepted', 'edited', 'rejected']).optional(),
  stance: StanceSchema.optional(),
});

const FactQuery = PageQuery.extend({ sourceId: z.string().optional() });

/** Attributions (list, detail with review history, review), actors (list, detail, merge, split, rename), figures and places. */
export function reviewRoutes(deps: ApiDeps): ApiRoute[] {
  const db = deps.store.db;
  const AttributionPage = pageOf(StoredAttributionSchema, 'AttributionPage');
  const ActorPage = pageOf(CaseActorSummarySchema, 'ActorPage');
  const FigurePage = pageOf(StoredFigureSchema, 'FigurePage');
  const PlacePage = pageOf(StoredPlaceSchema, 'PlacePage');
  return [
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/attributions',
        tags: ['attributions'],
        summary: 'Current attributions, filtered by source, actor, review status or stance (cursor-paginated)',
        request: { params: CaseParams, query: AttributionQuery },
        responses: okJson('Attributions', AttributionPage),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const q = c.req.valid('query');
        const result = await listAttributionsJson(db, deps.store.dialect, {
          caseId,
          sourceId: q.sourceId,
          caseActorId: q.actorId,
          reviewStatus: q.reviewStatus,
          stance: q.stance,
          limit: q.limit,
          cursor: q.cursor,
        });
        return c.json(new PreparedJson(result.text, result.page), 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/attributions/{attributionId}',
        tags: ['attributions'],
        summary: 'One attribution (effective values and the extracted original) with its review history',
        request: { params: AttributionParams },
        responses: okJson('Attribution with its reviews', AttributionDetailSchema),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId, attributionId } = c.req.valid('param');
        const attribution = inCase(await getAttribution(db, attributionId), caseId, `attribution ${attributionId}`);
        const reviews = await listReviews(db, { attributionId, limit: 500 });
        return c.json({ ...attribution, reviews: reviews.items }, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/cases/{caseId}/attributions/{attributionId}/review',
        tags: ['attributions'],
        summary: 'Accept, edit (spans by offsets, stance), reattribute or reject an attribution, with a rationale (analyst)',
        request: { params: AttributionParams, body: jsonBody(ReviewBody) },
        responses: okJson('The review and the attribution after it', ReviewResultSchema),
      }),
      { kind: 'case', role: 'analyst' },
      async (c) => {
        const { caseId, attributionId } = c.req.valid('param');
        const body = c.req.valid('json');
        const who = caller(c.get('principal'), c.get('caseAccess'));
        inCase(await getAttribution(db, attributionId), caseId, `attribution ${attributionId}`);
        if (body.action === 'edit' && body.edit === undefined) {
          throw new CorroborateError('invalid_input', `attribution ${attributionId}: an edit needs \`edit\``);
        }
        if (body.action === 'reattribute' && body.caseActorId === undefined) {
          throw new CorroborateError('invalid_input', `attribution ${attributionId}: reattribute needs \`caseActorId\``);
        }
        const result = await reviewAttribution(deps.store, {
          attributionId,
          action: body.action,
          actor: who.actor,
          rationale: body.rationale ?? null,
          ...(body.edit === undefined ? {} : { edit: body.edit }),
          ...(body.caseActorId === undefined ? {} : { caseActorId: body.caseActorId }),
        });
        return c.json(result, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/actors',
        tags: ['actors'],
        summary: 'Case actors by name with attribution and mention counts (cursor-paginated)',
        request: { params: CaseParams, query: PageQuery.extend({ includeMerged: z.enum(['true', 'false']).optional() }) },
        responses: okJson('Actors', ActorPage),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const q = c.req.valid('query');
        const result = await listCaseActors(db, {
          caseId,
          includeMerged: q.includeMerged === 'true',
          limit: q.limit,
          cursor: q.cursor,
        });
        return c.json(result, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/actors/{actorId}',
        tags: ['actors'],
        summary: 'One actor with the extraction records (mentions) linked to it',
        request: { params: ActorParams },
        responses: okJson('Actor with its mentions', ActorDetailSchema),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId, actorId } = c.req.valid('param');
        const actor = inCase(await getCaseActor(db, actorId), caseId, `actor ${actorId}`);
        const mentions = await listActorMentions(db, actor.id);
        return c.json({ ...actor, mentions: mentions.map((m) => ({ ...m, actorId: actor.id })) }, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/cases/{caseId}/actors/{actorId}/merge',
        tags: ['actors'],
        summary: 'Merge another actor (`from`) into this one (analyst)',
        request: {
          params: ActorParams,
          body: jsonBody(z.object({ from: z.string().min(1), rationale: Rationale })),
        },
        responses: okJson('Actor', CaseActorSchema),
      }),
      { kind: 'case', role: 'analyst' },
      async (c) => {
        const { caseId, actorId } = c.req.valid('param');
        const body = c.req.valid('json');
        const who = caller(c.get('principal'), c.get('caseAccess'));
        const into = inCase(await getCaseActor(db, actorId), caseId, `actor ${actorId}`);
        const from = await findCaseActor(db, caseId, body.from);
        const merged = await mergeCaseActors(deps.store, { into: into.id, from: from.id, actor: who.actor, rationale: body.rationale ?? null });
        return c.json(merged, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/cases/{caseId}/actors/{actorId}/split',
        tags: ['actors'],
        summary: 'Split extraction records (mention ids) off this actor into a new one (analyst)',
        request: {
          params: ActorParams,
          body: jsonBody(
            z.object({ mentions: z.array(z.string().min(1)).min(1), name: z.string().min(1).max(300).optional(), rationale: Rationale }),
          ),
        },
        responses: okJson('Actor', CaseActorSchema),
      }),
      { kind: 'case', role: 'analyst' },
      async (c) => {
        const { caseId, actorId } = c.req.valid('param');
        const body = c.req.valid('json');
        const who = caller(c.get('principal'), c.get('caseAccess'));
        inCase(await getCaseActor(db, actorId), caseId, `actor ${actorId}`);
        const created = await splitCaseActor(deps.store, {
          actorId,
          mentions: body.mentions,
          name: body.name ?? null,
          actor: who.actor,
          rationale: body.rationale ?? null,
        });
        return c.json(created, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/cases/{caseId}/actors/{actorId}/rename',
        tags: ['actors'],
        summary: 'Rename an actor; the old name stays an alias (analyst)',
        request: {
          params: ActorParams,
          body: jsonBody(z.object({ name: z.string().min(1).max(300), rationale: Rationale })),
        },
        responses: okJson('Actor', CaseActorSchema),
      }),
      { kind: 'case', role: 'analyst' },
      async (c) => {
        const { caseId, actorId } = c.req.valid('param');
        const body = c.req.valid('json');
        const who = caller(c.get('principal'), c.get('caseAccess'));
        inCase(await getCaseActor(db, actorId), caseId, `actor ${actorId}`);
        const renamed = await renameCaseActor(deps.store, { actorId, name: body.name, actor: who.actor, rationale: body.rationale ?? null });
        return c.json(renamed, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/figures',
        tags: ['facts'],
        summary: 'Casualty and other figures of the current extractions (cursor-paginated)',
        request: { params: CaseParams, query: FactQuery },
        responses: okJson('Figures', FigurePage),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const q = c.req.valid('query');
        return c.json(await listFigures(db, { caseId, sourceId: q.sourceId, limit: q.limit, cursor: q.cursor }), 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/places',
        tags: ['facts'],
        summary: 'Places of the current extractions with coordinates (cursor-paginated)',
        request: { params: CaseParams, query: FactQuery },
        responses: okJson('Places', PlacePage),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const q = c.req.valid('query');
        return c.json(await listPlaces(db, { caseId, sourceId: q.sourceId, limit: q.limit, cursor: q.cursor }), 200) as never;
      },
    ),
  ];
}
