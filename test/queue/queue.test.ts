// The job queue repository and worker loop, run as one contract on SQLite (always) and PostgreSQL.
// Jobs here carry made-up payloads; no document text is involved.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CorroborateError } from '../../src/errors.ts';
import {
  claimJobs,
  completeJob,
  countJobs,
  enqueueJobs,
  failJob,
  getJob,
  type Job,
  type JobHandlers,
  listJobs,
  type NewJob,
  renewLease,
  retryJobs,
  runWorker,
} from '../../src/queue/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/temp.ts';

const LEASE = 60_000;

function analyseJob(i: number, extra: Partial<NewJob<'analyse'>> = {}): NewJob<'analyse'> {
  return {
    kind: 'analyse',
    key: `analyse:test:${i}`,
    payload: { sourceId: `src_${i}`, actor: 'cli:test' },
    ...extra,
  };
}

const later = (ms: number): Date => new Date(Date.now() + ms);

interface Backend {
  readonly name: string;
  /** Opens a store on the suite's database; several may be open at once (PostgreSQL: separate pools). */
  open(): Promise<Store>;
  /** Whether several stores in one process may claim at once (SQLite's driver is synchronous: one per process). */
  readonly parallelStores: boolean;
  setup(): Promise<void>;
  teardown(): Promise<void>;
}

function sqliteBackend(): Backend {
  let file = '';
  return {
    name: 'SQLite',
    parallelStores: false,
    open: () => openStore({ url: file }),
    setup() {
      file = join(tempDir(), 'queue.sqlite');
      return Promise.resolve();
    },
    teardown: () => Promise.resolve(),
  };
}

function postgresBackend(): Backend {
  let url = '';
  let drop: () => Promise<void> = () => Promise.resolve();
  return {
    name: 'PostgreSQL',
    parallelStores: true,
    open: () => openStore({ url, poolSize: 4 }),
    async setup() {
      ({ url, drop } = await createTestDatabase());
    },
    teardown: () => drop(),
  };
}

