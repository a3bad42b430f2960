import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { CorroborateError } from '../errors.ts';
import type {
  Attribution,
  Basis,
  DateMention,
  Extraction,
  Figure,
  Place,
  QuoteKind,
  Span,
  Stance,
} from '../extract/types.ts';
import { linkCaseActor } from './actors.ts';
import { appendCustody } from './custody.ts';
import type { DialectName, Store } from './database.ts';
import { decodeCursor, type Page, pageById, pageLimit } from './cursor.ts';
import type { AttributionTable, Database } from './schema.ts';

/** Review status of a stored attribution. `edited` covers span edits and reattribution. */
export type ReviewStatus = 'pending' | 'accepted' | 'edited' | 'rejected';

/** A stored attribution: the effective (reviewed) values, and the original exactly as extracted. */
export interface StoredAttribution {
  readonly id: string;
  readonly caseId: string;
  readonly sourceId: string;
  readonly runId: string;
  /** The id inside its extraction ("a3"), which `parent` refers to. */
  readonly localId: string;
  readonly current: boolean;
  readonly source: (Span & { readonly actor: string | null }) | null;
  /** The case actor (registry id) speaking, after any reattribution. */
  readonly caseActorId: string | null;
  readonly cue: Span;
  readonly content: readonly Span[];
  readonly stance: Stance;
  readonly quote: QuoteKind;
  readonly channel: string | null;
  readonly basis: readonly Basis[];
  readonly parent: string | null;
  readonly confidence: number;
  readonly reviewStatus: ReviewStatus;
  /** The attribution as the extractor produced it, never modified by review. */
  readonly extracted: Attribution;
  /** The case actor the extractor's speaker was linked to when stored. */
  readonly extractedCaseActorId: string | null;
  /** When a re-extraction carried a review over: the attribution of the older run it came from. */
  readonly carriedFrom: string | null;
  readonly createdAt: string;
}

/** One extraction run of a source (history view). */
export interface ExtractionRun {
  readonly id: string;
  readonly sourceId: string;
  readonly caseId: string;
  readonly extractorVersion: string;
  readonly current: boolean;
  readonly resultSha256: string;
  readonly attributionCount: number;
  readonly createdAt: string;
  readonly actor: string;
}

/** A stored figure with where it came from. */
export interface StoredFigure extends Figure {
  readonly id: string;
  readonly sourceId: string;
  readonly caseId: string;
  readonly runId: string;
}

/** A stored place with where it came from. */
export interface StoredPlace extends Place {
  readonly id: string;
  readonly sourceId: string;
  readonly caseId: string;
  readonly runId: string;
}

/** What {@link saveExtraction} did. */
export interface SavedExtraction {
  readonly runId: string;
  readonly sourceId: string;
  readonly caseId: string;
  readonly extractorVersion: string;
  readonly attributions: number;
  /** The run this one replaced as current, if any. */
  readonly replaced: string | null;
  /** Reviewed attributions of the replaced run whose spans still match and whose decision was carried over. */
  readonly carriedReviews: number;
  readonly custodySeq: number;
}

/** Who stores an extraction (recorded in the run and the custody log). */
export interface SaveExtractionOptions {
  readonly actor?: string;
}

const INSERT_CHUNK = 200;

/**
 * Takes SQLite's write lock at the start of a transaction, so its reads cannot go stale and a second process
 * waits (busy timeout) instead of failing to upgrade a read lock. PostgreSQL needs nothing here.
 */
