/**
 * The capture contract: what every reader (text, HTML, PDF, JSONL feed, URL) hands to the store.
 * Plain readonly data; the store turns it into `blobs`, `sources`, `captures` rows and custody entries.
 */

/** What sort of document a source is. */
export type SourceKind = 'article' | 'statement' | 'report' | 'transcript' | 'testimony' | 'social' | 'document';

/** Every {@link SourceKind}, for validating flags, sidecars and feed records. */
export const SOURCE_KINDS: readonly SourceKind[] = [
  'article',
  'statement',
  'report',
  'transcript',
  'testimony',
  'social',
  'document',
];

/** How an item reached us: a local file, one record of a JSONL feed, or an HTTP(S) fetch. */
export type CaptureMethod = 'file' | 'feed' | 'url';

/** Where one PDF page sits in the normalised text (UTF-16 offsets, end exclusive; pages are 1-based). */
export interface PageSpan {
  readonly page: number;
  readonly start: number;
  readonly end: number;
}

/** One hop of a followed redirect chain, in order. */
export interface Redirect {
  readonly from: string;
  readonly to: string;
  readonly status: number;
}

/**
 * Descriptive metadata of a document. Each field is null when unknown. Readers fill it from the
 * document itself; a sidecar file, feed record or command-line flag overrides it field by field.
 */
export interface DocumentMetadata {
  readonly title: string | null;
  readonly outlet: string | null;
  readonly byline: string | null;
  /** Where the document was published (as stated by the user, sidecar or feed). */
  readonly url: string | null;
  /** The document's own `<link rel=canonical>` / og:url. */
  readonly canonicalUrl: string | null;
  /** ISO date YYYY-MM-DD. */
  readonly published: string | null;
  readonly kind: SourceKind | null;
  /** ISO 639-1 code (or 639-3 when there is none), when given rather than detected. */
  readonly language: string | null;
}

/** A partial {@link DocumentMetadata} plus any further fields, as given by a sidecar, feed or flags. */
export type MetadataOverrides = Partial<DocumentMetadata> & { readonly extra?: Readonly<Record<string, unknown>> };

/** One captured document, ready to store: original bytes untouched, derived text normalised and hashed. */
export interface CapturedItem {
  /** The path, `path#Lnn` for a feed record, or URL as given. */
  readonly origin: string;
  readonly method: CaptureMethod;
  /** The original bytes exactly as read or fetched. Never modified. */
  readonly original: Uint8Array;
  /** SHA-256 (hex) of {@link original}: the content address. */
  readonly sha256: string;
  /** Media type of the original (text/plain, text/markdown, text/html, application/pdf, application/json). */
  readonly mediaType: string;
  /** Normalised main text (NFC, \n line endings, no trailing spaces, single blank lines). */
  readonly text: string;
  /** SHA-256 (hex) of the UTF-8 bytes of {@link text}. */
  readonly textSha256: string;
  /** Page offsets for PDFs, null otherwise. */
  readonly pages: readonly PageSpan[] | null;
  /** ISO 639-1 code (or 639-3 when there is none), or 'und'. */
  readonly language: string;
  readonly kind: SourceKind;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly byline: string | null;
  readonly url: string | null;
  readonly canonicalUrl: string | null;
  readonly published: string | null;
  /** Further metadata: sidecar/feed extras, the page's own metadata, how language was decided. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The redirect chain followed for URLs; null for files and feeds. */
  readonly redirects: readonly Redirect[] | null;
}

/** What one ingest item produced: a captured document or a one-line reason it was refused. */
export type CaptureOutcome =
  | { readonly kind: 'captured'; readonly id: string; readonly item: CapturedItem }
  | { readonly kind: 'failed'; readonly id: string; readonly error: string; readonly code: string }
  | { readonly kind: 'skipped'; readonly id: string; readonly reason: string };
