import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import { type CaptureOutcome, type CaptureTarget, captureTarget, readerFor } from '../capture/index.ts';
import type { CapturedItem } from '../capture/types.ts';
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

/** One multipart part: a file, or a plain field value (ignored). */
const FormPart = z.union([z.instanceof(File), z.string()]);

/** Repeated parts arrive as an array, a single one as itself. */
const FormParts = z.union([FormPart, z.array(FormPart)]).optional();

const FilesBody = z
  .object({
    files: FormParts.openapi({
      type: 'array',
      items: { type: 'string', format: 'binary' },
      description: `Up to ${MAX_FILES} documents (repeat the field), each with an optional NAME.json sidecar`,
    }),
    file: FormParts.openapi({ type: 'string', format: 'binary', description: 'One document (older clients)' }),
  })
  .openapi('IngestFiles');

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

/** Longest title taken from a file name or a first line. */
const TITLE_MAX = 120;

/** A file name as a title: no folder, no extension, separators as spaces ("kestrava_council-report.txt" → "kestrava council report"). */
export function titleFromFileName(name: string): string | null {
  const base = name.split(/[\\/]/u).pop() ?? '';
  const stem = base.slice(0, base.length - extname(base).length) || base;
  const words = stem.replace(/[_\s]+|(?<!\d)-+|-+(?!\d)/gu, ' ').replace(/\s+/gu, ' ').trim();
  if (words === '' || /^(pasted|upload-\d+)$/u.test(words)) return null;
  return words.length <= TITLE_MAX ? words : `${words.slice(0, TITLE_MAX - 1).trimEnd()}…`;
}

/**
 * The first line of a text as a title when it reads like one: short, and not a sentence of the body
 * (no closing full stop, or clearly shorter than a paragraph). With `clip`, any first line serves, cut at a
 * word boundary.
 */
export function titleFromFirstLine(text: string, clip = false): string | null {
  const line = text
    .split('\n')
    .map((l) => l.replace(/^#+\s*/u, '').replace(/\s+/gu, ' ').trim())
    .find((l) => l !== '');
  if (line === undefined) return null;
  // A heading: short, not ending like a sentence, at least two words with letters, not a byline, with a body after it.
  const headingLike =
    line.length <= 100 &&
    !/[.;,:]$/u.test(line) &&
    (line.match(/\p{L}{2,}/gu) ?? []).length >= 2 &&
    !/^by\s/iu.test(line) &&
    text.trim().length > line.length;
  if (headingLike) return line;
  if (!clip) return null;
  if (line.length <= TITLE_MAX) return line;
  const cut = line.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The title of a captured item without one (no explicit title, sidecar title or document title such as
 * HTML <title>, a PDF's Title or a Markdown heading): a heading-like first line, else the uploaded file's
 * name, else (pasted text) the start of its first line.
 */
export function withTitle(item: CapturedItem, fileName: string | null): CapturedItem {
  if (item.title !== null && item.title.trim() !== '') return item;
  const title =
    titleFromFirstLine(item.text) ?? (fileName === null ? null : titleFromFileName(fileName)) ?? titleFromFirstLine(item.text, true);
  return title === null ? item : { ...item, title };
}

/** Captures in-memory bytes through the capture readers by writing them to a private temporary folder. */
async function captureBytes(
  deps: ApiDeps,
  files: readonly { readonly name: string; readonly bytes: Uint8Array }[],
  overrides?: Record<string, string>,
  options: { readonly named?: boolean } = {},
): Promise<CaptureOutcome[]> {
  const dir = await mkdtemp(join(tmpdir(), 'corroborate-upload-'));
  const stemOf = (name: string): string => {
    const base = name.split(/[\\/]/u).pop() ?? name;
    return base.slice(0, base.length - extname(base).length);
  };
  // NAME.json uploaded with NAME.txt (or .md, .html, .pdf) is that document's sidecar metadata, as on the command line.
  const documents = new Set(files.filter((f) => readerFor(f.name) !== null).map((f) => stemOf(f.name)));
  const sidecars = new Map(
    files.filter((f) => extname(f.name).toLowerCase() === '.json' && documents.has(stemOf(f.name))).map((f) => [stemOf(f.name), f]),
  );
  try {
    const outcomes: CaptureOutcome[] = [];
    for (const [i, file] of files.entries()) {
      if (extname(file.name).toLowerCase() === '.json' && sidecars.get(stemOf(file.name)) === file) continue;
      const safe = file.name.replace(/[^\w.-]+/g, '_').slice(-120) || `upload-${i}`;
      const reader = readerFor(safe);
      if (reader === null) {
        outcomes.push({
          kind: 'failed',
          id: file.name,
          error: `${file.name}: unsupported type (use .txt, .md, .html, .pdf or .jsonl, with an optional NAME.json sidecar)`,
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
      const sidecar = sidecars.get(stemOf(file.name));
      if (sidecar !== undefined) {
        await writeFile(join(dir, `${i}-${safe.slice(0, safe.length - extname(safe).length)}.json`), sidecar.bytes, { mode: 0o600 });
      }
      const target: CaptureTarget = { kind: 'file', id: file.name, path, reader, sidecar: sidecar !== undefined };
      const captured = await captureTarget(target, {
        maxBytes: deps.config.maxUploadBytes,
        ...(overrides === undefined ? {} : { overrides }),
      });
      const fileName = options.named === false ? null : file.name;
      outcomes.push(...captured.map((o) => (o.kind === 'captured' ? { ...o, item: withTitle(o.item, fileName) } : o)));
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
        summary: `Upload files (multipart field \`files\`, up to ${MAX_FILES}; .txt .md .html .pdf .jsonl, each with an optional NAME.json sidecar) and extract them`,
        description:
          'A document without a title of its own (HTML <title>, PDF Title, Markdown heading) or in its sidecar is titled by a ' +
          'heading-like first line, else by its file name.',
        request: { params: CaseParams, body: { content: { 'multipart/form-data': { schema: FilesBody } }, required: true } },
        responses: { 200: { description: 'One result per item', content: { 'application/json': { schema: IngestResponse } } }, ...errorResponses },
      }),
      { kind: 'case', role: 'analyst' },
      async (c) => {
        const { caseId } = c.req.valid('param');
        const who = caller(c.get('principal'), c.get('caseAccess'));
        if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
          throw new CorroborateError('unsupported_type', 'upload: send multipart/form-data with one or more `files` fields');
        }
        const form = c.req.valid('form');
        const raw = form.files ?? form.file;
        const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((f): f is File => f instanceof File);
        if (list.length === 0) throw new CorroborateError('empty_input', 'upload: no files in the `files` field');
        if (list.length > MAX_FILES) throw new CorroborateError('too_large', `upload: at most ${MAX_FILES} files per request`);
        const files = await Promise.all(list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
        const outcomes = await captureBytes(deps, files);
        return c.json({ items: await storeOutcomes(deps, caseId, who.actor, outcomes) }, 200);
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
        const outcomes = await captureBytes(deps, [{ name: `pasted.${ext}`, bytes: new TextEncoder().encode(body.text) }], overrides, { named: false });
        return c.json({ items: await storeOutcomes(deps, caseId, who.actor, outcomes) }, 200);
      },
    ),
  ];
}
