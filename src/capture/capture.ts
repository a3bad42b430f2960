import { readFileSync, statSync } from 'node:fs';
import { CorroborateError, errorMessage } from '../errors.ts';
import { charsetOf } from './decode.ts';
import { fetchPublicUrl, type Resolver } from './fetch.ts';
import { parseHtml } from './html.ts';
import type { CaptureTarget } from './inputs.ts';
import { sidecarPath } from './inputs.ts';
import { buildItem, type ParsedDocument } from './item.ts';
import { parseJsonl } from './jsonl.ts';
import { metadataFromRecord } from './metadata.ts';
import { parsePdf } from './pdf.ts';
import { parseText } from './text.ts';
import type { CaptureOutcome, MetadataOverrides } from './types.ts';

/** Limits and policy for capturing one target. */
export interface CaptureOptions {
  /** Largest original accepted, in bytes (config.maxBytes). */
  readonly maxBytes: number;
  /** Metadata given on the command line; wins over sidecars, feed records and the document itself. */
  readonly overrides?: MetadataOverrides;
  /** Allow URLs on loopback/private/link-local addresses. */
  readonly allowPrivate?: boolean;
  /** Specific non-public addresses allowed for URL capture. */
  readonly allowAddresses?: readonly string[];
  /** URL fetch deadline in milliseconds (default 20 s). */
  readonly timeoutMs?: number;
  /** DNS resolver for URL capture (default: the system's). */
  readonly resolve?: Resolver;
}

/**
 * Captures one target (see `planTargets`): reads the file or fetches the URL, parses it with the
 * reader for its type, applies sidecar metadata and flags, and returns one outcome per document
 * (several for a JSONL feed). Never throws for bad input: each problem is a `failed` outcome with a
 * one-line message naming the item and the reason.
 */
export async function captureTarget(target: CaptureTarget, options: CaptureOptions): Promise<CaptureOutcome[]> {
  try {
    switch (target.kind) {
      case 'invalid':
        return [{ kind: 'failed', id: target.id, error: target.error, code: target.code }];
      case 'url':
        return [await captureUrl(target.url, options)];
      case 'file':
        return await captureFile(target, options);
    }
  } catch (error) {
    return [failure(target.id, error)];
  }
}

function failure(id: string, error: unknown): CaptureOutcome {
  const message = errorMessage(error);
  return {
    kind: 'failed',
    id,
    error: message.startsWith(id) ? message : `${id}: ${message}`,
    code: error instanceof CorroborateError ? error.code : 'internal',
  };
}

async function captureFile(
  target: Extract<CaptureTarget, { kind: 'file' }>,
  options: CaptureOptions,
): Promise<CaptureOutcome[]> {
  const { id, path, reader } = target;
  // Synchronous reads: ingest reads one small file after another, and the thread-pool round trips of
  // the async API cost more than the reads themselves (see bench/ingest.ts).
  const info = statSync(path);
  if (info.size > options.maxBytes) {
    throw new CorroborateError('too_large', `${id}: ${info.size} bytes exceeds the ${options.maxBytes}-byte limit`);
  }
  const bytes = new Uint8Array(readFileSync(path));
  const sidecar = target.sidecar === false ? undefined : readSidecar(path, id);
  if (reader === 'jsonl') {
    return parseJsonl(bytes, id, { ...(sidecar ? { below: sidecar } : {}), ...(options.overrides ? { above: options.overrides } : {}) });
  }
  const parsed = await parseByReader(reader, bytes, id, null, undefined);
  const item = buildItem({
    origin: id,
    method: 'file',
    original: bytes,
    mediaType: MEDIA_TYPES[reader],
    parsed,
    overrides: [sidecar, options.overrides],
  });
  return [{ kind: 'captured', id, item }];
}

const MEDIA_TYPES = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
} as const;

function parseByReader(
  reader: keyof typeof MEDIA_TYPES,
  bytes: Uint8Array,
  id: string,
  charset: string | null,
  baseUrl: string | undefined,
): Promise<ParsedDocument> | ParsedDocument {
  switch (reader) {
    case 'text':
      return parseText(bytes, id, { charset });
    case 'markdown':
      return parseText(bytes, id, { markdown: true, charset });
    case 'html':
      return parseHtml(bytes, id, { charset, ...(baseUrl === undefined ? {} : { baseUrl }) });
    case 'pdf':
      return parsePdf(bytes, id);
  }
}

/** Reads NAME.json next to a document, if there is one; a malformed sidecar fails the item. */
function readSidecar(path: string, id: string): MetadataOverrides | undefined {
  const sidecar = sidecarPath(path);
  let raw: string;
  try {
    raw = readFileSync(sidecar, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new CorroborateError('invalid_input', `${id}: sidecar ${sidecar} is not valid JSON (${errorMessage(error)})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CorroborateError('invalid_input', `${id}: sidecar ${sidecar} must hold a JSON object`);
  }
  return metadataFromRecord(parsed as Record<string, unknown>, `${id} (sidecar)`, ['file']);
}

async function captureUrl(url: string, options: CaptureOptions): Promise<CaptureOutcome> {
  const fetched = await fetchPublicUrl(url, {
    maxBytes: options.maxBytes,
    ...(options.allowPrivate === undefined ? {} : { allowPrivate: options.allowPrivate }),
    ...(options.allowAddresses === undefined ? {} : { allowAddresses: options.allowAddresses }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.resolve === undefined ? {} : { resolve: options.resolve }),
  });
  const reader =
    fetched.mediaType === 'application/pdf'
      ? 'pdf'
      : fetched.mediaType === 'text/plain'
        ? 'text'
        : fetched.mediaType === 'text/markdown'
          ? 'markdown'
          : 'html';
  if (fetched.bytes.length === 0) throw new CorroborateError('empty_input', `${url}: empty response body`);
  const parsed = await parseByReader(reader, fetched.bytes, url, charsetOf(fetched.contentType), fetched.finalUrl);
  const item = buildItem({
    origin: url,
    method: 'url',
    original: fetched.bytes,
    mediaType: fetched.mediaType,
    parsed: {
      ...parsed,
      extra: {
        ...parsed.extra,
        finalUrl: fetched.finalUrl,
        httpStatus: fetched.status,
        contentType: fetched.contentType,
        address: fetched.address,
        fetchedAt: fetched.fetchedAt,
      },
    },
    overrides: [{ url: fetched.finalUrl }, options.overrides],
    redirects: fetched.redirects,
  });
  return { kind: 'captured', id: url, item };
}
