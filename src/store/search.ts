import { createHash } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { CorroborateError } from '../errors.ts';
import type { Stance } from '../extract/types.ts';
import { decodeCursor, encodeCursor, type Page, pageLimit } from './cursor.ts';
import type { DialectName } from './database.ts';
import type { ReviewStatus } from './extractions.ts';
import type { Database } from './schema.ts';

/** What a search can return. */
export type SearchKind = 'source' | 'attribution';

/** Parameters of {@link search}. */
export interface SearchParams {
  /** The cases the caller may read; an empty list finds nothing. */
  readonly caseIds: readonly string[];
  /** Words (all must match, stemmed), "quoted phrases"; on SQLite a trailing * makes a prefix. */
  readonly query: string;
  /** Default: both. */
  readonly kinds?: readonly SearchKind[];
  readonly limit?: number;
  readonly cursor?: string | null;
}

/** One result with a plain-text snippet and the highlighted ranges inside it (UTF-16 offsets, end exclusive). */
export interface SearchHit {
  readonly kind: SearchKind;
  /** Source id or attribution id. */
  readonly id: string;
  readonly caseId: string;
  readonly sourceId: string;
  readonly title: string | null;
  /** Higher is better; comparable within one dialect only. */
  readonly score: number;
  readonly snippet: string;
  readonly highlights: readonly (readonly [number, number])[];
  /** For attributions: who, how and the review state. */
  readonly attribution?: {
    readonly speaker: string | null;
    readonly caseActorId: string | null;
    readonly cue: string;
    readonly stance: Stance;
    readonly reviewStatus: ReviewStatus;
  };
}

const OPEN = '\u0002';
const CLOSE = '\u0003';
const MAX_QUERY = 500;

/** Turns a snippet with marker characters into plain text plus highlight ranges (no markup to escape). */
export function parseSnippet(marked: string): { snippet: string; highlights: [number, number][] } {
  let snippet = '';
  const highlights: [number, number][] = [];
  let open = -1;
  for (const ch of marked) {
    if (ch === OPEN) open = snippet.length;
    else if (ch === CLOSE) {
      if (open >= 0 && snippet.length > open) {
        const lastHighlight = highlights[highlights.length - 1];
        // Adjacent highlighted words separated only by a space read as one highlighted phrase.
        if (lastHighlight !== undefined && snippet.slice(lastHighlight[1], open).trim() === '')
          lastHighlight[1] = snippet.length;
        else highlights.push([open, snippet.length]);
      }
      open = -1;
    } else snippet += ch;
  }
  return { snippet, highlights };
}

/** Words and "phrases" of a user query, at most {@link MAX_QUERY} characters, no control characters. */
function queryTerms(query: string): { terms: { text: string; prefix: boolean }[]; cleaned: string } {
  const cleaned = query
    .replace(/\p{C}+/gu, ' ')
    .slice(0, MAX_QUERY)
    .trim();
  const terms: { text: string; prefix: boolean }[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (let m = pattern.exec(cleaned); m !== null; m = pattern.exec(cleaned)) {
    if (m[1] !== undefined) {
      const words = m[1].replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      if (words.length > 0) terms.push({ text: words, prefix: false });
    } else if (m[2] !== undefined) {
      const prefix = m[2].endsWith('*');
      for (const word of m[2].split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0)) {
        terms.push({ text: word, prefix: false });
      }
      const last = terms[terms.length - 1];
      if (prefix && last !== undefined) last.prefix = true;
    }
  }
  return { terms, cleaned };
}

/**
 * An FTS5 MATCH expression where every user term is a quoted string — user input never becomes FTS syntax —
 * restricted to the text columns, and the case filter as a match on the indexed `case_id` column (null when
 * no filter is needed).
 */
