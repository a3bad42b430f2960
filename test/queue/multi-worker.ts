// The multi-process case of workers.slow.ts (`npm run test:workers`): through the real binary, ingest --queue captures fictional reports
// (test/queue/fictional-reports.ts) and queues their analysis, three `corroborate worker` processes drain
// it, and every report is captured and analysed exactly once.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getAllegation, listAllegations, rebuildAllegations } from '../../src/store/allegations.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/temp.ts';
import { fictionalReports } from './fictional-reports.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'corroborate.js');

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Allegations with their members, comparable between the workers' incremental result and a rebuild. */
async function digest(store: Store, caseId: string): Promise<unknown> {
  const page = await listAllegations(store.db, { caseId, limit: 500 });
  const out = [];
  for (const a of page.items) {
    const d = await getAllegation(store.db, a.id);
    assert.ok(d);
    out.push({
      status: a.status,
      members: d.members.map((m) => `${m.unitId}:${m.role}:${m.originGroup ?? '-'}:${m.copy}`).sort(),
    });
  }
  return out.sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
}

/** Registers the suite: `reports` fictional reports, three worker processes, one PostgreSQL database. */
export function multiWorkerSuite(REPORTS: number): void {
  describe(`corroborate worker (three processes on one PostgreSQL database, ${REPORTS} reports)`, () => {
    let url = '';
    let drop: () => Promise<void> = () => Promise.resolve();
    before(async () => {
      ({ url, drop } = await createTestDatabase());
    });
    after(() => drop());

    it('captures and analyses every queued report exactly once, shared among the workers, and verify passes', async () => {
      const dir = tempDir();
      const reports = join(dir, 'reports');
      mkdirSync(reports);
      for (const r of fictionalReports(REPORTS)) writeFileSync(join(reports, r.name), r.text);
      const env = {
        ...process.env,
        CORROBORATE_DB: url,
        CORROBORATE_HOME: join(dir, 'home'),
        CORROBORATE_ACTOR: 'cli:test',
      };

      const ingest = spawnSync(process.execPath, [BIN, 'ingest', '--queue', '--case', 'fictional', reports], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      });
      assert.equal(ingest.status, 0, ingest.stderr);
      assert.match(ingest.stdout, new RegExp(`${REPORTS} new.*queued ${REPORTS} analyses`));

      const workers = await Promise.all(
        [1, 2, 3].map(() => run(['worker', '--once', '--checkpoint', '--poll', '100'], env)),
      );
      for (const w of workers) assert.equal(w.code, 0, w.stderr);

      const store = await openStore({ url });
      try {
        const count = async (table: 'sources' | 'captures' | 'extraction_runs'): Promise<number> =>
          Number(
            (
              await store.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<string>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        assert.equal(await count('sources'), REPORTS);
        assert.equal(await count('captures'), REPORTS, 'each original captured once');
        assert.equal(await count('extraction_runs'), REPORTS, 'each source extracted once');
        const runsPerSource = await store.db
          .selectFrom('extraction_runs')
          .select(['source_id', (eb) => eb.fn.countAll<string>().as('n')])
          .groupBy('source_id')
          .execute();
        assert.equal(runsPerSource.length, REPORTS);
        assert.ok(runsPerSource.every((r) => Number(r.n) === 1));

        const entries = await store.db.selectFrom('custody_entries').select(['action', 'payload']).execute();
        const saved = entries.filter((e) => e.action === 'extraction.saved');
        // Workers attach in group commits: each 'cluster' entry lists the sources it attached.
        const attached = entries
          .filter((e) => e.action === 'cluster')
          .flatMap((e) => (JSON.parse(e.payload) as { sources: string[] }).sources);
        assert.equal(saved.length, REPORTS);
        assert.equal(attached.length, REPORTS, 'each source attached once');
        assert.equal(new Set(attached).size, REPORTS);

        const jobs = await store.db.selectFrom('jobs').select(['status', 'attempts', 'locked_by']).execute();
        assert.equal(jobs.length, REPORTS);
        assert.ok(jobs.every((j) => j.status === 'done' && j.attempts === 1));
        const byWorker = new Set(jobs.map((j) => j.locked_by));
        assert.ok(byWorker.size >= 2, `work shared among workers (${[...byWorker].join(', ')})`);
        const done = workers.map((w) => Number(/: (\d+) done/.exec(w.stderr)?.[1] ?? 'NaN'));
        assert.equal(
          done.reduce((a, b) => a + b, 0),
          REPORTS,
        );

        // Workers clustering the same case in parallel reach the allegations a single rebuild gives.
        const theCase = await store.db
          .selectFrom('cases')
          .select('id')
          .where('name', '=', 'fictional')
          .executeTakeFirstOrThrow();
        const incremental = await digest(store, theCase.id);
        assert.ok((incremental as unknown[]).length > 0);
        await rebuildAllegations(store, theCase.id, { actor: 'test' });
        assert.deepEqual(incremental, await digest(store, theCase.id));
      } finally {
        await store.close();
      }

      const verify = spawnSync(process.execPath, [BIN, 'verify'], { cwd: ROOT, env, encoding: 'utf8' });
      assert.equal(verify.status, 0, verify.stdout + verify.stderr);
      assert.match(verify.stdout, new RegExp(`^OK: ${REPORTS} originals, ${REPORTS} sources`));
    });
  });
}
