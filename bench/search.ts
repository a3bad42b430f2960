// Search latency over many stored attributions: `npm run bench:search [-- --rows N --queries Q --pg|--pg-only]`.
// Builds a synthetic store (fictional generated words, Zipf-distributed, 10 cases) straight through SQL,
// then times `search()` for one case with rare, middling, common and two-word queries. Prints one JSON object.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openStore, type Store } from '../src/store/database.ts';
import { search } from '../src/store/search.ts';
import { createTestDatabase } from '../test/helpers/postgres.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '200' },
    pg: { type: 'boolean', default: false },
    'pg-only': { type: 'boolean', default: false },
    /** Use this PostgreSQL database instead of a throwaway one; seeded only when it holds no attributions. */
    'pg-url': { type: 'string' },
    /** Keep the SQLite file here instead of a temp folder; an existing file is reused without seeding. */
    keep: { type: 'string' },
  },
});
const ROWS = Number(values.rows);
const QUERIES = Number(values.queries);
const CASES = 10;
const SOURCES_PER_CASE = 100;
const VOCABULARY = 30_000;

/** Deterministic PRNG (mulberry32) so every run builds the same store. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(42);
const SYLLABLES = [
  'ka',
  'lo',
  'mir',
  'ven',
  'dra',
  'sel',
  'tor',
  'ush',
  'pel',
  'gar',
  'nim',
  'ost',
  'rel',
  'bav',
  'ik',
  'zon',
];
const words: string[] = [];
const seen = new Set<string>();
while (words.length < VOCABULARY) {
  const n = 2 + Math.floor(random() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  if (!seen.has(w)) {
    seen.add(w);
    words.push(w);
  }
}
/** Zipf-like rank: small ranks are common. */
function word(): string {
  const r = Math.floor(Math.pow(random(), 2.5) * VOCABULARY);
  return words[r]!;
}
function sentence(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(word());
  return out.join(' ');
}

async function seedSqlite(path: string): Promise<void> {
  const store = await openStore({ url: path });
  await store.close();
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const now = new Date().toISOString();
  const insertCase = db.prepare(
    'insert into cases (id, name, description, region, created_at) values (?, ?, null, null, ?)',
  );
  const insertBlob = db.prepare(
    'insert into blobs (sha256, size, media_type, bytes, created_at) values (?, 1, ?, ?, ?)',
  );
  const insertSource = db.prepare(
    `insert into sources (id, case_id, sha256, kind, media_type, title, outlet, byline, url, canonical_url, published,
       language, text, text_sha256, pages, metadata, copy_of, created_at)
     values (?, ?, ?, 'article', 'text/plain', ?, null, null, null, null, '2031-01-01', 'en', ?, ?, null, '{}', null, ?)`,
  );
  const insertRun = db.prepare(
    `insert into extraction_runs (id, source_id, case_id, extractor_version, current, result, result_sha256, attribution_count, created_at, actor)
     values (?, ?, ?, 'bench', 1, '{}', 'x', 0, ?, 'bench')`,
  );
  const insertAttribution = db.prepare(
    `insert into attributions (id, case_id, source_id, run_id, local_id, current, source_start, source_end, source_text,
       source_actor_local, case_actor_id, cue_start, cue_end, cue_text, content, content_text, stance, quote, channel, basis,
       parent_local, confidence, review_status, extracted, carried_from, created_at)
     values (?, ?, ?, ?, ?, 1, 0, 5, ?, null, null, 6, 10, 'said', '[]', ?, 'assert', 'indirect', null, '[]', null, 0.9, 'pending', '{}', null, ?)`,
  );
  const sources: { id: string; caseId: string; runId: string }[] = [];
  db.transaction(() => {
    for (let c = 0; c < CASES; c++) {
      const caseId = `case_${c}`;
      insertCase.run(caseId, `bench ${c}`, now);
      for (let s = 0; s < SOURCES_PER_CASE; s++) {
        const id = `src_${c}_${s}`;
        const sha = randomBytes(32).toString('hex');
        insertBlob.run(sha, 'text/plain', Buffer.from('x'), now);
        insertSource.run(id, caseId, sha, sentence(8), sentence(400), sha, now);
        const runId = `run_${c}_${s}`;
        insertRun.run(runId, id, caseId, now);
        sources.push({ id, caseId, runId });
      }
    }
  })();
  const batch = 20_000;
  for (let start = 0; start < ROWS; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(ROWS, start + batch); i++) {
        const s = sources[i % sources.length]!;
        insertAttribution.run(`att_${i}`, s.caseId, s.id, s.runId, `a${i}`, sentence(3), sentence(25), now);
      }
    })();
  }
  db.close();
}

