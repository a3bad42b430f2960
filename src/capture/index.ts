/**
 * Capture: turns files, folders, JSONL feeds and URLs into {@link CapturedItem}s with their original
 * bytes untouched and their text normalised, hashed and language-tagged. Pure apart from reading
 * files and fetching URLs at the edges (`captureTarget`, `planTargets`, `fetchPublicUrl`).
 */
export type {
  CaptureMethod,
  CaptureOutcome,
  CapturedItem,
  DocumentMetadata,
  MetadataOverrides,
  PageSpan,
  Redirect,
  SourceKind,
} from './types.ts';
export { SOURCE_KINDS } from './types.ts';
export { captureTarget, type CaptureOptions } from './capture.ts';
export { planTargets, isUrlInput, readerFor, sidecarPath, type CaptureTarget, type ReaderName } from './inputs.ts';
export { buildItem, type ParsedDocument, type BuildItemInput } from './item.ts';
export { parseText } from './text.ts';
export { parseHtml } from './html.ts';
export { parsePdf } from './pdf.ts';
export { parseJsonl } from './jsonl.ts';
export { normaliseText, sha256Hex } from './normalise.ts';
export { detectLanguage, normaliseLanguageTag } from './language.ts';
export { decodeText, looksBinary } from './decode.ts';
export { metadataFromRecord, mergeMetadata, normalisePublished, isSourceKind } from './metadata.ts';
export { assertPublicAddress, nonPublicReason } from './ssrf.ts';
export {
  fetchPublicUrl,
  DEFAULT_ACCEPT_TYPES,
  type FetchOptions,
  type FetchedResource,
  type Resolver,
  type ResolvedAddress,
} from './fetch.ts';
