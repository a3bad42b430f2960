import { createRoute, z } from '@hono/zod-openapi';
import { decodeText } from '../capture/index.ts';
import { CorroborateError } from '../errors.ts';
import { allegationOfAttributions } from '../store/allegations.ts';
import { loadExtraction } from '../store/extractions.ts';
import { getOriginal, getSource, listCaptures, listSources } from '../store/sources.ts';
import { CaseParams, PageQuery, errorResponses, okJson, pageOf } from './common.schema.ts';
import type { CaseAccess } from './context.ts';
import type { ApiDeps } from './deps.ts';
import { inCase } from './guards.ts';
import { isEmptyPolicy, maskRanges, redactText } from './redaction.ts';
import { SourceExtractionSchema } from './extraction.schema.ts';
import { SourceParams, SourceSchema, SourceSummarySchema } from './resource.schema.ts';
import { type ApiRoute, defineRoute } from './route.ts';
import { renderPdfPages } from './pdf-pages.ts';
import { type CapturedPageBody, capturedPageDocument, sanitizeCapturedHtml } from './sanitize.ts';
import { CAPTURED_PAGE_POLICY } from './security.ts';

const tags = ['sources'];

const SourcePage = pageOf(SourceSummarySchema, 'SourcePage');

/** The protections a source's material falls under (whole source, spans, or terms in its text). */
function protectionsOf(access: CaseAccess | undefined, sourceId: string, text: string): string[] {
  if (access === undefined || isEmptyPolicy(access.policy)) return [];
  const { policy } = access;
  const ids = new Set(redactText(text, policy).hits);
  const whole = policy.sources.get(sourceId);
  if (whole !== undefined) ids.add(whole);
  for (const span of policy.spans.get(sourceId) ?? []) ids.add(span.id);
  return [...ids].sort();
}

/** True when the source holds protected material the caller may not see. */
function touchesProtection(access: CaseAccess | undefined, sourceId: string, text: string): boolean {
  return access !== undefined && !access.cleared && protectionsOf(access, sourceId, text).length > 0;
}