function runQueueContract(backend: Backend): void {
  describe(`job queue on ${backend.name}`, () => {
    let store: Store;
    before(async () => {
      await backend.setup();
      store = await backend.open();
    });
    after(async () => {
      await store.close();
      await backend.teardown();
    });

    const reset = async (): Promise<void> => {
      await store.db.deleteFrom('jobs').execute();
    };

    it('queues a job once per key and reports the ones already queued', async () => {
      await reset();
      const first = await enqueueJobs(store.db, [
        analyseJob(1),
        analyseJob(2),
        { kind: 'analyse', payload: { sourceId: 'x', actor: 'a' } },
      ]);
      assert.equal(first.ids.length, 3);
      const again = await enqueueJobs(store.db, [analyseJob(1), analyseJob(3)]);
      assert.equal(again.ids.length, 1);
      assert.equal(again.existing, 1);
      assert.deepEqual(await countJobs(store.db), { queued: 4, running: 0, done: 0, failed: 0 });
    });

    it('gives every job to exactly one of many concurrent claimers', async () => {
      await reset();
      const total = 200;
      await enqueueJobs(
        store.db,
        Array.from({ length: total }, (_, i) => analyseJob(i)),
      );
      const stores = backend.parallelStores
        ? [store, ...(await Promise.all([1, 2, 3].map(() => backend.open())))]
        : [store];
      try {
        const claimed: string[] = [];
        const claimer = async (s: Store, n: number): Promise<void> => {
          for (;;) {
            const claims = await claimJobs(s, { workerId: `w${n}`, leaseMs: LEASE, limit: 1 + (n % 3) });
            if (claims.length === 0) return;
            for (const c of claims) claimed.push(c.job.id);
          }
        };
        await Promise.all(
          Array.from({ length: 16 }, (_, n) => claimer(stores[n % stores.length] as Store, n)),
        );
        assert.equal(claimed.length, total);
        assert.equal(new Set(claimed).size, total);
        const counts = await countJobs(store.db);
        assert.equal(counts.running, total);
        assert.equal(counts.queued, 0);
      } finally {
        for (const s of stores) if (s !== store) await s.close();
      }
    });

    it('claims oldest first and only the kinds asked for', async () => {
      await reset();
      // Ids are ordered only to the millisecond, so give each job its own time.
      await enqueueJobs(store.db, [analyseJob(2, { runAfter: later(-1000).toISOString() })]);
      await enqueueJobs(store.db, [
        { kind: 'capture', payload: { caseId: 'c', actor: 'a', url: 'https://example.org/a' } },
      ]);
      await enqueueJobs(store.db, [analyseJob(1, { runAfter: later(-2000).toISOString() })]);
      assert.deepEqual(await claimJobs(store, { workerId: 'w', kinds: [], leaseMs: LEASE }), []);
      const captures = await claimJobs(store, {
        workerId: 'w',
        kinds: ['capture'],
        leaseMs: LEASE,
        limit: 5,
      });
      assert.deepEqual(
        captures.map((c) => c.job.kind),
        ['capture'],
      );
      const analyses = await claimJobs(store, {
        workerId: 'w',
        kinds: ['analyse'],
        leaseMs: LEASE,
        limit: 5,
      });
      assert.deepEqual(
        analyses.map((c) => (c.job.payload as { sourceId: string }).sourceId),
        ['src_1', 'src_2'],
      );
    });

    it('does not hand out a job before its run_after time', async () => {
      await reset();
      await enqueueJobs(store.db, [analyseJob(1, { runAfter: later(60_000).toISOString() })]);
      assert.equal((await claimJobs(store, { workerId: 'w', leaseMs: LEASE })).length, 0);
      assert.equal((await claimJobs(store, { workerId: 'w', leaseMs: LEASE, now: later(61_000) })).length, 1);
    });

    it("hands a job whose lease expired to another worker and refuses the first worker's late result", async () => {
      await reset();
      await enqueueJobs(store.db, [analyseJob(1)]);
      const [first] = await claimJobs(store, { workerId: 'killed', leaseMs: 1000 });
      assert.ok(first);
      assert.equal(
        (await claimJobs(store, { workerId: 'other', leaseMs: LEASE })).length,
        0,
        'lease still held',
      );
      const [second] = await claimJobs(store, { workerId: 'other', leaseMs: LEASE, now: later(5000) });
      assert.ok(second);
      assert.equal(second.job.id, first.job.id);
      assert.equal(second.job.attempts, 2);
      assert.match(second.job.lastError ?? '', /lease expired: worker killed stopped or stalled/);
      assert.equal(await completeJob(store.db, first, { late: true }), false);
      assert.equal(await renewLease(store.db, first, LEASE), false);
      assert.equal(await failJob(store.db, first, 'late failure'), 'lost');
      assert.equal(await completeJob(store.db, second, { ok: true }), true);
      const job = await getJob(store.db, first.job.id);
      assert.equal(job?.status, 'done');
      assert.deepEqual(job?.result, { ok: true });
      assert.equal(job?.lockedBy, 'other');
    });

    it('keeps a renewed lease from expiring', async () => {
      await reset();
      await enqueueJobs(store.db, [analyseJob(1)]);
      const [claim] = await claimJobs(store, { workerId: 'alive', leaseMs: 1000 });
      assert.ok(claim);
      assert.equal(await renewLease(store.db, claim, 60_000), true);
      assert.equal(
        (await claimJobs(store, { workerId: 'other', leaseMs: LEASE, now: later(5000) })).length,
        0,
      );
    });

    it('retries a failed attempt after a back-off, then fails the job at max attempts keeping the one-line error', async () => {
      await reset();
      await enqueueJobs(store.db, [analyseJob(1, { maxAttempts: 2 })]);
      const [a1] = await claimJobs(store, { workerId: 'w', leaseMs: LEASE });
      assert.ok(a1);
      assert.equal(
        await failJob(store.db, a1, 'database hiccup\nstack line', { retryDelayMs: 10_000 }),
        'retry',
      );
      assert.equal((await claimJobs(store, { workerId: 'w', leaseMs: LEASE })).length, 0, 'backing off');
      const [a2] = await claimJobs(store, { workerId: 'w', leaseMs: LEASE, now: later(11_000) });
      assert.ok(a2);
      assert.equal(a2.job.attempts, 2);
      assert.equal(a2.job.lastError, 'database hiccup');
      assert.equal(await failJob(store.db, a2, 'source src_1: still broken'), 'failed');
      const job = await getJob(store.db, a1.job.id);
      assert.equal(job?.status, 'failed');
      assert.equal(job?.lastError, 'source src_1: still broken');
      assert.equal(
        (await claimJobs(store, { workerId: 'w', leaseMs: LEASE, now: later(120_000) })).length,
        0,
      );
    });

    it("fails a job whose last attempt's lease expired", async () => {
      await reset();
      await enqueueJobs(store.db, [analyseJob(1, { maxAttempts: 1 })]);
      assert.equal((await claimJobs(store, { workerId: 'killed', leaseMs: 1000 })).length, 1);
      assert.equal(
        (await claimJobs(store, { workerId: 'other', leaseMs: LEASE, now: later(5000) })).length,
        0,
      );
      const [job] = await listJobs(store.db);
      assert.equal(job?.status, 'failed');
      assert.match(job?.lastError ?? '', /lease expired/);
    });

    it('fails at once on a permanent error and re-queues failed jobs on retry', async () => {
      await reset();
      await enqueueJobs(store.db, [analyseJob(1, { maxAttempts: 5 })]);
      const [claim] = await claimJobs(store, { workerId: 'w', leaseMs: LEASE });
      assert.ok(claim);
      assert.equal(await failJob(store.db, claim, 'bad payload', { permanent: true }), 'failed');
      assert.equal(await retryJobs(store.db), 1);
      const [again] = await claimJobs(store, { workerId: 'w', leaseMs: LEASE });
      assert.equal(again?.job.attempts, 1);
      await assert.rejects(retryJobs(store.db, ['job_nope']), /job job_nope: no such job/);
      await assert.rejects(retryJobs(store.db, [claim.job.id]), /is running, only failed jobs are retried/);
    });

    it('runs jobs to completion with a worker, retrying failures and failing permanent errors at once', async () => {
      await reset();
      await enqueueJobs(store.db, [analyseJob(1), analyseJob(2), analyseJob(3)]);
      const seen = new Map<string, number>();
      const handlers: JobHandlers = {
        analyse(job: Job) {
          const { sourceId } = job.payload as { sourceId: string };
          seen.set(sourceId, (seen.get(sourceId) ?? 0) + 1);
          if (sourceId === 'src_2' && job.attempts === 1) return Promise.reject(new Error('transient'));
          if (sourceId === 'src_3')
            return Promise.reject(new CorroborateError('not_found', `source ${sourceId}: no such source`));
          return Promise.resolve({ sourceId });
        },
      };
      const events: string[] = [];
      const onJob = (e: { job: Job; outcome: string }): void => {
        events.push(`${(e.job.payload as { sourceId: string }).sourceId}:${e.outcome}`);
      };
      const summary = await runWorker(store, handlers, {
        workerId: 'test',
        once: true,
        concurrency: 2,
        retryDelayMs: 60_000,
        onJob,
      });
      // The retry waits out its back-off; bring it forward instead of sleeping.
      await store.db
        .updateTable('jobs')
        .set({ run_after: new Date(0).toISOString() })
        .where('status', '=', 'queued')
        .execute();
      const second = await runWorker(store, handlers, { workerId: 'test', once: true, onJob });
      assert.deepEqual(summary, { done: 1, retried: 1, failed: 1, lost: 0 });
      assert.deepEqual(second, { done: 1, retried: 0, failed: 0, lost: 0 });
      assert.deepEqual(events.sort(), ['src_1:done', 'src_2:done', 'src_2:retry', 'src_3:failed']);
      assert.deepEqual([...seen.entries()].sort(), [
        ['src_1', 1],
        ['src_2', 2],
        ['src_3', 1],
      ]);
      assert.deepEqual(await countJobs(store.db), { queued: 0, running: 0, done: 2, failed: 1 });
      const failed = await listJobs(store.db, { status: 'failed' });
      assert.equal(failed[0]?.lastError, 'source src_3: no such source');
    });

    it('stops claiming when its signal is aborted and returns after the running job', async () => {
      await reset();
      await enqueueJobs(store.db, [analyseJob(1), analyseJob(2)]);
      const controller = new AbortController();
      const handlers: JobHandlers = {
        analyse() {
          controller.abort();
          return Promise.resolve(null);
        },
      };
      const summary = await runWorker(store, handlers, {
        workerId: 'test',
        signal: controller.signal,
        pollMs: 10,
      });
      assert.equal(summary.done, 1);
      assert.deepEqual(await countJobs(store.db), { queued: 1, running: 0, done: 1, failed: 0 });
    });
  });
}

runQueueContract(sqliteBackend());
runQueueContract(postgresBackend());