function fts5Query(
  terms: readonly { text: string; prefix: boolean }[],
  textColumns: string,
  caseIds: readonly string[] | null,
): string {
  const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;
  const words = terms.map((t) => `${quote(t.text)}${t.prefix ? '*' : ''}`).join(' ');
  if (caseIds === null) return `{${textColumns}} : (${words})`;
  const caseTokens = caseIds.map((id) => quote(`c${Buffer.from(id, 'utf8').toString('hex')}`));
  return `case_id : (${caseTokens.join(' OR ')}) AND {${textColumns}} : (${words})`;
}

/**
 * True when the store holds a case outside `caseIds`. When it does not (a store of one case, or a caller
 * reading every case), the case token is left out of the MATCH: ANDing it reads the doclist of every row
 * of the case, the largest in the index, for no effect. Must run in the same read transaction as the
 * search, so a case created meanwhile cannot slip in.
 */
async function hasOtherCases(db: Kysely<Database>, caseIds: readonly string[]): Promise<boolean> {
  const row = await sql<{ other: number }>`
    select exists (select 1 from cases where id not in (${inList(caseIds)})) as other`.execute(db);
  return Number(row.rows[0]?.other ?? 1) === 1;
}

interface Row {
  readonly kind: SearchKind;
  /** SQLite rowid, to fetch snippets for the page only. */
  readonly rid: number | null;
  readonly id: string;
  readonly case_id: string;
  readonly source_id: string;
  readonly title: string | null;
  readonly score: number | string;
  readonly marked: string | null;
  readonly speaker: string | null;
  readonly case_actor_id: string | null;
  readonly cue: string | null;
  readonly stance: string | null;
  readonly review_status: string | null;
}

function inList(values: readonly string[]): RawBuilder<unknown> {
  return sql.join(values.map((v) => sql`${v}`));
}

/**
 * The one place the SQL of the two engines differs: FTS5 on SQLite, tsvector/ts_headline on PostgreSQL.
 * Snippets are made separately, for the hits a page actually shows (sources re-read long texts, and
 * ts_headline re-parses what it is given); SQLite's attribution snippets come with their ranking.
 */
interface SearchDialect {
  sources(db: Kysely<Database>, limit: number, offset: number): Promise<Row[]>;
  attributions(db: Kysely<Database>, limit: number, offset: number): Promise<Row[]>;
  /** The snippet (`marked`) of every source, and on PostgreSQL every attribution, of a page. */
  pageSnippets(db: Kysely<Database>, rows: readonly Row[]): Promise<Row[]>;
}

/**
 * How many of the newest matches are ranked per kind. Ranking every match of a word found in most of a
 * million rows costs far more than the 50 ms budget; past this many, results are the best of the newest
 * matches (documented in docs/ARCHITECTURE.md).
 */
export const RANK_WINDOW = 2000;

/** Words of a source snippet on SQLite (FTS5's snippet() default length was 24 tokens here too). */
const SOURCE_SNIPPET_WORDS = 24;

/** How many of the newest matching attributions SQLite ranks (each is highlighted to be scored). */
export const ATTRIBUTION_WINDOW = 200;

/** How many matching attributions PostgreSQL ranks (fetching each row's tsvector is the cost). */
export const ATTRIBUTION_WINDOW_PG = 200;