async function seedPostgres(store: Store): Promise<void> {
  const db = store.db;
  const now = new Date().toISOString();
  await sql`insert into cases (id, name, description, region, created_at)
            select 'case_' || c, 'bench ' || c, null, null, ${now} from generate_series(0, ${CASES - 1}) c`.execute(
    db,
  );
  for (let c = 0; c < CASES; c++) {
    for (let s = 0; s < SOURCES_PER_CASE; s++) {
      const id = `src_${c}_${s}`;
      const sha = randomBytes(32).toString('hex');
      await db
        .insertInto('blobs')
        .values({ sha256: sha, size: 1, media_type: 'text/plain', bytes: Buffer.from('x'), created_at: now })
        .execute();
      await db
        .insertInto('sources')
        .values({
          id,
          case_id: `case_${c}`,
          sha256: sha,
          kind: 'article',
          media_type: 'text/plain',
          title: sentence(8),
          outlet: null,
          byline: null,
          url: null,
          canonical_url: null,
          published: '2031-01-01',
          language: 'en',
          text: sentence(400),
          text_sha256: sha,
          pages: null,
          metadata: '{}',
          copy_of: null,
          created_at: now,
        })
        .execute();
      await db
        .insertInto('extraction_runs')
        .values({
          id: `run_${c}_${s}`,
          source_id: id,
          case_id: `case_${c}`,
          extractor_version: 'bench',
          current: 1,
          result: '{}',
          result_sha256: 'x',
          attribution_count: 0,
          created_at: now,
          actor: 'bench',
        })
        .execute();
    }
  }
  const batch = 5_000;
  for (let start = 0; start < ROWS; start += batch) {
    const ids: string[] = [];
    const cases: string[] = [];
    const sources: string[] = [];
    const runs: string[] = [];
    const speakers: string[] = [];
    const contents: string[] = [];
    for (let i = start; i < Math.min(ROWS, start + batch); i++) {
      const n = i % (CASES * SOURCES_PER_CASE);
      const c = Math.floor(n / SOURCES_PER_CASE);
      const s = n % SOURCES_PER_CASE;
      ids.push(`att_${i}`);
      cases.push(`case_${c}`);
      sources.push(`src_${c}_${s}`);
      runs.push(`run_${c}_${s}`);
      speakers.push(sentence(3));
      contents.push(sentence(25));
    }
    await sql`insert into attributions (id, case_id, source_id, run_id, local_id, current, source_start, source_end, source_text,
                source_actor_local, case_actor_id, cue_start, cue_end, cue_text, content, content_text, stance, quote, channel,
                basis, parent_local, confidence, review_status, extracted, carried_from, created_at)
              select id, case_id, source_id, run_id, id, 1, 0, 5, speaker, null, null, 6, 10, 'said', '[]', content, 'assert',
                     'indirect', null, '[]', null, 0.9, 'pending', '{}', null, ${now}
              from unnest(${ids}::text[], ${cases}::text[], ${sources}::text[], ${runs}::text[], ${speakers}::text[], ${contents}::text[])
                as t(id, case_id, source_id, run_id, speaker, content)`.execute(db);
  }
  await sql`analyze`.execute(db);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeQueries(store: Store): Promise<Record<string, unknown>> {
  const qr = prng(7);
  const pick = (lo: number, hi: number): string => words[lo + Math.floor(qr() * (hi - lo))]!;
  const kinds: Record<string, () => string> = {
    rare: () => pick(10_000, 30_000),
    middling: () => pick(500, 5_000),
    common: () => pick(0, 50),
    twoWords: () => `${pick(0, 2_000)} ${pick(0, 2_000)}`,
  };
  const result: Record<string, unknown> = {};
  const all: number[] = [];
  for (const [name, make] of Object.entries(kinds)) {
    const times: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const query = make();
      const caseIds = [`case_${Math.floor(qr() * CASES)}`];
      const t0 = performance.now();
      await search(store.db, store.dialect, { caseIds, query, limit: 20 });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    result[name] = {
      p50: +percentile(times, 50).toFixed(2),
      p95: +percentile(times, 95).toFixed(2),
      p99: +percentile(times, 99).toFixed(2),
    };
  }
  all.sort((a, b) => a - b);
  result.all = {
    p50: +percentile(all, 50).toFixed(2),
    p95: +percentile(all, 95).toFixed(2),
    p99: +percentile(all, 99).toFixed(2),
  };
  return result;
}

const report: Record<string, unknown> = {
  benchmark: 'search',
  attributions: ROWS,
  cases: CASES,
  sources: CASES * SOURCES_PER_CASE,
  queriesPerKind: QUERIES,
  unit: 'ms',
};
if (!values['pg-only']) {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-bench-'));
  try {
    const path = values.keep ?? join(dir, 'bench.sqlite');
    const t0 = performance.now();
    if (!existsSync(path)) await seedSqlite(path);
    const seedSeconds = (performance.now() - t0) / 1000;
    const store = await openStore({ url: path });
    await timeQueries(store); // warm the page cache
    report.sqlite = { seedSeconds: +seedSeconds.toFixed(1), ...(await timeQueries(store)) };
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (values.pg || values['pg-only'] || values['pg-url'] !== undefined) {
  const pg =
    values['pg-url'] === undefined
      ? await createTestDatabase()
      : { url: values['pg-url'], drop: () => Promise.resolve() };
  try {
    const store = await openStore({ url: pg.url });
    const t0 = performance.now();
    const existing = await store.db
      .selectFrom('attributions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) === 0) await seedPostgres(store);
    const seedSeconds = (performance.now() - t0) / 1000;
    await timeQueries(store);
    report.postgres = { seedSeconds: +seedSeconds.toFixed(1), ...(await timeQueries(store)) };
    await store.close();
  } finally {
    await pg.drop();
  }
}
console.log(JSON.stringify(report));
