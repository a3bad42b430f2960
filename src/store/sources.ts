import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CapturedItem, PageSpan, Redirect, SourceKind } from '../capture/index.ts';
import { CorroborateError } from '../errors.ts';
import { ensureCase } from './cases.ts';
import { appendCustody } from './custody.ts';
import { decodeCursor, pageById, pageLimit, type Page } from './cursor.ts';
import type { Store } from './database.ts';
import { toNumber } from './dialect.ts';
import type { CaptureTable, Database, SourceTable } from './schema.ts';

/**
 * Repository for captured documents: `blobs` (original bytes, content-addressed), `sources` (one per
 * distinct original per case, with derived text) and `captures` (every time an original was taken in).
 */

/** A source without its text, for listings. */
export interface SourceSummary {
  readonly id: string;
  readonly caseId: string;
  /** SHA-256 of the original bytes: the address of the blob. */
  readonly sha256: string;
  readonly kind: SourceKind;
  readonly mediaType: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly byline: string | null;
  readonly url: string | null;
  readonly canonicalUrl: string | null;
  readonly published: string | null;
  readonly language: string;
  readonly textSha256: string;
  /** Set when this source is a copy of another (filled by later stages). */
  readonly copyOf: string | null;
  readonly createdAt: string;
}

/** A source with its normalised text, PDF page offsets and further metadata. */
export interface Source extends SourceSummary {
  readonly text: string;
  readonly pages: readonly PageSpan[] | null;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** One time an original was captured. */
export interface Capture {
  readonly id: string;
  readonly sourceId: string;
  readonly capturedAt: string;
  readonly actor: string;
  /** The path, feed record (`path#Lnn`) or URL as given. */
  readonly origin: string;
  readonly method: string;
  readonly redirects: readonly Redirect[] | null;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Original bytes exactly as captured. */
export interface Original {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

/** Result of {@link captureSource}. */
export interface CaptureResult {
  readonly sourceId: string;
  readonly captureId: string;
  readonly caseId: string;
  /** True when this original was already a source of the case: a new capture points at it. */
  readonly duplicate: boolean;
}

/** Who captures into which case. Give `caseId` when known (saves a lookup per item), else `caseName`. */
export interface CaptureContext {
  readonly caseName?: string;
  readonly caseId?: string;
  /** Recorded in the capture row and the custody log: `cli:alice`, `api:<user>`. */
  readonly actor: string;
}

/** A time-ordered id: sorts by creation time across processes, then randomly within one millisecond. */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  return JSON.parse(text) as T;
}

function toSummary(row: Omit<Selectable<SourceTable>, 'text' | 'pages' | 'metadata'>): SourceSummary {
  return {
    id: row.id,
    caseId: row.case_id,
    sha256: row.sha256,
    kind: row.kind as SourceKind,
    mediaType: row.media_type,
    title: row.title,
    outlet: row.outlet,
    byline: row.byline,
    url: row.url,
    canonicalUrl: row.canonical_url,
    published: row.published,
    language: row.language,
    textSha256: row.text_sha256,
    copyOf: row.copy_of,
    createdAt: row.created_at,
  };
}

function toSource(row: Selectable<SourceTable>): Source {
  return {
    ...toSummary(row),
    text: row.text,
    pages: parseJson<readonly PageSpan[] | null>(row.pages, null),
    metadata: parseJson<Record<string, unknown>>(row.metadata, {}),
  };
}

function toCapture(row: Selectable<CaptureTable>): Capture {
  return {
    id: row.id,
    sourceId: row.source_id,
    capturedAt: row.captured_at,
    actor: row.actor,
    origin: row.origin,
    method: row.method,
    redirects: parseJson<readonly Redirect[] | null>(row.redirects, null),
    metadata: parseJson<Record<string, unknown>>(row.metadata, {}),
  };
}

/**
 * Stores one captured item in ONE transaction, so a crash never leaves it half-written: the original
 * goes into `blobs` if its SHA-256 is new (never modified afterwards); a `sources` row is created if
 * the case does not hold this original yet, else the existing source is reused; a new `captures` row
 * is always added; and one custody entry records it (`capture` of the new source, or `recapture` of
 * the new capture row for a known original). Safe against concurrent writers of the same original.
 *
 * @example
 * const { sourceId, duplicate } = await captureSource(store, item, { caseName: 'default', actor: 'cli:alice' });
 */
export async function captureSource(store: Store, item: CapturedItem, context: CaptureContext): Promise<CaptureResult> {
  const caseId =
    context.caseId ?? (await ensureCase(store.db, context.caseName ?? 'default')).id;
  const now = new Date().toISOString();
  const captureId = newId('cap');
  const original = Buffer.from(item.original.buffer, item.original.byteOffset, item.original.byteLength);
  return store.db.transaction().execute(async (trx) => {
    // The first statement writes, so SQLite takes its write lock before anything is read (see appendCustody).
    await trx
      .insertInto('blobs')
      .values({ sha256: item.sha256, size: original.length, media_type: item.mediaType, bytes: original, created_at: now })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    const candidateId = newId('src');
    const inserted = await trx
      .insertInto('sources')
      .values({
        id: candidateId,
        case_id: caseId,
        sha256: item.sha256,
        kind: item.kind,
        media_type: item.mediaType,
        title: item.title,
        outlet: item.outlet,
        byline: item.byline,
        url: item.url,
        canonical_url: item.canonicalUrl,
        published: item.published,
        language: item.language,
        text: item.text,
        text_sha256: item.textSha256,
        pages: item.pages === null ? null : json(item.pages),
        metadata: json(item.metadata),
        copy_of: null,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['case_id', 'sha256']).doNothing())
      .executeTakeFirst();
    const duplicate = toNumber(inserted.numInsertedOrUpdatedRows ?? 0n) === 0;
    let sourceId = candidateId;
    if (duplicate) {
      const existing = await trx
        .selectFrom('sources')
        .select('id')
        .where('case_id', '=', caseId)
        .where('sha256', '=', item.sha256)
        .executeTakeFirstOrThrow();
      sourceId = existing.id;
    }
    await trx
      .insertInto('captures')
      .values({
        id: captureId,
        source_id: sourceId,
        captured_at: now,
        actor: context.actor,
        origin: item.origin,
        method: item.method,
        redirects: item.redirects === null ? null : json(item.redirects),
        metadata: json(item.metadata),
      })
      .execute();
    const capture = {
      captureId,
      capturedAt: now,
      origin: item.origin,
      method: item.method,
      redirects: item.redirects,
      sha256: item.sha256,
      size: original.length,
      mediaType: item.mediaType,
      textSha256: item.textSha256,
    };
    await appendCustody(trx, store.dialect, {
      actor: context.actor,
      action: duplicate ? 'recapture' : 'capture',
      objectType: duplicate ? 'capture' : 'source',
      objectId: duplicate ? captureId : sourceId,
      caseId,
      payload: duplicate
        ? { sourceId, ...capture }
        : {
            ...capture,
            kind: item.kind,
            title: item.title,
            outlet: item.outlet,
            byline: item.byline,
            url: item.url,
            canonicalUrl: item.canonicalUrl,
            published: item.published,
            language: item.language,
          },
    });
    return { sourceId, captureId, caseId, duplicate };
  });
}

/** Filters and page of {@link listSources}. */
export interface ListSourcesOptions {
  /** Only this case's sources; all cases when omitted. */
  readonly caseId?: string;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string | null;
  /** Page size (default 50, at most 500). */
  readonly limit?: number;
}

/** Sources in capture order, without their text, one page at a time. */
export async function listSources(db: Kysely<Database>, options: ListSourcesOptions = {}): Promise<Page<SourceSummary>> {
  const limit = pageLimit(options.limit);
  const after = decodeCursor(options.cursor);
  let query = db
    .selectFrom('sources')
    .select([
      'id', 'case_id', 'sha256', 'kind', 'media_type', 'title', 'outlet', 'byline', 'url', 'canonical_url',
      'published', 'language', 'text_sha256', 'copy_of', 'created_at',
    ])
    .orderBy('id')
    .limit(limit + 1);
  if (options.caseId !== undefined) query = query.where('case_id', '=', options.caseId);
  if (after !== null) {
    if (typeof after.id !== 'string') throw new CorroborateError('bad_request', 'cursor: not a sources cursor');
    query = query.where('id', '>', after.id);
  }
  const rows = await query.execute();
  const items = rows.slice(0, limit).map(toSummary);
  return pageById(items, rows.length > limit);
}

/** How many sources a case (or the whole store) holds. */
export async function countSources(db: Kysely<Database>, caseId?: string): Promise<number> {
  let query = db.selectFrom('sources').select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (caseId !== undefined) query = query.where('case_id', '=', caseId);
  const row = await query.executeTakeFirst();
  return row === undefined ? 0 : Number(row.n);
}

/** One source with its text, or undefined. */
export async function getSource(db: Kysely<Database>, id: string): Promise<Source | undefined> {
  const row = await db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toSource(row);
}

/** Several sources with their text, in the order asked (missing ids are left out). */
export async function getSources(db: Kysely<Database>, ids: readonly string[]): Promise<readonly Source[]> {
  if (ids.length === 0) return [];
  const byId = new Map<string, Source>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('sources').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const row of rows) byId.set(row.id, toSource(row));
  }
  return ids.map((id) => byId.get(id)).filter((s): s is Source => s !== undefined);
}

/** Every capture of a source, oldest first. */
export async function listCaptures(db: Kysely<Database>, sourceId: string): Promise<readonly Capture[]> {
  const rows = await db.selectFrom('captures').selectAll().where('source_id', '=', sourceId).orderBy('captured_at').orderBy('id').execute();
  return rows.map(toCapture);
}

/** The original bytes with this SHA-256 (lowercase hex), or undefined. */
export async function getOriginal(db: Kysely<Database>, sha256: string): Promise<Original | undefined> {
  const row = await db.selectFrom('blobs').selectAll().where('sha256', '=', sha256.toLowerCase()).executeTakeFirst();
  if (row === undefined) return undefined;
  return { sha256: row.sha256, size: toNumber(row.size), mediaType: row.media_type, bytes: Buffer.from(row.bytes) };
}
