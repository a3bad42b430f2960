import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import { type CaptureTarget, captureTarget, isSourceKind, readerFor } from '../capture/index.ts';
import { CorroborateError, isErrorCode } from '../errors.ts';
import { EXTRACTOR_VERSION } from '../extract/index.ts';
import { extractSource } from '../pipeline/index.ts';
import { attachSources } from '../store/allegations.ts';
import { captureSource, type Store } from '../store/index.ts';
import { enqueueJobs } from './queue.ts';
import type { AnalysePayload, CapturePayload, Job, JobHandlers } from './types.ts';

/**
 * The handlers workers run: `capture` (a URL, or an uploaded original carried in the payload) and
 * `analyse` (extract one stored source, then attach it to its case's allegations). Both are idempotent,
 * so a job retried after a crash or an expired lease does its work once: a capture retried after it was
 * stored finds its own capture row; an analysis skips extraction when the source already has a run by
 * this extractor version, and attaching is itself idempotent.
 */

/** What the handlers need besides the store. */
export interface HandlerDeps {
  /** Largest original accepted, in bytes (config.maxBytes). */
  readonly maxBytes: number;
  /** URL fetch deadline in milliseconds (default 20 s). */
  readonly timeoutMs?: number;
}

/** What a `capture` job produced. */
export interface CaptureJobResult {
  readonly sources: readonly { readonly id: string; readonly origin: string; readonly duplicate: boolean }[];
  /** One line per document of the target that could not be captured (a feed may partly fail). */
  readonly failed: readonly string[];
  /** Analysis jobs queued for the captured sources. */
  readonly queued: number;
  /** True when this attempt found the capture already stored by an earlier attempt. */
  readonly resumed: boolean;
}

/** What an `analyse` job produced. */
export interface AnalyseJobResult {
  readonly sourceId: string;
  /** False when the source already had a run by this extractor version (a retry or a re-queue). */
  readonly extracted: boolean;
  readonly runId: string | null;
  readonly attributions: number;
  readonly extractorVersion: string;
  /** Sources attached in the same group commit as this one (itself included); 0 when another worker attached it. */
  readonly attachedWith: number;
}

