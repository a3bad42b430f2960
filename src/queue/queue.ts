import { type Kysely, type Selectable, sql } from 'kysely';
import { CorroborateError, type ErrorCode, isCorroborateError } from '../errors.ts';
import { newId, type Store } from '../store/index.ts';
import type { Database, JobTable } from '../store/schema.ts';
import {
  type Claim,
  DEFAULT_MAX_ATTEMPTS,
  type Job,
  JOB_KINDS,
  JOB_STATUSES,
  type JobKind,
  type JobStatus,
  type NewJob,
} from './types.ts';

/**
 * The job queue repository: queue jobs, claim them exclusively with a lease, keep the lease alive,
 * finish or fail them, list and retry them. Claims are exclusive on both engines: PostgreSQL picks rows
 * with `FOR UPDATE SKIP LOCKED` (claimers never wait for each other), SQLite claims inside a transaction
 * that takes the write lock first (claimers take turns). A running job whose lease ran out (its worker
 * was killed or stalled) is queued again by the next claim, or failed once it used all its attempts.
 * Every completion is fenced by worker and attempt, so a worker that lost its lease cannot overwrite the
 * outcome of the worker that took the job over.
 */

type Db = Kysely<Database>;

/** Errors that no retry can fix: the job fails at once instead of being tried again. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'bad_request',
  'invalid_input',
  'unsupported_type',
  'too_large',
  'empty_input',
  'encoding',
  'malformed',
  'not_found',
  'ssrf_refused',
  'forbidden',
]);

/** True when retrying cannot help (bad input, refused URL, missing source): such a job fails at once. */
export function isPermanentError(error: unknown): boolean {
  return isCorroborateError(error) && PERMANENT.has(error.code);
}

function parseJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

function isJobKind(value: string): value is JobKind {
  return (JOB_KINDS as readonly string[]).includes(value);
}

function isJobStatus(value: string): value is JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(value);
}

/** Maps a row to a {@link Job}; a row with an unknown kind or status is a corrupted queue, reported as such. */
function toJob(row: Selectable<JobTable>): Job {
  if (!isJobKind(row.kind) || !isJobStatus(row.status)) {
    throw new CorroborateError(
      'internal',
      `job ${row.id}: unknown kind '${row.kind}' or status '${row.status}'`,
    );
  }
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    caseId: row.case_id,
    payload: parseJson(row.payload),
    status: row.status,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAfter: row.run_after,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    lastError: row.last_error,
    result: parseJson(row.result),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A one-line error message for the job row (first line, at most 500 characters). */
function oneLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}

/** Result of {@link enqueueJobs}. */
export interface EnqueueResult {
  /** Ids of the jobs queued now, in input order (jobs whose key already existed are left out). */
  readonly ids: readonly string[];
  /** Jobs not queued because a job with the same key exists. */
  readonly existing: number;
}

/**
 * Queues jobs; a job whose `key` is already taken (by a job in any status) is not queued again, which makes
 * producers idempotent: re-running an ingest does not analyse a source twice.
 *
 * @example
 * await enqueueJobs(store.db, [{ kind: 'analyse', key: `analyse:${id}`, payload: { sourceId: id, actor: 'cli:ana' } }]);
 */
export async function enqueueJobs(
  db: Db,
  jobs: readonly NewJob[],
  now: Date = new Date(),
): Promise<EnqueueResult> {
  const at = now.toISOString();
  const ids: string[] = [];
  let existing = 0;
  for (let i = 0; i < jobs.length; i += 500) {
    const rows = jobs.slice(i, i + 500).map((job) => {
      const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
        throw new CorroborateError(
          'invalid_input',
          `job ${job.kind}: maxAttempts must be a positive integer`,
        );
      }
      return {
        id: newId('job'),
        kind: job.kind,
        key: job.key ?? null,
        case_id: job.caseId ?? null,
        payload: JSON.stringify(job.payload),
        status: 'queued',
        attempts: 0,
        max_attempts: maxAttempts,
        run_after: job.runAfter ?? at,
        locked_by: null,
        locked_until: null,
        last_error: null,
        result: null,
        progress: null,
        created_at: at,
        updated_at: at,
      };
    });
    const inserted = await db
      .insertInto('jobs')
      .values(rows)
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .execute();
    const got = new Set(inserted.map((r) => r.id));
    for (const row of rows) {
      if (got.has(row.id)) ids.push(row.id);
      else existing++;
    }
  }
  return { ids, existing };
}

