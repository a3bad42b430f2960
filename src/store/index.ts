export { openStore, migrateToLatest, isPostgresUrl } from './database.ts';
export type { Store, DialectName, OpenStoreOptions } from './database.ts';
export { toNumber } from './dialect.ts';
export { ensureCase, findCase, requireCase, listCases, validateCaseName, DEFAULT_CASE } from './cases.ts';
export type { Case, CaseSummary } from './cases.ts';
export {
  captureSource,
  listSources,
  countSources,
  getSource,
  getSources,
  listCaptures,
  getOriginal,
  newId,
} from './sources.ts';
export type {
  Source,
  SourceSummary,
  Capture,
  Original,
  CaptureResult,
  CaptureContext,
  ListSourcesOptions,
} from './sources.ts';
