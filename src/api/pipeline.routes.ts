import { createRoute, z } from '@hono/zod-openapi';
import { normaliseText } from '../capture/index.ts';
import { CorroborateError } from '../errors.ts';
import { extract } from '../extract/index.ts';
import { processSources } from '../pipeline/index.ts';
import { listSources } from '../store/sources.ts';
import { CaseParams, jsonBody, okJson } from './common.schema.ts';
import type { ApiDeps } from './deps.ts';
import { caller } from './guards.ts';
import { ExtractionSchema, ReextractResultSchema } from './extraction.schema.ts';
import { type ApiRoute, defineRoute } from './route.ts';

/** Most characters the stateless extract endpoint accepts (it runs on the request thread). */
export const MAX_EXTRACT_CHARS = 1_000_000;

const ExtractBody = z
  .object({
    text: z.string().min(1).max(MAX_EXTRACT_CHARS),
    published: z.iso.date().nullable().default(null),
    language: z.string().min(2).max(8).optional(),
    region: z.string().min(2).max(8).nullable().default(null),
  })
  .openapi('ExtractRequest');

const ReextractBody = z
  .object({
    sourceIds: z.array(z.string().min(1)).max(10_000).optional(),
    force: z.boolean().default(false),
  })
  .openapi('ReextractRequest');

/** The extractor without storage (`corroborate extract`), and re-extraction of a case (`corroborate reextract`). */
export function pipelineRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/extract',
        tags: ['extract'],
        summary: 'Run the extractor over a text and return the extraction output contract; nothing is stored',
        request: { body: jsonBody(ExtractBody) },
        responses: okJson('Extraction', ExtractionSchema),
      }),
      { kind: 'user' },
      (c) => {
        const body = c.req.valid('json');
        const text = normaliseText(body.text);
        if (text.trim() === '') throw new CorroborateError('empty_input', 'extract: the text is empty');
        const result = extract(text, {
          published: body.published,
          ...(body.language === undefined ? {} : { language: body.language }),
          caseRegion: body.region,
        });
        return c.json(result, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/cases/{caseId}/reextract',
        tags: ['extract'],
        summary: 'Re-run extraction (and allegation attachment) over some or all sources of a case (analyst)',
        request: { params: CaseParams, body: jsonBody(ReextractBody) },
        responses: okJson('One result per source', ReextractResultSchema),
      }),
      { kind: 'case', role: 'analyst' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const body = c.req.valid('json');
        const who = caller(c.get('principal'), c.get('caseAccess'));
        let ids = body.sourceIds;
        if (ids === undefined) {
          const all: string[] = [];
          let cursor: string | null = null;
          do {
            const page = await listSources(deps.store.db, { caseId, cursor, limit: 500 });
            all.push(...page.items.map((s) => s.id));
            cursor = page.nextCursor;
          } while (cursor !== null);
          ids = all;
        } else {
          const owned = await deps.store.db.selectFrom('sources').select('id').where('case_id', '=', caseId).where('id', 'in', ids.length > 0 ? ids : ['']).execute();
          const mine = new Set(owned.map((r) => r.id));
          const foreign = ids.filter((id) => !mine.has(id));
          if (foreign.length > 0) throw new CorroborateError('not_found', `source ${foreign[0] ?? ''} not found in case ${caseId}`);
        }
        const items = await processSources(deps.store, ids, { actor: who.actor, force: body.force });
        return c.json({ items }, 200) as never;
      },
    ),
  ];
}