function sqliteSearch(
  terms: readonly { text: string; prefix: boolean }[],
  caseIds: readonly string[],
  caseTokenInMatch: boolean,
): SearchDialect {
  const matchCases = caseTokenInMatch ? caseIds : null;
  const sourceMatch = fts5Query(terms, 'title text', matchCases);
  return {
    async sources(db, limit, offset) {
      const result = await sql<Row>`
        with hits as (
          select rowid, bm25(sources_fts, 4.0, 1.0, 0.0) as rank from sources_fts
          where sources_fts match ${sourceMatch} order by rowid desc limit ${RANK_WINDOW}
        )
        select 'source' as kind, s.rowid as rid, s.id, s.case_id, s.id as source_id, s.title, -h.rank as score,
               null as marked, null as speaker, null as case_actor_id, null as cue, null as stance, null as review_status
        from hits h cross join sources s on s.rowid = h.rowid and s.case_id in (${inList(caseIds)})
        order by h.rank, s.id
        limit ${limit} offset ${offset}`.execute(db);
      return result.rows;
    },
    async pageSnippets(db, rows) {
      // highlight() tokenizes a column once; snippet() twice (sentence finding, then the fragment), per call.
      // The window is cut here instead, from the first match of the text, else of the title.
      const sources = rows.filter((r) => r.kind === 'source');
      if (sources.length === 0) return [...rows];
      const rowids = sources.map((r) => Number(r.rid));
      const result = await sql<{ rowid: number; title: string | null; text: string | null }>`
        select rowid, highlight(sources_fts, 0, char(2), char(3)) as title, highlight(sources_fts, 1, char(2), char(3)) as text
        from sources_fts where sources_fts match ${sourceMatch} and rowid in (${sql.join(rowids)})`.execute(
        db,
      );
      const marked = new Map(
        result.rows.map((r) => {
          const text = r.text ?? '';
          const best = text.includes(OPEN) || !(r.title ?? '').includes(OPEN) ? text : (r.title ?? '');
          return [Number(r.rowid), window(best, SOURCE_SNIPPET_WORDS)];
        }),
      );
      return rows.map((r) => (r.kind === 'source' ? { ...r, marked: marked.get(Number(r.rid)) ?? null } : r));
    },
    async attributions(db, limit, offset) {
      // bm25() would read the whole doclist of the case token (every attribution of the case) to weigh it,
      // so attributions are ranked here instead, from highlight() marks over the newest matches.
      const match = fts5Query(terms, 'source_text cue_text content_text', matchCases);
      const hl = (column: number): string => `highlight(attributions_fts, ${column}, char(2), char(3))`;
      const result = await sql<Row & { h0: string | null; h1: string | null; h2: string | null }>`
        with hits as (
          select rowid, ${sql.raw(hl(0))} as h0, ${sql.raw(hl(1))} as h1, ${sql.raw(hl(2))} as h2
          from attributions_fts where attributions_fts match ${match} order by rowid desc limit ${ATTRIBUTION_WINDOW}
        )
        select 'attribution' as kind, a.rowid as rid, a.id, a.case_id, a.source_id, s.title, 0 as score,
               null as marked, a.source_text as speaker, a.case_actor_id, a.cue_text as cue, a.stance, a.review_status,
               h.h0, h.h1, h.h2
        from hits h
        cross join attributions a on a.rowid = h.rowid and a.case_id in (${inList(caseIds)})
        join sources s on s.id = a.source_id
        where a.current = 1`.execute(db);
      return rankMarked(result.rows).slice(offset, offset + limit);
    },
  };
}

/** Weights of speaker, cue and content matches in {@link rankMarked} (as the bm25 weights of sources). */
const COLUMN_WEIGHTS = [2, 1, 1] as const;

/**
 * Ranks attributions from their highlighted columns with BM25's term-frequency and length terms (k1 1.2,
 * b 0.75). Every candidate contains every query term, so the IDF factor would not change the order. The
 * snippet is the best-matching column, cut to about 30 words around its first match.
 */
