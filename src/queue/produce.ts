import type { MetadataOverrides } from '../capture/index.ts';
import type { Store } from '../store/index.ts';
import { analyseJobs } from './handlers.ts';
import { type EnqueueResult, enqueueJobs } from './queue.ts';
import type { CapturePayload, NewJob } from './types.ts';

/** What {@link queueIngest} queues: sources already captured (for analysis) and URLs (to capture on a worker). */
export interface QueueIngestInput {
  readonly caseId: string;
  /** Recorded as the actor of every capture and analysis the jobs do. */
  readonly actor: string;
  /** Sources captured by this ingest, to analyse (extract and cluster) on workers. */
  readonly sourceIds: readonly string[];
  /** URLs to fetch and capture on workers (each then queues its own analysis). */
  readonly urls: readonly string[];
  readonly overrides?: MetadataOverrides;
  readonly allowPrivate?: boolean;
  /** Queue analyses (default true; false for `--capture-only`). */
  readonly analyse?: boolean;
}

/** What was queued. */
export interface QueueIngestResult {
  readonly analyse: EnqueueResult;
  readonly capture: EnqueueResult;
}

/**
 * The producer side of `corroborate ingest --queue`: one `analyse` job per captured source (none for a
 * source already queued for this extractor version) and one `capture` job per URL. Files are captured by
 * the ingest itself before this is called, so their originals are stored, hashed and in the custody log
 * before the command returns; only the analysis, the costly part, is shared among workers.
 */
export async function queueIngest(store: Store, input: QueueIngestInput): Promise<QueueIngestResult> {
  const analyse =
    input.analyse === false || input.sourceIds.length === 0
      ? { ids: [], existing: 0 }
      : await enqueueJobs(store.db, analyseJobs(input.sourceIds, input.actor, input.caseId));
  const captures: NewJob<'capture'>[] = input.urls.map((url) => ({
    kind: 'capture',
    caseId: input.caseId,
    payload: {
      caseId: input.caseId,
      actor: input.actor,
      url,
      ...(input.overrides === undefined || Object.keys(input.overrides).length === 0
        ? {}
        : { overrides: input.overrides }),
      ...(input.allowPrivate === true ? { allowPrivate: true } : {}),
      ...(input.analyse === false ? { analyse: false } : {}),
    } satisfies CapturePayload,
  }));
  const capture = captures.length === 0 ? { ids: [], existing: 0 } : await enqueueJobs(store.db, captures);
  return { analyse, capture };
}