const overridesSchema = z
  .object({
    title: z.string().nullable().optional(),
    outlet: z.string().nullable().optional(),
    byline: z.string().nullable().optional(),
    url: z.string().nullable().optional(),
    canonicalUrl: z.string().nullable().optional(),
    published: z.string().nullable().optional(),
    language: z.string().optional(),
    kind: z.string().refine(isSourceKind, 'not a source kind').optional(),
    extra: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const capturePayloadSchema = z
  .object({
    caseId: z.string().min(1),
    actor: z.string().min(1),
    url: z.string().url().optional(),
    upload: z
      .object({ name: z.string().min(1), base64: z.string() })
      .strict()
      .optional(),
    overrides: overridesSchema.optional(),
    allowPrivate: z.boolean().optional(),
    analyse: z.boolean().optional(),
  })
  .strict()
  .refine((p) => (p.url === undefined) !== (p.upload === undefined), 'give exactly one of url and upload');

const analysePayloadSchema = z.object({ sourceId: z.string().min(1), actor: z.string().min(1) }).strict();

/** Validates a job's payload; a bad one is a permanent `invalid_input` naming the job and the field. */
function parsePayload<T>(job: Job, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(job.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where =
      issue === undefined || issue.path.length === 0 ? 'payload' : `payload.${issue.path.join('.')}`;
    throw new CorroborateError(
      'invalid_input',
      `job ${job.id} (${job.kind}): ${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** The de-duplication key of a source's analysis: one per source and extractor version. */
export function analyseKey(sourceId: string): string {
  return `analyse:${EXTRACTOR_VERSION}:${sourceId}`;
}

/** An `analyse` job for each source (queued once per source and extractor version). */
export function analyseJobs(sourceIds: readonly string[], actor: string, caseId: string | null = null) {
  return sourceIds.map((sourceId) => ({
    kind: 'analyse' as const,
    key: analyseKey(sourceId),
    caseId,
    payload: { sourceId, actor } satisfies AnalysePayload,
  }));
}

/** Most sources attached in one group commit. */
const ATTACH_BATCH = 50;

/** A PostgreSQL advisory-lock key for clustering one case: the first 8 bytes of a SHA-256, signed. */
function caseLockKey(caseId: string): string {
  return createHash('sha256').update(`corroborate:cluster:${caseId}`).digest().readBigInt64BE(0).toString();
}

/**
 * Builds the handlers over one open store. Clustering a case is serialised: in this process by a queue
 * of promises, and across processes on PostgreSQL by a session advisory lock per case (two workers
 * attaching to the same case at once would each miss the other's new allegations). SQLite serialises it
 * already (each attach transaction takes the write lock first). Extraction, the costly part, runs in
 * parallel everywhere.
 *
 * @example
 * const handlers = createHandlers(store, { maxBytes: config.maxBytes });
 * await runWorker(store, handlers, { once: true });
 */
export function createHandlers(store: Store, deps: HandlerDeps): JobHandlers {
  let attaching: Promise<unknown> = Promise.resolve();
  const serialised = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = attaching.then(fn, fn);
    attaching = next.catch(() => undefined);
    return next;
  };
  const withCaseLock = <T>(caseId: string, fn: () => Promise<T>): Promise<T> =>
    serialised(() => {
      if (store.dialect !== 'postgres') return fn();
      const key = caseLockKey(caseId);
      return store.db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(${key}::bigint)`.execute(conn);
        try {
          return await fn();
        } finally {
          await sql`select pg_advisory_unlock(${key}::bigint)`.execute(conn);
        }
      });
    });

  /**
   * Group commit of clustering, run under the case lock: attaches this job's source together with every
   * other source of the case whose analysis job is running and already extracted (their workers are
   * waiting for the lock), then marks those jobs attached so their workers skip the attach. One attach of
   * k sources costs far less than k attaches, and gives the same allegations. Returns the batch size, or 0
   * when another worker already attached this source.
   */
  const attachPending = async (
    job: Job,
    workerId: string,
    caseId: string,
    sourceId: string,
    actor: string,
  ): Promise<number> => {
    const own = await store.db
      .selectFrom('jobs')
      .select('progress')
      .where('id', '=', job.id)
      .where('locked_by', '=', workerId)
      .executeTakeFirst();
    if (own?.progress === 'attached') return 0;
    const waiting = await store.db
      .selectFrom('jobs')
      .select(['id', 'payload'])
      .where('kind', '=', 'analyse')
      .where('case_id', '=', caseId)
      .where('status', '=', 'running')
      .where('progress', '=', 'extracted')
      .where('id', '!=', job.id)
      .orderBy('id')
      .limit(ATTACH_BATCH - 1)
      .execute();
    const others = waiting.flatMap((row) => {
      const parsed = analysePayloadSchema.safeParse(JSON.parse(row.payload));
      return parsed.success ? [{ jobId: row.id, sourceId: parsed.data.sourceId }] : [];
    });
    const ids = [...new Set([sourceId, ...others.map((o) => o.sourceId)])];
    await attachSources(store, ids, { actor });
    await store.db
      .updateTable('jobs')
      .set({ progress: 'attached' })
      .where('id', 'in', [job.id, ...others.map((o) => o.jobId)])
      .where('status', '=', 'running')
      .execute();
    return ids.length;
  };

  return {
    async capture(job): Promise<CaptureJobResult> {
      const payload: CapturePayload = parsePayload(job, capturePayloadSchema);
      const origin = payload.url ?? payload.upload?.name ?? '';
      if (job.attempts > 1) {
        // An earlier attempt may have stored the capture and died before finishing the job.
        const earlier = await store.db
          .selectFrom('captures')
          .innerJoin('sources', 'sources.id', 'captures.source_id')
          .select(['captures.source_id', 'captures.origin'])
          .where('sources.case_id', '=', payload.caseId)
          .where('captures.actor', '=', payload.actor)
          .where('captures.captured_at', '>=', job.createdAt)
          .execute()
          .then((rows) => rows.filter((r) => r.origin === origin || r.origin.startsWith(`${origin}#L`)));
        if (earlier.length > 0) {
          const ids = [...new Set(earlier.map((r) => r.source_id))];
          const queued =
            payload.analyse === false
              ? 0
              : (await enqueueJobs(store.db, analyseJobs(ids, payload.actor, payload.caseId))).ids.length;
          return {
            sources: earlier.map((r) => ({ id: r.source_id, origin: r.origin, duplicate: false })),
            failed: [],
            queued,
            resumed: true,
          };
        }
      }
      const options = {
        maxBytes: deps.maxBytes,
        ...(payload.overrides === undefined ? {} : { overrides: payload.overrides }),
        ...(payload.allowPrivate === undefined ? {} : { allowPrivate: payload.allowPrivate }),
        ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
      };
      const outcomes =
        payload.url !== undefined
          ? await captureTarget({ kind: 'url', id: payload.url, url: payload.url }, options)
          : await captureUpload(payload.upload ?? { name: '', base64: '' }, options);
      const sources: { id: string; origin: string; duplicate: boolean }[] = [];
      const failed: string[] = [];
      let firstCode: string | null = null;
      for (const outcome of outcomes) {
        if (outcome.kind === 'failed') {
          failed.push(outcome.error);
          firstCode ??= outcome.code;
        } else if (outcome.kind === 'captured') {
          const stored = await captureSource(store, outcome.item, {
            caseId: payload.caseId,
            actor: payload.actor,
          });
          sources.push({ id: stored.sourceId, origin: outcome.item.origin, duplicate: stored.duplicate });
        }
      }
      if (sources.length === 0 && failed.length > 0) {
        throw new CorroborateError(
          isErrorCode(firstCode) ? firstCode : 'internal',
          failed[0] ?? `${origin}: capture failed`,
        );
      }
      const ids = [...new Set(sources.map((s) => s.id))];
      const queued =
        payload.analyse === false
          ? 0
          : (await enqueueJobs(store.db, analyseJobs(ids, payload.actor, payload.caseId))).ids.length;
      return { sources, failed, queued, resumed: false };
    },

    async analyse(job, context): Promise<AnalyseJobResult> {
      const { sourceId, actor }: AnalysePayload = parsePayload(job, analysePayloadSchema);
      const outcome = await extractSource(store, sourceId, { actor });
      if (outcome === null) throw new CorroborateError('not_found', `source ${sourceId}: no such source`);
      const { caseId, saved } = outcome;
      // Tell whoever holds the case lock that this source is ready to be attached with theirs.
      await store.db
        .updateTable('jobs')
        .set({ progress: 'extracted' })
        .where('id', '=', job.id)
        .where('locked_by', '=', context.workerId)
        .where('status', '=', 'running')
        .where('progress', 'is', null)
        .execute();
      const batch = await withCaseLock(caseId, () =>
        attachPending(job, context.workerId, caseId, sourceId, actor),
      );
      return {
        sourceId,
        extracted: saved !== null,
        runId: saved?.runId ?? null,
        attributions: saved?.attributions ?? 0,
        extractorVersion: EXTRACTOR_VERSION,
        attachedWith: batch,
      };
    },
  };
}

/** Captures an uploaded original: written to a private temporary file (as the API does), read, removed. */
async function captureUpload(
  upload: { readonly name: string; readonly base64: string },
  options: { readonly maxBytes: number; readonly overrides?: CapturePayload['overrides'] },
) {
  const safe = upload.name.replace(/[^\w.-]+/g, '_').slice(-120) || 'upload';
  const reader = readerFor(safe);
  if (reader === null) {
    throw new CorroborateError(
      'unsupported_type',
      `${upload.name}: unsupported type (use .txt, .md, .html, .pdf or .jsonl)`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'corroborate-job-'));
  try {
    const path = join(dir, safe);
    await writeFile(path, Buffer.from(upload.base64, 'base64'), { mode: 0o600 });
    const target: CaptureTarget = { kind: 'file', id: upload.name, path, reader, sidecar: false };
    return await captureTarget(target, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
