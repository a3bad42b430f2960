/**
 * The job queue: many worker processes, on one machine or many, share ingestion through the store
 * (PostgreSQL for scale-out; SQLite works for one machine). Jobs are claimed exclusively with a lease,
 * retried with back-off, failed after their last attempt with the one-line error kept. See docs/SCALING.md.
 */
export type {
  AnalysePayload,
  CapturePayload,
  Claim,
  HandlerContext,
  Job,
  JobHandler,
  JobHandlers,
  JobKind,
  JobPayloads,
  JobStatus,
  NewJob,
} from './types.ts';
export { DEFAULT_MAX_ATTEMPTS, JOB_KINDS, JOB_STATUSES } from './types.ts';
export {
  claimJobs,
  completeJob,
  countJobs,
  enqueueJobs,
  failJob,
  getJob,
  isPermanentError,
  listJobs,
  renewLease,
  retryJobs,
} from './queue.ts';
export type { ClaimOptions, EnqueueResult, FailOptions, FailOutcome, ListJobsOptions } from './queue.ts';
export { analyseJobs, analyseKey, createHandlers } from './handlers.ts';
export type { AnalyseJobResult, CaptureJobResult, HandlerDeps } from './handlers.ts';
export { defaultWorkerId, runWorker } from './worker.ts';
export type { WorkerEvent, WorkerOptions, WorkerSummary } from './worker.ts';
export { queueIngest } from './produce.ts';
export type { QueueIngestInput, QueueIngestResult } from './produce.ts';
