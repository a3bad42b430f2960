import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * The allegations board's list summary (`src/store/allegation-summaries.ts`): per allegation the top
 * status reason, denial and not-confirming counts and the figure spread, stamped with the allegation's
 * `updated_at` so a stale row is recomputed on read; and the actors and places each allegation involves,
 * one row per term, for the board's actor and place filters.
 */
export function allegationSummaries(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('allegation_summaries')
        .ifNotExists()
        .addColumn('allegation_id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('stamp', 'text', (c) => c.notNull())
        .addColumn('top_reason_code', 'text')
        .addColumn('top_reason', 'text')
        .addColumn('denials', 'integer', (c) => c.notNull())
        .addColumn('not_confirming', 'integer', (c) => c.notNull())
        .addColumn('figure_counts', 'text')
        .addColumn('figure_min', 'double precision')
        .addColumn('figure_max', 'double precision')
        .addColumn('figure_spread', 'double precision')
        .execute();
      await db.schema
        .createIndex('allegation_summaries_case')
        .ifNotExists()
        .on('allegation_summaries')
        .columns(['case_id', 'allegation_id'])
        .execute();
      await db.schema
        .createTable('allegation_summary_terms')
        .ifNotExists()
        .addColumn('allegation_id', 'text', (c) => c.notNull())
        .addColumn('term', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('norm', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('allegation_summary_terms_pk', ['allegation_id', 'term'])
        .execute();
      await db.schema
        .createIndex('allegation_summary_terms_norm')
        .ifNotExists()
        .on('allegation_summary_terms')
        .columns(['case_id', 'kind', 'norm'])
        .execute();
      await db.schema
        .createIndex('allegation_summary_terms_actor')
        .ifNotExists()
        .on('allegation_summary_terms')
        .columns(['case_id', 'actor_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('allegation_summary_terms').ifExists().execute();
      await db.schema.dropTable('allegation_summaries').ifExists().execute();
    },
  };
}
