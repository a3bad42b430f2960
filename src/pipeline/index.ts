import { errorMessage, type ItemResult } from '../errors.ts';
import { EXTRACTOR_VERSION, extract } from '../extract/index.ts';
import { attachSources } from '../store/allegations.ts';
import type { Store } from '../store/database.ts';
import { currentExtractorVersion, type SavedExtraction, saveExtraction } from '../store/extractions.ts';

/** What happened to one source in {@link processSources}. */
export interface ProcessedSource {
  readonly runId: string;
  readonly extractorVersion: string;
  readonly attributions: number;
  /** Reviewed decisions carried over from the replaced run (re-extraction). */
  readonly carriedReviews: number;
  /** Whether the source's attributions were attached to the case's allegations. */
  readonly allegations: 'attached' | 'failed';
}

/** Options of {@link processSources}. */
export interface PipelineDeps {
  /** Who runs the pipeline, recorded in the custody log (default `system:pipeline`). */
  readonly actor?: string;
  /** Re-extract even sources whose current run already has this extractor version. */
  readonly force?: boolean;
}

/** `published` as the extractor wants it: an ISO date, or null when the source has none. */
function publishedDate(published: string | null): string | null {
  if (published === null) return null;
  const match = /^\d{4}-\d{2}-\d{2}/.exec(published);
  return match?.[0] ?? null;
}

/** What {@link extractSource} did: `saved` is null when the source's current run was already up to date. */
export interface ExtractedSource {
  readonly caseId: string;
  readonly saved: SavedExtraction | null;
}

/**
 * Runs `extract()` over one stored source's text and stores the result as a new versioned run (reviews
 * carried over where spans still match), unless its current run already has this extractor version and
 * `force` is not set. Null when there is no such source. Shared by {@link processSources} and the queue's
 * `analyse` job, which attach afterwards in their own ways.
 */
export async function extractSource(
  store: Store,
  sourceId: string,
  deps: PipelineDeps = {},
): Promise<ExtractedSource | null> {
  const source = await store.db
    .selectFrom('sources')
    .innerJoin('cases', 'cases.id', 'sources.case_id')
    .select([
      'sources.case_id',
      'sources.text',
      'sources.published',
      'sources.sha256',
      'sources.language',
      'cases.region',
    ])
    .where('sources.id', '=', sourceId)
    .executeTakeFirst();
  if (source === undefined) return null;
  if (deps.force !== true && (await currentExtractorVersion(store.db, sourceId)) === EXTRACTOR_VERSION) {
    return { caseId: source.case_id, saved: null };
  }
  const extraction = extract(source.text, {
    published: publishedDate(source.published),
    sha256: source.sha256,
    language: source.language,
    caseRegion: source.region,
  });
  const saved = await saveExtraction(store, sourceId, extraction, EXTRACTOR_VERSION, { actor: deps.actor });
  return { caseId: source.case_id, saved };
}

/**
 * The pipeline after capture: for each source lacking a current extraction by this extractor version, runs
 * `extract()` over its stored text, stores the result (a new versioned run, reviews carried over where spans
 * still match), then attaches the newly extracted sources to the case's allegations. One result per source,
 * in input order; a failing source never stops the others. Sources already up to date are `skipped`.
 *
 * @example
 * const results = await processSources(store, capturedIds, { actor: 'cli:ana' });
 */
export async function processSources(
  store: Store,
  sourceIds: readonly string[],
  deps: PipelineDeps = {},
): Promise<readonly ItemResult<ProcessedSource>[]> {
  const results: ItemResult<ProcessedSource>[] = [];
  const extracted: { index: number; id: string }[] = [];
  for (const id of sourceIds) {
    try {
      const outcome = await extractSource(store, id, deps);
      if (outcome === null) {
        results.push({ id, status: 'error', error: `source ${id}: no such source` });
        continue;
      }
      const saved = outcome.saved;
      if (saved === null) {
        results.push({ id, status: 'skipped' });
        continue;
      }
      extracted.push({ index: results.length, id });
      results.push({
        id,
        status: 'ok',
        value: {
          runId: saved.runId,
          extractorVersion: saved.extractorVersion,
          attributions: saved.attributions,
          carriedReviews: saved.carriedReviews,
          allegations: 'attached',
        },
      });
    } catch (error) {
      results.push({ id, status: 'error', error: `source ${id}: ${errorMessage(error)}` });
    }
  }
  if (extracted.length > 0) {
    try {
      await attachSources(
        store,
        extracted.map((e) => e.id),
        { actor: deps.actor },
      );
    } catch (error) {
      const reason = errorMessage(error);
      for (const { index, id } of extracted) {
        const result = results[index]!;
        results[index] = {
          ...result,
          status: 'error',
          error: `source ${id}: extracted, but attaching to allegations failed: ${reason}`,
          value: { ...result.value!, allegations: 'failed' },
        };
      }
    }
  }
  return results;
}
