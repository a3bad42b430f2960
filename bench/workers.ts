// Worker scale-out benchmark (not a test). For 1, 2 and 4 `corroborate worker` processes in turn: a fresh
// PostgreSQL database, N generated FICTIONAL reports (test/queue/fictional-reports.ts) captured into one
// case with their analyses queued (as `ingest --queue` does), then the workers started with --once and
// timed until all exit. Prints one JSON object: per worker count, sources/s over the whole run (process
// start included) and in steady state (first to last finished job), and the CPUs of this machine (workers,
// PostgreSQL and this script share them). Usage: npm run bench:workers [-- REPORTS [WORDS]]  (default 200 300)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildItem, parseText } from '../src/capture/index.ts';
import { queueIngest } from '../src/queue/index.ts';
import { captureSource, ensureCase, openStore } from '../src/store/index.ts';
import { POSTGRES_ADMIN_URL } from '../test/helpers/postgres.ts';
import { fictionalReports } from '../test/queue/fictional-reports.ts';

const reports = Number(process.argv[2] ?? 200);
const words = Number(process.argv[3] ?? 300);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin', 'corroborate.js');

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

function runWorker(env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'worker', '--once', '--poll', '100'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

interface Run {
  readonly workers: number;
  readonly seconds: number;
  readonly sourcesPerSecond: number;
  readonly steadySourcesPerSecond: number;
  readonly done: number;
  readonly failed: number;
}

async function measure(workers: number): Promise<Run> {
  const name = `corroborate_bench_${process.pid}_${workers}`;
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const url = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-bench-workers-'));
  try {
    const store = await openStore({ url });
    try {
      const theCase = await ensureCase(store.db, 'bench');
      const sourceIds: string[] = [];
      for (const r of fictionalReports(reports, words)) {
        const bytes = new Uint8Array(Buffer.from(r.text));
        const item = buildItem({
          origin: r.name,
          method: 'file',
          original: bytes,
          mediaType: 'text/plain',
          parsed: parseText(bytes, r.name),
        });
        sourceIds.push((await captureSource(store, item, { caseId: theCase.id, actor: 'bench' })).sourceId);
      }
      await queueIngest(store, { caseId: theCase.id, actor: 'bench', sourceIds, urls: [] });
    } finally {
      await store.close();
    }
    const env = {
      ...process.env,
      CORROBORATE_DB: url,
      CORROBORATE_HOME: join(dir, 'home'),
      CORROBORATE_ACTOR: 'bench',
    };
    const started = performance.now();
    const startedAt = new Date().toISOString();
    await Promise.all(Array.from({ length: workers }, () => runWorker(env)));
    const seconds = (performance.now() - started) / 1000;
    const check = await openStore({ url, migrate: false });
    try {
      const done = await check.db
        .selectFrom('jobs')
        .select('updated_at')
        .where('status', '=', 'done')
        .orderBy('updated_at')
        .execute();
      const failed = await check.db.selectFrom('jobs').select('id').where('status', '=', 'failed').execute();
      const first = Date.parse(done[0]?.updated_at ?? startedAt);
      const last = Date.parse(done.at(-1)?.updated_at ?? startedAt);
      const steady = done.length > 1 && last > first ? (done.length - 1) / ((last - first) / 1000) : 0;
      return {
        workers,
        seconds: Number(seconds.toFixed(2)),
        sourcesPerSecond: Number((done.length / seconds).toFixed(2)),
        steadySourcesPerSecond: Number(steady.toFixed(2)),
        done: done.length,
        failed: failed.length,
      };
    } finally {
      await check.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const runs: Run[] = [];
for (const workers of [1, 2, 4]) runs.push(await measure(workers));
process.stdout.write(
  `${JSON.stringify({ benchmark: 'workers', dialect: 'postgres', reports, wordsPerReport: words, cpus: availableParallelism(), runs })}\n`,
);
