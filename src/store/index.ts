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
export { encodeCursor, decodeCursor, pageLimit, DEFAULT_PAGE, MAX_PAGE } from './cursor.ts';
export type { Page } from './cursor.ts';
export {
  saveExtraction,
  loadExtraction,
  listExtractionRuns,
  sourcesNeedingExtraction,
  currentExtractorVersion,
  getAttribution,
  listAttributions,
  listFigures,
  listPlaces,
  listDates,
} from './extractions.ts';
export type {
  StoredAttribution,
  ReviewStatus,
  ExtractionRun,
  StoredFigure,
  StoredPlace,
  SavedExtraction,
  SaveExtractionOptions,
  LoadExtractionOptions,
  ListAttributionsParams,
  ListFactsParams,
} from './extractions.ts';
export {
  normaliseActorName,
  getCaseActor,
  findCaseActor,
  listCaseActors,
  listActorMentions,
  mergeCaseActors,
  splitCaseActor,
  renameCaseActor,
} from './actors.ts';
export type { CaseActor, CaseActorSummary, ActorMention, ListCaseActorsParams, RegistryEditBy } from './actors.ts';
export { reviewAttribution, listReviews } from './reviews.ts';
export type {
  Review,
  ReviewAction,
  ReviewInput,
  ReviewOptions,
  ReviewResult,
  AttributionEdit,
  SpanEdit,
  ListReviewsParams,
} from './reviews.ts';
export { search } from './search.ts';
export type { SearchHit, SearchKind, SearchParams } from './search.ts';