export function rankMarked<R extends Row & { h0: string | null; h1: string | null; h2: string | null }>(
  rows: readonly R[],
): Row[] {
  const columns = (r: R): (string | null)[] => [r.h0, r.h1, r.h2];
  const lengths = rows.map((r) =>
    columns(r).map((c) => (c === null ? 0 : c.split(/\s+/).filter(Boolean).length)),
  );
  const average = COLUMN_WEIGHTS.map((_, c) =>
    Math.max(1, lengths.reduce((n, l) => n + (l[c] ?? 0), 0) / Math.max(1, rows.length)),
  );
  const scored = rows.map((row, i) => {
    let score = 0;
    let best = 2;
    let bestTf = -1;
    columns(row).forEach((text, c) => {
      const tf = text === null ? 0 : text.split(OPEN).length - 1;
      const norm = 1.2 * (0.25 + (0.75 * (lengths[i]![c] ?? 0)) / average[c]!);
      score += COLUMN_WEIGHTS[c]! * ((tf * 2.2) / (tf + norm));
      if (tf > bestTf || (tf === bestTf && c === 2)) {
        best = c;
        bestTf = tf;
      }
    });
    const { h0: _h0, h1: _h1, h2: _h2, ...rest } = row;
    return { ...rest, score, marked: window(columns(row)[best] ?? '') };
  });
  return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Whitespace as `split(/\s+/)` sees it. */
const SPACE = /\s/;

/** Up to `count` whitespace-separated words of `text` ending at `end`, in order, and whether more precede. */
function wordsBefore(text: string, end: number, count: number): { words: string[]; more: boolean } {
  const words: string[] = [];
  let i = end;
  for (;;) {
    while (i > 0 && SPACE.test(text[i - 1]!)) i--;
    if (i === 0 || words.length === count) return { words: words.reverse(), more: i > 0 };
    const wordEnd = i;
    while (i > 0 && !SPACE.test(text[i - 1]!)) i--;
    words.push(text.slice(i, wordEnd));
  }
}

/** Up to `count` whitespace-separated words of `text` from `start`, and whether more follow. */
function wordsFrom(text: string, start: number, count: number): { words: string[]; more: boolean } {
  const words: string[] = [];
  let i = start;
  for (;;) {
    while (i < text.length && SPACE.test(text[i]!)) i++;
    if (i === text.length || words.length === count) return { words, more: i < text.length };
    const wordStart = i;
    while (i < text.length && !SPACE.test(text[i]!)) i++;
    words.push(text.slice(wordStart, i));
  }
}

/**
 * About `size` words of marked text around its first mark, with ellipses where cut. Only the words near the
 * mark are looked at, so a whole source text costs no more than an attribution.
 */
function window(marked: string, size = 30): string {
  const at = marked.indexOf(OPEN);
  let pivot = Math.max(0, at);
  while (pivot > 0 && !SPACE.test(marked[pivot - 1]!)) pivot--;
  const before = wordsBefore(marked, pivot, size);
  const after = wordsFrom(marked, pivot, size + 1);
  const words = [...before.words, ...after.words];
  if (!before.more && !after.more && words.length <= size) return words.join(' ');
  const start = Math.max(0, Math.min(before.words.length - Math.floor(size / 3), words.length - size));
  const cut = words.slice(start, start + size);
  // Never cut inside a mark: close one left open (a close whose open was cut off is ignored by parseSnippet).
  let text = cut.join(' ');
  if (text.lastIndexOf(OPEN) > text.lastIndexOf(CLOSE)) text += CLOSE;
  return `${start > 0 || before.more ? '…' : ''}${text}${start + size < words.length || after.more ? '…' : ''}`;
}

const HEADLINE_OPTIONS = `StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/** The case lexemes of the PostgreSQL tsvectors ('c' || md5(case_id)) as an OR query. */
function caseQuery(caseIds: readonly string[]): RawBuilder<unknown> {
  const lexemes = caseIds.map((id) => `c${createHash('md5').update(id, 'utf8').digest('hex')}`);
  return sql`to_tsquery('simple'::regconfig, ${lexemes.join(' | ')})`;
}

function postgresSearch(query: string, caseIds: readonly string[], firstWord: string): SearchDialect {
  const tsq = sql`websearch_to_tsquery('english'::regconfig, ${query})`;
  // ts_headline re-parses all it is given: give it ~900 characters around the first word's likely stem.
  const prefix = firstWord.toLowerCase().slice(0, Math.max(3, firstWord.length - 2));
  return {
    async sources(db, limit, offset) {
      // Cap the candidates, rank them, page; snippets come later, for the sources shown.
      // `source_search` has few rows with large (TOASTed) tsvectors: the planner's seq-scan estimate ignores
      // detoasting them all, so the GIN index is forced for this one query.
      const run = (trx: Kysely<Database>) =>
        sql<Row>`
        with candidates as materialized (
          select ss.source_id, ss.tsv from source_search ss
          where ss.tsv @@ (${tsq} && ${caseQuery(caseIds)}) and ss.case_id in (${inList(caseIds)})
          limit ${RANK_WINDOW}
        ), hits as (
          select source_id, ts_rank(tsv, ${tsq}) as score from candidates
          order by score desc, source_id
          limit ${limit} offset ${offset}
        )
        select 'source' as kind, null as rid, s.id, s.case_id, s.id as source_id, s.title, h.score, null as marked,
               null as speaker, null as case_actor_id, null as cue, null as stance, null as review_status
        from hits h join sources s on s.id = h.source_id
        order by h.score desc, s.id`.execute(trx);
      return withIndexScans(db, async (trx) => (await run(trx)).rows);
    },
    async pageSnippets(db, rows) {
      const ids = (kind: SearchKind): string[] => rows.filter((r) => r.kind === kind).map((r) => r.id);
      const at = sql`strpos(lower(s.text), ${prefix})`;
      const sources = ids('source');
      const attributions = ids('attribution');
      const marked = new Map<string, string>();
      if (sources.length > 0) {
        const result = await sql<{ id: string; marked: string }>`
          select s.id, ts_headline('english'::regconfig,
                   coalesce(s.title, '') || E'\n' ||
                   case when ${at} > 0 then substr(s.text, greatest(1, ${at} - 300), 900) else left(s.text, 900) end,
                   ${tsq}, ${HEADLINE_OPTIONS}) as marked
          from sources s where s.id in (${inList(sources)})`.execute(db);
        for (const r of result.rows) marked.set(`source:${r.id}`, r.marked);
      }
      if (attributions.length > 0) {
        const result = await sql<{ id: string; marked: string }>`
          select a.id, ts_headline('english'::regconfig, coalesce(a.source_text, '') || ' ' || a.cue_text || ' ' || a.content_text,
                   ${tsq}, ${HEADLINE_OPTIONS}) as marked
          from attributions a where a.id in (${inList(attributions)})`.execute(db);
        for (const r of result.rows) marked.set(`attribution:${r.id}`, r.marked);
      }
      return rows.map((r) => ({ ...r, marked: marked.get(`${r.kind}:${r.id}`) ?? null }));
    },
    async attributions(db, limit, offset) {
      // The case lexeme does the case filtering inside the GIN search; `case_id` is rechecked on the page
      // rows only, so the planner does not AND in a B-tree scan over every row of the case.
      const run = (trx: Kysely<Database>) =>
        sql<Row>`
        with candidates as materialized (
          select a.id, a.tsv from attributions a
          where a.tsv @@ (${tsq} && ${caseQuery(caseIds)}) and a.current = 1
          limit ${ATTRIBUTION_WINDOW_PG}
        ), hits as (
          select id, ts_rank(tsv, ${tsq}) as score from candidates
          order by score desc, id
          limit ${limit} offset ${offset}
        )
        select 'attribution' as kind, null as rid, a.id, a.case_id, a.source_id, s.title, h.score, null as marked,
               a.source_text as speaker, a.case_actor_id, a.cue_text as cue, a.stance, a.review_status
        from hits h join attributions a on a.id = h.id and a.case_id in (${inList(caseIds)})
        join sources s on s.id = a.source_id
        order by h.score desc, a.id`.execute(trx);
      return withIndexScans(db, async (trx) => (await run(trx)).rows);
    },
  };
}

/**
 * Runs a PostgreSQL search query with sequential scans off. The planner does not see how selective the case
 * lexeme is; a "LIMIT n" sequential scan it then prefers for common words reads every row before a case's
 * first match when the case's rows sit together, while the GIN scan's cost stays bounded.
 */
async function withIndexScans<T>(
  db: Kysely<Database>,
  run: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return run(db);
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    return run(trx);
  });
}

function toHit(row: Row): SearchHit {
  const { snippet, highlights } = parseSnippet(row.marked ?? '');
  const base = {
    kind: row.kind,
    id: row.id,
    caseId: row.case_id,
    sourceId: row.source_id,
    title: row.title,
    score: Number(row.score),
    snippet,
    highlights,
  };
  if (row.kind !== 'attribution') return base;
  return {
    ...base,
    attribution: {
      speaker: row.speaker,
      caseActorId: row.case_actor_id,
      cue: row.cue ?? '',
      stance: (row.stance ?? 'assert') as Stance,
      reviewStatus: (row.review_status ?? 'pending') as ReviewStatus,
    },
  };
}

/**
 * Full-text search over the sources and current attributions of the given cases, best first, with
 * highlighted snippets; cursor-paginated. SQLite uses FTS5 (porter stemming, bm25), PostgreSQL a GIN-indexed
 * tsvector ('english', ts_rank, ts_headline). User text never becomes query syntax beyond words, quoted
 * phrases and (SQLite) a trailing `*`.
 *
 * @example
 * const page = await search(store.db, store.dialect, { caseIds: [caseId], query: 'crematoria', limit: 20 });
 */
export async function search(
  db: Kysely<Database>,
  dialect: DialectName,
  params: SearchParams,
): Promise<Page<SearchHit>> {
  const { terms, cleaned } = queryTerms(params.query);
  if (terms.length === 0)
    throw new CorroborateError('invalid_input', 'search: the query has no words to look for');
  const limit = pageLimit(params.limit);
  const kinds: readonly SearchKind[] =
    params.kinds === undefined || params.kinds.length === 0 ? ['source', 'attribution'] : params.kinds;
  if (params.caseIds.length === 0) return { items: [], nextCursor: null };
  const cursor = decodeCursor(params.cursor);
  const offsets = { source: Number(cursor?.s ?? 0), attribution: Number(cursor?.a ?? 0) };
  if (
    !Number.isInteger(offsets.source) ||
    !Number.isInteger(offsets.attribution) ||
    offsets.source < 0 ||
    offsets.attribution < 0
  ) {
    throw new CorroborateError('bad_request', 'search: not a cursor this server issued');
  }
  const firstWord = terms[0]!.text.split(' ')[0] ?? '';
  const fetch = async (trx: Kysely<Database>): Promise<Page<SearchHit>> => {
    const engine =
      dialect === 'sqlite'
        ? sqliteSearch(terms, params.caseIds, await hasOtherCases(trx, params.caseIds))
        : postgresSearch(cleaned, params.caseIds, firstWord);
    const fetched: Record<SearchKind, Row[]> = { source: [], attribution: [] };
    for (const kind of kinds) {
      fetched[kind] =
        kind === 'source'
          ? await engine.sources(trx, limit + 1, offsets.source)
          : await engine.attributions(trx, limit + 1, offsets.attribution);
    }
    return mergePage(trx, engine, fetched, limit, offsets);
  };
  // SQLite: one read transaction, so the case check and the queries see the same snapshot.
  return dialect === 'sqlite' && !db.isTransaction ? db.transaction().execute(fetch) : fetch(db);
}

/** Merges the two ranked lists by score into a page; the cursor remembers how far each list was consumed. */
async function mergePage(
  db: Kysely<Database>,
  engine: SearchDialect,
  fetched: Record<SearchKind, Row[]>,
  limit: number,
  offsets: { readonly source: number; readonly attribution: number },
): Promise<Page<SearchHit>> {
  const taken: Row[] = [];
  const used = { source: 0, attribution: 0 };
  while (taken.length < limit) {
    const s = fetched.source[used.source];
    const a = fetched.attribution[used.attribution];
    if (s === undefined && a === undefined) break;
    if (a === undefined || (s !== undefined && Number(s.score) >= Number(a.score))) {
      taken.push(s!);
      used.source++;
    } else {
      taken.push(a);
      used.attribution++;
    }
  }
  const more = fetched.source.length > used.source || fetched.attribution.length > used.attribution;
  return {
    items: (await engine.pageSnippets(db, taken)).map(toHit),
    nextCursor: more
      ? encodeCursor({ s: offsets.source + used.source, a: offsets.attribution + used.attribution })
      : null,
  };
}
