import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { CorroborateError } from '../errors.ts';
import type { CaseTable, Database } from './schema.ts';

/** One investigation. Every source belongs to exactly one case. */
export interface Case {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly region: string | null;
  readonly createdAt: string;
}

/** A case with how many sources it holds, for listings. */
export interface CaseSummary extends Case {
  readonly sources: number;
}

/** The case every source goes to when none is named. */
export const DEFAULT_CASE = 'default';

function toCase(row: Selectable<CaseTable>): Case {
  return { id: row.id, name: row.name, description: row.description, region: row.region, createdAt: row.created_at };
}

/** Checks a case name: 1–100 printable characters, no leading/trailing spaces. */
export function validateCaseName(name: string): void {
  if (name.length === 0 || name.length > 100 || name.trim() !== name || /\p{C}/u.test(name)) {
    throw new CorroborateError(
      'invalid_input',
      `case name ${JSON.stringify(name)}: must be 1–100 printable characters without leading or trailing spaces`,
    );
  }
}

/**
 * Returns the case with this name, creating it first when it does not exist. Safe against a
 * concurrent creator (insert-or-ignore, then read).
 *
 * @example
 * const c = await ensureCase(store.db, 'Kestrava 2025');
 */
export async function ensureCase(db: Kysely<Database>, name: string): Promise<Case> {
  validateCaseName(name);
  const existing = await findCase(db, name);
  if (existing !== undefined) return existing;
  await db
    .insertInto('cases')
    .values({ id: `case_${randomUUID()}`, name, description: null, region: null, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const created = await findCase(db, name);
  if (created === undefined) throw new CorroborateError('internal', `case ${name}: could not be created`);
  return created;
}

/** The case with this id or name, or undefined. */
export async function findCase(db: Kysely<Database>, idOrName: string): Promise<Case | undefined> {
  const row = await db
    .selectFrom('cases')
    .selectAll()
    .where((eb) => eb.or([eb('name', '=', idOrName), eb('id', '=', idOrName)]))
    .orderBy('name')
    .executeTakeFirst();
  return row === undefined ? undefined : toCase(row);
}

/** The case with this id or name; throws `not_found` naming it otherwise. */
export async function requireCase(db: Kysely<Database>, idOrName: string): Promise<Case> {
  const found = await findCase(db, idOrName);
  if (found === undefined) throw new CorroborateError('not_found', `no case named ${JSON.stringify(idOrName)}`);
  return found;
}

/** Every case by name, with its source count. */
export async function listCases(db: Kysely<Database>): Promise<readonly CaseSummary[]> {
  const rows = await db
    .selectFrom('cases')
    .leftJoin('sources', 'sources.case_id', 'cases.id')
    .select(['cases.id', 'cases.name', 'cases.description', 'cases.region', 'cases.created_at'])
    .select((eb) => eb.fn.count<number | string>('sources.id').as('sources'))
    .groupBy(['cases.id', 'cases.name', 'cases.description', 'cases.region', 'cases.created_at'])
    .orderBy('cases.name')
    .execute();
  return rows.map((row) => ({ ...toCase(row), sources: Number(row.sources) }));
}
