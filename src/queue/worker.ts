import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../errors.ts';
import type { Store } from '../store/index.ts';
import { claimJobs, completeJob, failJob, isPermanentError, renewLease } from './queue.ts';
import { type Claim, type Job, JOB_KINDS, type JobHandlers, type JobKind } from './types.ts';

/** Options of {@link runWorker}. */
export interface WorkerOptions {
  /** Stored in `locked_by` of the jobs it holds (default `worker:<host>:<pid>`; slots add `#n`). */
  readonly workerId?: string;
  /** Jobs run at once in this process (default 1). Extraction is CPU-bound: run more processes for more CPUs. */
  readonly concurrency?: number;
  /** Return once no job is ready, instead of waiting for more. */
  readonly once?: boolean;
  /** Lease of a claimed job in milliseconds, renewed every third of it while the job runs (default 5 minutes). */
  readonly leaseMs?: number;
  /** Wait between polls of an empty queue, in milliseconds (default 1000; a random tenth is added). */
  readonly pollMs?: number;
  /** First retry delay of a failed attempt in milliseconds, doubled per attempt (default 1000). */
  readonly retryDelayMs?: number;
  /** Stop: no new job is claimed, the jobs running finish, then {@link runWorker} resolves. */
  readonly signal?: AbortSignal;
  /** Called after each job (for the CLI's one line per job). */
  readonly onJob?: (event: WorkerEvent) => void;
  /** Called when a slot finds no ready job (before it waits or, with `once`, returns); errors are the caller's. */
  readonly onIdle?: () => Promise<void>;
}

/** What happened to one claimed job. */
export interface WorkerEvent {
  readonly job: Job;
  /** `done`; `retry` (queued again after a back-off); `failed` (no attempts left, or the error is permanent); `lost` (the lease was taken over: nothing written). */
  readonly outcome: 'done' | 'retry' | 'failed' | 'lost';
  readonly error?: string;
  readonly result?: unknown;
  readonly seconds: number;
}

/** Totals of one {@link runWorker} call. */
export interface WorkerSummary {
  readonly done: number;
  readonly retried: number;
  readonly failed: number;
  readonly lost: number;
}

/** The default worker id: host and process, so `corroborate jobs` shows who holds what. */
export function defaultWorkerId(): string {
  return `worker:${hostname()}:${process.pid}`;
}

/**
 * Runs jobs until stopped (or, with `once`, until no job is ready): each of `concurrency` slots claims one
 * job, runs its handler while renewing the lease, then marks it done or records the failure (retry with
 * back-off, or failed once attempts run out or the error is permanent). A handler error never stops the
 * worker. Only the kinds that have a handler are claimed.
 *
 * @example
 * const controller = new AbortController();
 * process.once('SIGTERM', () => controller.abort());
 * await runWorker(store, createHandlers(store, { maxBytes }), { concurrency: 2, signal: controller.signal });
 */
export async function runWorker(
  store: Store,
  handlers: JobHandlers,
  options: WorkerOptions = {},
): Promise<WorkerSummary> {
  const base = options.workerId ?? defaultWorkerId();
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const pollMs = options.pollMs ?? 1000;
  const kinds: JobKind[] = JOB_KINDS.filter((k) => handlers[k] !== undefined);
  const totals = { done: 0, retried: 0, failed: 0, lost: 0 };
  const stopped = (): boolean => options.signal?.aborted === true;

  const runOne = async (claim: Claim): Promise<void> => {
    const { job } = claim;
    const started = performance.now();
    const lease = new AbortController();
    const renew = setInterval(
      () => {
        renewLease(store.db, claim, leaseMs).then(
          (held) => {
            if (!held) lease.abort();
          },
          () => undefined,
        );
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    let event: Omit<WorkerEvent, 'seconds'>;
    try {
      const handler = handlers[job.kind];
      if (handler === undefined) throw new Error(`no handler for ${job.kind} jobs`);
      const result = await handler(job, { workerId: claim.workerId, signal: lease.signal });
      clearInterval(renew);
      event = (await completeJob(store.db, claim, result))
        ? { job, outcome: 'done', result }
        : { job, outcome: 'lost' };
    } catch (error) {
      clearInterval(renew);
      const message = errorMessage(error);
      const outcome = await failJob(store.db, claim, message, {
        permanent: isPermanentError(error),
        ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
      });
      event = { job, outcome, error: message };
    }
    if (event.outcome === 'done') totals.done++;
    else if (event.outcome === 'retry') totals.retried++;
    else if (event.outcome === 'failed') totals.failed++;
    else totals.lost++;
    options.onJob?.({ ...event, seconds: (performance.now() - started) / 1000 });
  };

  const slot = async (n: number): Promise<void> => {
    const workerId = concurrency === 1 ? base : `${base}#${n}`;
    while (!stopped()) {
      const [claim] = await claimJobs(store, { workerId, kinds, limit: 1, leaseMs });
      if (claim !== undefined) {
        await runOne(claim);
        continue;
      }
      await options.onIdle?.();
      if (options.once === true) return;
      try {
        await sleep(
          pollMs + Math.floor(Math.random() * (pollMs / 10)),
          undefined,
          options.signal ? { signal: options.signal } : {},
        );
      } catch {
        return; // aborted while idle
      }
    }
  };

  if (kinds.length > 0) await Promise.all(Array.from({ length: concurrency }, (_, i) => slot(i + 1)));
  return totals;
}
