import type { MetadataOverrides } from '../capture/index.ts';

/**
 * Domain types of the job queue: what a job is, what each kind carries, and what a handler gets and
 * returns. Rows (`JobTable`) stay in `store/`; `queue.ts` maps them to {@link Job}.
 */

/** Where a job is in its life: waiting (possibly until `runAfter`), held by a worker, finished, given up. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** Every status, in the order listings show them. */
export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'done', 'failed'];

/** The kinds of work workers know how to do. */
export type JobKind = 'capture' | 'analyse';

/** Every kind. */
export const JOB_KINDS: readonly JobKind[] = ['capture', 'analyse'];

/**
 * Capture one document on a worker: a URL (fetched there, through the SSRF guard) or an uploaded original
 * carried in the payload (base64). On success the worker queues its analysis when `analyse` is true.
 */
export interface CapturePayload {
  readonly caseId: string;
  /** Who asked for the capture; recorded as the capture's actor in the custody log. */
  readonly actor: string;
  readonly url?: string;
  readonly upload?: { readonly name: string; readonly base64: string };
  readonly overrides?: MetadataOverrides;
  readonly allowPrivate?: boolean;
  /** Queue an `analyse` job for the captured source (default true). */
  readonly analyse?: boolean;
}

/** Extract one stored source and attach it to its case's allegations. */
export interface AnalysePayload {
  readonly sourceId: string;
  /** Who asked for the analysis; recorded in the custody log. */
  readonly actor: string;
}

/** The payload of each kind. */
export interface JobPayloads {
  readonly capture: CapturePayload;
  readonly analyse: AnalysePayload;
}

/** One job, as listed and as handed to a handler. */
export interface Job {
  readonly id: string;
  readonly kind: JobKind;
  readonly key: string | null;
  readonly caseId: string | null;
  readonly payload: unknown;
  readonly status: JobStatus;
  /** How many times a worker has claimed it (the current claim included). */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly runAfter: string;
  readonly lockedBy: string | null;
  readonly lockedUntil: string | null;
  /** One line: why the last attempt failed (kept when the job is finally `failed`). */
  readonly lastError: string | null;
  readonly result: unknown;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A job to queue. */
export interface NewJob<K extends JobKind = JobKind> {
  readonly kind: K;
  readonly payload: JobPayloads[K];
  /** De-duplication key: when a job with this key exists (in any status) nothing is queued. */
  readonly key?: string;
  readonly caseId?: string | null;
  /** Attempts before the job is `failed` (default {@link DEFAULT_MAX_ATTEMPTS}). */
  readonly maxAttempts?: number;
  /** Not before this time (ISO-8601; default now). */
  readonly runAfter?: string;
}

/** Attempts a job gets unless it says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** A claimed job and the lease that proves the claim (completion is refused once the lease is lost). */
export interface Claim {
  readonly job: Job;
  /** The worker that holds it. */
  readonly workerId: string;
}

/** What a handler is given besides the job. */
export interface HandlerContext {
  /** Who runs it: `worker:<host>:<pid>`. */
  readonly workerId: string;
  /** Aborted when the lease is lost; handlers that loop should stop. */
  readonly signal: AbortSignal;
}

/** Does one kind of job; returns a JSON-serialisable result kept on the job. Must be idempotent. */
export type JobHandler = (job: Job, context: HandlerContext) => Promise<unknown>;

/** Handlers by kind: a worker claims only the kinds it has handlers for. */
export type JobHandlers = Readonly<Partial<Record<JobKind, JobHandler>>>;
