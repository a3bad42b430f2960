// HTTP API throughput and latency:
//   npm run bench:api [-- --workers N --duration S --connections C --queries Q --profile DIR --fresh]
// Builds (once, cached in the temp folder; ~8 min) a case of 10,000 sources with 100 attributions each —
// 1,000,000 stored attributions — through the store functions (captureSource, saveExtraction). Then starts
// the real `corroborate serve` (optionally `--workers N`) in its own process, logging at info level to
// /dev/null as in production, warms it up, and measures from this process: reads with autocannon, per
// endpoint mix and for all mixes together, and search latency with sequential requests; then the read mix
// once more against a server with the response cache off (CORROBORATE_RESPONSE_CACHE_MB=0), so the cost of
// running every handler is measured too. The server's CPU time per request is printed with the machine
// load, since other work on the machine skews every figure.
// All generated text is fictional. Prints one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildItem } from '../src/capture/index.ts';
import type { Attribution, Extraction } from '../src/extract/types.ts';
import { createApiToken, createUser, setMembership } from '../src/store/accounts.ts';
import { ensureCase } from '../src/store/cases.ts';
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
    /** Server processes (`corroborate serve --workers N`); 1 = a single process. */
    workers: { type: 'string', default: '1' },
    /** Write a V8 CPU profile of the server process(es) into this folder (`node --cpu-prof`). */
    profile: { type: 'string' },
    fresh: { type: 'boolean', default: false },
  },
});
const SOURCES = Number(values.sources);
const PER_SOURCE = Number(values['per-source']);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const QUERIES = Number(values.queries);
const WORKERS = Number(values.workers);

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


/** Version of the generated store: bump it when `synthetic` or `build` change what is stored. */
const DATA_VERSION = 1;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The process and its descendants (cluster workers), from /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (pid: number): void => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

/** User + system CPU seconds used so far by the server process tree (Linux /proc; NaN elsewhere). */
function serverCpuSeconds(root: number): number {
  if (!existsSync('/proc')) return NaN;
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // ended
    }
  }
  return ticks / 100;
}

/** Starts `corroborate serve` on the store in its own process; resolves when it listens. */
async function startServer(
  path: string,
  home: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const bin = fileURLToPath(new URL('../bin/corroborate.js', import.meta.url));
  const nodeArgs = values.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${values.profile}`];
  const args = [...nodeArgs, bin, 'serve', '--db', path, '--port', String(port)];
  if (WORKERS > 1) args.push('--workers', String(WORKERS));
  const child = spawn(process.execPath, args, {
    // As deployed: info-level JSON logs of every request, written (here to /dev/null) by pino.
    env: { ...process.env, CORROBORATE_HOME: home, CORROBORATE_LOG_LEVEL: 'info', CORROBORATE_WEB_ROOT: home, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('serving ')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`corroborate serve exited (${code}): ${stderr}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  return { child, url, stop };
}

interface Mix {
  readonly name: string;
  readonly paths: readonly string[];
}

