import { type Kysely, type RawBuilder, sql } from 'kysely';
import {
  STATUS_LABELS,
  type Allegation,
  type Reason,
  type Speaker,
  type StatusLevel,
} from '../allegations/index.ts';
import { CorroborateError } from '../errors.ts';
import { normaliseActorName } from './actors.ts';
import {
  type AllegationDecision,
  type AllegationSummary,
  assessUnits,
  type AssessedUnits,
  groupUnits,
  parseStatusFilter,
} from './allegations.ts';
import { decodeCursor, encodeCursor, pageLimit, type Page } from './cursor.ts';
import type { Database } from './schema.ts';

/**
 * The allegations board's listing: every allegation of a case with what a card shows (top status reason,
 * counts of independent origins, echoes, denials and not-confirming statements, the actors involved, the
 * figure spread, last activity), filtered and sorted in the database for cases of tens of thousands of
 * allegations.
 *
 * What the allegations table does not hold is kept in a summary (`allegation_summaries`, plus one
 * `allegation_summary_terms` row per actor and place), stamped with the allegation's `updated_at`. The
 * allegations repository rewrites `updated_at` whenever it re-assesses an allegation, so a listing first
 * recomputes the summaries whose stamp differs (in batches: a few queries per 200 allegations) and then
 * answers with one query. Decisions and statement edits are joined at read time, not summarised.
 */

type Db = Kysely<Database>;

/** Tables of migration 0010, as Kysely sees them. */
type SummaryTables = {
  allegation_summaries: {
    allegation_id: string;
    case_id: string;
    /** `v<version>|` plus the allegation's `updated_at` when the summary was computed. */
    stamp: string;
    top_reason_code: string | null;
    top_reason: string | null;
    denials: number;
    not_confirming: number;
    figure_counts: string | null;
    figure_min: number | null;
    figure_max: number | null;
    figure_spread: number | null;
  };
  allegation_summary_terms: {
    allegation_id: string;
    /** `actor:<case actor id>`, `actor~<normalised name>` or `place:<folded name>`: unique per allegation. */
    term: string;
    case_id: string;
    kind: 'actor' | 'place';
    norm: string;
    actor_id: string | null;
    name: string;
  };
};

type SummaryDb = Kysely<Database & SummaryTables>;

/** Sorts of the board. */
export const ALLEGATION_SORTS = ['first', 'origins', 'activity', 'spread'] as const;
export type AllegationSort = (typeof ALLEGATION_SORTS)[number];

/** Filters, sort and page of {@link listAllegationSummaries}. */
export interface AllegationListParams {
  readonly caseId: string;
  /** A ladder level or a flag (see `parseStatusFilter`). */
  readonly status?: string;
  /** The latest analyst decision, or `none` for allegations without one. */
  readonly decision?: AllegationDecision | 'none';
  readonly event?: string;
  /** A place name the allegation is located at (case-insensitive). */
  readonly place?: string;
  /** A case actor id, or a name or alias of an actor speaking in (or cited by) a member attribution. */
  readonly actor?: string;
  /** ISO date: allegations whose window ends on or after it (undated ones are kept). */
  readonly from?: string;
  /** ISO date: allegations whose window starts on or before it (undated ones are kept). */
  readonly to?: string;
  /**
   * `first` (default): earliest report first; `origins`: most independent origins first; `activity`: most
   * recent activity (re-assessment, decision, statement edit) first; `spread`: widest figure spread first
   * (allegations without comparable figures last).
   */
  readonly sort?: AllegationSort;
  readonly cursor?: string | null;
  readonly limit?: number;
}

/** An actor an allegation involves: a case actor (id and current name) or a speaker the registry does not know. */
export interface InvolvedActor {
  readonly id: string | null;
  readonly name: string;
}

