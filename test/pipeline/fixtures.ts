// Test factories for stored extractions. Every text here is fictional: invented people, outlets and towns.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe } from 'node:test';
import type { Command } from '../../src/cli/command.ts';
import { loadConfig } from '../../src/config.ts';
import type { Actor, Attribution, Extraction, Figure, Place } from '../../src/extract/types.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/temp.ts';

/** A fictional report used across the store, pipeline and export tests. */
export const FICTIONAL_REPORT =
  'Mayor Ilsa Varenko of the fictional town of Doravel said on Tuesday that witnesses had seen trucks ' +
  'removing bodies from the brickworks. "We counted at least 40 graves," Varenko told the Doravel Courier. ' +
  'The Northern Ministry denied the allegations in a statement. Monitors from the Lantern Watch group ' +
  'have not confirmed the reports.';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The span of the `nth` occurrence of `fragment` in `text`; throws when absent (a broken fixture). */
export function spanOf(
  text: string,
  fragment: string,
  nth = 0,
): { start: number; end: number; text: string } {
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = text.indexOf(fragment, start + 1);
    if (start < 0) throw new Error(`fixture: "${fragment}" not in text`);
  }
  return { start, end: start + fragment.length, text: fragment };
}

/** Inserts a case (if new), a blob and a source directly, as capture would; returns their ids. */
export async function insertSource(
  store: Store,
  options: {
    readonly caseName: string;
    readonly text: string;
    readonly published?: string | null;
    readonly title?: string;
  },
): Promise<{ caseId: string; sourceId: string }> {
  const db = store.db;
  const now = new Date().toISOString();
  let kase = await db
    .selectFrom('cases')
    .select('id')
    .where('name', '=', options.caseName)
    .executeTakeFirst();
  if (kase === undefined) {
    kase = { id: `case_${randomBytes(6).toString('hex')}` };
    await db
      .insertInto('cases')
      .values({ id: kase.id, name: options.caseName, description: null, region: null, created_at: now })
      .execute();
  }
  const bytes = Buffer.from(`${options.text}\n${randomBytes(4).toString('hex')}`, 'utf8');
  const hash = createHash('sha256').update(bytes).digest('hex');
  await db
    .insertInto('blobs')
    .values({ sha256: hash, size: bytes.length, media_type: 'text/plain', bytes, created_at: now })
    .execute();
  const sourceId = `src_${randomBytes(6).toString('hex')}`;
  await db
    .insertInto('sources')
    .values({
      id: sourceId,
      case_id: kase.id,
      sha256: hash,
      kind: 'article',
      media_type: 'text/plain',
      title: options.title ?? 'Fictional report',
      outlet: 'Doravel Courier (fictional)',
      byline: null,
      url: null,
      canonical_url: null,
      published: options.published ?? '2031-03-14',
      language: 'en',
      text: options.text,
      text_sha256: sha256(options.text),
      pages: null,
      metadata: '{}',
      copy_of: null,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('captures')
    .values({
      id: `cap_${randomBytes(6).toString('hex')}`,
      source_id: sourceId,
      captured_at: now,
      actor: 'test',
      origin: 'fixture.txt',
      method: 'file',
      redirects: null,
      metadata: '{}',
    })
    .execute();
  return { caseId: kase.id, sourceId };
}

/** An attribution over `text` from fragments; every span is a real stretch of the text. */
export function buildAttribution(
  text: string,
  parts: {
    readonly id: string;
    readonly source?: string | null;
    readonly actor?: string | null;
    readonly cue: string;
    readonly content: readonly string[];
  } & Partial<Pick<Attribution, 'stance' | 'quote' | 'channel' | 'basis' | 'parent' | 'confidence'>>,
): Attribution {
  return {
    id: parts.id,
    source: parts.source == null ? null : { ...spanOf(text, parts.source), actor: parts.actor ?? null },
    cue: spanOf(text, parts.cue),
    content: parts.content.map((c) => spanOf(text, c)),
    stance: parts.stance ?? 'assert',
    quote: parts.quote ?? 'indirect',
    channel: parts.channel ?? null,
    basis: parts.basis ?? [],
    parent: parts.parent ?? null,
    confidence: parts.confidence ?? 0.9,
  };
}

/** An actor record over `text` with the mentions of its fragments. */
export function buildActor(
  text: string,
  actor: Omit<Actor, 'mentions'> & { readonly mentionsOf?: readonly string[] },
): Actor {
  const { mentionsOf, ...rest } = actor;
  return {
    ...rest,
    mentions: (mentionsOf ?? [actor.name]).map((m) => {
      const s = spanOf(text, m);
      return [s.start, s.end] as const;
    }),
  };
}

/** The extraction of {@link FICTIONAL_REPORT}: four attributions, three actors, a figure and a place. */
export function buildReportExtraction(text = FICTIONAL_REPORT): Extraction {
  const figure: Figure = {
    ...spanOf(text, 'at least 40 graves'),
    min: 40,
    max: null,
    approx: false,
    counts: 'graves',
    place: 'Doravel',
    attribution: 'a2',
  };
  const place: Place = {
    name: 'Doravel',
    lat: 51.5,
    lon: 30.25,
    country: 'XX',
    granularity: 'city',
    mentions: [[spanOf(text, 'Doravel').start, spanOf(text, 'Doravel').end]],
  };
  return {
    document: { sha256: sha256(text), text, published: '2031-03-14', language: 'en' },
    extractor: 'fixture',
    attributions: [
      buildAttribution(text, {
        id: 'a1',
        source: 'Mayor Ilsa Varenko of the fictional town of Doravel',
        actor: 'act1',
        cue: 'said',
        content: ['witnesses had seen trucks removing bodies from the brickworks'],
        stance: 'allege',
        basis: ['eyewitness'],
      }),
      buildAttribution(text, {
        id: 'a2',
        source: 'Varenko',
        actor: 'act1',
        cue: 'told the Doravel Courier',
        content: ['We counted at least 40 graves,'],
        quote: 'direct',
        channel: 'the Doravel Courier',
      }),
      buildAttribution(text, {
        id: 'a3',
        source: 'The Northern Ministry',
        actor: 'act2',
        cue: 'denied',
        content: ['the allegations'],
        stance: 'deny',
        channel: 'a statement',
      }),
      buildAttribution(text, {
        id: 'a4',
        source: 'Monitors from the Lantern Watch group',
        actor: 'act3',
        cue: 'have not confirmed',
        content: ['the reports'],
        stance: 'not_confirmed',
      }),
    ],
    actors: [
      buildActor(text, {
        id: 'act1',
        name: 'Ilsa Varenko',
        type: 'person',
        role: 'Mayor',
        affiliation: 'Doravel',
        aliases: ['Varenko', 'the mayor'],
        mentionsOf: ['Ilsa Varenko', 'Varenko'],
      }),
      buildActor(text, {
        id: 'act2',
        name: 'Northern Ministry',
        type: 'state_body',
        role: null,
        affiliation: null,
        mentionsOf: ['Northern Ministry'],
      }),
      buildActor(text, {
        id: 'act3',
        name: 'Lantern Watch',
        type: 'ngo',
        role: null,
        affiliation: null,
        mentionsOf: ['Lantern Watch'],
      }),
    ],
    places: [place],
    dates: [
      { text: 'on Tuesday', start: '2031-03-11', end: '2031-03-11', granularity: 'day', mentions: [[0, 0]] },
    ],
    figures: [figure],
    events: [{ type: 'concealment_of_evidence', attributions: ['a1'] }],
  };
}

/** A unique case name per test, so one database can hold every test's data. */
export function uniqueCaseName(prefix = 'case'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/**
 * Runs `suite` once per backend — SQLite in a temp folder and PostgreSQL on loopback — each with one
 * migrated store shared by that backend's tests (tests isolate themselves by case).
 */
export function runOnBackends(title: string, suite: (getStore: () => Store) => void): void {
  for (const backend of ['sqlite', 'postgres'] as const) {
    describe(`${title} (${backend})`, () => {
      let store: Store | undefined;
      let drop: (() => Promise<void>) | undefined;
      const dir = backend === 'sqlite' ? tempDir() : '';
      before(async () => {
        if (backend === 'sqlite') {
          store = await openStore({ url: join(dir, 'test.sqlite') });
        } else {
          const pg = await createTestDatabase();
          drop = pg.drop;
          store = await openStore({ url: pg.url, poolSize: 4 });
        }
      });
      after(async () => {
        await store?.close();
        await drop?.();
      });
      suite(() => {
        if (store === undefined) throw new Error('store not open');
        return store;
      });
    });
  }
}

/** Captured output of an in-process CLI run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command in-process against the SQLite file `db` (key folder `home`), as `main.ts` would wire it,
 * capturing its output. Expected errors are thrown, as `main.ts` expects.
 */
export async function runCommand(
  command: Command,
  args: readonly string[],
  env: { readonly db: string; readonly home: string; readonly cwd?: string },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString('utf8'));
        done();
      },
    });
  const config = loadConfig({
    CORROBORATE_DB: env.db,
    CORROBORATE_HOME: env.home,
    CORROBORATE_ACTOR: 'cli:test',
  });
  const code = await command.run(args, {
    config,
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    cwd: env.cwd ?? process.cwd(),
    openStore: (dbOverride) => openStore({ url: dbOverride ?? config.db }),
  });
  return { code, stdout, stderr };
}
