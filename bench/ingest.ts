// Benchmark (not a test): ingests generated ~5 KB fictional text files into a fresh temporary SQLite
// database through the same path as `corroborate ingest --capture-only` (read, decode, normalise,
// hash, detect language, one transaction per source with its custody entry, one signed checkpoint),
// then prints one JSON object. Usage: npm run bench:ingest [-- --files N]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { runIngest } from '../src/cli/commands/ingest.ts';
import type { CliDeps } from '../src/cli/command.ts';
import { loadConfig } from '../src/config.ts';
import { verifyStore } from '../src/store/custody.ts';
import { countSources, openStore } from '../src/store/index.ts';

const { values } = parseArgs({ options: { files: { type: 'string', default: '10000' }, size: { type: 'string', default: '5120' } } });
const FILES = Number(values.files);
const SIZE = Number(values.size);

/** mulberry32: a small seeded PRNG so every run ingests the same corpus. */
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

const PICK = {
  who: ['The town council', 'A local radio station', 'The district governor', 'An aid worker', 'The mayor', 'A resident', 'The ministry', 'A spokesperson for the mission'],
  verb: ['said', 'told reporters', 'reported', 'claimed', 'stated', 'wrote in a statement'],
  day: ['on Monday', 'on Tuesday', 'last week', 'overnight', 'early on Sunday', 'in March'],
  people: ['civilians', 'residents', 'patients', 'families', 'aid workers', 'children'],
  event: ['had been killed', 'were wounded', 'had fled the district', 'were detained at a checkpoint', 'had been buried near the brickworks', 'were evacuated from the hospital'],
  place: ['Vellmar', 'Hollin', 'Lowmere', 'Pellan', 'Kestrava', 'Brennois'],
  tail: ['The claim could not be independently verified.', 'Officials have not confirmed the account.', 'The ministry denied any involvement.', 'Investigators said they would examine the site.', 'It was not clear who was responsible for the attack.'],
};

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** A fictional ~SIZE-byte report built from news-like sentence templates, unique through its numbers. */
function report(random: () => number, index: number): string {
  let text = `FICTIONAL REPORT ${index}. Generated for the ingest benchmark; no real events or people.\n\n`;
  while (text.length < SIZE) {
    const n = 2 + Math.floor(random() * 400);
    text +=
      `${pick(random, PICK.who)} ${pick(random, PICK.verb)} ${pick(random, PICK.day)} that at least ${n} ` +
      `${pick(random, PICK.people)} in ${pick(random, PICK.place)} ${pick(random, PICK.event)}. ${pick(random, PICK.tail)} `;
    if (random() < 0.3) text += '\n\n';
  }
  return text.slice(0, SIZE);
}

class Sink extends Writable {
  override _write(_chunk: unknown, _enc: string, done: () => void): void {
    done();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'corroborate-bench-'));
try {
  const corpus = join(dir, 'corpus');
  const random = prng(20260101);
  for (let i = 0; i < FILES; i++) {
    const sub = join(corpus, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `report-${String(i).padStart(6, '0')}.txt`), report(random, i));
  }
  const dbPath = join(dir, 'bench.sqlite');
  const config = loadConfig({ CORROBORATE_DB: dbPath, CORROBORATE_HOME: join(dir, 'home'), CORROBORATE_ACTOR: 'bench' });
  const store = await openStore({ url: dbPath });
  const deps: CliDeps = { config, stdout: new Sink(), stderr: new Sink(), cwd: dir, openStore: () => Promise.resolve(store) };
  const cpu = process.cpuUsage();
  const started = performance.now();
  const summary = await runIngest(store, { inputs: ['corpus'], caseName: 'bench', overrides: {}, allowPrivate: false, json: true, process: false }, deps);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const sources = await countSources(store.db);
  const entries = await store.db.selectFrom('custody_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const verifyStarted = performance.now();
  const report_ = await verifyStore(store, config.home);
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  await store.close();
  process.stdout.write(
    `${JSON.stringify({
      benchmark: 'ingest',
      files: FILES,
      bytesPerFile: SIZE,
      sources,
      failed: summary.failed,
      custodyEntries: Number(entries.n),
      seconds: Number(seconds.toFixed(3)),
      sourcesPerSecond: Math.round(sources / seconds),
      cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(3)),
      // Throughput per second of CPU this process used: what one otherwise idle core would sustain.
      sourcesPerCpuSecond: Math.round(sources / ((used.user + used.system) / 1e6)),
      // 1-minute load average at the end: a busy machine lowers sourcesPerSecond, not sourcesPerCpuSecond.
      loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
      verifySeconds: Number(verifySeconds.toFixed(3)),
      verified: report_.ok,
      database: 'sqlite (WAL, synchronous=NORMAL)',
      node: process.version,
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
