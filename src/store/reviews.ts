import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { CorroborateError, errorMessage } from '../errors.ts';
import type { Span, Stance } from '../extract/types.ts';
import { getCaseActor } from './actors.ts';
import { attachSources } from './allegations.ts';
import { appendCustody } from './custody.ts';
import { decodeCursor, encodeCursor, type Page, pageLimit } from './cursor.ts';
import type { Store } from './database.ts';
import { beginWrite, getAttribution, type ReviewStatus, type StoredAttribution } from './extractions.ts';
import type { Database, ReviewTable } from './schema.ts';

/** What an analyst does to an attribution. */
export type ReviewAction = 'accept' | 'reject' | 'edit' | 'reattribute';

/** A span given by offsets only: its text is always read from the source, so no quotation can be invented. */
export interface SpanEdit {
  readonly start: number;
  readonly end: number;
}

/** The changes of an `edit` review; omitted parts stay as they are. `source: null` removes the source span. */
export interface AttributionEdit {
  readonly source?: SpanEdit | null;
  readonly cue?: SpanEdit;
  readonly content?: readonly SpanEdit[];
  readonly stance?: Stance;
}

/** One review decision to record. */
export interface ReviewInput {
  readonly attributionId: string;
  readonly action: ReviewAction;
  /** Who decides (recorded in the review row and the custody log). */
  readonly actor: string;
  readonly rationale?: string | null;
  /** Required for `edit`. */
  readonly edit?: AttributionEdit;
  /** Required for `reattribute`: the case actor (registry id) who actually speaks. */
  readonly caseActorId?: string;
}

/** Options of {@link reviewAttribution}. */
export interface ReviewOptions {
  /** Re-attach the attribution's source to the case's allegations afterwards (default true). */
  readonly updateAllegations?: boolean;
}

/** What {@link reviewAttribution} recorded, and whether the allegations were brought up to date. */
export interface ReviewResult {
  readonly review: Review;
  readonly attribution: StoredAttribution;
  /** `failed` leaves the review recorded; `corroborate reextract --all` or a rebuild re-attaches later. */
  readonly allegations: 'updated' | 'failed' | 'skipped';
  readonly allegationsError?: string;
}

/** A stored review decision. `changes` records before/after so the original is never lost. */
export interface Review {
  readonly id: string;
  readonly attributionId: string;
  readonly caseId: string;
  readonly action: ReviewAction;
  readonly changes: Readonly<Record<string, unknown>>;
  readonly rationale: string | null;
  readonly actor: string;
  readonly createdAt: string;
  readonly custodySeq: number | null;
}

const STANCES: readonly Stance[] = ['assert', 'allege', 'confirm', 'not_confirmed', 'deny', 'hedge'];

function toReview(row: Selectable<ReviewTable>): Review {
  return {
    id: row.id,
    attributionId: row.attribution_id,
    caseId: row.case_id,
    action: row.action as ReviewAction,
    changes: JSON.parse(row.changes) as Record<string, unknown>,
    rationale: row.rationale,
    actor: row.actor,
    createdAt: row.created_at,
    custodySeq: row.custody_seq === null ? null : Number(row.custody_seq),
  };
}

function spanFrom(text: string, edit: SpanEdit, what: string, attributionId: string): Span {
  const { start, end } = edit;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new CorroborateError(
      'invalid_input',
      `attribution ${attributionId}: ${what} span ${start}-${end} is not a non-empty stretch of the ${text.length}-character source text`,
    );
  }
  return { start, end, text: text.slice(start, end) };
}

function nextStatus(current: ReviewStatus, action: ReviewAction): ReviewStatus {
  if (action === 'reject') return 'rejected';
  if (action === 'accept') return current === 'edited' ? 'edited' : 'accepted';
  return 'edited';
}

/**
 * Records an analyst's decision on an attribution — accept, reject, edit spans/stance, or reattribute the
 * speaker — as a review row and a custody entry, in one transaction. The extracted original stays untouched
 * in the attribution's `extracted` field; edits change only the effective values. Afterwards the source is
 * re-attached to the case's allegations, so a rejected or edited attribution counts as reviewed.
 *
 * @example
 * await reviewAttribution(store, { attributionId, action: 'reject', actor: 'cli:ana', rationale: 'headline, not a claim' });
 */
