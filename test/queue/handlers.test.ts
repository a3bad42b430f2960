// The capture and analyse handlers over a real store, on SQLite and PostgreSQL, and (PostgreSQL) three
// workers on separate connection pools sharing one case. Every report is fictional (fictional-reports.ts).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isCorroborateError } from '../../src/errors.ts';
import {
  analyseJobs,
  claimJobs,
  countJobs,
  createHandlers,
  enqueueJobs,
  isPermanentError,
  type Job,
  listJobs,
  runWorker,
} from '../../src/queue/index.ts';
import { getAllegation, listAllegations, rebuildAllegations } from '../../src/store/allegations.ts';
import { ensureCase, getOriginal, openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/temp.ts';
import { fictionalReports } from './fictional-reports.ts';

const LEASE = 60_000;
const DEPS = { maxBytes: 1024 * 1024 };
const signal = new AbortController().signal;

async function count(
  store: Store,
  table: 'sources' | 'captures' | 'extraction_runs' | 'blobs',
): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Queues one upload capture per report and runs them with a capture-only worker; returns the case id and source ids. */
async function captureReports(
  store: Store,
  caseName: string,
  n: number,
): Promise<{ caseId: string; sourceIds: string[] }> {
  await store.db.deleteFrom('jobs').execute();
  const theCase = await ensureCase(store.db, caseName);
  await enqueueJobs(
    store.db,
    fictionalReports(n).map((r) => ({
      kind: 'capture' as const,
      caseId: theCase.id,
      payload: {
        caseId: theCase.id,
        actor: 'cli:test',
        upload: { name: r.name, base64: Buffer.from(r.text).toString('base64') },
        analyse: false,
      },
    })),
  );
  const handlers = createHandlers(store, DEPS);
  const summary = await runWorker(store, { capture: handlers.capture }, { workerId: 'capturer', once: true });
  assert.equal(summary.done, n);
  const rows = await store.db
    .selectFrom('sources')
    .select('id')
    .where('case_id', '=', theCase.id)
    .orderBy('id')
    .execute();
  return { caseId: theCase.id, sourceIds: rows.map((r) => r.id) };
}

function runHandlerContract(
  name: string,
  open: () => Promise<{ store: Store; close: () => Promise<void> }>,
): void {
  describe(`queue handlers on ${name}`, () => {
    let store: Store;
    let close: () => Promise<void>;
    before(async () => {
      ({ store, close } = await open());
    });
    after(() => close());

    it('captures an uploaded original unchanged and queues its analysis once', async () => {
      const theCase = await ensureCase(store.db, 'uploads');
      const [report] = fictionalReports(1);
      assert.ok(report);
      const payload = {
        caseId: theCase.id,
        actor: 'cli:test',
        upload: { name: report.name, base64: Buffer.from(report.text).toString('base64') },
      };
      await enqueueJobs(store.db, [{ kind: 'capture', payload }]);
      const handlers = createHandlers(store, DEPS);
      await runWorker(store, { capture: handlers.capture }, { workerId: 'w', once: true });
      const [done] = await listJobs(store.db, { kind: 'capture', status: 'done' });
      const result = done?.result as { sources: { id: string }[]; queued: number };
      assert.equal(result.queued, 1);
      const source = await store.db
        .selectFrom('sources')
        .selectAll()
        .where('id', '=', result.sources[0]?.id ?? '')
        .executeTakeFirstOrThrow();
      const original = await getOriginal(store.db, source.sha256);
      assert.equal(original?.bytes.toString('utf8'), report.text);
      const analyses = await listJobs(store.db, { kind: 'analyse' });
      assert.deepEqual(
        analyses.map((j) => (j.payload as { sourceId: string }).sourceId),
        [source.id],
      );
    });

    it('resumes a capture retried after its worker died, without capturing it twice', async () => {
      const theCase = await ensureCase(store.db, 'resume');
      const [, report] = fictionalReports(2);
      assert.ok(report);
      await enqueueJobs(store.db, [
        {
          kind: 'capture',
          caseId: theCase.id,
          payload: {
            caseId: theCase.id,
            actor: 'cli:test',
            upload: { name: report.name, base64: Buffer.from(report.text).toString('base64') },
          },
        },
      ]);
      const handlers = createHandlers(store, DEPS);
      const [first] = await claimJobs(store, { workerId: 'killed', kinds: ['capture'], leaseMs: 1000 });
      assert.ok(first);
      await handlers.capture?.(first.job, { workerId: 'killed', signal }); // stored, then the worker "dies"
      const before = await count(store, 'captures');
      const [second] = await claimJobs(store, {
        workerId: 'other',
        kinds: ['capture'],
        leaseMs: LEASE,
        now: new Date(Date.now() + 5000),
      });
      assert.equal(second?.job.attempts, 2);
      const result = (await handlers.capture?.(second.job, { workerId: 'other', signal })) as {
        resumed: boolean;
        sources: unknown[];
      };
      assert.equal(result.resumed, true);
      assert.equal(result.sources.length, 1);
      assert.equal(await count(store, 'captures'), before);
    });

    it('extracts a source once: running an analysis again skips extraction', async () => {
      const { caseId, sourceIds } = await captureReports(store, 'analyse-once', 2);
      const handlers = createHandlers(store, DEPS);
      const [job] = analyseJobs(sourceIds.slice(0, 1), 'cli:test', caseId);
      assert.ok(job);
      await enqueueJobs(store.db, [job]);
      const [claim] = await claimJobs(store, { workerId: 'w', kinds: ['analyse'], leaseMs: LEASE });
      assert.ok(claim);
      const first = (await handlers.analyse?.(claim.job, { workerId: 'w', signal })) as {
        extracted: boolean;
        attributions: number;
      };
      const second = (await handlers.analyse?.(claim.job, { workerId: 'w', signal })) as {
        extracted: boolean;
        attachedWith: number;
      };
      assert.equal(first.extracted, true);
      assert.ok(first.attributions > 0);
      assert.equal(second.extracted, false);
      assert.equal(second.attachedWith, 0, 'already attached by the first run');
      const runs = await store.db
        .selectFrom('extraction_runs')
        .select('id')
        .where('source_id', '=', sourceIds[0] ?? '')
        .execute();
      assert.equal(runs.length, 1);
      const allegations = await listAllegations(store.db, { caseId, limit: 50 });
      assert.ok(allegations.items.length > 0);
    });

    it('refuses a malformed payload as a permanent error naming the job and the field', async () => {
      const handlers = createHandlers(store, DEPS);
      const job: Job = {
        id: 'job_bad',
        kind: 'analyse',
        key: null,
        caseId: null,
        payload: { sourceId: 7, actor: 'cli:test' },
        status: 'running',
        attempts: 1,
        maxAttempts: 3,
        runAfter: '',
        lockedBy: 'w',
        lockedUntil: null,
        lastError: null,
        result: null,
        createdAt: '',
        updatedAt: '',
      };
      await assert.rejects(
        handlers.analyse?.(job, { workerId: 'w', signal }) ?? Promise.resolve(),
        (error: unknown) => {
          assert.ok(isCorroborateError(error, 'invalid_input'));
          assert.match(error.message, /^job job_bad \(analyse\): payload\.sourceId: /);
          assert.equal(isPermanentError(error), true);
          return true;
        },
      );
    });

    it('fails an unreadable upload and an unknown source at once, keeping each one-line reason', async () => {
      await store.db.deleteFrom('jobs').execute();
      const theCase = await ensureCase(store.db, 'bad');
      await enqueueJobs(store.db, [
        {
          kind: 'capture',
          payload: { caseId: theCase.id, actor: 'cli:test', upload: { name: 'tool.exe', base64: 'AAAA' } },
        },
        { kind: 'analyse', payload: { sourceId: 'src_missing', actor: 'cli:test' } },
      ]);
      const summary = await runWorker(store, createHandlers(store, DEPS), { workerId: 'w', once: true });
      assert.deepEqual(summary, { done: 0, retried: 0, failed: 2, lost: 0 });
      const errors = (await listJobs(store.db, { status: 'failed' })).map((j) => j.lastError).sort();
      assert.deepEqual(errors, [
        'source src_missing: no such source',
        'tool.exe: unsupported type (use .txt, .md, .html, .pdf or .jsonl)',
      ]);
      assert.equal((await countJobs(store.db)).failed, 2);
    });
  });
}

runHandlerContract('SQLite', async () => {
  const store = await openStore({ url: join(tempDir(), 'handlers.sqlite') });
  return { store, close: () => store.close() };
});

runHandlerContract('PostgreSQL', async () => {
  const { url, drop } = await createTestDatabase();
  const store = await openStore({ url });
  return {
    store,
    close: async () => {
      await store.close();
      await drop();
    },
  };
});

describe('workers on separate PostgreSQL connections', () => {
  let url = '';
  let drop: () => Promise<void> = () => Promise.resolve();
  before(async () => {
    ({ url, drop } = await createTestDatabase());
  });
  after(() => drop());

  it('analyse every source of one case exactly once and cluster it as a rebuild would', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => openStore({ url, poolSize: 4 })));
    const [store] = stores;
    assert.ok(store);
    try {
      const { caseId, sourceIds } = await captureReports(store, 'shared', 24);
      await enqueueJobs(store.db, analyseJobs(sourceIds, 'cli:test', caseId));
      // every job that did not simply finish, with its error, so a failure here says why
      const trouble: string[] = [];
      const summaries = await Promise.all(
        stores.map((s, i) =>
          runWorker(s, createHandlers(s, DEPS), {
            workerId: `w${i}`,
            once: true,
            concurrency: 2,
            onJob: (e) => {
              if (e.outcome !== 'done') trouble.push(`${e.job.id} ${e.outcome}: ${e.error ?? ''}`);
            },
          }),
        ),
      );
      const left = await store.db.selectFrom('jobs').select(['id', 'status']).where('status', '!=', 'done').execute();
      assert.deepEqual({ trouble, left }, { trouble: [], left: [] });
      assert.equal(
        summaries.reduce((n, s) => n + s.done, 0),
        sourceIds.length,
      );
      const runs = await store.db.selectFrom('extraction_runs').select('source_id').execute();
      assert.equal(runs.length, sourceIds.length);
      assert.equal(new Set(runs.map((r) => r.source_id)).size, sourceIds.length);
      const digest = async (): Promise<string[]> => {
        const page = await listAllegations(store.db, { caseId, limit: 500 });
        const out: string[] = [];
        for (const a of page.items) {
          const d = await getAllegation(store.db, a.id);
          out.push(
            `${a.status}|${(d?.members ?? [])
              .map((m) => `${m.unitId}:${m.role}:${m.originGroup ?? '-'}:${m.copy}`)
              .sort()
              .join(',')}`,
          );
        }
        return out.sort();
      };
      const incremental = await digest();
      assert.ok(incremental.length > 1);
      await rebuildAllegations(store, caseId, { actor: 'test' });
      assert.deepEqual(incremental, await digest());
    } finally {
      for (const s of stores) await s.close();
    }
  });
});
