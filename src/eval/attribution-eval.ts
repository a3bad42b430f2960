/**
 * Scores attribution extraction on a PolNeAR-format folder with the Citron metrics. The extractor is
 * passed in, so the evaluation never depends on which model is committed.
 */
import { addDocumentCounts, emptyCounts, scores, type Part, type PartScores, type ScoredAttribution } from './citron.ts';
import { readPolnear } from './polnear.ts';
import { tokenize, type TokenTable } from '../text/tokens.ts';

/** What `corroborate eval attribution --json` prints. */
export interface AttributionReport extends Record<Part, PartScores> {
  readonly docs: number;
  readonly tokens: number;
  readonly seconds: number;
}

/** Anything that turns a text into scored attributions. */
export type AttributionExtractor = (text: string, tokens: TokenTable) => readonly ScoredAttribution[];

/**
 * Runs `extractor` over every article of `dir` and returns micro-averaged Citron scores, the
 * number of articles and tokens, and the seconds the extraction took.
 */
export function evaluateAttributions(dir: string, extractor: AttributionExtractor): AttributionReport {
  const docs = readPolnear(dir);
  const counts = emptyCounts();
  let tokens = 0;
  let elapsed = 0;
  for (const doc of docs) {
    const table = tokenize(doc.text);
    tokens += table.count;
    const t0 = performance.now();
    const predicted = extractor(doc.text, table);
    elapsed += performance.now() - t0;
    addDocumentCounts(counts, doc.text, predicted, doc.attributions, table);
  }
  return { ...scores(counts), docs: docs.length, tokens, seconds: Math.round(elapsed) / 1000 };
}
