// Allegations benchmark (not a test). Builds a case already holding SEED_ATTRIBUTIONS attributions
// (synthetic extractions generated directly, no NLP), then times attaching NEW_SOURCES new sources to it
// through the store (fingerprints, copies, clustering, re-assessment, custody entries), in batches as the
// pipeline does, and one at a time for a sample; then times status recomputation for one allegation (pure
// assessment, and load + assess + write through the store). Prints one JSON object with wall-clock and
// CPU-time rates (the machines are shared: CPU time is the one-core figure).
// Usage: npm run bench:allegations [-- NEW_SOURCES SEED_ATTRIBUTIONS BATCH]   (defaults 10000 100000 100)
// All generated text is fictional filler built from invented words.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { assessAllegation, type CaseSource, type Unit } from '../src/allegations/index.ts';
import type { Attribution, EventType, Extraction } from '../src/extract/types.ts';
import { attachCaseSources } from '../src/store/allegations.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { sql } from 'kysely';

const newSources = Number(process.argv[2] ?? 10_000);
const seedAttributions = Number(process.argv[3] ?? 100_000);
const batch = Number(process.argv[4] ?? 100);
const PER_SOURCE = 10;

// A deterministic pseudo-random generator, so runs are comparable.
let state = 12345;
function rand(): number {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 0x100000000;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ren',
  'tos',
  'vel',
  'dra',
  'nor',
  'sil',
  'bek',
  'tar',
  'quin',
  'zor',
  'pel',
  'ust',
  'ham',
];
function word(): string {
  return pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES);
}
const TYPES: readonly EventType[] = [
  'killing_of_civilians',
  'attack_on_civilians',
  'concealment_of_evidence',
  'obstruction_of_humanitarian_access',
  'enforced_disappearance_detention',
  'destruction_of_property',
];
const VERBS: Readonly<Record<string, string>> = {
  killing_of_civilians: 'killed civilians',
  attack_on_civilians: 'shelled the market',
  concealment_of_evidence: 'buried bodies in trenches',
  obstruction_of_humanitarian_access: 'turned back the aid convoy',
  enforced_disappearance_detention: 'detained residents',
  destruction_of_property: 'destroyed homes',
};
const PLACES = Array.from({ length: 5000 }, () => {
  const w = word();
  return w[0]?.toUpperCase() + w.slice(1);
});
/** Coordinates derived from the name (no draw from `rand`, so the generated text stays the same). */
function located(name: string): {
  name: string;
  lat: number;
  lon: number;
  country: string;
  granularity: 'city';
} {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) >>> 0;
  return {
    name,
    lat: 44 + (h % 800) / 100,
    lon: 22 + ((h >>> 10) % 1800) / 100,
    country: 'XX',
    granularity: 'city',
  };
}
interface Story {
  readonly type: EventType;
  readonly place: string;
  readonly words: readonly string[];
  readonly speakers: readonly string[];
}
const STORIES: Story[] = Array.from({ length: 6000 }, () => ({
  type: pick(TYPES),
  place: pick(PLACES),
  words: Array.from({ length: 8 }, word),
  speakers: Array.from({ length: 4 }, () => `${word()} council`.replace(/^./, (c) => c.toUpperCase())),
}));

