import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Indexes the HTTP API's hot reads need: a case's sources in id order (the inbox listing pages by id
 * within one case; without this SQLite sorts every source of the case on each page).
 */
export function apiIndexes(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('sources_case_id').ifNotExists().on('sources').columns(['case_id', 'id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('sources_case_id').ifExists().execute();
    },
  };
}
