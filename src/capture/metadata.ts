import { CorroborateError } from '../errors.ts';
import { normaliseLanguageTag } from './language.ts';
import { SOURCE_KINDS, type DocumentMetadata, type MetadataOverrides, type SourceKind } from './types.ts';

/** Metadata with every field unknown. */
export const EMPTY_METADATA: DocumentMetadata = Object.freeze({
  title: null,
  outlet: null,
  byline: null,
  url: null,
  canonicalUrl: null,
  published: null,
  kind: null,
  language: null,
});

/**
 * Turns a date or timestamp as found in metadata ('2022-04-08', '2022-04-08T10:00:00-04:00',
 * 'Fri, 08 Apr 2022 14:00:00 GMT') into an ISO date, or null when it is not a date. A leading
 * YYYY-MM-DD is taken as written (the publisher's own calendar day), not shifted to UTC.
 */
export function normalisePublished(value: string): string | null {
  const trimmed = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(trimmed);
  if (iso !== null) {
    const [, y, m, d] = iso;
    const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${m}-${d}` ? null : `${y}-${m}-${d}`;
  }
  if (!/[a-z]{3}/i.test(trimmed) || !/\d{4}/.test(trimmed)) return null;
  const time = Date.parse(trimmed);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

/** True when `value` is one of the {@link SourceKind}s. */
export function isSourceKind(value: unknown): value is SourceKind {
  return typeof value === 'string' && (SOURCE_KINDS as readonly string[]).includes(value);
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
}

const KNOWN_FIELDS = new Set(['title', 'outlet', 'byline', 'author', 'url', 'canonical_url', 'canonicalUrl', 'published', 'kind', 'language']);

/**
 * Reads metadata fields from a sidecar file or feed record. Known fields (title, outlet, byline or
 * author, url, canonical_url, published, kind, language) are validated; everything else except the
 * names in `ignore` is kept under `extra`. Throws `invalid_input` naming the item and the bad field.
 */
export function metadataFromRecord(
  record: Readonly<Record<string, unknown>>,
  label: string,
  ignore: readonly string[] = [],
): MetadataOverrides {
  const out: { -readonly [K in keyof MetadataOverrides]: MetadataOverrides[K] } = {};
  const title = text(record.title);
  if (title !== null) out.title = title;
  const outlet = text(record.outlet);
  if (outlet !== null) out.outlet = outlet;
  const byline = text(record.byline) ?? text(record.author);
  if (byline !== null) out.byline = byline;
  const url = text(record.url);
  if (url !== null) out.url = url;
  const canonical = text(record.canonical_url) ?? text(record.canonicalUrl);
  if (canonical !== null) out.canonicalUrl = canonical;
  if (record.published !== undefined && record.published !== null) {
    const published = typeof record.published === 'string' ? normalisePublished(record.published) : null;
    if (published === null) {
      throw new CorroborateError('invalid_input', `${label}: 'published' is not a date: ${JSON.stringify(record.published)}`);
    }
    out.published = published;
  }
  if (record.kind !== undefined && record.kind !== null) {
    if (!isSourceKind(record.kind)) {
      throw new CorroborateError(
        'invalid_input',
        `${label}: 'kind' must be one of ${SOURCE_KINDS.join(', ')}, not ${JSON.stringify(record.kind)}`,
      );
    }
    out.kind = record.kind;
  }
  if (record.language !== undefined && record.language !== null) {
    const language = typeof record.language === 'string' ? normaliseLanguageTag(record.language) : null;
    if (language === null) {
      throw new CorroborateError('invalid_input', `${label}: 'language' is not a language code: ${JSON.stringify(record.language)}`);
    }
    out.language = language;
  }
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!KNOWN_FIELDS.has(key) && !ignore.includes(key)) extra[key] = value;
  }
  if (Object.keys(extra).length > 0) out.extra = extra;
  return out;
}

/** Applies override layers left to right (later wins) over a base, field by field; extras are merged. */
export function mergeMetadata(
  base: DocumentMetadata,
  ...layers: readonly (MetadataOverrides | undefined)[]
): { readonly metadata: DocumentMetadata; readonly extra: Readonly<Record<string, unknown>> } {
  const merged: { -readonly [K in keyof DocumentMetadata]: DocumentMetadata[K] } = { ...base };
  let extra: Record<string, unknown> = {};
  for (const layer of layers) {
    if (layer === undefined) continue;
    for (const key of Object.keys(EMPTY_METADATA) as (keyof DocumentMetadata)[]) {
      const value = layer[key];
      if (value !== undefined && value !== null) (merged as Record<string, unknown>)[key] = value;
    }
    if (layer.extra !== undefined) extra = { ...extra, ...layer.extra };
  }
  return { metadata: merged, extra };
}