export async function reviewAttribution(
  store: Store,
  input: ReviewInput,
  options: ReviewOptions = {},
): Promise<ReviewResult> {
  const rationale = input.rationale?.trim() || null;
  const recorded = await store.db.transaction().execute(async (trx) => {
    await beginWrite(trx, store.dialect);
    const attribution = await getAttribution(trx, input.attributionId);
    if (attribution === null) {
      throw new CorroborateError('not_found', `attribution ${input.attributionId}: no such attribution`);
    }
    if (!attribution.current) {
      throw new CorroborateError(
        'conflict',
        `attribution ${attribution.id}: belongs to a replaced extraction run; review the current one`,
      );
    }
    const changes: Record<string, unknown> = { statusBefore: attribution.reviewStatus };
    const update: Partial<Selectable<Database['attributions']>> = {};

    if (input.action === 'edit') {
      const edit = input.edit;
      if (edit === undefined || Object.keys(edit).length === 0) {
        throw new CorroborateError(
          'invalid_input',
          `attribution ${attribution.id}: edit needs a span or stance to change`,
        );
      }
      const source = await trx
        .selectFrom('sources')
        .select('text')
        .where('id', '=', attribution.sourceId)
        .executeTakeFirstOrThrow();
      if (edit.source !== undefined) {
        const span =
          edit.source === null ? null : spanFrom(source.text, edit.source, 'source', attribution.id);
        changes.source = { before: attribution.source, after: span };
        update.source_start = span?.start ?? null;
        update.source_end = span?.end ?? null;
        update.source_text = span?.text ?? null;
      }
      if (edit.cue !== undefined) {
        const span = spanFrom(source.text, edit.cue, 'cue', attribution.id);
        changes.cue = { before: attribution.cue, after: span };
        update.cue_start = span.start;
        update.cue_end = span.end;
        update.cue_text = span.text;
      }
      if (edit.content !== undefined) {
        if (edit.content.length === 0) {
          throw new CorroborateError(
            'invalid_input',
            `attribution ${attribution.id}: content needs at least one span`,
          );
        }
        const spans = edit.content.map((s, i) => spanFrom(source.text, s, `content[${i}]`, attribution.id));
        changes.content = { before: attribution.content, after: spans };
        update.content = JSON.stringify(spans);
        update.content_text = spans.map((s) => s.text).join(' … ');
      }
      if (edit.stance !== undefined) {
        if (!STANCES.includes(edit.stance)) {
          throw new CorroborateError(
            'invalid_input',
            `attribution ${attribution.id}: unknown stance ${String(edit.stance)}`,
          );
        }
        changes.stance = { before: attribution.stance, after: edit.stance };
        update.stance = edit.stance;
      }
    } else if (input.action === 'reattribute') {
      if (input.caseActorId === undefined) {
        throw new CorroborateError(
          'invalid_input',
          `attribution ${attribution.id}: reattribute needs the speaking actor`,
        );
      }
      const target = await getCaseActor(trx, input.caseActorId);
      if (target === null || target.caseId !== attribution.caseId) {
        throw new CorroborateError(
          'invalid_input',
          `attribution ${attribution.id}: actor ${input.caseActorId} is not in this case`,
        );
      }
      const actorId = target.mergedInto ?? target.id;
      changes.caseActor = { before: attribution.caseActorId, after: actorId };
      update.case_actor_id = actorId;
    } else if (input.action !== 'accept' && input.action !== 'reject') {
      throw new CorroborateError(
        'invalid_input',
        `attribution ${attribution.id}: unknown review action ${String(input.action)}`,
      );
    }

    const status = nextStatus(attribution.reviewStatus, input.action);
    changes.statusAfter = status;
    update.review_status = status;
    await trx.updateTable('attributions').set(update).where('id', '=', attribution.id).execute();

    const id = `rev_${randomBytes(8).toString('hex')}`;
    const entry = await appendCustody(trx, store.dialect, {
      actor: input.actor,
      action: 'attribution.reviewed',
      objectType: 'attribution',
      objectId: attribution.id,
      caseId: attribution.caseId,
      payload: { reviewId: id, action: input.action, changes, rationale },
    });
    const row = {
      id,
      attribution_id: attribution.id,
      case_id: attribution.caseId,
      action: input.action,
      changes: JSON.stringify(changes),
      rationale,
      actor: input.actor,
      created_at: new Date().toISOString(),
      custody_seq: entry.seq,
    };
    await trx.insertInto('reviews').values(row).execute();
    const after = await getAttribution(trx, attribution.id);
    return { review: toReview(row), attribution: after! };
  });
  if (options.updateAllegations === false) return { ...recorded, allegations: 'skipped' };
  // The decision changes what clustering sees (a rejected attribution no longer counts): re-attach the source.
  try {
    await attachSources(store, [recorded.attribution.sourceId], { actor: input.actor });
    return { ...recorded, allegations: 'updated' };
  } catch (error) {
    return { ...recorded, allegations: 'failed', allegationsError: errorMessage(error) };
  }
}

/** Filters of {@link listReviews}: by attribution (its history, including carried-over ancestors) or case. */
export interface ListReviewsParams {
  readonly attributionId?: string | null;
  readonly caseId?: string | null;
  readonly limit?: number;
  readonly cursor?: string | null;
}

/**
 * Review decisions, oldest first, cursor-paginated. For an attribution, the history includes the reviews of
 * the older runs' attributions it was carried over from.
 */
export async function listReviews(db: Kysely<Database>, params: ListReviewsParams): Promise<Page<Review>> {
  if (params.attributionId == null && params.caseId == null) {
    throw new CorroborateError('invalid_input', 'reviews: give an attribution or a case');
  }
  const limit = pageLimit(params.limit);
  const after = decodeCursor(params.cursor);
  let query = db.selectFrom('reviews').selectAll();
  if (params.attributionId != null) {
    const chain = [params.attributionId];
    for (let hops = 0; hops < 64; hops++) {
      const row = await db
        .selectFrom('attributions')
        .select('carried_from')
        .where('id', '=', chain[chain.length - 1]!)
        .executeTakeFirst();
      if (row?.carried_from == null) break;
      chain.push(row.carried_from);
    }
    query = query.where('attribution_id', 'in', chain);
  }
  if (params.caseId != null) query = query.where('case_id', '=', params.caseId);
  if (after !== null) {
    const seq = Number(after.seq ?? -1);
    const id = String(after.id ?? '');
    query = query.where((eb) =>
      eb.or([eb('custody_seq', '>', seq), eb.and([eb('custody_seq', '=', seq), eb('id', '>', id)])]),
    );
  }
  // The custody seq orders decisions exactly, even two made in the same millisecond.
  const rows = await query
    .orderBy('custody_seq')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toReview);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last !== undefined
        ? encodeCursor({ seq: last.custodySeq ?? -1, id: last.id })
        : null,
  };
}