/** What {@link claimJobs} takes. */
export interface ClaimOptions {
  /** Who claims: stored in `locked_by` and checked on every later write. */
  readonly workerId: string;
  /** Only these kinds (default all). */
  readonly kinds?: readonly JobKind[];
  /** At most this many jobs (default 1). */
  readonly limit?: number;
  /** How long the claim holds without a heartbeat, in milliseconds. */
  readonly leaseMs: number;
  /** The clock (tests move it forward to expire leases). */
  readonly now?: Date;
}

/**
 * Running jobs whose lease has run out go back to `queued` (or to `failed` when they used all their
 * attempts), with a one-line reason naming the worker that lost them.
 */
async function reapExpired(db: Db, at: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: sql<string>`case when attempts >= max_attempts then 'failed' else 'queued' end`,
      last_error: sql<string>`'lease expired: worker ' || coalesce(locked_by, '?') || ' stopped or stalled'`,
      locked_until: null,
      run_after: at,
      updated_at: at,
    })
    .where('status', '=', 'running')
    .where('locked_until', '<', at)
    .execute();
}

/**
 * Claims up to `limit` ready jobs (queued, `run_after` passed) for one worker, oldest first: marks them
 * running, counts the attempt and sets the lease. No two claimers ever get the same job. Before claiming,
 * jobs whose lease expired are queued again (or failed after their last attempt).
 *
 * @example
 * const [claim] = await claimJobs(store, { workerId: 'worker:a:1', leaseMs: 60_000 });
 */
export async function claimJobs(store: Store, options: ClaimOptions): Promise<Claim[]> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const until = new Date(now.getTime() + options.leaseMs).toISOString();
  const limit = Math.max(1, Math.floor(options.limit ?? 1));
  const kinds = options.kinds ?? JOB_KINDS;
  if (kinds.length === 0) return [];
  let rows: Selectable<JobTable>[];
  if (store.dialect === 'postgres') {
    await reapExpired(store.db, at);
    const result = await sql<Selectable<JobTable>>`
      with next as (
        select id from jobs
        where status = 'queued' and run_after <= ${at} and kind in (${sql.join(kinds)})
        order by run_after, id
        limit ${limit}
        for update skip locked
      )
      update jobs set status = 'running', attempts = jobs.attempts + 1, locked_by = ${options.workerId},
        locked_until = ${until}, progress = null, updated_at = ${at}
      from next where jobs.id = next.id
      returning jobs.*`.execute(store.db);
    rows = result.rows;
  } else {
    rows = await store.db.transaction().execute(async (trx) => {
      // Write first, so this transaction holds SQLite's write lock before it reads (no stale snapshot).
      await reapExpired(trx, at);
      const ids = await trx
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'queued')
        .where('run_after', '<=', at)
        .where('kind', 'in', kinds)
        .orderBy('run_after')
        .orderBy('id')
        .limit(limit)
        .execute();
      if (ids.length === 0) return [];
      return trx
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          attempts: eb('attempts', '+', 1),
          locked_by: options.workerId,
          locked_until: until,
          progress: null,
          updated_at: at,
        }))
        .where(
          'id',
          'in',
          ids.map((r) => r.id),
        )
        .returningAll()
        .execute();
    });
  }
  return rows
    .map(toJob)
    .sort((a, b) =>
      a.runAfter === b.runAfter ? a.id.localeCompare(b.id) : a.runAfter.localeCompare(b.runAfter),
    )
    .map((job) => ({ job, workerId: options.workerId }));
}

