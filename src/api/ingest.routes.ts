import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import { type CaptureOutcome, type CaptureTarget, captureTarget, readerFor } from '../capture/index.ts';
import { CorroborateError, errorMessage, type ItemResult } from '../errors.ts';
import { processSources } from '../pipeline/index.ts';
import { captureSource } from '../store/sources.ts';
import { CaseParams, errorResponses } from './common.schema.ts';
import type { ApiDeps } from './deps.ts';
import { caller } from './guards.ts';
import { type ApiRoute, defineRoute } from './route.ts';

const tags = ['ingest'];

/** Most files per upload request. */
export const MAX_FILES = 50;

const ItemResultSchema = z
  .object({
    id: z.string(),
    status: z.enum(['ok', 'error', 'skipped']),
    error: z.string().optional(),
    value: z
      .object({ sourceId: z.string(), duplicate: z.boolean(), extraction: z.enum(['ok', 'error', 'skipped']) })
      .optional(),
  })
  .openapi('IngestItemResult');

const IngestResponse = z.object({ items: z.array(ItemResultSchema) }).openapi('IngestResult');

const UrlBody = z
  .object({ urls: z.array(z.url({ protocol: /^https?$/ })).min(1).max(20) })
  .openapi('IngestUrls');

const TextBody = z
  .object({
    text: z.string().min(1).max(5_000_000),
    title: z.string().max(500).optional(),
    outlet: z.string().max(200).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    published: z.string().max(40).optional(),
    format: z.enum(['text', 'markdown', 'html']).default('text'),
  })
  .openapi('IngestText');

type IngestValue = { sourceId: string; duplicate: boolean; extraction: 'ok' | 'error' | 'skipped' };

/** Stores captured outcomes, then runs the pipeline on the new sources; one result per item. */
async function storeOutcomes(
  deps: ApiDeps,
  caseId: string,
  actor: string,
  outcomes: readonly CaptureOutcome[],
): Promise<ItemResult<IngestValue>[]> {
  const results: ItemResult<IngestValue>[] = [];
  const stored: { index: number; sourceId: string; duplicate: boolean }[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind === 'failed') {
      results.push({ id: outcome.id, status: 'error', error: outcome.error });
    } else if (outcome.kind === 'skipped') {
      results.push({ id: outcome.id, status: 'skipped', error: outcome.reason });
    } else {
      try {
        const r = await captureSource(deps.store, outcome.item, { caseId, actor });
        stored.push({ index: results.length, sourceId: r.sourceId, duplicate: r.duplicate });
        results.push({ id: outcome.id, status: 'ok', value: { sourceId: r.sourceId, duplicate: r.duplicate, extraction: 'skipped' } });
      } catch (error) {
        results.push({ id: outcome.id, status: 'error', error: `${outcome.id}: ${errorMessage(error)}` });
      }
    }
  }
  if (stored.length > 0) {
    const processed = await processSources(
      deps.store,
      stored.map((s) => s.sourceId),
      { actor },
    );
    stored.forEach((s, i) => {
      const p = processed[i];
      const previous = results[s.index];
      if (previous?.value !== undefined && p !== undefined) {
        results[s.index] = {
          ...previous,
          value: { ...previous.value, extraction: p.status },
          ...(p.status === 'error' ? { error: p.error } : {}),
        };
      }
    });
  }
  return results;
}

