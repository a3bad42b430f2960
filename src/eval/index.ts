/**
 * Evaluation: the PolNeAR reader, Citron-style span metrics and the attribution evaluation that
 * `corroborate eval attribution` runs. See docs/EVALUATION.md for the definitions.
 */
export { readPolnear, parseAnn, type PolnearDocument, type GoldAttribution, type CharRange } from './polnear.ts';
export {
  addDocumentCounts,
  emptyCounts,
  scores,
  type CitronCounts,
  type Part,
  type PartScores,
  type Prf,
  type ScoredAttribution,
} from './citron.ts';
export {
  evaluateAttributions,
  type AttributionExtractor,
  type AttributionReport,
} from './attribution-eval.ts';
