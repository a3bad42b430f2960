/**
 * The allegations stage: near-duplicate detection, incremental clustering of attributions into
 * allegations, origin groups, the explained corroboration status and figure comparison. Pure functions
 * over extraction data (never imports store/ or api/); `src/store/allegations.ts` persists the results.
 * Rules are documented in docs/ALLEGATIONS.md.
 */
export type * from './types.ts';
export { STATUS_LABELS } from './types.ts';
export { buildUnits, orderKey, inferEventTypes, inferBasis, blockingKeys, lookupKeys } from './features.ts';
export {
  attachUnits,
  similarity,
  sourceLinks,
  comparable,
  allegationId,
  LINK_THRESHOLD,
  ANCHOR_THRESHOLD,
  type IndexedUnit,
  type AttachResult,
} from './cluster.ts';
export {
  minhash,
  estimateJaccard,
  bandKeys,
  findCopies,
  encodeSignature,
  decodeSignature,
  compareOrder,
  COPY_THRESHOLD,
  type FingerprintedSource,
  type CopyLink,
} from './near-duplicates.ts';
export { groupOrigins, organisationKey, isInvestigative } from './origins.ts';
export { compareFigures, countClass, contradicts } from './figures.ts';
export { assessAllegation, type AssessContext } from './assess.ts';
export { CaseClusters, clusterCase } from './case.ts';
export { clusterDocuments, type ClusterItem } from './documents.ts';
