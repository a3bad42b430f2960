import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Allegations speed (issue 5): on SQLite, the narrow index-like tables written on every attach — blocking
 * keys, LSH bands and allegation members — become `WITHOUT ROWID` tables clustered on their primary key.
 * Each row is then written to one B-tree (the key) instead of two (the rowid table and the primary-key
 * index), which roughly halves the pages an attach dirties and commits. PostgreSQL has no rowid
 * tables: nothing changes there. Columns, keys and secondary indexes stay exactly as in 0003.
 */
const TABLES: readonly {
  readonly name: string;
  readonly columns: string;
  readonly key: string;
  readonly names: string;
  readonly index: { readonly name: string; readonly column: string };
}[] = [
  {
    name: 'allegation_unit_keys',
    columns: 'case_id text not null, key text not null, unit_id text not null, claim integer not null',
    key: 'constraint allegation_unit_keys_pk primary key (case_id, key, unit_id)',
    names: 'case_id, key, unit_id, claim',
    index: { name: 'allegation_unit_keys_unit', column: 'unit_id' },
  },
  {
    name: 'allegation_bands',
    columns: 'case_id text not null, band text not null, source_id text not null',
    key: 'constraint allegation_bands_pk primary key (case_id, band, source_id)',
    names: 'case_id, band, source_id',
    index: { name: 'allegation_bands_source', column: 'source_id' },
  },
  {
    name: 'allegation_members',
    columns:
      'allegation_id text not null, unit_id text not null, case_id text not null, source_id text not null, ' +
      'attribution_id text not null, role text not null, origin_group text, copy integer not null, ' +
      'general integer not null',
    key: 'constraint allegation_members_pk primary key (allegation_id, unit_id)',
    names: 'allegation_id, unit_id, case_id, source_id, attribution_id, role, origin_group, copy, general',
    index: { name: 'allegation_members_source', column: 'source_id' },
  },
];

async function rebuild(db: Kysely<unknown>, withoutRowid: boolean): Promise<void> {
  for (const t of TABLES) {
    const next = `${t.name}_next`;
    await sql
      .raw(`create table ${next} (${t.columns}, ${t.key})${withoutRowid ? ' without rowid' : ''}`)
      .execute(db);
    await sql.raw(`insert into ${next} (${t.names}) select ${t.names} from ${t.name}`).execute(db);
    await sql.raw(`drop table ${t.name}`).execute(db);
    await sql.raw(`alter table ${next} rename to ${t.name}`).execute(db);
    await sql.raw(`create index ${t.index.name} on ${t.name} (${t.index.column})`).execute(db);
  }
}

export function allegationCompactTables(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'sqlite') await rebuild(db, true);
    },
    async down(db: Kysely<unknown>) {
      if (dialect === 'sqlite') await rebuild(db, false);
    },
  };
}
