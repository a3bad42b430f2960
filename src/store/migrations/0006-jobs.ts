import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * The job queue (src/queue/): one row per unit of work that worker processes on any machine share —
 * capture a URL or an uploaded original, analyse one source. `status` is queued | running | done | failed;
 * a running job belongs to `locked_by` until `locked_until` (its lease), after which any worker may take it
 * again. `key` de-duplicates work (one analysis per source and extractor version); times are ISO-8601 text
 * like every other table, so both dialects share the queries.
 */
export function jobs(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.unique())
        .addColumn('case_id', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('run_after', 'text', (c) => c.notNull())
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('result', 'text')
        // How far a running job got (an analysis: 'extracted', then 'attached'); reset by each claim.
        .addColumn('progress', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // What a claim scans: ready jobs in order, and running jobs whose lease has run out.
      await db.schema.createIndex('jobs_ready').on('jobs').columns(['status', 'run_after', 'id']).execute();
      await db.schema.createIndex('jobs_lease').on('jobs').columns(['status', 'locked_until']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('jobs').execute();
    },
  };
}