export async function beginWrite(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') await sql`update custody_entries set seq = seq where 0`.execute(db);
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function chunks<T>(items: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function spanOk(span: { readonly start: number; readonly end: number }, length: number): boolean {
  return (
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.start <= span.end &&
    span.end <= length
  );
}

/** Rejects an extraction whose spans fall outside the source text: the stored offsets must stay meaningful. */
function validate(sourceId: string, extraction: Extraction, length: number): void {
  for (const a of extraction.attributions) {
    const spans: { start: number; end: number }[] = [a.cue, ...a.content];
    if (a.source !== null) spans.push(a.source);
    if (!spans.every((s) => spanOk(s, length))) {
      throw new CorroborateError(
        'invalid_input',
        `source ${sourceId}: attribution ${a.id} has a span outside the text`,
      );
    }
  }
}

function sameSpan(
  a: { start: number; end: number } | null,
  b: { start: number; end: number } | null,
): boolean {
  if (a === null || b === null) return a === b;
  return a.start === b.start && a.end === b.end;
}

/** True when two extracted attributions cover exactly the same source, cue and content spans. */
function spansMatch(a: Attribution, b: Attribution): boolean {
  return (
    sameSpan(a.cue, b.cue) &&
    sameSpan(a.source, b.source) &&
    a.content.length === b.content.length &&
    a.content.every((s, i) => sameSpan(s, b.content[i] ?? null))
  );
}

function contentText(content: readonly Span[]): string {
  return content.map((s) => s.text).join(' … ');
}

/** The stored JSON: the contract without the document text (that lives, hashed, in `sources`). */
function storedResult(extraction: Extraction): string {
  const { text: _text, ...document } = extraction.document;
  return JSON.stringify({ ...extraction, document });
}

/**
 * Stores one source's extraction as its new current run, in one transaction: earlier runs stay (flagged not
 * current), attributions, actors (linked to the case actor registry), figures and places become rows, and
 * reviewed decisions of the previous run carry over to attributions whose spans are unchanged. Appends an
 * `extraction.saved` custody entry.
 *
 * @example
 * const saved = await saveExtraction(store, sourceId, extract(text, { published }), EXTRACTOR_VERSION);
 */
export async function saveExtraction(
  store: Store,
  sourceId: string,
  extraction: Extraction,
  extractorVersion: string,
  options: SaveExtractionOptions = {},
): Promise<SavedExtraction> {
  const actorName = options.actor ?? 'system:pipeline';
  return store.db.transaction().execute(async (trx) => {
    await beginWrite(trx, store.dialect);
    const source = await trx
      .selectFrom('sources')
      .select(['id', 'case_id', 'text'])
      .where('id', '=', sourceId)
      .executeTakeFirst();
    if (source === undefined) throw new CorroborateError('not_found', `source ${sourceId}: no such source`);
    validate(sourceId, extraction, source.text.length);
    const now = new Date().toISOString();
    const caseId = source.case_id;

    const previous = await trx
      .selectFrom('extraction_runs')
      .select('id')
      .where('source_id', '=', sourceId)
      .where('current', '=', 1)
      .execute();
    const previousIds = previous.map((p) => p.id);
    const reviewed =
      previousIds.length === 0
        ? []
        : await trx
            .selectFrom('attributions')
            .selectAll()
            .where('run_id', 'in', previousIds)
            .where('review_status', '!=', 'pending')
            .execute();
    if (previousIds.length > 0) {
      for (const table of [
        'extraction_runs',
        'attributions',
        'extraction_actors',
        'figures',
        'places',
      ] as const) {
        const column = table === 'extraction_runs' ? 'id' : 'run_id';
        await trx.updateTable(table).set({ current: 0 }).where(column, 'in', previousIds).execute();
      }
    }

    const runId = newId('run');
    const result = storedResult(extraction);
    const resultSha256 = sha256Hex(result);
    await trx
      .insertInto('extraction_runs')
      .values({
        id: runId,
        source_id: sourceId,
        case_id: caseId,
        extractor_version: extractorVersion,
        current: 1,
        result,
        result_sha256: resultSha256,
        attribution_count: extraction.attributions.length,
        created_at: now,
        actor: actorName,
      })
      .execute();

    const caseActorOf = new Map<string, string>();
    const actorRows = [];
    for (const actor of extraction.actors) {
      const caseActorId = await linkCaseActor(trx, caseId, actor, now);
      caseActorOf.set(actor.id, caseActorId);
      actorRows.push({
        id: newId('ea'),
        run_id: runId,
        source_id: sourceId,
        case_id: caseId,
        local_id: actor.id,
        current: 1,
        name: actor.name,
        type: actor.type,
        role: actor.role,
        affiliation: actor.affiliation,
        aliases: JSON.stringify(actor.aliases ?? []),
        mentions: JSON.stringify(actor.mentions),
        case_actor_id: caseActorId,
      });
    }
    for (const part of chunks(actorRows)) await trx.insertInto('extraction_actors').values(part).execute();

    const attributionRows = extraction.attributions.map((a) => {
      const caseActorId = a.source?.actor != null ? (caseActorOf.get(a.source.actor) ?? null) : null;
      return {
        id: newId('att'),
        case_id: caseId,
        source_id: sourceId,
        run_id: runId,
        local_id: a.id,
        current: 1,
        source_start: a.source?.start ?? null,
        source_end: a.source?.end ?? null,
        source_text: a.source?.text ?? null,
        source_actor_local: a.source?.actor ?? null,
        case_actor_id: caseActorId,
        cue_start: a.cue.start,
        cue_end: a.cue.end,
        cue_text: a.cue.text,
        content: JSON.stringify(a.content.map((s) => ({ start: s.start, end: s.end, text: s.text }))),
        content_text: contentText(a.content),
        stance: a.stance,
        quote: a.quote,
        channel: a.channel,
        basis: JSON.stringify(a.basis),
        parent_local: a.parent,
        confidence: a.confidence,
        review_status: 'pending',
        extracted: JSON.stringify({ attribution: a, caseActorId }),
        carried_from: null,
        created_at: now,
      } satisfies Selectable<AttributionTable>;
    });
    for (const part of chunks(attributionRows)) await trx.insertInto('attributions').values(part).execute();

    let carried = 0;
    const taken = new Set<string>();
    for (const old of reviewed) {
      const oldExtracted = parseExtracted(old.extracted).attribution;
      const match = attributionRows.find(
        (row, i) => !taken.has(row.id) && spansMatch(oldExtracted, extraction.attributions[i]!),
      );
      if (match === undefined) continue;
      await trx
        .updateTable('attributions')
        .set({
          source_start: old.source_start,
          source_end: old.source_end,
          source_text: old.source_text,
          case_actor_id: old.case_actor_id,
          cue_start: old.cue_start,
          cue_end: old.cue_end,
          cue_text: old.cue_text,
          content: old.content,
          content_text: old.content_text,
          stance: old.stance,
          review_status: old.review_status,
          carried_from: old.id,
        })
        .where('id', '=', match.id)
        .execute();
      taken.add(match.id);
      carried++;
    }

    const figureRows = extraction.figures.map((f) => ({
      id: newId('fig'),
      run_id: runId,
      source_id: sourceId,
      case_id: caseId,
      current: 1,
      start: f.start,
      end: f.end,
      text: f.text,
      min: f.min,
      max: f.max,
      approx: f.approx ? 1 : 0,
      counts: f.counts,
      place: f.place,
      attribution_local: f.attribution,
      qualifier: f.qualifier ?? null,
      date: f.date ?? null,
    }));
    for (const part of chunks(figureRows)) await trx.insertInto('figures').values(part).execute();

    const placeRows = extraction.places.map((p) => ({
      id: newId('pl'),
      run_id: runId,
      source_id: sourceId,
      case_id: caseId,
      current: 1,
      name: p.name,
      lat: p.lat,
      lon: p.lon,
      country: p.country,
      admin1: p.admin1 ?? null,
      granularity: p.granularity ?? null,
      geoname_id: p.geonameId ?? null,
      confidence: p.confidence ?? null,
      mentions: JSON.stringify(p.mentions),
    }));
    for (const part of chunks(placeRows)) await trx.insertInto('places').values(part).execute();

    const replaced = previousIds[0] ?? null;
    const entry = await appendCustody(trx, store.dialect, {
      actor: actorName,
      action: 'extraction.saved',
      objectType: 'extraction_run',
      objectId: runId,
      caseId,
      payload: {
        sourceId,
        runId,
        extractorVersion,
        resultSha256,
        attributions: extraction.attributions.length,
        replaced,
        carriedReviews: carried,
      },
    });
    return {
      runId,
      sourceId,
      caseId,
      extractorVersion,
      attributions: extraction.attributions.length,
      replaced,
      carriedReviews: carried,
      custodySeq: entry.seq,
    };
  });
}

interface ExtractedColumn {
  readonly attribution: Attribution;
  readonly caseActorId: string | null;
}

function parseExtracted(json: string): ExtractedColumn {
  return JSON.parse(json) as ExtractedColumn;
}

/** The leading fields of a stored attribution (identity, source span, speaker, cue), in serialised order. */
function attributionHead(row: Selectable<AttributionTable>) {
  return {
    id: row.id,
    caseId: row.case_id,
    sourceId: row.source_id,
    runId: row.run_id,
    localId: row.local_id,
    current: Number(row.current) === 1,
    source:
      row.source_start === null || row.source_end === null
        ? null
        : {
            start: row.source_start,
            end: row.source_end,
            text: row.source_text ?? '',
            actor: row.source_actor_local,
          },
    caseActorId: row.case_actor_id,
    cue: { start: row.cue_start, end: row.cue_end, text: row.cue_text },
  };
}

/** Maps an `attributions` row to the domain object. */
export function toStoredAttribution(row: Selectable<AttributionTable>): StoredAttribution {
  const extracted = parseExtracted(row.extracted);
  return {
    ...attributionHead(row),
    content: JSON.parse(row.content) as Span[],
    stance: row.stance as Stance,
    quote: row.quote as QuoteKind,
    channel: row.channel,
    basis: JSON.parse(row.basis) as Basis[],
    parent: row.parent_local,
    confidence: Number(row.confidence),
    reviewStatus: row.review_status as ReviewStatus,
    extracted: extracted.attribution,
    extractedCaseActorId: extracted.caseActorId,
    carriedFrom: row.carried_from,
    createdAt: row.created_at,
  };
}

/** Options of {@link loadExtraction}. */
export interface LoadExtractionOptions {
  /**
   * `reviewed` (default): analysts' decisions applied — rejected attributions dropped, edited spans and
   * reattributed speakers in place, `caseActor`/`review` filled in. `original`: exactly as extracted.
   */
  readonly view?: 'reviewed' | 'original';
}

/**
 * The current extraction of a source as the contract's {@link Extraction} (document text from `sources`),
 * or null when the source has none yet. Used by clustering, the API and exports.
 */
export async function loadExtraction(
  db: Kysely<Database>,
  sourceId: string,
  options: LoadExtractionOptions = {},
): Promise<Extraction | null> {
  const row = await db
    .selectFrom('extraction_runs as r')
    .innerJoin('sources as s', 's.id', 'r.source_id')
    .select(['r.id', 'r.result', 's.text'])
    .where('r.source_id', '=', sourceId)
    .where('r.current', '=', 1)
    .executeTakeFirst();
  if (row === undefined) return null;
  const stored = JSON.parse(row.result) as Omit<Extraction, 'document'> & {
    document: Omit<Extraction['document'], 'text'>;
  };
  const base: Extraction = { ...stored, document: { ...stored.document, text: row.text } };
  if (options.view === 'original') return base;

  const [attributionRows, actorRows] = await Promise.all([
    db.selectFrom('attributions').selectAll().where('run_id', '=', row.id).execute(),
    db
      .selectFrom('extraction_actors')
      .select(['local_id', 'case_actor_id'])
      .where('run_id', '=', row.id)
      .execute(),
  ]);
  const byLocal = new Map(attributionRows.map((r) => [r.local_id, toStoredAttribution(r)]));
  const caseActorOf = new Map(actorRows.map((r) => [r.local_id, r.case_actor_id]));
  const attributions: Attribution[] = [];
  for (const a of base.attributions) {
    const s = byLocal.get(a.id);
    if (s === undefined) {
      attributions.push(a);
      continue;
    }
    if (s.reviewStatus === 'rejected') continue;
    attributions.push({
      ...a,
      source: s.source,
      cue: s.cue,
      content: s.content,
      stance: s.stance,
      caseActor: s.caseActorId,
      review: s.reviewStatus,
    });
  }
  const actors = base.actors.map((a) => {
    const caseActor = caseActorOf.get(a.id);
    return caseActor === undefined ? a : { ...a, caseActor };
  });
  return { ...base, attributions, actors };
}

/** Every extraction run of a source, newest first (the current one flagged). */
export async function listExtractionRuns(
  db: Kysely<Database>,
  sourceId: string,
): Promise<readonly ExtractionRun[]> {
  const rows = await db
    .selectFrom('extraction_runs')
    .select([
      'id',
      'source_id',
      'case_id',
      'extractor_version',
      'current',
      'result_sha256',
      'attribution_count',
      'created_at',
      'actor',
    ])
    .where('source_id', '=', sourceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    caseId: r.case_id,
    extractorVersion: r.extractor_version,
    current: Number(r.current) === 1,
    resultSha256: r.result_sha256,
    attributionCount: Number(r.attribution_count),
    createdAt: r.created_at,
    actor: r.actor,
  }));
}

