import { CorroborateError, errorMessage } from '../errors.ts';
import { decodeText, looksBinary } from './decode.ts';
import { parseHtml } from './html.ts';
import { buildItem } from './item.ts';
import { metadataFromRecord } from './metadata.ts';
import type { CaptureOutcome, MetadataOverrides } from './types.ts';

/**
 * Reads a JSONL feed: one JSON object per line with `text` or `html` plus metadata fields (title,
 * outlet, byline/author, url, published, kind, language; anything else is kept as metadata). Each
 * record is its own item, id `PATH#Lnn`, whose original is the record's line exactly as it was in
 * the feed. A bad line is one failed item; the other lines go on. Blank lines are ignored.
 *
 * @param layers override layers applied after the record's own fields (flags); `below` before them (sidecar).
 */
export function parseJsonl(
  bytes: Uint8Array,
  label: string,
  layers: { readonly below?: MetadataOverrides; readonly above?: MetadataOverrides } = {},
): CaptureOutcome[] {
  if (bytes.length === 0) throw new CorroborateError('empty_input', `${label}: empty file`);
  if (looksBinary(bytes)) throw new CorroborateError('malformed', `${label}: binary content, not a JSONL feed`);
  const content = decodeText(bytes, label);
  const outcomes: CaptureOutcome[] = [];
  const lines = content.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const id = `${label}#L${index + 1}`;
    try {
      outcomes.push({ kind: 'captured', id, item: parseRecord(line, id, layers) });
    } catch (error) {
      outcomes.push({ kind: 'failed', id, error: errorMessage(error), code: isCode(error) });
    }
  });
  if (outcomes.length === 0) throw new CorroborateError('empty_input', `${label}: feed has no records`);
  return outcomes;
}

function isCode(error: unknown): string {
  return error instanceof CorroborateError ? error.code : 'internal';
}

function parseRecord(
  line: string,
  id: string,
  layers: { readonly below?: MetadataOverrides; readonly above?: MetadataOverrides },
) {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    throw new CorroborateError('malformed', `${id}: not valid JSON (${errorMessage(error)})`);
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new CorroborateError('malformed', `${id}: a feed record must be a JSON object`);
  }
  const fields = record as Record<string, unknown>;
  const own = metadataFromRecord(fields, id, ['text', 'html']);
  const original = new TextEncoder().encode(line);
  if (typeof fields.html === 'string' && fields.html.trim() !== '') {
    const parsed = parseHtml(new TextEncoder().encode(fields.html), id, {
      charset: 'utf-8',
      ...(own.url ? { baseUrl: own.url } : {}),
    });
    return buildItem({
      origin: id,
      method: 'feed',
      original,
      mediaType: 'application/json',
      parsed: { ...parsed, extra: { ...parsed.extra, feedBody: 'html' } },
      overrides: [layers.below, own, layers.above],
    });
  }
  if (typeof fields.text === 'string' && fields.text.trim() !== '') {
    return buildItem({
      origin: id,
      method: 'feed',
      original,
      mediaType: 'application/json',
      parsed: { text: fields.text, extra: { feedBody: 'text' } },
      overrides: [layers.below, own, layers.above],
    });
  }
  throw new CorroborateError('invalid_input', `${id}: record has no non-empty 'text' or 'html' field`);
}