/** Sources: listing, one source with text and captures, original bytes, sanitised view, extraction. */
export function sourceRoutes(deps: ApiDeps): ApiRoute[] {
  const db = deps.store.db;
  return [
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/sources',
        tags,
        summary: 'Sources of a case in capture order, with extraction state (cursor-paginated)',
        request: { params: CaseParams, query: PageQuery },
        responses: okJson('Sources', SourcePage),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const { cursor, limit } = c.req.valid('query');
        const page = await listSources(db, { caseId, cursor, limit });
        const ids = page.items.map((s) => s.id);
        const extracted = new Set(
          ids.length === 0
            ? []
            : (
                await db
                  .selectFrom('extraction_runs')
                  .select('source_id')
                  .where('source_id', 'in', ids)
                  .where('current', '=', 1)
                  .execute()
              ).map((r) => r.source_id),
        );
        const items = page.items.map((s) => ({
          ...s,
          extractionState: extracted.has(s.id) ? ('extracted' as const) : ('pending' as const),
        }));
        return c.json({ items, nextCursor: page.nextCursor }, 200);
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/sources/{sourceId}',
        tags,
        summary:
          'One source: metadata, normalised text (protected spans masked for callers without clearance) and captures',
        request: { params: SourceParams },
        responses: okJson('Source', SourceSchema),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId, sourceId } = c.req.valid('param');
        const source = inCase(await getSource(db, sourceId), caseId, `source ${sourceId}`);
        const captures = await listCaptures(db, sourceId);
        return c.json({ ...source, captures: captures.map((k) => ({ ...k })) }, 200) as never;
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/sources/{sourceId}/original',
        tags,
        summary: 'The original bytes as captured, as a download, with their SHA-256 in X-Content-SHA256',
        request: { params: SourceParams },
        responses: {
          200: { description: 'Original bytes (application/octet-stream, attachment)' },
          ...errorResponses,
        },
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId, sourceId } = c.req.valid('param');
        const source = inCase(await getSource(db, sourceId), caseId, `source ${sourceId}`);
        if (touchesProtection(c.get('caseAccess'), sourceId, source.text)) {
          throw new CorroborateError(
            'forbidden',
            `source ${sourceId}: contains protected material; clearance required for the original`,
          );
        }
        const original = await getOriginal(db, source.sha256);
        if (original === undefined)
          throw new CorroborateError('not_found', `original ${source.sha256} not found`);
        const access = c.get('caseAccess');
        const principal = c.get('principal');
        const touched = protectionsOf(access, sourceId, source.text);
        if (touched.length > 0 && principal !== undefined) {
          // The finalizer cannot read bytes: a cleared caller's read of a protected original is logged here.
          await deps.custody({
            actor: `user:${principal.user.name}`,
            action: 'protected.read',
            objectType: 'source',
            objectId: sourceId,
            caseId,
            payload: { route: 'GET original', protections: touched, requestId: c.get('requestId') },
          });
        }
        c.set('binaryChecked', true);
        // Never rendered by the browser: a download with a neutral type, whatever was captured.
        return c.body(new Uint8Array(original.bytes), 200, {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename="${source.sha256}"`,
          'x-content-sha256': original.sha256,
          'x-original-media-type': original.mediaType.replace(/[^\w./+;= -]/g, ''),
          'content-security-policy': "default-src 'none'; sandbox",
        });
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/sources/{sourceId}/view',
        tags,
        summary:
          'The captured page sanitised (HTML sources), the first pages of a PDF as images, or the text, as an inert sandboxed HTML document',
        request: { params: SourceParams },
        responses: { 200: { description: 'Sanitised HTML document' }, ...errorResponses },
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId, sourceId } = c.req.valid('param');
        const source = inCase(await getSource(db, sourceId), caseId, `source ${sourceId}`);
        const access = c.get('caseAccess');
        let body: CapturedPageBody = { text: source.text };
        if (touchesProtection(access, sourceId, source.text) && access !== undefined) {
          body = { text: maskRanges(source.text, access.policy.spans.get(sourceId) ?? []) };
        } else if (/html/i.test(source.mediaType)) {
          const original = await getOriginal(db, source.sha256);
          if (original !== undefined)
            body = { html: sanitizeCapturedHtml(decodeText(original.bytes, sourceId)) };
        } else if (/pdf/i.test(source.mediaType)) {
          // The pages as images; the extracted text when poppler cannot render them.
          const original = await getOriginal(db, source.sha256);
          const pdf = original === undefined ? null : await renderPdfPages(source.sha256, original.bytes);
          if (pdf !== null) body = { pdf };
        }
        c.header('content-security-policy', CAPTURED_PAGE_POLICY);
        c.header('x-frame-options', 'SAMEORIGIN');
        return c.html(capturedPageDocument(source.title ?? sourceId, body));
      },
    ),
    defineRoute(
      createRoute({
        method: 'get',
        path: '/api/cases/{caseId}/sources/{sourceId}/extraction',
        tags,
        summary:
          'The current extraction (output contract); `view=original` for the unreviewed extractor output',
        request: {
          params: SourceParams,
          query: z.object({ view: z.enum(['reviewed', 'original']).default('reviewed') }),
        },
        responses: okJson('Extraction', SourceExtractionSchema),
      }),
      { kind: 'case', role: 'viewer' },
      async (c) => {
        const { caseId, sourceId } = c.req.valid('param');
        const { view } = c.req.valid('query');
        const source = inCase(await getSource(db, sourceId), caseId, `source ${sourceId}`);
        const extraction = await loadExtraction(db, sourceId, { view });
        if (extraction === null)
          throw new CorroborateError('not_found', `source ${sourceId}: not extracted yet`);
        const allegationOf = await allegationOfAttributions(db, sourceId);
        const attributions = extraction.attributions.map((a) => ({
          ...a,
          allegation: allegationOf.get(a.id) ?? null,
        }));
        // The document object carries the source id so redaction can recognise a protected source's text.
        return c.json(
          {
            ...extraction,
            attributions,
            sourceId: source.id,
            document: { ...extraction.document, id: source.id },
          },
          200,
        ) as never;
      },
    ),
  ];
}