/**
 * Ids of the sources (of one case, or all) whose current extraction is missing or was made by a different
 * extractor version — what `corroborate reextract` re-runs. Ordered by id for stable output.
 */
export async function sourcesNeedingExtraction(
  db: Kysely<Database>,
  params: { readonly caseId?: string | null; readonly extractorVersion: string },
): Promise<readonly string[]> {
  let query = db
    .selectFrom('sources as s')
    .leftJoin('extraction_runs as r', (join) =>
      join.onRef('r.source_id', '=', 's.id').on('r.current', '=', 1),
    )
    .select('s.id')
    .where((eb) => eb.or([eb('r.id', 'is', null), eb('r.extractor_version', '!=', params.extractorVersion)]));
  if (params.caseId != null) query = query.where('s.case_id', '=', params.caseId);
  const rows = await query.orderBy('s.id').execute();
  return rows.map((r) => r.id);
}

/** The extractor version of a source's current run, or null when it has none. */
export async function currentExtractorVersion(
  db: Kysely<Database>,
  sourceId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('extraction_runs')
    .select('extractor_version')
    .where('source_id', '=', sourceId)
    .where('current', '=', 1)
    .executeTakeFirst();
  return row?.extractor_version ?? null;
}

/** One stored attribution by id, or null. */
export async function getAttribution(db: Kysely<Database>, id: string): Promise<StoredAttribution | null> {
  const row = await db.selectFrom('attributions').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toStoredAttribution(row);
}