async function hammer(url: string, headers: Record<string, string>, paths: readonly string[], duration: number) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    headers,
    requests: paths.map((p) => ({ method: 'GET' as const, path: p })),
  });
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), 'corroborate-bench');
  mkdirSync(dir, { recursive: true });
  // Cached across runs, keyed by the generator version and the migration names (a migration added out of
  // order cannot apply to an older store). After an in-place edit of a migration, rebuild with --fresh.
  const migrationsDir = fileURLToPath(new URL('../src/store/migrations/', import.meta.url));
  const schema = createHash('sha256').update(readdirSync(migrationsDir).sort().join('\n')).digest('hex').slice(0, 12);
  const path = join(dir, `api-${SOURCES}x${PER_SOURCE}-v${DATA_VERSION}-${schema}.sqlite`);
  const buildStarted = performance.now();
  let built = false;
  if (values.fresh || !existsSync(path)) {
    await build(path);
    built = true;
  }
  const buildSeconds = (performance.now() - buildStarted) / 1000;

  // The caller is a plain (uncleared) viewer of the case through a read-only API token, as a script would be.
  const store: Store = await openStore({ url: path });
  const kase = await ensureCase(store.db, 'Bench case (fictional)');
  const name = `bench-${Date.now()}`;
  const user = await createUser(store.db, { name, password: `bench password ${Math.random()}`, admin: false });
  await setMembership(store.db, { caseId: kase.id, userId: user.id, role: 'viewer' });
  const { token } = await createApiToken(store.db, { userId: user.id, name: 'bench', cases: [kase.id], permission: 'read' });
  const counts = {
    sources: Number((await store.db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    attributions: Number(
      (await store.db.selectFrom('attributions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    ),
  };
  const sourceIds = (await store.db.selectFrom('sources').select('id').orderBy('id').limit(2000).execute()).map((r) => r.id);
  await store.close();

  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const server = await startServer(path, home);
  const { url } = server;
  const headers = { authorization: `Bearer ${token}` };
  const base = `/api/cases/${kase.id}`;
  const mixes: Mix[] = [
    { name: 'case', paths: [base] },
    { name: 'sources page (50)', paths: [`${base}/sources?limit=50`] },
    { name: 'source with text', paths: sourceIds.slice(0, 40).map((id) => `${base}/sources/${id}`) },
    { name: 'attributions page (20)', paths: [`${base}/attributions?limit=20`] },
    { name: 'attributions of a source (100)', paths: sourceIds.slice(40, 50).map((id) => `${base}/attributions?sourceId=${id}&limit=100`) },
  ];
  const all = mixes.flatMap((m) => m.paths);

  // Warm-up (JIT, statement caches, page cache): not measured.
  await hammer(url, headers, all, 3);

  const cpuBefore = serverCpuSeconds(server.child.pid!);
  const overall = await hammer(url, headers, all, DURATION);
  const cpuAfter = serverCpuSeconds(server.child.pid!);
  const perMix: Record<string, unknown>[] = [];
  for (const mix of mixes) {
    const r = await hammer(url, headers, mix.paths, Math.max(2, Math.round(DURATION / 3)));
    perMix.push({
      mix: mix.name,
      paths: mix.paths.length,
      requestsPerSecond: Math.round(r.requests.average),
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p97_5: r.latency.p97_5, p99: r.latency.p99 },
      non2xx: r.non2xx,
    });
  }

  const terms = Array.from({ length: QUERIES }, (_, i) => (i % 3 === 0 ? `${word()} ${word()}` : word()));
  const runQuery = async (q: string): Promise<number> => {
    const res = await fetch(`${url}${base}/search?q=${encodeURIComponent(q)}&limit=20`, { headers });
    const body = (await res.json()) as { items?: unknown[] };
    if (res.status !== 200) throw new Error(`search ${q}: ${res.status}`);
    return body.items?.length ?? 0;
  };
  for (const q of terms.slice(0, 20)) await runQuery(`${q} ${word()}`); // warm-up, other queries
  const latencies: number[] = [];
  let hits = 0;
  const searchCpuBefore = serverCpuSeconds(server.child.pid!);
  for (const q of terms) {
    const t0 = performance.now();
    hits += await runQuery(q);
    latencies.push(performance.now() - t0);
  }
  const searchCpu = serverCpuSeconds(server.child.pid!) - searchCpuBefore;
  latencies.sort((a, b) => a - b);
  await server.stop();

  // The same mix with the response cache off: every request runs its handler and queries the store.
  const uncachedServer = await startServer(path, home, { CORROBORATE_RESPONSE_CACHE_MB: '0' });
  await hammer(uncachedServer.url, headers, all, 3);
  const uncachedCpuBefore = serverCpuSeconds(uncachedServer.child.pid!);
  const uncached = await hammer(uncachedServer.url, headers, all, DURATION);
  const uncachedCpu = serverCpuSeconds(uncachedServer.child.pid!) - uncachedCpuBefore;
  await uncachedServer.stop();

  const requests = overall.requests.total;
  const result = {
    bench: 'api',
    // Other work on the machine skews every figure: the load averages (1, 5, 15 min) when the run ended.
    loadAverage: loadavg().map(round1),
    cpus: cpus().length,
    store: 'sqlite',
    serverProcesses: WORKERS,
    sources: counts.sources,
    attributions: counts.attributions,
    built,
    buildSeconds: Math.round(buildSeconds),
    reads: {
      paths: all.length,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      requestsPerSecond: Math.round(overall.requests.average),
      latencyMs: {
        p50: overall.latency.p50,
        p90: overall.latency.p90,
        p97_5: overall.latency.p97_5,
        p99: overall.latency.p99,
        max: overall.latency.max,
      },
      // Server CPU (user + system, all its processes) per request: the figure least skewed by other load.
      serverCpuMsPerRequest: requests > 0 ? Math.round(((cpuAfter - cpuBefore) * 1000 * 1000) / requests) / 1000 : NaN,
      non2xx: overall.non2xx,
      errors: overall.errors,
      targets: { requestsPerSecond: 3000, p99Ms: 50 },
      pass: overall.requests.average >= 3000 && overall.latency.p99 < 50 && overall.non2xx === 0,
      perMix,
    },
    readsWithoutResponseCache: {
      requestsPerSecond: Math.round(uncached.requests.average),
      latencyMs: {
        p50: uncached.latency.p50,
        p90: uncached.latency.p90,
        p97_5: uncached.latency.p97_5,
        p99: uncached.latency.p99,
        max: uncached.latency.max,
      },
      serverCpuMsPerRequest:
        uncached.requests.total > 0 ? Math.round((uncachedCpu * 1000 * 1000) / uncached.requests.total) / 1000 : NaN,
      non2xx: uncached.non2xx,
    },
    search: {
      queries: QUERIES,
      hitsReturned: hits,
      latencyMs: {
        p50: round1(percentile(latencies, 50)),
        p95: round1(percentile(latencies, 95)),
        max: round1(latencies.at(-1) ?? NaN),
      },
      serverCpuMsPerQuery: round1((searchCpu * 1000) / QUERIES),
      targets: { p95Ms: 50 },
      pass: percentile(latencies, 95) < 50,
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
