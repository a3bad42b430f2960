import { CorroborateError, errorMessage } from '../../errors.ts';
import { createHandlers, defaultWorkerId, runWorker, type WorkerEvent } from '../../queue/index.ts';
import { createCheckpoint } from '../../store/custody.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate worker [--concurrency N] [--once] [options]

Runs queued jobs (captures of URLs and uploads, analyses of captured sources) from the database's job
queue until stopped. Start as many workers as you like, on one machine or many, against the same
PostgreSQL database (see docs/SCALING.md): each job is claimed by exactly one worker with a lease; a job
whose worker dies is taken over when the lease runs out. SIGTERM or SIGINT finishes the jobs running,
then exits (a second signal exits at once; the lease brings those jobs back). One line per job.

Options:
  --concurrency N    jobs at once in this process (default 1; extraction is CPU-bound, so prefer one
                     worker process per CPU and use N > 1 for URL captures)
  --once             exit when no job is ready instead of waiting for more
  --lease SECONDS    lease of a claimed job, renewed while it runs (default 300)
  --poll MS          wait between polls of an empty queue (default 1000)
  --checkpoint       sign a custody checkpoint whenever the queue drains after work (needs the signing
                     key in CORROBORATE_HOME; give it to one worker, or run 'corroborate checkpoint')
  --db PATH          database (default CORROBORATE_DB; a postgres:// URL to share work across machines)
  --json             print one JSON object per job instead of a line
`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CorroborateError('bad_request', `--${name} ${value}: must be a positive whole number`);
  return n;
}

function describeEvent(event: WorkerEvent): string {
  const what = `${event.job.kind.padEnd(7)} ${event.job.id}`;
  const took = `${event.seconds.toFixed(2)} s`;
  switch (event.outcome) {
    case 'done':
      return `done     ${what} (attempt ${event.job.attempts}, ${took})`;
    case 'retry':
      return `retry    ${what} (attempt ${event.job.attempts} of ${event.job.maxAttempts}): ${event.error ?? ''}`;
    case 'failed':
      return `failed   ${what} (attempt ${event.job.attempts} of ${event.job.maxAttempts}): ${event.error ?? ''}`;
    case 'lost':
      return `lost     ${what}: the lease expired and another worker took the job over; nothing recorded`;
  }
}

/** `corroborate worker`: run queued jobs until stopped. */
export const workerCommand: Command = {
  name: 'worker',
  describe: 'run queued capture and analysis jobs (many workers may share one PostgreSQL database)',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(args, USAGE, {
      concurrency: { type: 'string' },
      once: { type: 'boolean', default: false },
      lease: { type: 'string' },
      poll: { type: 'string' },
      checkpoint: { type: 'boolean', default: false },
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const concurrency = positiveInt('concurrency', values.concurrency, 1);
    const leaseMs = positiveInt('lease', values.lease, 300) * 1000;
    const pollMs = positiveInt('poll', values.poll, 1000);
    const store = await deps.openStore(values.db);
    const controller = new AbortController();
    const onSignal = (signal: NodeJS.Signals): void => {
      if (controller.signal.aborted) process.exit(130);
      deps.stderr.write(
        `worker: ${signal}: finishing the jobs running, then exiting (send again to exit at once)\n`,
      );
      controller.abort();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    const workerId = defaultWorkerId();
    let unsigned = false;
    const sign = async (): Promise<void> => {
      if (!values.checkpoint || !unsigned) return;
      unsigned = false;
      try {
        const checkpoint = await createCheckpoint(store, deps.config.home);
        if (!values.json) deps.stdout.write(`checkpoint ${checkpoint.id}: ${checkpoint.treeSize} entries\n`);
      } catch (error) {
        deps.stderr.write(`worker: could not sign a checkpoint: ${errorMessage(error)}\n`);
      }
    };
    try {
      if (!values.json) {
        deps.stdout.write(
          `worker ${workerId} on ${store.location}: concurrency ${concurrency}${values.once ? ', until the queue is empty' : ''}\n`,
        );
      }
      const summary = await runWorker(store, createHandlers(store, { maxBytes: deps.config.maxBytes }), {
        workerId,
        concurrency,
        once: values.once,
        leaseMs,
        pollMs,
        signal: controller.signal,
        onIdle: sign,
        onJob: (event) => {
          if (event.outcome === 'done') unsigned = true;
          if (values.json) {
            const { job, ...rest } = event;
            deps.stdout.write(
              `${JSON.stringify({ id: job.id, kind: job.kind, attempts: job.attempts, ...rest })}\n`,
            );
          } else {
            (event.outcome === 'done' ? deps.stdout : deps.stderr).write(`${describeEvent(event)}\n`);
          }
        },
      });
      await sign();
      const line = `worker ${workerId}: ${summary.done} done, ${summary.retried} to retry, ${summary.failed} failed, ${summary.lost} lost`;
      deps.stderr.write(`${line}\n`);
      return summary.failed > 0 ? 1 : 0;
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await store.close();
    }
  },
};