/** Filters of {@link listAttributions}; the current runs' attributions only. */
export interface ListAttributionsParams {
  readonly caseId: string;
  readonly sourceId?: string | null;
  readonly caseActorId?: string | null;
  readonly reviewStatus?: ReviewStatus | null;
  readonly stance?: Stance | null;
  readonly limit?: number;
  readonly cursor?: string | null;
}

/** The query of {@link listAttributions} without its selection: up to `limit + 1` rows, by id. */
function attributionQuery(db: Kysely<Database>, params: ListAttributionsParams, limit: number) {
  const after = decodeCursor(params.cursor);
  let query = db.selectFrom('attributions').where('case_id', '=', params.caseId).where('current', '=', 1);
  if (params.sourceId != null) query = query.where('source_id', '=', params.sourceId);
  if (params.caseActorId != null) query = query.where('case_actor_id', '=', params.caseActorId);
  if (params.reviewStatus != null) query = query.where('review_status', '=', params.reviewStatus);
  if (params.stance != null) query = query.where('stance', '=', params.stance);
  if (after !== null) query = query.where('id', '>', String(after.id ?? ''));
  return query.orderBy('id').limit(limit + 1);
}

/** A case's current attributions ordered by id, filtered, cursor-paginated. */
export async function listAttributions(
  db: Kysely<Database>,
  params: ListAttributionsParams,
): Promise<Page<StoredAttribution>> {
  const limit = pageLimit(params.limit);
  const rows = await attributionQuery(db, params, limit).selectAll().execute();
  const items = rows.slice(0, limit).map(toStoredAttribution);
  return pageById(items, rows.length > limit);
}

