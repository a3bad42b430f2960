import { CorroborateError } from '../../errors.ts';
import {
  countJobs,
  JOB_KINDS,
  JOB_STATUSES,
  type JobKind,
  type JobStatus,
  listJobs,
  retryJobs,
} from '../../queue/index.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate jobs [--status S] [--kind K] [--limit N] [--json]
       corroborate jobs --retry [JOB_ID...]

Lists the job queue, newest first, after a count per status: each job's kind, status, attempts, the
worker holding or last running it, and the one-line error of its last failed attempt. With --retry,
queues failed jobs again with fresh attempts: the ids given, or every failed job.

Options:
  --status S    ${JOB_STATUSES.join('|')}
  --kind K      ${JOB_KINDS.join('|')}
  --limit N     at most N jobs (default 50, at most 1000)
  --retry       re-queue failed jobs (the ids given, else all)
  --db PATH     database (default CORROBORATE_DB or ./corroborate.db)
  --json        print JSON
`;

/** `corroborate jobs`: list the job queue, or re-queue failed jobs. */
export const jobsCommand: Command = {
  name: 'jobs',
  describe: 'list queued, running, done and failed jobs; re-queue failed ones',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const parsed = parseCommandArgs(
      args,
      USAGE,
      {
        status: { type: 'string' },
        kind: { type: 'string' },
        limit: { type: 'string' },
        retry: { type: 'boolean', default: false },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      true,
    );
    const { values, positionals } = parsed;
    const status = values.status;
    if (status !== undefined && !(JOB_STATUSES as readonly string[]).includes(status)) {
      throw new CorroborateError(
        'bad_request',
        `--status ${status}: must be one of ${JOB_STATUSES.join(', ')}`,
      );
    }
    const kind = values.kind;
    if (kind !== undefined && !(JOB_KINDS as readonly string[]).includes(kind)) {
      throw new CorroborateError('bad_request', `--kind ${kind}: must be one of ${JOB_KINDS.join(', ')}`);
    }
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new CorroborateError('bad_request', `--limit ${values.limit}: must be a positive whole number`);
    if (!values.retry && positionals.length > 0) {
      throw new CorroborateError(
        'bad_request',
        `unexpected argument '${positionals[0]}' (job ids go with --retry)\n${USAGE}`,
      );
    }
    return withStore(deps, values.db, async (store) => {
      if (values.retry) {
        const n = await retryJobs(store.db, positionals.length > 0 ? positionals : undefined);
        deps.stdout.write(
          values.json
            ? `${JSON.stringify({ requeued: n })}\n`
            : `re-queued ${n} failed job${n === 1 ? '' : 's'}\n`,
        );
        return 0;
      }
      const counts = await countJobs(store.db);
      const jobs = await listJobs(store.db, {
        limit,
        ...(status === undefined ? {} : { status: status as JobStatus }),
        ...(kind === undefined ? {} : { kind: kind as JobKind }),
      });
      if (values.json) {
        deps.stdout.write(`${JSON.stringify({ counts, jobs }, null, 2)}\n`);
        return 0;
      }
      deps.stdout.write(`${JOB_STATUSES.map((s) => `${counts[s]} ${s}`).join(', ')} (${store.location})\n`);
      for (const job of jobs) {
        const who = job.lockedBy === null ? '' : ` ${job.lockedBy}`;
        const error = job.lastError === null ? '' : `: ${job.lastError}`;
        const subject = describePayload(job.payload);
        deps.stdout.write(
          `${job.id}  ${job.kind.padEnd(7)} ${job.status.padEnd(7)} ${job.attempts}/${job.maxAttempts}${who}${subject === '' ? '' : `  ${subject}`}${error}\n`,
        );
      }
      return 0;
    });
  },
};

/** The payload's subject for one listing line: the source, URL or upload name. */
function describePayload(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return '';
  const p = payload as { sourceId?: unknown; url?: unknown; upload?: { name?: unknown } };
  if (typeof p.sourceId === 'string') return p.sourceId;
  if (typeof p.url === 'string') return p.url;
  if (typeof p.upload?.name === 'string') return p.upload.name;
  return '';
}
