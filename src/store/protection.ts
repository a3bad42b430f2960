import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { CorroborateError } from '../errors.ts';
import type { Database, ProtectionTable } from './schema.ts';

/** What a protection covers: a whole source, an actor (everywhere they appear), or a span of one source. */
export type ProtectionKind = 'source' | 'actor' | 'span';

/** Every protection kind. */
export const PROTECTION_KINDS: readonly ProtectionKind[] = ['source', 'actor', 'span'];

/**
 * A protected object: a witness, victim or at-risk person, or material that could identify them.
 * Users without clearance on the case see it redacted everywhere.
 */
export interface Protection {
  readonly id: string;
  readonly caseId: string;
  readonly kind: ProtectionKind;
  /** The source id (for `source` and `span`) or actor id (for `actor`). */
  readonly objectId: string;
  /** For spans: UTF-16 offsets into the source's normalised text, end exclusive. */
  readonly span: { readonly start: number; readonly end: number } | null;
  /** Texts scrubbed wherever they appear (names, aliases, the span's text). */
  readonly terms: readonly string[];
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** What {@link addProtection} needs; `terms` are computed by the caller from the protected object. */
export interface NewProtection {
  readonly caseId: string;
  readonly kind: ProtectionKind;
  readonly objectId: string;
  readonly span?: { readonly start: number; readonly end: number } | null;
  readonly terms: readonly string[];
  readonly reason: string;
  readonly createdBy: string;
}

function toProtection(row: Selectable<ProtectionTable>): Protection {
  const kind = row.object_type as ProtectionKind;
  return {
    id: row.id,
    caseId: row.case_id,
    kind,
    objectId: row.object_id,
    span:
      row.span_start === null || row.span_end === null
        ? null
        : { start: Number(row.span_start), end: Number(row.span_end) },
    terms: JSON.parse(row.terms) as string[],
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** Cleans a list of terms: trimmed, at least 3 characters, unique, longest first. */
export function normaliseTerms(terms: readonly string[]): readonly string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of terms) {
    const term = raw.trim().replace(/\s+/g, ' ');
    if (term.length < 3) continue;
    const key = term.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  return out.sort((a, b) => b.length - a.length);
}

/** Marks a source, actor or span protected, with the reason recorded. */
export async function addProtection(
  db: Kysely<Database>,
  input: NewProtection,
  now: Date = new Date(),
): Promise<Protection> {
  if (!PROTECTION_KINDS.includes(input.kind)) {
    throw new CorroborateError('invalid_input', `protection kind '${String(input.kind)}': use source, actor or span`);
  }
  if (input.reason.trim() === '') {
    throw new CorroborateError('invalid_input', `protection of ${input.kind} ${input.objectId}: a reason is required`);
  }
  const span = input.span ?? null;
  if (input.kind === 'span') {
    if (span === null || !(span.start >= 0 && span.end > span.start)) {
      throw new CorroborateError('invalid_input', `protection of a span in ${input.objectId}: start < end required`);
    }
  }
  const row = {
    id: `prot_${randomUUID()}`,
    case_id: input.caseId,
    object_type: input.kind,
    object_id: input.objectId,
    span_start: input.kind === 'span' && span !== null ? span.start : null,
    span_end: input.kind === 'span' && span !== null ? span.end : null,
    terms: JSON.stringify(normaliseTerms(input.terms)),
    reason: input.reason.trim(),
    created_by: input.createdBy,
    created_at: now.toISOString(),
    removed_at: null,
  };
  await db.insertInto('protections').values(row).execute();
  return toProtection(row);
}

/** Adds terms to an existing protection (e.g. a protected actor gained an alias). */
export async function addProtectionTerms(
  db: Kysely<Database>,
  protectionId: string,
  terms: readonly string[],
): Promise<Protection> {
  const row = await db.selectFrom('protections').selectAll().where('id', '=', protectionId).executeTakeFirst();
  if (row === undefined) throw new CorroborateError('not_found', `protection ${protectionId} not found`);
  const merged = normaliseTerms([...(JSON.parse(row.terms) as string[]), ...terms]);
  await db
    .updateTable('protections')
    .set({ terms: JSON.stringify(merged) })
    .where('id', '=', protectionId)
    .execute();
  return toProtection({ ...row, terms: JSON.stringify(merged) });
}

/** The protections in force on a case, oldest first. */
export async function listProtections(db: Kysely<Database>, caseId: string): Promise<readonly Protection[]> {
  const rows = await db
    .selectFrom('protections')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toProtection);
}

/** Lifts a protection (kept with `removed_at` for the record). */
export async function removeProtection(
  db: Kysely<Database>,
  caseId: string,
  protectionId: string,
  now: Date = new Date(),
): Promise<void> {
  const result = await db
    .updateTable('protections')
    .set({ removed_at: now.toISOString() })
    .where('id', '=', protectionId)
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    throw new CorroborateError('not_found', `protection ${protectionId} not found in case ${caseId}`);
  }
}