/** Captures in-memory bytes through the capture readers by writing them to a private temporary folder. */
async function captureBytes(
  deps: ApiDeps,
  files: readonly { readonly name: string; readonly bytes: Uint8Array }[],
  overrides?: Record<string, string>,
): Promise<CaptureOutcome[]> {
  const dir = await mkdtemp(join(tmpdir(), 'corroborate-upload-'));
  try {
    const outcomes: CaptureOutcome[] = [];
    for (const [i, file] of files.entries()) {
      const safe = file.name.replace(/[^\w.-]+/g, '_').slice(-120) || `upload-${i}`;
      const reader = readerFor(safe);
      if (reader === null) {
        outcomes.push({
          kind: 'failed',
          id: file.name,
          error: `${file.name}: unsupported type (use .txt, .md, .html, .pdf or .jsonl)`,
          code: 'unsupported_type',
        });
        continue;
      }
      if (file.bytes.byteLength > deps.config.maxUploadBytes) {
        outcomes.push({ kind: 'failed', id: file.name, error: `${file.name}: larger than the upload limit`, code: 'too_large' });
        continue;
      }
      const path = join(dir, `${i}-${safe}`);
      await writeFile(path, file.bytes, { mode: 0o600 });
      const target: CaptureTarget = { kind: 'file', id: file.name, path, reader };
      outcomes.push(
        ...(await captureTarget(target, {
          maxBytes: deps.config.maxUploadBytes,
          ...(overrides === undefined ? {} : { overrides }),
        })),
      );
    }
    return outcomes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Ingest: file uploads (multipart), URL submission (SSRF-guarded) and pasted text; extraction runs after. */
export function ingestRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/cases/{caseId}/ingest/files',
        tags,
        summary: `Upload files (multipart field \`files\`, up to ${MAX_FILES}; .txt .md .html .pdf .jsonl) and extract them`,
        request: {
          params: CaseParams,
          body: {
            content: {
              'multipart/form-data': {
                schema: z.object({ files: z.any().openapi({ type: 'array', items: { type: 'string', format: 'binary' } }) }),
              },
            },
            required: true,
          },
        },
        responses: { 200: { description: 'One result per item', content: { 'application/json': { schema: IngestResponse } } }, ...errorResponses },
      }),
      { kind: 'case', role: 'analyst' },
      async (c) => {
        const { caseId } = c.req.param();
        const who = caller(c.get('principal'), c.get('caseAccess'));
        if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
          throw new CorroborateError('unsupported_type', 'upload: send multipart/form-data with one or more `files` fields');
        }
        const form = await c.req.parseBody({ all: true });
        const raw = form.files ?? form.file;
        const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((f): f is File => f instanceof File);
        if (list.length === 0) throw new CorroborateError('empty_input', 'upload: no files in the `files` field');
        if (list.length > MAX_FILES) throw new CorroborateError('too_large', `upload: at most ${MAX_FILES} files per request`);
        const files = await Promise.all(list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
        const outcomes = await captureBytes(deps, files);
        return c.json({ items: await storeOutcomes(deps, caseId ?? '', who.actor, outcomes) }, 200);
      },
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/cases/{caseId}/ingest/urls',
        tags,
        summary: 'Capture public http(s) URLs (private, loopback and link-local addresses refused) and extract them',
        request: { params: CaseParams, body: { content: { 'application/json': { schema: UrlBody } }, required: true } },
        responses: { 200: { description: 'One result per URL', content: { 'application/json': { schema: IngestResponse } } }, ...errorResponses },
      }),
      { kind: 'case', role: 'analyst' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const { urls } = c.req.valid('json');
        const who = caller(c.get('principal'), c.get('caseAccess'));
        const outcomes: CaptureOutcome[] = [];
        for (const url of urls) {
          outcomes.push(...(await captureTarget({ kind: 'url', id: url, url }, { maxBytes: deps.config.maxUploadBytes })));
        }
        return c.json({ items: await storeOutcomes(deps, caseId, who.actor, outcomes) }, 200);
      },
    ),
    defineRoute(
      createRoute({
        method: 'post',
        path: '/api/cases/{caseId}/ingest/text',
        tags,
        summary: 'Ingest pasted text (plain, Markdown or HTML) with optional metadata and extract it',
        request: { params: CaseParams, body: { content: { 'application/json': { schema: TextBody } }, required: true } },
        responses: { 200: { description: 'One result', content: { 'application/json': { schema: IngestResponse } } }, ...errorResponses },
      }),
      { kind: 'case', role: 'analyst' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const body = c.req.valid('json');
        const who = caller(c.get('principal'), c.get('caseAccess'));
        const ext = body.format === 'html' ? 'html' : body.format === 'markdown' ? 'md' : 'txt';
        const overrides: Record<string, string> = {};
        if (body.title !== undefined) overrides.title = body.title;
        if (body.outlet !== undefined) overrides.outlet = body.outlet;
        if (body.url !== undefined) overrides.url = body.url;
        if (body.published !== undefined) overrides.published = body.published;
        const outcomes = await captureBytes(deps, [{ name: `pasted.${ext}`, bytes: new TextEncoder().encode(body.text) }], overrides);
        return c.json({ items: await storeOutcomes(deps, caseId, who.actor, outcomes) }, 200);
      },
    ),
  ];
}
