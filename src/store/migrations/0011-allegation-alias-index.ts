import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Allegations speed (issue 5): every rename of an allegation (an earlier claim joined it, or two merged)
 * points the aliases that led to the old id at the new one (`where new_id = ?`). Without an index on
 * `new_id` that statement read the whole alias table, which grows by one row per rename for the life of
 * the case.
 */
export function allegationAliasIndex(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('allegation_aliases_new')
        .ifNotExists()
        .on('allegation_aliases')
        .column('new_id')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('allegation_aliases_new').ifExists().execute();
    },
  };
}