/** A page as JSON text and, on demand, as plain objects (see {@link listAttributionsJson}). */
export interface PageJson<T> {
  /** Exactly `JSON.stringify` of the page. */
  readonly text: string;
  /** The page parsed back from `text`: plain data equal to what was serialised. */
  readonly page: () => Page<T>;
}

/**
 * {@link listAttributions} serialised: the same bytes as `JSON.stringify` of its page, made without parsing
 * and re-serialising the stored JSON columns (the extracted original, content spans, basis), which is most
 * of the cost of a page of attributions. On SQLite the other members are written as JSON by SQLite itself
 * (`json_quote` escapes exactly as `JSON.stringify` does), which also spares building a 26-column row
 * object per attribution.
 */
export async function listAttributionsJson(
  db: Kysely<Database>,
  dialect: DialectName,
  params: ListAttributionsParams,
): Promise<PageJson<StoredAttribution>> {
  const limit = pageLimit(params.limit);
  const query = attributionQuery(db, params, limit);
  const spliced = dialect === 'sqlite' ? await sqliteAttributionJson(query) : null;
  const rows =
    spliced ?? (await query.selectAll().execute()).map((r) => ({ id: r.id, json: storedAttributionJson(r) }));
  const { items, nextCursor } = pageById(rows.slice(0, limit), rows.length > limit);
  const text = `{"items":[${items.map((r) => r.json).join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
  return { text, page: () => JSON.parse(text) as Page<StoredAttribution> };
}

/**
 * Each row's JSON made by SQLite around the stored JSON columns and the confidence (a REAL, which SQLite
 * would print with fewer digits than JavaScript); null when a row's columns lack the written shape.
 */
async function sqliteAttributionJson(
  query: ReturnType<typeof attributionQuery>,
): Promise<{ id: string; json: string }[] | null> {
  const rows = await query
    .select([
      'id',
      'confidence',
      'extracted',
      sql<string>`'{"id":' || json_quote(id) || ',"caseId":' || json_quote(case_id) || ',"sourceId":' || json_quote(source_id)
        || ',"runId":' || json_quote(run_id) || ',"localId":' || json_quote(local_id)
        || ',"current":' || (case when current = 1 then 'true' else 'false' end)
        || ',"source":' || (case when source_start is null or source_end is null then 'null'
             else '{"start":' || source_start || ',"end":' || source_end || ',"text":' || json_quote(coalesce(source_text, ''))
                  || ',"actor":' || json_quote(source_actor_local) || '}' end)
        || ',"caseActorId":' || json_quote(case_actor_id)
        || ',"cue":{"start":' || cue_start || ',"end":' || cue_end || ',"text":' || json_quote(cue_text) || '}'
        || ',"content":' || content || ',"stance":' || json_quote(stance) || ',"quote":' || json_quote(quote)
        || ',"channel":' || json_quote(channel) || ',"basis":' || basis || ',"parent":' || json_quote(parent_local)
        || ',"confidence":'`.as('head'),
      sql<string>`',"reviewStatus":' || json_quote(review_status)`.as('review'),
      sql<string>`',"carriedFrom":' || json_quote(carried_from) || ',"createdAt":' || json_quote(created_at) || '}'`.as(
        'tail',
      ),
      // Integers print as JavaScript prints them; the JSON columns are spliced only when they are arrays.
      sql<number>`content like '[%]' and basis like '[%]' and typeof(source_start) in ('integer', 'null')
        and typeof(source_end) in ('integer', 'null') and typeof(cue_start) = 'integer' and typeof(cue_end) = 'integer'`.as(
        'shaped',
      ),
    ])
    .execute();
  const out: { id: string; json: string }[] = [];
  for (const r of rows) {
    const extracted = extractedParts(r.extracted);
    if (extracted === null || Number(r.shaped) !== 1) return null;
    out.push({
      id: r.id,
      json:
        `${r.head}${JSON.stringify(Number(r.confidence))}${r.review},` +
        `"extracted":${extracted.attribution},"extractedCaseActorId":${extracted.caseActorId}${r.tail}`,
    });
  }
  return out;
}

/** `{"attribution":…,"caseActorId":…}` as {@link saveExtraction} writes it: the two values' JSON texts. */
function extractedParts(json: string): { attribution: string; caseActorId: string } | null {
  const head = '{"attribution":';
  const at = json.lastIndexOf(',"caseActorId":');
  if (!json.startsWith(head) || !json.endsWith('}') || at < head.length) return null;
  const caseActorId = json.slice(at + ',"caseActorId":'.length, -1);
  // An id never holds a quote or backslash; anything else is parsed the slow way.
  if (caseActorId !== 'null' && !/^"[^"\\]*"$/.test(caseActorId)) return null;
  return { attribution: json.slice(head.length, at), caseActorId };
}

/** JSON text of an object's members without its braces, to splice several objects into one. */
function members(value: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(value).slice(1, -1);
}

/**
 * `JSON.stringify(toStoredAttribution(row))`, splicing in the stored JSON columns as they are: every writer
 * makes them with `JSON.stringify`, whose output a parse and re-serialisation reproduce byte for byte.
 * Rows whose columns do not have the written shape take the slow path.
 */
export function storedAttributionJson(row: Selectable<AttributionTable>): string {
  const extracted = extractedParts(row.extracted);
  const array = (text: string): boolean => text.startsWith('[') && text.endsWith(']');
  if (extracted === null || !array(row.content) || !array(row.basis)) {
    return JSON.stringify(toStoredAttribution(row));
  }
  const head = members(attributionHead(row));
  const middle = members({ stance: row.stance, quote: row.quote, channel: row.channel });
  const review = members({
    parent: row.parent_local,
    confidence: Number(row.confidence),
    reviewStatus: row.review_status,
  });
  const tail = members({ carriedFrom: row.carried_from, createdAt: row.created_at });
  return (
    `{${head},"content":${row.content},${middle},"basis":${row.basis},${review},` +
    `"extracted":${extracted.attribution},"extractedCaseActorId":${extracted.caseActorId},${tail}}`
  );
}

/** Filters of {@link listFigures} and {@link listPlaces}; current runs only. */
export interface ListFactsParams {
  readonly caseId: string;
  readonly sourceId?: string | null;
  readonly limit?: number;
  readonly cursor?: string | null;
}

/** A case's current figures, cursor-paginated by id. */
export async function listFigures(
  db: Kysely<Database>,
  params: ListFactsParams,
): Promise<Page<StoredFigure>> {
  const limit = pageLimit(params.limit);
  const after = decodeCursor(params.cursor);
  let query = db
    .selectFrom('figures')
    .selectAll()
    .where('case_id', '=', params.caseId)
    .where('current', '=', 1);
  if (params.sourceId != null) query = query.where('source_id', '=', params.sourceId);
  if (after !== null) query = query.where('id', '>', String(after.id ?? ''));
  const rows = await query
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const items: StoredFigure[] = rows.slice(0, limit).map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    caseId: r.case_id,
    runId: r.run_id,
    start: r.start,
    end: r.end,
    text: r.text,
    min: r.min === null ? null : Number(r.min),
    max: r.max === null ? null : Number(r.max),
    approx: Number(r.approx) === 1,
    counts: r.counts,
    place: r.place,
    attribution: r.attribution_local,
    qualifier: r.qualifier,
    date: r.date,
  }));
  return pageById(items, rows.length > limit);
}

/** A case's current places, cursor-paginated by id. */
export async function listPlaces(db: Kysely<Database>, params: ListFactsParams): Promise<Page<StoredPlace>> {
  const limit = pageLimit(params.limit);
  const after = decodeCursor(params.cursor);
  let query = db
    .selectFrom('places')
    .selectAll()
    .where('case_id', '=', params.caseId)
    .where('current', '=', 1);
  if (params.sourceId != null) query = query.where('source_id', '=', params.sourceId);
  if (after !== null) query = query.where('id', '>', String(after.id ?? ''));
  const rows = await query
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const items: StoredPlace[] = rows.slice(0, limit).map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    caseId: r.case_id,
    runId: r.run_id,
    name: r.name,
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    country: r.country,
    admin1: r.admin1,
    granularity: (r.granularity ?? undefined) as StoredPlace['granularity'],
    geonameId: r.geoname_id === null ? null : Number(r.geoname_id),
    confidence: r.confidence === null ? undefined : Number(r.confidence),
    mentions: JSON.parse(r.mentions) as [number, number][],
  }));
  return pageById(items, rows.length > limit);
}

/** The dates of a source's current extraction (kept in the run JSON: they are read per source, not queried). */
export async function listDates(db: Kysely<Database>, sourceId: string): Promise<readonly DateMention[]> {
  const extraction = await loadExtraction(db, sourceId, { view: 'original' });
  return extraction?.dates ?? [];
}
