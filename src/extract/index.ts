/**
 * Extraction: the public surface of src/extract. `extract()` runs attribution extraction (who said
 * what, how, on what basis) and then fact extraction (actors, places, dates, figures, events), and
 * links each attribution's source to its actor. Pure: no I/O beyond the committed model and
 * gazetteer files, read once per process.
 */
import { createHash } from 'node:crypto';
import type { Attribution, Extraction } from './types.ts';
import { extractAttributions } from './attributions.ts';
import { documentContext } from './attribution-features.ts';
import { extractFacts, type Facts } from './facts.ts';

export type * from './types.ts';
export { extractAttributions, findAttributions, type AttributionOptions, type RawAttribution } from './attributions.ts';
export { documentContext, type DocContext } from './attribution-features.ts';
export { loadAttributionModels, defaultAttributionModels, type AttributionModels } from './attribution-weights.ts';
export { extractFacts, type Facts, type FactsInput } from './facts.ts';

/**
 * Version of the extractor (rules + committed weights). Bump it whenever the output for the same
 * text can change, so stored results can be re-extracted (`corroborate reextract`).
 */
export const EXTRACTOR_VERSION = 'corroborate-extract/1.10.0';

/** What {@link extract} needs besides the text. */
export interface ExtractOptions {
  /** Publication date (YYYY-MM-DD) relative dates are anchored on, or null when unknown. */
  readonly published: string | null;
  /** SHA-256 (hex) of the original; defaults to the SHA-256 of the text's UTF-8 bytes. */
  readonly sha256?: string;
  /** ISO 639-1 language code; defaults to 'und'. */
  readonly language?: string;
  /** Case region to disambiguate places ("UA"). */
  readonly caseRegion?: string | null;
}

const NO_FACTS: Facts = { actors: [], places: [], dates: [], figures: [], events: [], speakerOf: {} };

/** `{ actors }` for a joint source ("X and Y said"), else nothing: single-speaker sources keep their shape. */
function jointSpeakers(facts: Facts, id: string): { actors?: readonly string[] } {
  const all = facts.coSpeakersOf?.[id];
  return all !== undefined && all.length > 1 ? { actors: all } : {};
}

/**
 * Extracts the full contract (../shared/DESIGN.md, "Extraction output contract") from one text.
 * Never throws on odd text; a failure inside fact extraction leaves the facts empty but keeps the
 * attributions.
 *
 * @example
 * const x = extract(text, { published: '2022-04-08' });
 * x.attributions.find((a) => a.stance === 'deny')?.source?.text; // "Russia"
 */
export function extract(text: string, options: ExtractOptions): Extraction {
  const src = typeof text === 'string' ? text : '';
  const context = documentContext(src);
  const found = extractAttributions(src, { context });
  let facts: Facts;
  try {
    facts = extractFacts(src, {
      published: options.published,
      attributions: found,
      caseRegion: options.caseRegion ?? null,
    });
  } catch {
    facts = NO_FACTS;
  }
  const attributions: Attribution[] = found.map((a) =>
    a.source === null ? a : { ...a, source: { ...a.source, actor: facts.speakerOf[a.id] ?? null, ...jointSpeakers(facts, a.id) } },
  );
  return {
    document: {
      sha256: options.sha256 ?? createHash('sha256').update(src, 'utf8').digest('hex'),
      text: src,
      published: options.published,
      language: options.language ?? 'und',
    },
    extractor: EXTRACTOR_VERSION,
    attributions,
    actors: facts.actors,
    places: facts.places,
    dates: facts.dates,
    figures: facts.figures,
    events: facts.events,
  };
}