/** One card of the board: the listing's summary plus what the card shows of the assessment. */
export interface AllegationListItem extends AllegationSummary {
  /** The reason behind the status level, as the detail words it; null when the allegation has no claims left to assess. */
  readonly topReason: { readonly code: string; readonly text: string } | null;
  /** Independent origins (same as `origins`, kept for older clients). */
  readonly independentOrigins: number;
  /** Specific denials plus general denials from the sources of its claims. */
  readonly denials: number;
  readonly notConfirming: number;
  readonly actors: readonly InvolvedActor[];
  /** The widest comparison of figures for one thing counted: smallest and largest figure given, and their difference. */
  readonly figures: {
    readonly counts: string | null;
    readonly min: number | null;
    readonly max: number | null;
    readonly spread: number | null;
  } | null;
  /** The latest of its re-assessment, decisions and statement edits (ISO timestamp). */
  readonly lastActivity: string;
}

/** Version of what a summary holds, prefixed to its stamp: bumping it recomputes every summary once. */
const STAMP_PREFIX = 'v2|';
const CHUNK = 200;
const IN_CHUNK = 500;
/** Actors listed per card at most (the filter still matches every one). */
const ACTORS_PER_ITEM = 12;

function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function asSummaryDb(db: Db): SummaryDb {
  return db.withTables<SummaryTables>();
}

