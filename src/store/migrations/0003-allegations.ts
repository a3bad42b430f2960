import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Allegations (issue 5): near-duplicate fingerprints and their LSH bands, clustering units (one per
 * attribution) with their blocking keys, allegations with their computed status, members, origin groups,
 * analysts' decisions and statement edits (kept apart from everything computed, so a rebuild never loses
 * them), and aliases for allegation ids that changed when allegations merged.
 */
export function allegations(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('allegation_fingerprints')
        .addColumn('source_id', 'text', (c) => c.primaryKey().references('sources.id'))
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('ord', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        // The earliest near-duplicate this source copies directly, and the original at the end of that chain.
        .addColumn('direct_of', 'text')
        .addColumn('copy_of', 'text')
        .addColumn('similarity', 'double precision')
        .execute();
      await db.schema
        .createIndex('allegation_fingerprints_copy')
        .on('allegation_fingerprints')
        .columns(['copy_of'])
        .execute();

      await db.schema
        .createTable('allegation_bands')
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('band', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('allegation_bands_pk', ['case_id', 'band', 'source_id'])
        .execute();
      await db.schema
        .createIndex('allegation_bands_source')
        .on('allegation_bands')
        .column('source_id')
        .execute();

      await db.schema
        .createTable('allegation_units')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('stance', 'text', (c) => c.notNull())
        .addColumn('ord', 'text', (c) => c.notNull())
        .addColumn('allegation_id', 'text')
        .addColumn('anchor_unit', 'text')
        .addColumn('anchor_score', 'double precision')
        // JSON of the clustering unit (src/allegations/types.ts `Unit`).
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('allegation_units_allegation')
        .on('allegation_units')
        .columns(['allegation_id'])
        .execute();
      await db.schema
        .createIndex('allegation_units_source')
        .on('allegation_units')
        .columns(['source_id'])
        .execute();
      await db.schema
        .createIndex('allegation_units_anchor')
        .on('allegation_units')
        .columns(['anchor_unit'])
        .execute();

      await db.schema
        .createTable('allegation_unit_keys')
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('claim', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('allegation_unit_keys_pk', ['case_id', 'key', 'unit_id'])
        .execute();
      await db.schema
        .createIndex('allegation_unit_keys_unit')
        .on('allegation_unit_keys')
        .column('unit_id')
        .execute();

      await db.schema
        .createTable('allegations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('first_unit', 'text', (c) => c.notNull())
        .addColumn('first_ord', 'text', (c) => c.notNull())
        .addColumn('statement', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text')
        .addColumn('places', 'text', (c) => c.notNull())
        .addColumn('window_start', 'text')
        .addColumn('window_end', 'text')
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('disputed', 'integer', (c) => c.notNull())
        .addColumn('not_confirmed', 'integer', (c) => c.notNull())
        .addColumn('origin_count', 'integer', (c) => c.notNull())
        .addColumn('echo_count', 'integer', (c) => c.notNull())
        .addColumn('source_count', 'integer', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        // JSON of the assessed allegation (src/allegations/types.ts `Allegation`): reasons, figures, members.
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('allegations_case')
        .on('allegations')
        .columns(['case_id', 'first_ord', 'id'])
        .execute();

      await db.schema
        .createTable('allegation_members')
        .addColumn('allegation_id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('attribution_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('origin_group', 'text')
        .addColumn('copy', 'integer', (c) => c.notNull())
        .addColumn('general', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('allegation_members_pk', ['allegation_id', 'unit_id'])
        .execute();
      await db.schema
        .createIndex('allegation_members_source')
        .on('allegation_members')
        .columns(['source_id'])
        .execute();

      await db.schema
        .createTable('allegation_origin_groups')
        .addColumn('allegation_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('investigative', 'integer', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('members', 'text', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('echoes', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('allegation_origin_groups_pk', ['allegation_id', 'group_id'])
        .execute();

      await db.schema
        .createTable('allegation_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('allegation_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('rationale', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('custody_seq', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('allegation_decisions_allegation')
        .on('allegation_decisions')
        .columns(['allegation_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('allegation_statements')
        .addColumn('allegation_id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('statement', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text', (c) => c.notNull())
        .addColumn('custody_seq', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('allegation_aliases')
        .addColumn('old_id', 'text', (c) => c.primaryKey())
        .addColumn('new_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'allegation_aliases',
        'allegation_statements',
        'allegation_decisions',
        'allegation_origin_groups',
        'allegation_members',
        'allegations',
        'allegation_unit_keys',
        'allegation_units',
        'allegation_bands',
        'allegation_fingerprints',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
