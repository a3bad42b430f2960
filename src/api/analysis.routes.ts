import { createRoute, z } from '@hono/zod-openapi';
import { CorroborateError } from '../errors.ts';
import { type ExportFormat, EXPORT_FORMATS, exportCase } from '../export/index.ts';
import type { CaseBundle } from '../export/index.ts';
import { ALLEGATION_SORTS, listAllegationSummaries } from '../store/allegation-summaries.ts';
import { editCanonicalStatement, getAllegation, recordDecision } from '../store/allegations.ts';
import { createCheckpoint, inclusionProofFor, latestCheckpoint, listCustody, verifyStore } from '../store/custody.ts';
import { search } from '../store/search.ts';
import { CaseParams, PageQuery, decodeCursor, encodeCursor, errorResponses } from './common.schema.ts';
import type { ApiDeps } from './deps.ts';
import { caller } from './guards.ts';
import { isEmptyPolicy, queryTouchesProtected, redactJson } from './redaction.ts';
import { AllegationParams, Loose, LoosePage } from './resource.schema.ts';
import { type ApiRoute, defineRoute } from './route.ts';

const Count = z.number().int().min(0);

/** One card of the allegations board (`GET /api/cases/{caseId}/allegations`). */
const AllegationListItemSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    statement: z.string().openapi({ description: "canonical statement (the analyst's wording when edited)" }),
    statementEdited: z.boolean(),
    eventType: z.string().nullable(),
    places: z.array(z.string()),
    window: z.object({ start: z.string().nullable(), end: z.string().nullable() }),
    status: z.enum(['single_origin', 'multiple_origins', 'independently_corroborated']),
    statusLabel: z.string(),
    disputed: z.boolean(),
    notConfirmed: z.boolean(),
    topReason: z
      .object({ code: z.string(), text: z.string() })
      .nullable()
      .openapi({ description: 'the reason behind the status level, as the detail words it' }),
    independentOrigins: Count,
    origins: Count.openapi({ description: 'same as independentOrigins' }),
    echoes: Count,
    denials: Count.openapi({ description: 'specific denials plus general denials from the sources of its claims' }),
    notConfirming: Count,
    sources: Count,
    summary: z.string(),
    actors: z
      .array(z.object({ id: z.string().nullable().openapi({ description: 'case actor id, null for a speaker the registry does not know' }), name: z.string() }))
      .openapi({ description: 'speakers of its attributions and the speakers they cite (at most 12)' }),
    figures: z
      .object({ counts: z.string().nullable(), min: z.number().nullable(), max: z.number().nullable(), spread: z.number().nullable() })
      .nullable()
      .openapi({ description: 'the widest comparison of figures for one thing counted' }),
    lastActivity: z.string().openapi({ description: 'latest of re-assessment, decision and statement edit' }),
    decision: z.enum(['verified', 'refuted', 'needs_more_evidence']).nullable(),
  })
  .openapi('AllegationListItem');

const AllegationPageSchema = z
  .object({ items: z.array(AllegationListItemSchema), nextCursor: z.string().nullable() })
  .openapi('AllegationPage');

const EXPORT_TYPES: Readonly<Record<ExportFormat, string>> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
  dossier: 'application/json',
  'dossier-md': 'text/markdown; charset=utf-8',
};