/** Lower case, single spaces: how place names are compared. */
function foldPlace(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The reason a card shows: what sets the level (an independent body for the top rung, else the origins). */
export function topReasonOf(a: Pick<Allegation, 'status'>): Reason | null {
  const reasons = a.status.reasons;
  if (a.status.level === 'independently_corroborated') {
    const body = reasons.find((r) => r.code === 'independent_body');
    if (body !== undefined) return body;
  }
  return reasons.find((r) => r.code === 'origins') ?? reasons[0] ?? null;
}

/**
 * The comparison of figures (one thing counted, place, period) whose figures disagree most: each figure
 * counts as one value (the middle of its range, or its one bound: "around 5,000" is 5,000, "at least 410"
 * is 410), and the spread is the largest value minus the smallest. A lone figure has a spread of 0.
 */
export function figureSpreadOf(a: Pick<Allegation, 'figures'>): {
  counts: string | null;
  min: number | null;
  max: number | null;
  spread: number | null;
} | null {
  let best: { counts: string | null; min: number; max: number; spread: number } | null = null;
  for (const c of a.figures) {
    const values = c.figures
      .map((f) => (f.min !== null && f.max !== null ? (f.min + f.max) / 2 : (f.min ?? f.max)))
      .filter((v): v is number => v !== null && Number.isFinite(v));
    if (values.length === 0) continue;
    const min = Math.min(...values);
    const max = Math.max(...values);
    if (best === null || max - min > best.spread) best = { counts: c.counts, min, max, spread: max - min };
  }
  return best;
}

/**
 * Assesses allegations from their stored units (as the allegations repository does on read): one query
 * per kind of data for the whole batch. Allegations without a claim are left out.
 */
async function assessBatch(db: Db, ids: readonly string[]): Promise<Map<string, AssessedUnits>> {
  const rows = await db
    .selectFrom('allegation_units')
    .select(['allegation_id', 'data'])
    .where('allegation_id', 'in', ids)
    .execute();
  return assessUnits(db, ids, groupUnits(rows));
}

/** The actors of an allegation: speakers of its attributions and the speakers they cite, one per case actor or name. */
function actorTermsOf(
  speakers: readonly Speaker[],
): Map<string, { actorId: string | null; name: string; norm: string }> {
  const terms = new Map<string, { actorId: string | null; name: string; norm: string }>();
  for (const s of speakers) {
    if (s.name === null || s.name.trim() === '') continue;
    const norm = normaliseActorName(s.name);
    if (norm === '') continue;
    const term = s.caseActor !== null ? `actor:${s.caseActor}` : `actor~${norm}`;
    if (!terms.has(term)) terms.set(term, { actorId: s.caseActor, name: s.name, norm });
  }
  return terms;
}

/**
 * Recomputes the summaries of a case whose allegation changed since (or that have none yet) and drops
 * those of allegations that are gone. Returns how many were recomputed. Safe to run concurrently: rows are
 * upserted.
 */
export async function refreshAllegationSummaries(db: Db, caseId: string): Promise<number> {
  const sdb = asSummaryDb(db);
  const stale = await sdb
    .selectFrom('allegations as a')
    .leftJoin('allegation_summaries as s', 's.allegation_id', 'a.id')
    .select(['a.id', 'a.updated_at', 'a.places'])
    .where('a.case_id', '=', caseId)
    .where(sql<boolean>`(s.allegation_id IS NULL OR s.stamp <> ${STAMP_PREFIX} || a.updated_at)`)
    .execute();
  if (stale.length === 0) return 0;
  // Summaries of allegations that merged away or were rebuilt under another id.
  const live = sdb.selectFrom('allegations').select('id').where('case_id', '=', caseId);
  await sdb
    .deleteFrom('allegation_summary_terms')
    .where('case_id', '=', caseId)
    .where('allegation_id', 'not in', live)
    .execute();
  await sdb
    .deleteFrom('allegation_summaries')
    .where('case_id', '=', caseId)
    .where('allegation_id', 'not in', live)
    .execute();
  for (const part of chunks(stale, CHUNK)) {
    const ids = part.map((r) => r.id);
    const assessed = await assessBatch(db, ids);
    const summaries: SummaryTables['allegation_summaries'][] = [];
    const terms: SummaryTables['allegation_summary_terms'][] = [];
    for (const row of part) {
      const found = assessed.get(row.id);
      const a = found?.allegation;
      const reason = a === undefined ? null : topReasonOf(a);
      const figures = a === undefined ? null : figureSpreadOf(a);
      const roles = a?.members ?? [];
      summaries.push({
        allegation_id: row.id,
        case_id: caseId,
        stamp: `${STAMP_PREFIX}${row.updated_at}`,
        top_reason_code: reason?.code ?? null,
        top_reason: reason?.text ?? null,
        denials: roles.filter((m) => m.role === 'deny' || m.general).length,
        not_confirming: roles.filter((m) => m.role === 'not_confirmed').length,
        figure_counts: figures?.counts ?? null,
        figure_min: figures?.min ?? null,
        figure_max: figures?.max ?? null,
        figure_spread: figures?.spread ?? null,
      });
      const places = new Map<string, string>();
      for (const p of [...(JSON.parse(row.places) as string[]), ...(a?.places ?? [])]) {
        const norm = foldPlace(p);
        if (norm !== '' && !places.has(norm)) places.set(norm, p);
      }
      for (const [norm, name] of places) {
        terms.push({
          allegation_id: row.id,
          term: `place:${norm}`,
          case_id: caseId,
          kind: 'place',
          norm,
          actor_id: null,
          name,
        });
      }
      if (found !== undefined) {
        const speakers = [...found.units, ...found.general].flatMap((u) => [u.speaker, ...u.chain]);
        for (const [term, t] of actorTermsOf(speakers)) {
          terms.push({
            allegation_id: row.id,
            term,
            case_id: caseId,
            kind: 'actor',
            norm: t.norm,
            actor_id: t.actorId,
            name: t.name,
          });
        }
      }
    }
    await sdb.transaction().execute(async (trx) => {
      await trx.deleteFrom('allegation_summary_terms').where('allegation_id', 'in', ids).execute();
      for (const rows of chunks(summaries, 50)) {
        await trx
          .insertInto('allegation_summaries')
          .values(rows)
          .onConflict((oc) =>
            oc.column('allegation_id').doUpdateSet((eb) => ({
              stamp: eb.ref('excluded.stamp'),
              top_reason_code: eb.ref('excluded.top_reason_code'),
              top_reason: eb.ref('excluded.top_reason'),
              denials: eb.ref('excluded.denials'),
              not_confirming: eb.ref('excluded.not_confirming'),
              figure_counts: eb.ref('excluded.figure_counts'),
              figure_min: eb.ref('excluded.figure_min'),
              figure_max: eb.ref('excluded.figure_max'),
              figure_spread: eb.ref('excluded.figure_spread'),
            })),
          )
          .execute();
      }
      for (const rows of chunks(terms, 100)) {
        await trx
          .insertInto('allegation_summary_terms')
          .values(rows)
          .onConflict((oc) => oc.columns(['allegation_id', 'term']).doNothing())
          .execute();
      }
    });
  }
  return stale.length;
}

/** Sort key expression (on the derived table `t`) and direction of each sort; every sort ends with `id`. */
const SORT_KEYS: Readonly<Record<Exclude<AllegationSort, 'first'>, RawBuilder<unknown>>> = {
  origins: sql`t.origin_count`,
  activity: sql`t.last_activity`,
  spread: sql`t.spread_key`,
};

/** Case actor ids a filter value names: the id itself, actors merged into it, and actors known by that name or alias. */
async function actorIdsFor(db: Db, caseId: string, actor: string): Promise<string[]> {
  const norm = normaliseActorName(actor);
  const direct = await db
    .selectFrom('case_actors')
    .select(['id', 'merged_into'])
    .where('case_id', '=', caseId)
    .where((eb) => eb.or([eb('id', '=', actor), eb('merged_into', '=', actor)]))
    .execute();
  const byAlias =
    norm === ''
      ? []
      : await db
          .selectFrom('case_actor_aliases')
          .select('case_actor_id')
          .where('case_id', '=', caseId)
          .where('norm', '=', norm)
          .execute();
  const ids = new Set([...direct.map((r) => r.id), ...byAlias.map((r) => r.case_actor_id)]);
  if (ids.size > 0) {
    // An actor merged into one of these speaks for it too.
    const merged = await db
      .selectFrom('case_actors')
      .select('id')
      .where('case_id', '=', caseId)
      .where('merged_into', 'in', [...ids])
      .execute();
    for (const m of merged) ids.add(m.id);
  }
  return [...ids];
}

interface ListRow {
  id: string;
  case_id: string;
  first_ord: string;
  statement: string;
  edited: string | null;
  event_type: string | null;
  places: string;
  window_start: string | null;
  window_end: string | null;
  level: string;
  disputed: number | string;
  not_confirmed: number | string;
  origin_count: number | string;
  echo_count: number | string;
  source_count: number | string;
  summary: string;
  top_reason_code: string | null;
  top_reason: string | null;
  denials: number | string | null;
  not_confirming: number | string | null;
  figure_counts: string | null;
  figure_min: number | string | null;
  figure_max: number | string | null;
  figure_spread: number | string | null;
  spread_key: number | string;
  last_activity: string;
  decision: string | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/**
 * One page of a case's allegations for the board, filtered and sorted in the database (summaries are
 * refreshed first, see {@link refreshAllegationSummaries}). Cursor pagination: pass `nextCursor` back with
 * the same filters and sort.
 */
export async function listAllegationSummaries(
  db: Db,
  params: AllegationListParams,
): Promise<Page<AllegationListItem>> {
  await refreshAllegationSummaries(db, params.caseId);
  const limit = pageLimit(params.limit);
  const sort: AllegationSort = params.sort ?? 'first';
  const after = decodeCursor(params.cursor);
  if (after !== null && (after.s ?? 'first') !== sort) {
    throw new CorroborateError('bad_request', 'cursor: issued for another sort');
  }
  const latest = (
    table: 'allegation_decisions' | 'allegation_statements',
    column: 'created_at' | 'edited_at',
  ) => sql`(SELECT MAX(${sql.ref(column)}) FROM ${sql.table(table)} x WHERE x.allegation_id = a.id)`;
  const decided = latest('allegation_decisions', 'created_at');
  const edited = latest('allegation_statements', 'edited_at');
  const lastActivity = sql`CASE
      WHEN COALESCE(${decided}, '') >= COALESCE(${edited}, '') AND COALESCE(${decided}, '') > a.updated_at THEN ${decided}
      WHEN COALESCE(${edited}, '') > a.updated_at THEN ${edited}
      ELSE a.updated_at END`;
  const inner = sql`SELECT a.id, a.case_id, a.first_ord, a.statement, a.event_type, a.places, a.window_start, a.window_end,
      a.level, a.disputed, a.not_confirmed, a.origin_count, a.echo_count, a.source_count, a.summary,
      s.top_reason_code, s.top_reason, s.denials, s.not_confirming, s.figure_counts, s.figure_min, s.figure_max, s.figure_spread,
      COALESCE(s.figure_spread, -1) AS spread_key,
      ${lastActivity} AS last_activity,
      (SELECT d.decision FROM allegation_decisions d WHERE d.allegation_id = a.id ORDER BY d.custody_seq DESC LIMIT 1) AS decision,
      (SELECT e.statement FROM allegation_statements e WHERE e.allegation_id = a.id LIMIT 1) AS edited
    FROM allegations a LEFT JOIN allegation_summaries s ON s.allegation_id = a.id
    WHERE a.case_id = ${params.caseId}`;
  const where: RawBuilder<unknown>[] = [];
  if (params.status !== undefined && params.status !== '') {
    const s = parseStatusFilter(params.status);
    if (s === 'disputed') where.push(sql`t.disputed = 1`);
    else if (s === 'not_confirmed') where.push(sql`t.not_confirmed = 1`);
    else where.push(sql`t.level = ${s}`);
  }
  if (params.decision === 'none') where.push(sql`t.decision IS NULL`);
  else if (params.decision !== undefined) where.push(sql`t.decision = ${params.decision}`);
  if (params.event !== undefined && params.event !== '') where.push(sql`t.event_type = ${params.event}`);
  if (params.from !== undefined && params.from !== '')
    where.push(sql`(t.window_end IS NULL OR t.window_end >= ${params.from})`);
  if (params.to !== undefined && params.to !== '')
    where.push(sql`(t.window_start IS NULL OR t.window_start <= ${params.to})`);
  if (params.place !== undefined && params.place.trim() !== '') {
    where.push(sql`EXISTS (SELECT 1 FROM allegation_summary_terms p
      WHERE p.allegation_id = t.id AND p.case_id = ${params.caseId} AND p.kind = 'place' AND p.norm = ${foldPlace(params.place)})`);
  }
  if (params.actor !== undefined && params.actor.trim() !== '') {
    const norm = normaliseActorName(params.actor);
    const ids = await actorIdsFor(db, params.caseId, params.actor.trim());
    const byId = ids.length === 0 ? sql`1 = 0` : sql`p.actor_id IN (${sql.join(ids)})`;
    where.push(sql`EXISTS (SELECT 1 FROM allegation_summary_terms p
      WHERE p.allegation_id = t.id AND p.case_id = ${params.caseId} AND p.kind = 'actor' AND (p.norm = ${norm} OR ${byId}))`);
  }
  let order: RawBuilder<unknown>;
  if (sort === 'first') {
    order = sql`t.first_ord ASC, t.id ASC`;
    if (after !== null) {
      const o = String(after.o ?? '');
      const i = String(after.i ?? '');
      where.push(sql`(t.first_ord > ${o} OR (t.first_ord = ${o} AND t.id > ${i}))`);
    }
  } else {
    const key = SORT_KEYS[sort];
    order = sql`${key} DESC, t.id ASC`;
    if (after !== null) {
      const k = sort === 'activity' ? String(after.k ?? '') : Number(after.k ?? 0);
      const i = String(after.i ?? '');
      where.push(sql`(${key} < ${k} OR (${key} = ${k} AND t.id > ${i}))`);
    }
  }
  const filter = where.length === 0 ? sql`` : sql`WHERE ${sql.join(where, sql` AND `)}`;
  const result =
    await sql<ListRow>`SELECT * FROM (${inner}) t ${filter} ORDER BY ${order} LIMIT ${limit + 1}`.execute(db);
  const rows = result.rows.slice(0, limit);
  const actors = await actorsOf(
    db,
    params.caseId,
    rows.map((r) => r.id),
  );
  const items = rows.map((r): AllegationListItem => {
    const level = r.level as StatusLevel;
    const figureMin = num(r.figure_min);
    const figureMax = num(r.figure_max);
    return {
      id: r.id,
      caseId: r.case_id,
      statement: r.edited ?? r.statement,
      statementEdited: r.edited !== null,
      eventType: r.event_type,
      places: JSON.parse(r.places) as string[],
      window: { start: r.window_start, end: r.window_end },
      status: level,
      statusLabel: STATUS_LABELS[level] ?? r.level,
      disputed: Number(r.disputed) === 1,
      notConfirmed: Number(r.not_confirmed) === 1,
      topReason:
        r.top_reason_code === null || r.top_reason === null
          ? null
          : { code: r.top_reason_code, text: r.top_reason },
      independentOrigins: Number(r.origin_count),
      origins: Number(r.origin_count),
      echoes: Number(r.echo_count),
      denials: Number(r.denials ?? 0),
      notConfirming: Number(r.not_confirming ?? 0),
      sources: Number(r.source_count),
      summary: r.summary,
      actors: actors.get(r.id) ?? [],
      figures:
        figureMin === null && figureMax === null
          ? null
          : { counts: r.figure_counts, min: figureMin, max: figureMax, spread: num(r.figure_spread) },
      lastActivity: r.last_activity,
      decision: (r.decision as AllegationDecision | null) ?? null,
    };
  });
  const last = rows.at(-1);
  let nextCursor: string | null = null;
  if (result.rows.length > limit && last !== undefined) {
    nextCursor =
      sort === 'first'
        ? encodeCursor({ o: last.first_ord, i: last.id })
        : encodeCursor({
            s: sort,
            k:
              sort === 'activity'
                ? last.last_activity
                : Number(sort === 'origins' ? last.origin_count : last.spread_key),
            i: last.id,
          });
  }
  return { items, nextCursor };
}

/** The actors of the listed allegations with their current registry names, in one query. */
async function actorsOf(
  db: Db,
  caseId: string,
  ids: readonly string[],
): Promise<Map<string, InvolvedActor[]>> {
  const out = new Map<string, InvolvedActor[]>();
  if (ids.length === 0) return out;
  const sdb = asSummaryDb(db);
  const rows = await sdb
    .selectFrom('allegation_summary_terms as t')
    .leftJoin('case_actors as c', 'c.id', 't.actor_id')
    .leftJoin('case_actors as m', 'm.id', 'c.merged_into')
    .select([
      't.allegation_id',
      't.actor_id',
      't.name',
      'c.name as actorName',
      'm.id as mergedId',
      'm.name as mergedName',
    ])
    .where('t.case_id', '=', caseId)
    .where('t.kind', '=', 'actor')
    .where('t.allegation_id', 'in', ids)
    .orderBy('t.allegation_id')
    .orderBy('t.term')
    .execute();
  const seen = new Set<string>();
  for (const r of rows) {
    const id = r.mergedId ?? r.actor_id;
    const name = r.mergedName ?? r.actorName ?? r.name;
    const key = `${r.allegation_id}\u0000${id ?? `~${name}`}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = out.get(r.allegation_id) ?? [];
    if (list.length >= ACTORS_PER_ITEM) continue;
    list.push({ id, name });
    out.set(r.allegation_id, list);
  }
  return out;
}
