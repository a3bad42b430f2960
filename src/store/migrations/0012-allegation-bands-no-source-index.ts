import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Allegations speed (issue 5): the LSH band table loses its index by source. Every attach inserted
 * sixteen band rows per source into it, each at a random place of an index as large as the table, and
 * it served only deletions of re-attached sources, which now find their band rows through the stored
 * signature instead (`deleteBands` in `src/store/allegations.ts`).
 */
export function allegationBandsNoSourceIndex(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('allegation_bands_source').ifExists().execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema
        .createIndex('allegation_bands_source')
        .ifNotExists()
        .on('allegation_bands')
        .column('source_id')
        .execute();
    },
  };
}