/** Narrows an update to the claim still being held: same worker, same attempt, still running. */
function held(db: Db, claim: Claim) {
  return db
    .updateTable('jobs')
    .where('id', '=', claim.job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', claim.workerId)
    .where('attempts', '=', claim.job.attempts);
}

async function changed(query: ReturnType<typeof held>): Promise<boolean> {
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Extends a held lease; false when the lease was lost (expired and taken over, or the job was changed). */
export async function renewLease(
  db: Db,
  claim: Claim,
  leaseMs: number,
  now: Date = new Date(),
): Promise<boolean> {
  return changed(
    held(db, claim).set({
      locked_until: new Date(now.getTime() + leaseMs).toISOString(),
      updated_at: now.toISOString(),
    }),
  );
}

/** Marks a held job done with the handler's result; false (nothing written) when the lease was lost. */
export async function completeJob(
  db: Db,
  claim: Claim,
  result: unknown,
  now: Date = new Date(),
): Promise<boolean> {
  return changed(
    held(db, claim).set({
      status: 'done',
      locked_until: null,
      result: JSON.stringify(result ?? null),
      updated_at: now.toISOString(),
    }),
  );
}

/** What became of a failed attempt. */
export type FailOutcome = 'retry' | 'failed' | 'lost';

/** How {@link failJob} treats an error. */
export interface FailOptions {
  /** Fail at once, whatever attempts are left (see {@link isPermanentError}). */
  readonly permanent?: boolean;
  /** First retry delay in milliseconds, doubled per attempt up to a minute (default 1000). */
  readonly retryDelayMs?: number;
  readonly now?: Date;
}

/**
 * Records a failed attempt of a held job with its one-line error: queued again after a back-off while
 * attempts remain, else `failed` (the error is kept). `lost` when the lease was lost and nothing was written.
 */
export async function failJob(
  db: Db,
  claim: Claim,
  error: string,
  options: FailOptions = {},
): Promise<FailOutcome> {
  const now = options.now ?? new Date();
  const last = options.permanent === true || claim.job.attempts >= claim.job.maxAttempts;
  const delay = Math.min(60_000, (options.retryDelayMs ?? 1000) * 2 ** Math.max(0, claim.job.attempts - 1));
  const ok = await changed(
    held(db, claim).set({
      status: last ? 'failed' : 'queued',
      locked_by: last ? claim.workerId : null,
      locked_until: null,
      last_error: oneLine(error),
      run_after: last ? now.toISOString() : new Date(now.getTime() + delay).toISOString(),
      updated_at: now.toISOString(),
    }),
  );
  if (!ok) return 'lost';
  return last ? 'failed' : 'retry';
}

/** Filters of {@link listJobs}. */
export interface ListJobsOptions {
  readonly status?: JobStatus;
  readonly kind?: JobKind;
  /** At most this many, newest first (default 50, at most 1000). */
  readonly limit?: number;
}

/** Jobs, newest first. */
export async function listJobs(db: Db, options: ListJobsOptions = {}): Promise<Job[]> {
  let query = db
    .selectFrom('jobs')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(Math.min(1000, Math.max(1, options.limit ?? 50)));
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  if (options.kind !== undefined) query = query.where('kind', '=', options.kind);
  return (await query.execute()).map(toJob);
}

/** One job by id, or undefined. */
export async function getJob(db: Db, id: string): Promise<Job | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toJob(row);
}

/** How many jobs are in each status (every status present, zero when none). */
export async function countJobs(db: Db): Promise<Readonly<Record<JobStatus, number>>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const row of rows) if (isJobStatus(row.status)) counts[row.status] = Number(row.n);
  return counts;
}

/**
 * Queues failed jobs again with a fresh set of attempts: the given ids (each must exist and be failed),
 * or every failed job when `ids` is omitted. Returns how many were queued.
 */
export async function retryJobs(db: Db, ids?: readonly string[], now: Date = new Date()): Promise<number> {
  if (ids !== undefined) {
    for (const id of ids) {
      const job = await getJob(db, id);
      if (job === undefined) throw new CorroborateError('not_found', `job ${id}: no such job`);
      if (job.status !== 'failed')
        throw new CorroborateError('conflict', `job ${id}: is ${job.status}, only failed jobs are retried`);
    }
  }
  let query = db
    .updateTable('jobs')
    .set({
      status: 'queued',
      attempts: 0,
      locked_by: null,
      locked_until: null,
      run_after: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .where('status', '=', 'failed');
  if (ids !== undefined) {
    if (ids.length === 0) return 0;
    query = query.where('id', 'in', ids);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
