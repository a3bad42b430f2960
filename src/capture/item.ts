import { CorroborateError } from '../errors.ts';
import { detectLanguage } from './language.ts';
import { EMPTY_METADATA, mergeMetadata } from './metadata.ts';
import { normaliseText, sha256Hex } from './normalise.ts';
import type {
  CaptureMethod,
  CapturedItem,
  DocumentMetadata,
  MetadataOverrides,
  PageSpan,
  Redirect,
} from './types.ts';

/** What a format reader (text, HTML, PDF) finds in a document, before metadata layers and normalisation. */
export interface ParsedDocument {
  /** The main text. Already normalised when `pages` is given (page offsets point into it). */
  readonly text: string;
  readonly pages?: readonly PageSpan[] | null;
  /** Metadata the document states about itself. */
  readonly metadata?: Partial<DocumentMetadata>;
  /** Further facts worth keeping (e.g. the page's own description, PDF info dictionary). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Everything {@link buildItem} needs beside the parsed document. */
export interface BuildItemInput {
  readonly origin: string;
  readonly method: CaptureMethod;
  readonly original: Uint8Array;
  /** Hex SHA-256 of `original` when the caller already has it. */
  readonly sha256?: string;
  readonly mediaType: string;
  readonly parsed: ParsedDocument;
  /** Override layers applied in order over the document's own metadata: sidecar/feed, then flags. */
  readonly overrides?: readonly (MetadataOverrides | undefined)[];
  readonly redirects?: readonly Redirect[] | null;
}

/**
 * Assembles a {@link CapturedItem}: normalises and hashes the text, refuses an empty one, applies the
 * metadata layers (document < sidecar/feed < flags) and detects the language unless metadata gives it.
 * Pure: the same input always gives the same item.
 */
export function buildItem(input: BuildItemInput): CapturedItem {
  const text = input.parsed.pages ? input.parsed.text : normaliseText(input.parsed.text);
  if (text.trim() === '') throw new CorroborateError('empty_input', `${input.origin}: no text found`);
  const { metadata, extra } = mergeMetadata(
    { ...EMPTY_METADATA, ...input.parsed.metadata },
    ...(input.overrides ?? []),
  );
  const language = metadata.language ?? detectLanguage(text);
  return {
    origin: input.origin,
    method: input.method,
    original: input.original,
    sha256: input.sha256 ?? sha256Hex(input.original),
    mediaType: input.mediaType,
    text,
    textSha256: sha256Hex(text),
    pages: input.parsed.pages ?? null,
    language,
    kind: metadata.kind ?? 'document',
    title: metadata.title,
    outlet: metadata.outlet,
    byline: metadata.byline,
    url: metadata.url,
    canonicalUrl: metadata.canonicalUrl,
    published: metadata.published,
    metadata: {
      ...input.parsed.extra,
      ...extra,
      languageSource: metadata.language === null ? 'detected' : 'metadata',
    },
    redirects: input.redirects ?? null,
  };
}
