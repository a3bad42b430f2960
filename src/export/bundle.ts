import { CorroborateError } from '../errors.ts';
import type { Case } from '../store/cases.ts';
import { requireCase } from '../store/cases.ts';
import { type CaseActorSummary, listCaseActors } from '../store/actors.ts';
import { MAX_PAGE, type Page } from '../store/cursor.ts';
import {
  type Checkpoint,
  type CustodyEntry,
  type InclusionProof,
  inclusionProofFor,
  latestCheckpoint,
  listCustody,
} from '../store/custody.ts';
import type { Store } from '../store/database.ts';
import {
  type ExtractionRun,
  listAttributions,
  listExtractionRuns,
  listFigures,
  listPlaces,
  type StoredAttribution,
  type StoredFigure,
  type StoredPlace,
} from '../store/extractions.ts';
import { listReviews, type Review } from '../store/reviews.ts';
import { type Capture, getSource, listCaptures, listSources, type SourceSummary } from '../store/sources.ts';

/** A source as exported: metadata and hashes (never the text unless asked), its captures and current run. */
export interface BundleSource extends SourceSummary {
  readonly captures: readonly Capture[];
  readonly extraction: ExtractionRun | null;
  /** The normalised text, only when the export asks for it (`includeText`). */
  readonly text?: string;
  /** The inclusion proof of the source's capture entry against the latest checkpoint, when one covers it. */
  readonly captureProof?: InclusionProof | null;
}

/**
 * Everything stored about one case, as plain data: the input of every export format. A transform (e.g. the
 * API's redaction for users without clearance) can rewrite it before rendering.
 */
export interface CaseBundle {
  readonly format: 'corroborate-case-bundle/v1';
  readonly generatedAt: string;
  readonly case: Case;
  readonly sources: readonly BundleSource[];
  readonly attributions: readonly StoredAttribution[];
  readonly actors: readonly CaseActorSummary[];
  readonly figures: readonly StoredFigure[];
  readonly places: readonly StoredPlace[];
  readonly reviews: readonly Review[];
  /** Every custody entry of the case, in seq order. */
  readonly custody: readonly CustodyEntry[];
  /** The newest signed checkpoint of the whole log, or null before the first. */
  readonly checkpoint: Checkpoint | null;
}

/** What {@link loadCaseBundle} includes beyond the default. */
export interface LoadBundleOptions {
  /** Include each source's normalised text (default false: exports carry hashes, not texts). */
  readonly includeText?: boolean;
  /** Include an inclusion proof of each source's capture entry (dossiers). */
  readonly proofs?: boolean;
  /** Key folder, so proofs embed the checkpoint's public key. */
  readonly keyDir?: string;
}

async function all<T>(fetch: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetch(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

async function allCustody(store: Store, caseId: string): Promise<CustodyEntry[]> {
  const entries: CustodyEntry[] = [];
  let afterSeq: number | undefined;
  for (;;) {
    const page = await listCustody(store.db, { caseId, limit: 10_000, afterSeq });
    entries.push(...page);
    if (page.length < 10_000) return entries;
    afterSeq = page[page.length - 1]!.seq;
  }
}

/**
 * Loads a whole case (by id or name) into a {@link CaseBundle}. Reads only; throws `not_found` for an
 * unknown case.
 */
export async function loadCaseBundle(
  store: Store,
  caseRef: string,
  options: LoadBundleOptions = {},
): Promise<CaseBundle> {
  const db = store.db;
  const kase = await requireCase(db, caseRef);
  const summaries = await all((cursor) => listSources(db, { caseId: kase.id, cursor, limit: MAX_PAGE }));
  const custody = await allCustody(store, kase.id);
  const checkpoint = (await latestCheckpoint(db)) ?? null;
  const sources: BundleSource[] = [];
  for (const summary of summaries) {
    const captures = await listCaptures(db, summary.id);
    const runs = await listExtractionRuns(db, summary.id);
    let text: string | undefined;
    if (options.includeText === true) text = (await getSource(db, summary.id))?.text;
    let captureProof: InclusionProof | null | undefined;
    if (options.proofs === true)
      captureProof = await proofFor(store, summary.id, captures, custody, checkpoint, options.keyDir);
    sources.push({
      ...summary,
      captures,
      extraction: runs.find((r) => r.current) ?? null,
      ...(text === undefined ? {} : { text }),
      ...(captureProof === undefined ? {} : { captureProof }),
    });
  }
  const [attributions, actors, figures, places, reviews] = await Promise.all([
    all((cursor) => listAttributions(db, { caseId: kase.id, cursor, limit: MAX_PAGE })),
    all((cursor) => listCaseActors(db, { caseId: kase.id, cursor, limit: MAX_PAGE })),
    all((cursor) => listFigures(db, { caseId: kase.id, cursor, limit: MAX_PAGE })),
    all((cursor) => listPlaces(db, { caseId: kase.id, cursor, limit: MAX_PAGE })),
    all((cursor) => listReviews(db, { caseId: kase.id, cursor, limit: MAX_PAGE })),
  ]);
  return {
    format: 'corroborate-case-bundle/v1',
    generatedAt: new Date().toISOString(),
    case: kase,
    sources,
    attributions,
    actors,
    figures,
    places,
    reviews,
    custody,
    checkpoint,
  };
}

async function proofFor(
  store: Store,
  sourceId: string,
  captures: readonly Capture[],
  custody: readonly CustodyEntry[],
  checkpoint: Checkpoint | null,
  keyDir: string | undefined,
): Promise<InclusionProof | null> {
  const ids = new Set([sourceId, ...captures.map((c) => c.id)]);
  const entry =
    custody.find((e) => ids.has(e.objectId) && e.action.includes('capture')) ??
    custody.find((e) => ids.has(e.objectId));
  if (entry === undefined || checkpoint === null || entry.seq >= checkpoint.treeSize) return null;
  try {
    return await inclusionProofFor(store, entry.seq, keyDir);
  } catch (error) {
    if (error instanceof CorroborateError && error.code === 'not_found') return null;
    throw error;
  }
}