let sourceCounter = 0;
function syntheticSource(published: string): CaseSource {
  const story = pick(STORIES);
  const id = `src_b${(sourceCounter++).toString(36)}`;
  let text = '';
  const attributions: Attribution[] = [];
  const actors: Extraction['actors'][number][] = [];
  const placeMentions: [number, number][] = [];
  for (let i = 0; i < PER_SOURCE; i++) {
    const speaker = pick(story.speakers);
    const roll = rand();
    const stance = roll < 0.1 ? 'deny' : roll < 0.15 ? 'not_confirmed' : 'assert';
    const start = text.length;
    text += `${speaker} said that `;
    const contentStart = text.length;
    const filler = Array.from({ length: 4 }, () => pick(story.words)).join(' ');
    text +=
      roll < 0.75
        ? `soldiers ${VERBS[story.type]} in ${story.place} near the ${filler}`
        : `the ${filler} ${word()} ${word()} was discussed`;
    const contentEnd = text.length;
    text += '. ';
    const at = text.indexOf(story.place, contentStart);
    if (at >= 0 && at < contentEnd) placeMentions.push([at, at + story.place.length]);
    const actorId = `act${actors.length + 1}`;
    actors.push({
      id: actorId,
      name: speaker,
      type: 'state_body',
      role: null,
      affiliation: null,
      mentions: [[start, start + speaker.length]],
    });
    attributions.push({
      id: `a${i + 1}`,
      source: { start, end: start + speaker.length, text: speaker, actor: actorId },
      cue: { start: start + speaker.length + 1, end: start + speaker.length + 5, text: 'said' },
      content: [{ start: contentStart, end: contentEnd, text: text.slice(contentStart, contentEnd) }],
      stance,
      quote: 'indirect',
      channel: null,
      basis: [],
      parent: null,
      confidence: 0.8,
    });
  }
  return {
    id,
    published,
    captured: new Date().toISOString(),
    outlet: 'Bench Wire (fictional)',
    title: null,
    kind: 'article',
    extraction: {
      document: { sha256: id, text, published, language: 'en' },
      attributions,
      actors,
      // Located towns, as the gazetteer gives them: only located towns and regions constrain clustering
      // (features.ts `blockingPlace`). Unlocated, every claim of a type would meet every other one.
      places: [{ ...located(story.place), mentions: placeMentions }],
      dates: [],
      figures: [],
      events: [{ type: story.type, attributions: attributions.map((a) => a.id) }],
    },
  };
}

