import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { CorroborateError } from '../errors.ts';
import type { Actor, ActorType } from '../extract/types.ts';
import { appendCustody } from './custody.ts';
import type { Store } from './database.ts';
import { beginWrite } from './extractions.ts';
import { decodeCursor, encodeCursor, type Page, pageLimit } from './cursor.ts';
import type { CaseActorTable, Database } from './schema.ts';

/** A case-level actor: one person or organisation however many sources and spellings mention it. */
export interface CaseActor {
  readonly id: string;
  readonly caseId: string;
  readonly name: string;
  readonly type: ActorType;
  readonly role: string | null;
  readonly affiliation: string | null;
  readonly aliases: readonly string[];
  /** Set when an analyst merged this actor into another; lookups follow it. */
  readonly mergedInto: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One extraction's actor record linked to a case actor: what `split` moves. */
export interface ActorMention {
  readonly id: string;
  readonly runId: string;
  readonly sourceId: string;
  readonly localId: string;
  readonly name: string;
  readonly type: ActorType;
  readonly role: string | null;
  readonly affiliation: string | null;
  readonly aliases: readonly string[];
  readonly mentions: readonly (readonly [number, number])[];
  readonly caseActorId: string;
}

/** A case actor with how often it speaks, for listings. */
export interface CaseActorSummary extends CaseActor {
  readonly attributionCount: number;
  readonly mentionCount: number;
}

const PRONOUN_LIKE = /^[a-z]/;

/**
 * The lookup key of a name or alias: lower case, no diacritics, punctuation as spaces, no leading "the".
 * "The Kremlin" and "the  kremlin." share one key; the registry merges actors whose keys meet.
 */
export function normaliseActorName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’'`]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/**
 * The keys an extracted actor is known by across a case: its name and every alias that looks like a name
 * (has a capital letter). Common-noun aliases ("the mayor", "he") stay document-local: across a case they
 * would join different people.
 */
export function actorKeys(actor: Pick<Actor, 'name' | 'aliases'>): readonly string[] {
  const keys: string[] = [];
  const add = (form: string): void => {
    const key = normaliseActorName(form);
    if (key.length > 0 && !keys.includes(key)) keys.push(key);
  };
  add(actor.name);
  for (const alias of actor.aliases ?? []) {
    const trimmed = alias.trim().replace(/^the\s+/i, '');
    if (!PRONOUN_LIKE.test(trimmed) && /\p{Lu}/u.test(trimmed)) add(alias);
  }
  return keys;
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

function parseStrings(json: string): readonly string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function toCaseActor(row: Selectable<CaseActorTable>): CaseActor {
  return {
    id: row.id,
    caseId: row.case_id,
    name: row.name,
    type: row.type as ActorType,
    role: row.role,
    affiliation: row.affiliation,
    aliases: parseStrings(row.aliases),
    mergedInto: row.merged_into,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function mergeAliases(existing: readonly string[], name: string, more: readonly string[]): string[] {
  const out = [...existing];
  const seen = new Set(out.map((a) => a.toLowerCase()));
  seen.add(name.toLowerCase());
  for (const alias of more) {
    const lower = alias.toLowerCase();
    if (!seen.has(lower)) {
      seen.add(lower);
      out.push(alias);
    }
  }
  return out;
}

/** Follows `merged_into` to the actor in force (cycles are impossible: merge refuses merged actors). */
async function resolveMerged(db: Kysely<Database>, id: string): Promise<string> {
  let current = id;
  for (let hops = 0; hops < 32; hops++) {
    const row = await db
      .selectFrom('case_actors')
      .select('merged_into')
      .where('id', '=', current)
      .executeTakeFirst();
    if (row?.merged_into == null) return current;
    current = row.merged_into;
  }
  return current;
}

/**
 * Links one extracted actor to its case actor, creating it when no name or alias of the case matches, and
 * records any new alias. Runs inside the caller's transaction (extraction save); no custody entry of its
 * own — the extraction save that calls it is logged.
 */
export async function linkCaseActor(
  db: Kysely<Database>,
  caseId: string,
  actor: Actor,
  now: string,
): Promise<string> {
  const keys = actorKeys(actor);
  const found =
    keys.length === 0
      ? []
      : await db
          .selectFrom('case_actor_aliases')
          .select(['norm', 'case_actor_id'])
          .where('case_id', '=', caseId)
          .where('norm', 'in', keys)
          .execute();
  let id: string;
  if (found.length > 0) {
    const byKey = new Map(found.map((f) => [f.norm, f.case_actor_id]));
    const first = keys.map((k) => byKey.get(k)).find((v) => v !== undefined) ?? found[0]!.case_actor_id;
    id = await resolveMerged(db, first);
    const row = await db.selectFrom('case_actors').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const aliases = mergeAliases(parseStrings(row.aliases), row.name, [actor.name, ...(actor.aliases ?? [])]);
    await db
      .updateTable('case_actors')
      .set({
        aliases: JSON.stringify(aliases),
        role: row.role ?? actor.role,
        affiliation: row.affiliation ?? actor.affiliation,
        updated_at: row.aliases === JSON.stringify(aliases) ? row.updated_at : now,
      })
      .where('id', '=', id)
      .execute();
  } else {
    id = newId('actor');
    await db
      .insertInto('case_actors')
      .values({
        id,
        case_id: caseId,
        name: actor.name,
        type: actor.type,
        role: actor.role,
        affiliation: actor.affiliation,
        aliases: JSON.stringify(mergeAliases([], actor.name, actor.aliases ?? [])),
        merged_into: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  const known = new Set(found.map((f) => f.norm));
  const missing = keys.filter((k) => !known.has(k));
  if (missing.length > 0) {
    await db
      .insertInto('case_actor_aliases')
      .values(missing.map((norm) => ({ case_id: caseId, norm, case_actor_id: id })))
      .onConflict((oc) => oc.columns(['case_id', 'norm']).doNothing())
      .execute();
  }
  if (found.length === 0 && keys.length > 0) {
    // A concurrent writer (PostgreSQL) may have created the same actor first: its alias row won the insert.
    // Ours is not referenced yet, so give it up and use theirs.
    const owner = await db
      .selectFrom('case_actor_aliases')
      .select('case_actor_id')
      .where('case_id', '=', caseId)
      .where('norm', '=', keys[0]!)
      .executeTakeFirst();
    if (owner !== undefined && owner.case_actor_id !== id) {
      await db
        .updateTable('case_actor_aliases')
        .set({ case_actor_id: owner.case_actor_id })
        .where('case_actor_id', '=', id)
        .execute();
      await db.deleteFrom('case_actors').where('id', '=', id).execute();
      return resolveMerged(db, owner.case_actor_id);
    }
  }
  return id;
}

/** One case actor by id, or null. */
export async function getCaseActor(db: Kysely<Database>, id: string): Promise<CaseActor | null> {
  const row = await db.selectFrom('case_actors').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toCaseActor(row);
}

/**
 * Finds a case actor by id or by any name or alias (normalised), following merges. Throws `not_found`
 * naming the reference when nothing matches — the CLI and API accept either form.
 */
export async function findCaseActor(db: Kysely<Database>, caseId: string, ref: string): Promise<CaseActor> {
  const byId = await db
    .selectFrom('case_actors')
    .selectAll()
    .where('id', '=', ref)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (byId !== undefined) return toCaseActor(byId);
  const alias = await db
    .selectFrom('case_actor_aliases')
    .select('case_actor_id')
    .where('case_id', '=', caseId)
    .where('norm', '=', normaliseActorName(ref))
    .executeTakeFirst();
  if (alias === undefined)
    throw new CorroborateError('not_found', `actor ${ref}: no such actor in this case`);
  const actor = await getCaseActor(db, await resolveMerged(db, alias.case_actor_id));
  if (actor === null) throw new CorroborateError('not_found', `actor ${ref}: no such actor in this case`);
  return actor;
}

/** Parameters of {@link listCaseActors}. */
export interface ListCaseActorsParams {
  readonly caseId: string;
  /** Include actors merged into others (default false). */
  readonly includeMerged?: boolean;
  readonly limit?: number;
  readonly cursor?: string | null;
}

/** The case's actors ordered by name, with attribution and mention counts; cursor-paginated. */
export async function listCaseActors(
  db: Kysely<Database>,
  params: ListCaseActorsParams,
): Promise<Page<CaseActorSummary>> {
  const limit = pageLimit(params.limit);
  const after = decodeCursor(params.cursor);
  let query = db
    .selectFrom('case_actors as ca')
    .selectAll('ca')
    .select((eb) => [
      eb
        .selectFrom('attributions as a')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('a.case_actor_id', '=', 'ca.id')
        .where('a.current', '=', 1)
        .where('a.review_status', '!=', 'rejected')
        .as('attribution_count'),
      eb
        .selectFrom('extraction_actors as ea')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('ea.case_actor_id', '=', 'ca.id')
        .where('ea.current', '=', 1)
        .as('mention_count'),
    ])
    .where('ca.case_id', '=', params.caseId);
  if (params.includeMerged !== true) query = query.where('ca.merged_into', 'is', null);
  if (after !== null) {
    const name = String(after.name ?? '');
    const id = String(after.id ?? '');
    query = query.where((eb) =>
      eb.or([eb('ca.name', '>', name), eb.and([eb('ca.name', '=', name), eb('ca.id', '>', id)])]),
    );
  }
  const rows = await query
    .orderBy('ca.name')
    .orderBy('ca.id')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map((row) => ({
    ...toCaseActor(row),
    attributionCount: Number(row.attribution_count ?? 0),
    mentionCount: Number(row.mention_count ?? 0),
  }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last !== undefined ? encodeCursor({ name: last.name, id: last.id }) : null,
  };
}

/** The current extractions' actor records linked to a case actor: what an analyst picks from to split. */
export async function listActorMentions(
  db: Kysely<Database>,
  caseActorId: string,
): Promise<readonly ActorMention[]> {
  const rows = await db
    .selectFrom('extraction_actors')
    .selectAll()
    .where('case_actor_id', '=', caseActorId)
    .where('current', '=', 1)
    .orderBy('source_id')
    .orderBy('local_id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    runId: r.run_id,
    sourceId: r.source_id,
    localId: r.local_id,
    name: r.name,
    type: r.type as ActorType,
    role: r.role,
    affiliation: r.affiliation,
    aliases: parseStrings(r.aliases),
    mentions: JSON.parse(r.mentions) as [number, number][],
    caseActorId: r.case_actor_id,
  }));
}

async function requireActor(db: Kysely<Database>, id: string): Promise<CaseActor> {
  const actor = await getCaseActor(db, id);
  if (actor === null) throw new CorroborateError('not_found', `actor ${id}: no such actor`);
  if (actor.mergedInto !== null) {
    throw new CorroborateError(
      'conflict',
      `actor ${id}: already merged into ${actor.mergedInto}; edit that actor`,
    );
  }
  return actor;
}

/** Who makes a registry edit and why. */
export interface RegistryEditBy {
  readonly actor: string;
  readonly rationale?: string | null;
}

/**
 * Merges actor `from` into actor `into` (same case): every alias, extraction link and attribution of `from`
 * moves to `into`, `from` keeps a `merged_into` pointer, and the edit is logged in the custody log.
 */
export async function mergeCaseActors(
  store: Store,
  params: RegistryEditBy & { readonly into: string; readonly from: string },
): Promise<CaseActor> {
  return store.db.transaction().execute(async (trx) => {
    await beginWrite(trx, store.dialect);
    const into = await requireActor(trx, params.into);
    const from = await requireActor(trx, params.from);
    if (into.id === from.id)
      throw new CorroborateError('invalid_input', `actor ${into.id}: cannot merge an actor into itself`);
    if (into.caseId !== from.caseId) {
      throw new CorroborateError(
        'invalid_input',
        `actors ${into.id} and ${from.id} belong to different cases`,
      );
    }
    const now = new Date().toISOString();
    const aliases = mergeAliases(into.aliases, into.name, [from.name, ...from.aliases]);
    await trx
      .updateTable('case_actors')
      .set({
        aliases: JSON.stringify(aliases),
        updated_at: now,
        role: into.role ?? from.role,
        affiliation: into.affiliation ?? from.affiliation,
      })
      .where('id', '=', into.id)
      .execute();
    await trx
      .updateTable('case_actors')
      .set({ merged_into: into.id, updated_at: now })
      .where('id', '=', from.id)
      .execute();
    await trx
      .updateTable('case_actor_aliases')
      .set({ case_actor_id: into.id })
      .where('case_actor_id', '=', from.id)
      .execute();
    await trx
      .updateTable('extraction_actors')
      .set({ case_actor_id: into.id })
      .where('case_actor_id', '=', from.id)
      .execute();
    await trx
      .updateTable('attributions')
      .set({ case_actor_id: into.id })
      .where('case_actor_id', '=', from.id)
      .execute();
    await appendCustody(trx, store.dialect, {
      actor: params.actor,
      action: 'actor.merged',
      objectType: 'case_actor',
      objectId: into.id,
      caseId: into.caseId,
      payload: { into: into.id, from: from.id, fromName: from.name, rationale: params.rationale ?? null },
    });
    return (await getCaseActor(trx, into.id))!;
  });
}

/**
 * Splits the given extraction actor records (ids from {@link listActorMentions}) off a case actor into a new
 * one named `name` (default: the first record's name). Attributions spoken by those records follow them
 * unless a reviewer reattributed them; aliases only the moved records use move too. Logged in custody.
 */
export async function splitCaseActor(
  store: Store,
  params: RegistryEditBy & {
    readonly actorId: string;
    readonly mentions: readonly string[];
    readonly name?: string | null;
  },
): Promise<CaseActor> {
  if (params.mentions.length === 0)
    throw new CorroborateError('invalid_input', `actor ${params.actorId}: split needs at least one mention`);
  return store.db.transaction().execute(async (trx) => {
    await beginWrite(trx, store.dialect);
    const original = await requireActor(trx, params.actorId);
    const all = await listActorMentions(trx, original.id);
    const moving = all.filter((m) => params.mentions.includes(m.id));
    const unknown = params.mentions.filter((id) => !moving.some((m) => m.id === id));
    if (unknown.length > 0) {
      throw new CorroborateError(
        'invalid_input',
        `actor ${original.id}: ${unknown.join(', ')} are not current mentions of this actor`,
      );
    }
    if (moving.length === all.length) {
      throw new CorroborateError(
        'invalid_input',
        `actor ${original.id}: split must leave at least one mention; use rename instead`,
      );
    }
    const first = moving[0]!;
    const now = new Date().toISOString();
    const id = newId('actor');
    const name = params.name?.trim() || first.name;
    const aliases = mergeAliases(
      [],
      name,
      moving.flatMap((m) => [m.name, ...m.aliases]),
    );
    await trx
      .insertInto('case_actors')
      .values({
        id,
        case_id: original.caseId,
        name,
        type: first.type,
        role: first.role,
        affiliation: first.affiliation,
        aliases: JSON.stringify(aliases),
        merged_into: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const movingIds = moving.map((m) => m.id);
    await trx
      .updateTable('extraction_actors')
      .set({ case_actor_id: id })
      .where('id', 'in', movingIds)
      .execute();
    for (const m of moving) {
      await trx
        .updateTable('attributions')
        .set({ case_actor_id: id })
        .where('run_id', '=', m.runId)
        .where('source_actor_local', '=', m.localId)
        .where('case_actor_id', '=', original.id)
        // A reviewer's explicit reattribution wins over the registry edit.
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('reviews')
                .select('reviews.id')
                .whereRef('reviews.attribution_id', '=', 'attributions.id')
                .where('reviews.action', '=', 'reattribute'),
            ),
          ),
        )
        .execute();
    }
    const remainingKeys = new Set(all.filter((m) => !movingIds.includes(m.id)).flatMap((m) => actorKeys(m)));
    remainingKeys.add(normaliseActorName(original.name));
    const movingKeys = [
      ...new Set([normaliseActorName(name), ...moving.flatMap((m) => actorKeys(m))]),
    ].filter((k) => !remainingKeys.has(k));
    for (const norm of movingKeys) {
      await trx
        .insertInto('case_actor_aliases')
        .values({ case_id: original.caseId, norm, case_actor_id: id })
        .onConflict((oc) => oc.columns(['case_id', 'norm']).doUpdateSet({ case_actor_id: id }))
        .execute();
    }
    await appendCustody(trx, store.dialect, {
      actor: params.actor,
      action: 'actor.split',
      objectType: 'case_actor',
      objectId: original.id,
      caseId: original.caseId,
      payload: {
        from: original.id,
        into: id,
        name,
        mentions: movingIds,
        rationale: params.rationale ?? null,
      },
    });
    return (await getCaseActor(trx, id))!;
  });
}

/**
 * Renames a case actor; the old name stays as an alias so later extractions still find it. Refuses a name
 * that already belongs to another actor of the case (merge them instead). Logged in custody.
 */
export async function renameCaseActor(
  store: Store,
  params: RegistryEditBy & { readonly actorId: string; readonly name: string },
): Promise<CaseActor> {
  const name = params.name.trim();
  if (name.length === 0)
    throw new CorroborateError('invalid_input', `actor ${params.actorId}: the new name is empty`);
  return store.db.transaction().execute(async (trx) => {
    await beginWrite(trx, store.dialect);
    const actor = await requireActor(trx, params.actorId);
    const norm = normaliseActorName(name);
    const owner = await trx
      .selectFrom('case_actor_aliases')
      .select('case_actor_id')
      .where('case_id', '=', actor.caseId)
      .where('norm', '=', norm)
      .executeTakeFirst();
    if (owner !== undefined && owner.case_actor_id !== actor.id) {
      throw new CorroborateError(
        'conflict',
        `actor ${actor.id}: the name "${name}" belongs to actor ${owner.case_actor_id}; merge them instead`,
      );
    }
    const now = new Date().toISOString();
    const aliases = mergeAliases(actor.aliases, name, [actor.name]);
    await trx
      .updateTable('case_actors')
      .set({ name, aliases: JSON.stringify(aliases), updated_at: now })
      .where('id', '=', actor.id)
      .execute();
    if (owner === undefined && norm.length > 0) {
      await trx
        .insertInto('case_actor_aliases')
        .values({ case_id: actor.caseId, norm, case_actor_id: actor.id })
        .execute();
    }
    await appendCustody(trx, store.dialect, {
      actor: params.actor,
      action: 'actor.renamed',
      objectType: 'case_actor',
      objectId: actor.id,
      caseId: actor.caseId,
      payload: { from: actor.name, to: name, rationale: params.rationale ?? null },
    });
    return (await getCaseActor(trx, actor.id))!;
  });
}
