// HTTP API throughput and latency: `npm run bench:api [-- --sources N --per-source M --fresh]`.
// Builds (once, cached in the temp folder) a case of 10,000 sources with 100 attributions each — 1,000,000
// stored attributions — through the store functions (captureSource, saveExtraction), starts the real app on
// loopback, then measures reads with autocannon (in a worker thread, so the server keeps the main thread)
// and search latency with sequential requests. All generated text is fictional. Prints one JSON object.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import pino from 'pino';
import { createApp, loadApiConfig } from '../src/api/index.ts';
import { buildItem } from '../src/capture/index.ts';
import type { Attribution, Extraction } from '../src/extract/types.ts';
import { createApiToken, createUser } from '../src/store/accounts.ts';
import { ensureCase } from '../src/store/cases.ts';
import { appendCustody } from '../src/store/custody.ts';
import { saveExtraction } from '../src/store/extractions.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { captureSource } from '../src/store/sources.ts';

const { values } = parseArgs({
  options: {
    sources: { type: 'string', default: '10000' },
    'per-source': { type: 'string', default: '100' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    queries: { type: 'string', default: '200' },
    fresh: { type: 'boolean', default: false },
  },
});
const SOURCES = Number(values.sources);
const PER_SOURCE = Number(values['per-source']);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const QUERIES = Number(values.queries);

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
const random = prng(7);
const SYLLABLES = ['ka', 'lo', 'mir', 'ven', 'dra', 'sel', 'tor', 'ush', 'pel', 'gar', 'nim', 'ost', 'rel', 'bav', 'ik', 'zon'];
const WORDS: string[] = [];
for (const seen = new Set<string>(); WORDS.length < 20_000; ) {
  let w = '';
  const n = 2 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  if (!seen.has(w)) {
    seen.add(w);
    WORDS.push(w);
  }
}
const word = () => WORDS[Math.floor(Math.pow(random(), 2.5) * WORDS.length)] ?? 'ka';
const words = (n: number) => Array.from({ length: n }, word).join(' ');

/** One fictional source text and an extraction with PER_SOURCE attributions pointing into it. */
function synthetic(i: number): { text: string; extraction: (sha256: string, text: string) => Extraction } {
  const sentences: string[] = [];
  for (let k = 0; k < PER_SOURCE; k++) sentences.push(`Speaker ${words(1)} said that ${words(12)}.`);
  const text = `Fictional bench source ${i}.\n\n${sentences.join(' ')}`;
  return {
    text,
    extraction: (sha256, stored) => {
      const attributions: Attribution[] = [];
      let from = 0;
      for (let k = 0; k < PER_SOURCE; k++) {
        const start = stored.indexOf('Speaker ', from);
        const cueAt = stored.indexOf(' said that ', start);
        const end = stored.indexOf('.', cueAt);
        from = end + 1;
        attributions.push({
          id: `a${k}`,
          source: { start, end: cueAt, text: stored.slice(start, cueAt), actor: null },
          cue: { start: cueAt + 1, end: cueAt + 5, text: 'said' },
          content: [{ start: cueAt + 11, end, text: stored.slice(cueAt + 11, end) }],
          stance: 'assert',
          quote: 'indirect',
          channel: null,
          basis: [],
          parent: null,
          confidence: 0.9,
        });
      }
      return {
        document: { sha256, text: stored, published: '2031-03-01', language: 'en' },
        attributions,
        actors: [],
        places: [],
        dates: [],
        figures: [],
        events: [],
      };
    },
  };
}

async function build(path: string): Promise<void> {
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const store = await openStore({ url: partial });
  const kase = await ensureCase(store.db, 'Bench case (fictional)');
  const started = performance.now();
  for (let i = 0; i < SOURCES; i++) {
    const { text, extraction } = synthetic(i);
    const item = buildItem({
      origin: `bench-${i}.txt`,
      method: 'file',
      original: new TextEncoder().encode(text),
      mediaType: 'text/plain',
      parsed: { text, metadata: { title: `Bench source ${i}: ${words(4)}`, language: 'en' } },
    });
    const { sourceId } = await captureSource(store, item, { caseId: kase.id, actor: 'bench' });
    await saveExtraction(store, sourceId, extraction(item.sha256, item.text), 'bench', { actor: 'bench' });
    if (i % 1000 === 999) process.stderr.write(`bench:api built ${i + 1}/${SOURCES} sources (${Math.round((performance.now() - started) / 1000)} s)\n`);
  }
  await store.close();
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(partial + suffix)) renameSync(partial + suffix, path + suffix);
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), 'corroborate-bench');
  mkdirSync(dir, { recursive: true });
  // The cache is keyed by the migration names (new migrations apply on open); after an in-place edit of a
  // migration, rebuild with --fresh.
  const migrationsDir = fileURLToPath(new URL('../src/store/migrations/', import.meta.url));
  const schema = createHash('sha256').update(readdirSync(migrationsDir).sort().join('\n'));
  const path = join(dir, `api-${SOURCES}x${PER_SOURCE}-${schema.digest('hex').slice(0, 12)}.sqlite`);
  const buildStarted = performance.now();
  let built = false;
  if (values.fresh || !existsSync(path)) {
    await build(path);
    built = true;
  }
  const buildSeconds = (performance.now() - buildStarted) / 1000;

  const store: Store = await openStore({ url: path });
  const kase = await ensureCase(store.db, 'Bench case (fictional)');
  const name = `bench-${Date.now()}`;
  const user = await createUser(store.db, { name, password: `bench password ${Math.random()}`, admin: true });
  const { token } = await createApiToken(store.db, { userId: user.id, name: 'bench', cases: null, permission: 'read' });
  const counts = {
    sources: Number((await store.db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    attributions: Number(
      (await store.db.selectFrom('attributions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    ),
  };
  const sourceIds = (await store.db.selectFrom('sources').select('id').orderBy('id').limit(2000).execute()).map((r) => r.id);

  const app = createApp({
    store,
    config: loadApiConfig({}, { logLevel: 'silent', webRoot: dir }),
    logger: pino({ level: 'silent' }),
    keyDir: join(dir, 'key'),
    custody: async (record) => {
      await appendCustody(store.db, store.dialect, record);
    },
  });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const headers = { authorization: `Bearer ${token}` };
  const base = `/api/cases/${kase.id}`;

  const readPaths = [
    `${base}/sources?limit=50`,
    ...sourceIds.slice(0, 40).map((id) => `${base}/sources/${id}`),
    `${base}/attributions?limit=20`,
    ...sourceIds.slice(40, 50).map((id) => `${base}/attributions?sourceId=${id}&limit=100`),
    base,
  ];
  const reads = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    workers: 1,
    headers,
    requests: readPaths.map((p) => ({ method: 'GET' as const, path: p })),
  });

  const terms = Array.from({ length: QUERIES }, (_, i) => (i % 3 === 0 ? `${word()} ${word()}` : word()));
  const latencies: number[] = [];
  let hits = 0;
  for (const q of terms) {
    const t0 = performance.now();
    const res = await fetch(`${url}${base}/search?q=${encodeURIComponent(q)}&limit=20`, { headers });
    const body = (await res.json()) as { items?: unknown[] };
    latencies.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`search ${q}: ${res.status}`);
    hits += body.items?.length ?? 0;
  }
  latencies.sort((a, b) => a - b);

  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
  const result = {
    bench: 'api',
    // Other work on the machine skews every figure: the 1-minute load average when the run ended.
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    cpus: cpus().length,
    store: 'sqlite',
    sources: counts.sources,
    attributions: counts.attributions,
    built,
    buildSeconds: Math.round(buildSeconds),
    reads: {
      paths: readPaths.length,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      requestsPerSecond: Math.round(reads.requests.average),
      latencyMs: { p50: reads.latency.p50, p90: reads.latency.p90, p99: reads.latency.p99, max: reads.latency.max },
      non2xx: reads.non2xx,
      errors: reads.errors,
      targets: { requestsPerSecond: 3000, p99Ms: 50 },
      pass: reads.requests.average >= 3000 && reads.latency.p99 < 50 && reads.non2xx === 0,
    },
    search: {
      queries: QUERIES,
      hitsReturned: hits,
      latencyMs: {
        p50: Math.round(percentile(latencies, 50) * 10) / 10,
        p95: Math.round(percentile(latencies, 95) * 10) / 10,
        max: Math.round((latencies.at(-1) ?? NaN) * 10) / 10,
      },
      targets: { p95Ms: 50 },
      pass: percentile(latencies, 95) < 50,
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