/** Allegations (list, detail, decision, statement), search, custody (log, checkpoints, verify, proofs), exports. */
export function analysisRoutes(deps: ApiDeps): ApiRoute[] {
  const db = deps.store.db;
  const ok = (name: string) => ({ 200: { description: name, content: { 'application/json': { schema: Loose(name) } } }, ...errorResponses });
  const page = (name: string) => ({ 200: { description: name, content: { 'application/json': { schema: LoosePage(name) } } }, ...errorResponses });
  return [
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/allegations',
        tags: ['allegations'],
        summary: 'Allegations of a case for the board: filtered and sorted in the database (cursor-paginated)',
        description:
          'Each item carries what a board card shows: the status with its top reason, counts of independent origins, echoes, ' +
          'denials and not-confirming statements, the actors involved, the figure spread and the last activity. A cursor is ' +
          'valid with the filters and sort it was issued for.',
        request: {
          params: CaseParams,
          query: PageQuery.extend({
            status: z
              .string()
              .max(60)
              .optional()
              .openapi({ description: 'single-origin | multiple-origins | independently-corroborated | disputed | not-confirmed' }),
            decision: z.enum(['verified', 'refuted', 'needs_more_evidence', 'none']).optional(),
            event: z.string().max(60).optional().openapi({ description: 'event type, e.g. killing_of_civilians' }),
            place: z.string().max(200).optional().openapi({ description: 'a place name the allegation is located at (case-insensitive)' }),
            actor: z
              .string()
              .max(200)
              .optional()
              .openapi({ description: 'a case actor id, or a name or alias of an actor speaking in (or cited by) its attributions' }),
            from: z.string().max(10).optional().openapi({ description: 'ISO date: allegations whose window ends on or after it (undated ones are kept)' }),
            to: z.string().max(10).optional().openapi({ description: 'ISO date: allegations whose window starts on or before it (undated ones are kept)' }),
            sort: z
              .enum(ALLEGATION_SORTS)
              .optional()
              .openapi({ description: 'first (earliest report, default) | origins (most independent origins) | activity (latest first) | spread (widest figure spread)' }),
          }),
        },
        responses: {
          200: { description: 'A page of allegations', content: { 'application/json': { schema: AllegationPageSchema } } },
          ...errorResponses,
        },
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const q = c.req.valid('query');
        const access = c.get('caseAccess');
        // An uncleared caller cannot probe for protected names through the actor filter.
        if (q.actor !== undefined && access !== undefined && !access.cleared && !isEmptyPolicy(access.policy) && queryTouchesProtected(q.actor, access.policy)) {
          return c.json({ items: [], nextCursor: null }, 200);
        }
        const page = await listAllegationSummaries(db, {
          caseId,
          limit: q.limit,
          cursor: q.cursor ?? null,
          ...(q.status === undefined ? {} : { status: q.status }),
          ...(q.decision === undefined ? {} : { decision: q.decision }),
          ...(q.event === undefined ? {} : { event: q.event }),
          ...(q.place === undefined ? {} : { place: q.place }),
          ...(q.actor === undefined ? {} : { actor: q.actor }),
          ...(q.from === undefined ? {} : { from: q.from }),
          ...(q.to === undefined ? {} : { to: q.to }),
          ...(q.sort === undefined ? {} : { sort: q.sort }),
        });
        return c.json(page, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/allegations/{allegationId}',
        tags: ['allegations'],
        summary: 'One allegation: origin groups, status and its reasons, figures, analyst decisions',
        request: { params: AllegationParams },
        responses: ok('AllegationDetail'),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId, allegationId } = c.req.valid('param');
        const found = await getAllegation(db, allegationId);
        if (found === null || found.caseId !== caseId) throw new CorroborateError('not_found', `allegation ${allegationId} not found in case ${caseId}`);
        return c.json(found, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/cases/{caseId}/allegations/{allegationId}/decision',
        tags: ['allegations'],
        summary: 'Record an analyst decision (verified, refuted, needs_more_evidence) with a rationale (lead)',
        request: {
          params: AllegationParams,
          body: {
            content: {
              'application/json': {
                schema: z.object({ decision: z.enum(['verified', 'refuted', 'needs_more_evidence']), rationale: z.string().min(1).max(4000) }),
              },
            },
            required: true,
          },
        },
        responses: ok('Decision'),
      }),
      { kind: 'case', role: 'lead' },
      async (c) => {
        const { caseId, allegationId } = c.req.valid('param');
        const body = c.req.valid('json');
        const who = caller(c.get('principal'), c.get('caseAccess'));
        const found = await getAllegation(db, allegationId);
        if (found === null || found.caseId !== caseId) throw new CorroborateError('not_found', `allegation ${allegationId} not found in case ${caseId}`);
        const record = await recordDecision(deps.store, { allegationId, decision: body.decision, rationale: body.rationale, actor: who.actor });
        return c.json(record, 200);
      },
    ),
    defineRoute(
      createRoute({
        method: 'put',
        path: '/api/cases/{caseId}/allegations/{allegationId}/statement',
        tags: ['allegations'],
        summary: "Replace the canonical statement with an analyst's wording (analyst); the computed one is kept",
        request: {
          params: AllegationParams,
          body: {
            content: { 'application/json': { schema: z.object({ statement: z.string().min(1).max(2000), rationale: z.string().max(4000).optional() }) } },
            required: true,
          },
        },
        responses: ok('AllegationDetail'),
      }),
      { kind: 'case', role: 'analyst' },
      async (c) => {
        const { caseId, allegationId } = c.req.valid('param');
        const body = c.req.valid('json');
        const who = caller(c.get('principal'), c.get('caseAccess'));
        const found = await getAllegation(db, allegationId);
        if (found === null || found.caseId !== caseId) throw new CorroborateError('not_found', `allegation ${allegationId} not found in case ${caseId}`);
        const detail = await editCanonicalStatement(deps.store, {
          allegationId,
          statement: body.statement,
          actor: who.actor,
          ...(body.rationale === undefined ? {} : { rationale: body.rationale }),
        });
        return c.json(detail, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/search',
        tags: ['search'],
        summary: 'Full-text search over sources and attributions with snippets and highlight ranges (redacted without clearance)',
        request: {
          params: CaseParams,
          query: PageQuery.extend({
            q: z.string().min(1).max(500),
            kind: z.enum(['source', 'attribution']).optional(),
          }),
        },
        responses: page('SearchPage'),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const q = c.req.valid('query');
        const access = c.get('caseAccess');
        // An uncleared caller cannot probe for protected names: such a query finds nothing.
        if (access !== undefined && !access.cleared && !isEmptyPolicy(access.policy) && queryTouchesProtected(q.q, access.policy)) {
          return c.json({ items: [], nextCursor: null }, 200);
        }
        const result = await search(db, deps.store.dialect, {
          caseIds: [caseId],
          query: q.q,
          ...(q.kind === undefined ? {} : { kinds: [q.kind] }),
          limit: q.limit,
          cursor: q.cursor ?? null,
        });
        return c.json(result, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/custody',
        tags: ['custody'],
        summary: "The case's custody log entries in order (cursor-paginated)",
        request: { params: CaseParams, query: PageQuery },
        responses: page('CustodyPage'),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const q = c.req.valid('query');
        const after = decodeCursor(q.cursor);
        const entries = await listCustody(db, {
          caseId,
          limit: q.limit + 1,
          ...(after === undefined ? {} : { afterSeq: Number(after.seq) }),
        });
        const items = entries.slice(0, q.limit);
        const last = items.at(-1);
        return c.json({ items, nextCursor: entries.length > q.limit && last !== undefined ? encodeCursor({ seq: last.seq }) : null }, 200);
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/custody/{seq}/proof',
        tags: ['custody'],
        summary: 'Inclusion proof of one custody entry of the case against the latest signed checkpoint',
        request: {
          params: CaseParams.extend({ seq: z.coerce.number().int().min(0).openapi({ param: { name: 'seq', in: 'path' } }) }),
        },
        responses: ok('InclusionProof'),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId, seq } = c.req.valid('param');
        const entry = (await listCustody(db, { caseId, afterSeq: seq - 1, limit: 1 }))[0];
        if (entry === undefined || entry.seq !== seq) throw new CorroborateError('not_found', `custody entry ${seq} not found in case ${caseId}`);
        return c.json(await inclusionProofFor(deps.store, seq, deps.keyDir), 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/custody/verify',
        tags: ['custody'],
        summary: 'Verify the whole store now (originals, texts, log, checkpoint signatures); problem details for administrators',
        request: { params: CaseParams },
        responses: ok('VerifyReport'),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const report = await verifyStore(deps.store, deps.keyDir);
        const admin = c.get('principal')?.user.admin === true;
        // Problems may name other cases' sources: only administrators see them in detail.
        return c.json({ ...report, problems: admin ? report.problems : [], problemCount: report.problems.length }, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/custody/checkpoints/latest',
        tags: ['custody'],
        summary: 'The latest signed checkpoint of the custody log, or null before the first one is signed',
        description: 'Answers 200 with a JSON null while no checkpoint exists, so a client asking early sees no error.',
        responses: {
          200: {
            description: 'The latest checkpoint, or null',
            content: { 'application/json': { schema: Loose('Checkpoint').nullable() } },
          },
          ...errorResponses,
        },
      }),
      { kind: 'user' },
      async (c) => {
        const latest = await latestCheckpoint(db);
        return c.json(latest ?? null, 200);
      },
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/custody/checkpoints',
        tags: ['custody'],
        summary: 'Sign a new checkpoint over the whole log (administrators)',
        responses: ok('Checkpoint'),
      }),
      { kind: 'admin' },
      async (c) => c.json(await createCheckpoint(deps.store, deps.keyDir), 200) as never,
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/exports/{format}',
        tags: ['exports'],
        summary: `Export the case (${EXPORT_FORMATS.join(', ')}); protected material is redacted before rendering without clearance`,
        request: {
          params: CaseParams.extend({ format: z.enum(['json', 'csv', 'geojson', 'dossier', 'dossier-md']).openapi({ param: { name: 'format', in: 'path' } }) }),
          query: z.object({ includeText: z.enum(['true', 'false']).optional() }),
        },
        responses: { 200: { description: 'The export, as a download' }, ...errorResponses },
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId, format } = c.req.valid('param');
        const { includeText } = c.req.valid('query');
        const access = c.get('caseAccess');
        const hide = access !== undefined && !access.cleared && !isEmptyPolicy(access.policy);
        const result = await exportCase(deps.store, {
          caseRef: caseId,
          format,
          keyDir: deps.keyDir,
          includeText: includeText === 'true',
          ...(hide ? { transform: (bundle: CaseBundle) => redactJson(bundle, access.policy).value as CaseBundle } : {}),
        });
        return c.body(result.body, 200, {
          'content-type': EXPORT_TYPES[format],
          'content-disposition': `attachment; filename="${caseId}.${result.extension}"`,
        });
      },
    ),
  ];
}