async function insertSourceRows(store: Store, caseId: string, sources: readonly CaseSource[]): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < sources.length; i += 200) {
    const part = sources.slice(i, i + 200);
    await store.db.transaction().execute(async (trx) => {
      const blobs = part.map((s) => {
        const bytes = Buffer.from(s.extraction.document.text, 'utf8');
        return { s, bytes, sha: createHash('sha256').update(bytes).update(s.id).digest('hex') };
      });
      await trx
        .insertInto('blobs')
        .values(
          blobs.map((b) => ({
            sha256: b.sha,
            size: b.bytes.length,
            media_type: 'text/plain',
            bytes: b.bytes,
            created_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('sources')
        .values(
          blobs.map((b) => ({
            id: b.s.id,
            case_id: caseId,
            sha256: b.sha,
            kind: 'article',
            media_type: 'text/plain',
            title: null,
            outlet: b.s.outlet,
            byline: null,
            url: null,
            canonical_url: null,
            published: b.s.published,
            language: 'en',
            text: b.s.extraction.document.text,
            text_sha256: b.sha,
            pages: null,
            metadata: '{}',
            copy_of: null,
            created_at: now,
          })),
        )
        .execute();
    });
  }
}

function day(i: number): string {
  return new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
}

const dir = mkdtempSync(join(tmpdir(), 'corroborate-bench-allegations-'));
try {
  const store = await openStore({ url: join(dir, 'bench.sqlite') });
  if (process.env.BENCH_NOSYNC) await sql`pragma synchronous = off`.execute(store.db);
  const caseId = 'case_bench';
  await store.db
    .insertInto('cases')
    .values({
      id: caseId,
      name: 'bench',
      description: null,
      region: null,
      created_at: new Date().toISOString(),
    })
    .execute();

  const seed = Array.from({ length: Math.ceil(seedAttributions / PER_SOURCE) }, (_, i) =>
    syntheticSource(day(i)),
  );
  await insertSourceRows(store, caseId, seed);
  const s0 = performance.now();
  const sc0 = process.cpuUsage();
  await attachCaseSources(store, caseId, seed, { batchSize: 2000, quiet: true });
  const seedCpu = process.cpuUsage(sc0);
  const seedSeconds = (performance.now() - s0) / 1000;

  const fresh = Array.from({ length: newSources }, (_, i) => syntheticSource(day(i + 7)));
  await insertSourceRows(store, caseId, fresh);
  const single = fresh.slice(0, Math.min(200, fresh.length));
  const rest = fresh.slice(single.length);
  // BENCH_PROFILE=FILE writes a CPU profile of the attach phase only (open it in Chrome DevTools).
  const profiler = process.env.BENCH_PROFILE === undefined ? null : new Session();
  if (profiler !== null) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const s of single) await attachCaseSources(store, caseId, [s], { actor: 'bench' });
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  await attachCaseSources(store, caseId, rest, { actor: 'bench', batchSize: batch });
  const t2 = performance.now();
  const c2 = process.cpuUsage(c0);
  if (profiler !== null) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(process.env.BENCH_PROFILE as string, JSON.stringify(profile));
    profiler.disconnect();
  }
  const cpu = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1e6;

  // Status recomputation for one (typical) allegation.
  const counts = await store.db
    .selectFrom('allegation_units')
    .select(['allegation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('allegation_id', 'is not', null)
    .groupBy('allegation_id')
    .orderBy('n', 'desc')
    .limit(1000)
    .execute();
  const target = counts[Math.floor(counts.length / 2)]?.allegation_id ?? '';
  const rows = await store.db
    .selectFrom('allegation_units')
    .select('data')
    .where('allegation_id', '=', target)
    .execute();
  const units = rows.map((r) => JSON.parse(r.data) as Unit);
  const context = { copyOf: () => null, outletOf: () => 'Bench Wire (fictional)' };
  const reps = 200;
  const p0 = performance.now();
  for (let i = 0; i < reps; i++) assessAllegation(target, units, [], context);
  const p1 = performance.now();
  const { reassessAllegation } = await import('../src/store/allegations.ts');
  const r0 = performance.now();
  for (let i = 0; i < 50; i++) await reassessAllegation(store, target);
  const r1 = performance.now();
  const allegations = await store.db
    .selectFrom('allegations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  await store.close();

  const attached = single.length + rest.length;
  console.log(
    JSON.stringify({
      bench: 'allegations',
      backend: 'sqlite',
      seed: {
        sources: seed.length,
        attributions: seed.length * PER_SOURCE,
        seconds: Number(seedSeconds.toFixed(2)),
        cpuSeconds: Number(((seedCpu.user + seedCpu.system) / 1e6).toFixed(2)),
      },
      attach: {
        sources: attached,
        attributions: attached * PER_SOURCE,
        batchSize: batch,
        seconds: Number(((t2 - t0) / 1000).toFixed(2)),
        cpuSeconds: Number(cpu(c2).toFixed(2)),
        sourcesPerSecond: Math.round(attached / ((t2 - t0) / 1000)),
        sourcesPerCpuSecond: Math.round(attached / cpu(c2)),
        oneAtATime: {
          sources: single.length,
          sourcesPerSecond: Math.round(single.length / ((t1 - t0) / 1000)),
          sourcesPerCpuSecond: Math.round(single.length / cpu(c1)),
        },
        batched: {
          sources: rest.length,
          sourcesPerSecond: Math.round(rest.length / ((t2 - t1) / 1000)),
          sourcesPerCpuSecond: Math.round(rest.length / (cpu(c2) - cpu(c1))),
        },
      },
      recompute: {
        allegationMembers: units.length,
        pureMs: Number(((p1 - p0) / reps).toFixed(3)),
        storeMs: Number(((r1 - r0) / 50).toFixed(3)),
      },
      allegations: Number(allegations?.n ?? 0),
      targets: { sourcesPerSecond: 200, recomputeMs: 10 },
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
