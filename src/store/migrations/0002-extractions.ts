import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Stored extraction results and what analysts do to them: extraction runs (one per source and extractor
 * version, the current one flagged), attributions as rows (effective values + the untouched original),
 * per-run actors linked to the case-level actor registry, figures and places as rows, review rows, and the
 * full-text indexes over sources and attributions (SQLite FTS5 / PostgreSQL tsvector + GIN).
 */
export function extractions(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('extraction_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('extractor_version', 'text', (c) => c.notNull())
        .addColumn('current', 'integer', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('result_sha256', 'text', (c) => c.notNull())
        .addColumn('attribution_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('extraction_runs_source')
        .on('extraction_runs')
        .columns(['source_id', 'current'])
        .execute();
      await db.schema
        .createIndex('extraction_runs_case')
        .on('extraction_runs')
        .columns(['case_id', 'current', 'extractor_version'])
        .execute();

      await db.schema
        .createTable('case_actors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addColumn('affiliation', 'text')
        .addColumn('aliases', 'text', (c) => c.notNull())
        .addColumn('merged_into', 'text', (c) => c.references('case_actors.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('case_actors_case')
        .on('case_actors')
        .columns(['case_id', 'name'])
        .execute();

      // One row per normalised name or alias: the lookup that merges actors across a case's sources.
      await db.schema
        .createTable('case_actor_aliases')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('norm', 'text', (c) => c.notNull())
        .addColumn('case_actor_id', 'text', (c) => c.notNull().references('case_actors.id'))
        .addPrimaryKeyConstraint('case_actor_aliases_pk', ['case_id', 'norm'])
        .execute();
      await db.schema
        .createIndex('case_actor_aliases_actor')
        .on('case_actor_aliases')
        .column('case_actor_id')
        .execute();

      await db.schema
        .createTable('extraction_actors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.notNull().references('extraction_runs.id'))
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('local_id', 'text', (c) => c.notNull())
        .addColumn('current', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addColumn('affiliation', 'text')
        .addColumn('aliases', 'text', (c) => c.notNull())
        .addColumn('mentions', 'text', (c) => c.notNull())
        .addColumn('case_actor_id', 'text', (c) => c.notNull().references('case_actors.id'))
        .execute();
      await db.schema.createIndex('extraction_actors_run').on('extraction_actors').column('run_id').execute();
      await db.schema
        .createIndex('extraction_actors_case_actor')
        .on('extraction_actors')
        .columns(['case_actor_id', 'current'])
        .execute();

      await db.schema
        .createTable('attributions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
        .addColumn('run_id', 'text', (c) => c.notNull().references('extraction_runs.id'))
        .addColumn('local_id', 'text', (c) => c.notNull())
        .addColumn('current', 'integer', (c) => c.notNull())
        .addColumn('source_start', 'integer')
        .addColumn('source_end', 'integer')
        .addColumn('source_text', 'text')
        .addColumn('source_actor_local', 'text')
        .addColumn('case_actor_id', 'text', (c) => c.references('case_actors.id'))
        .addColumn('cue_start', 'integer', (c) => c.notNull())
        .addColumn('cue_end', 'integer', (c) => c.notNull())
        .addColumn('cue_text', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('content_text', 'text', (c) => c.notNull())
        .addColumn('stance', 'text', (c) => c.notNull())
        .addColumn('quote', 'text', (c) => c.notNull())
        .addColumn('channel', 'text')
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('parent_local', 'text')
        .addColumn('confidence', 'real', (c) => c.notNull())
        .addColumn('review_status', 'text', (c) => c.notNull())
        .addColumn('extracted', 'text', (c) => c.notNull())
        .addColumn('carried_from', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attributions_run').on('attributions').column('run_id').execute();
      await db.schema
        .createIndex('attributions_source')
        .on('attributions')
        .columns(['source_id', 'current', 'cue_start'])
        .execute();
      await db.schema
        .createIndex('attributions_case')
        .on('attributions')
        .columns(['case_id', 'current', 'id'])
        .execute();
      await db.schema
        .createIndex('attributions_case_actor')
        .on('attributions')
        .columns(['case_actor_id', 'current'])
        .execute();

      await db.schema
        .createTable('figures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.notNull().references('extraction_runs.id'))
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('current', 'integer', (c) => c.notNull())
        .addColumn('start', 'integer', (c) => c.notNull())
        .addColumn('end', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('min', 'double precision')
        .addColumn('max', 'double precision')
        .addColumn('approx', 'integer', (c) => c.notNull())
        .addColumn('counts', 'text')
        .addColumn('place', 'text')
        .addColumn('attribution_local', 'text')
        .addColumn('qualifier', 'text')
        .addColumn('date', 'text')
        .execute();
      await db.schema.createIndex('figures_run').on('figures').column('run_id').execute();
      await db.schema
        .createIndex('figures_case')
        .on('figures')
        .columns(['case_id', 'current', 'id'])
        .execute();

      await db.schema
        .createTable('places')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.notNull().references('extraction_runs.id'))
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('current', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('lat', 'double precision')
        .addColumn('lon', 'double precision')
        .addColumn('country', 'text')
        .addColumn('admin1', 'text')
        .addColumn('granularity', 'text')
        .addColumn('geoname_id', 'bigint')
        .addColumn('confidence', 'double precision')
        .addColumn('mentions', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('places_run').on('places').column('run_id').execute();
      await db.schema.createIndex('places_case').on('places').columns(['case_id', 'current', 'id']).execute();

      await db.schema
        .createTable('reviews')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('attribution_id', 'text', (c) => c.notNull().references('attributions.id'))
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('rationale', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('custody_seq', 'bigint')
        .execute();
      await db.schema
        .createIndex('reviews_attribution')
        .on('reviews')
        .columns(['attribution_id', 'created_at'])
        .execute();
      await db.schema.createIndex('reviews_case').on('reviews').columns(['case_id', 'id']).execute();

      if (dialect === 'sqlite') await sqliteSearch(db);
      else await postgresSearch(db);
    },
    async down(db: Kysely<unknown>) {
      if (dialect === 'sqlite') {
        await sql`DROP TABLE IF EXISTS attributions_fts`.execute(db);
        await sql`DROP TABLE IF EXISTS sources_fts`.execute(db);
        for (const t of ['sources_fts_ai', 'sources_fts_ad', 'sources_fts_au']) {
          await sql`DROP TRIGGER IF EXISTS ${sql.raw(t)}`.execute(db);
        }
      } else {
        await sql`DROP TRIGGER IF EXISTS source_search_sync ON sources`.execute(db);
        await sql`DROP FUNCTION IF EXISTS source_search_sync()`.execute(db);
        await sql`DROP TABLE IF EXISTS source_search`.execute(db);
      }
      for (const table of [
        'reviews',
        'places',
        'figures',
        'attributions',
        'extraction_actors',
        'case_actor_aliases',
        'case_actors',
        'extraction_runs',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}

/**
 * SQLite: external-content FTS5 tables kept in step by triggers, so writes from any module (the ingest
 * engineer's `sources` inserts included) are indexed. Porter stemming to match PostgreSQL's 'english'.
 * `case_id` is an indexed column holding one token per case ('c' || hex(case_id): ids contain separators that
 * would otherwise split into tokens shared by every row), so a search's case filter is part of the MATCH.
 */
async function sqliteSearch(db: Kysely<unknown>): Promise<void> {
  const tokenize = `tokenize = 'porter unicode61 remove_diacritics 2'`;
  await sql
    .raw(
      `CREATE VIRTUAL TABLE sources_fts USING fts5(title, text, case_id, content='sources', content_rowid='rowid', ${tokenize})`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER sources_fts_ai AFTER INSERT ON sources BEGIN
         INSERT INTO sources_fts(rowid, title, text, case_id) VALUES (new.rowid, new.title, new.text, 'c' || hex(new.case_id));
       END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER sources_fts_ad AFTER DELETE ON sources BEGIN
         INSERT INTO sources_fts(sources_fts, rowid, title, text, case_id) VALUES ('delete', old.rowid, old.title, old.text, 'c' || hex(old.case_id));
       END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER sources_fts_au AFTER UPDATE OF title, text, case_id ON sources BEGIN
         INSERT INTO sources_fts(sources_fts, rowid, title, text, case_id) VALUES ('delete', old.rowid, old.title, old.text, 'c' || hex(old.case_id));
         INSERT INTO sources_fts(rowid, title, text, case_id) VALUES (new.rowid, new.title, new.text, 'c' || hex(new.case_id));
       END`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO sources_fts(rowid, title, text, case_id) SELECT rowid, title, text, 'c' || hex(case_id) FROM sources`,
    )
    .execute(db);

  await sql
    .raw(
      `CREATE VIRTUAL TABLE attributions_fts USING fts5(source_text, cue_text, content_text, case_id, content='attributions', content_rowid='rowid', ${tokenize})`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER attributions_fts_ai AFTER INSERT ON attributions BEGIN
         INSERT INTO attributions_fts(rowid, source_text, cue_text, content_text, case_id)
         VALUES (new.rowid, new.source_text, new.cue_text, new.content_text, 'c' || hex(new.case_id));
       END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER attributions_fts_ad AFTER DELETE ON attributions BEGIN
         INSERT INTO attributions_fts(attributions_fts, rowid, source_text, cue_text, content_text, case_id)
         VALUES ('delete', old.rowid, old.source_text, old.cue_text, old.content_text, 'c' || hex(old.case_id));
       END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER attributions_fts_au AFTER UPDATE OF source_text, cue_text, content_text, case_id ON attributions BEGIN
         INSERT INTO attributions_fts(attributions_fts, rowid, source_text, cue_text, content_text, case_id)
         VALUES ('delete', old.rowid, old.source_text, old.cue_text, old.content_text, 'c' || hex(old.case_id));
         INSERT INTO attributions_fts(rowid, source_text, cue_text, content_text, case_id)
         VALUES (new.rowid, new.source_text, new.cue_text, new.content_text, 'c' || hex(new.case_id));
       END`,
    )
    .execute(db);
}

/**
 * PostgreSQL: a stored, generated tsvector on attributions (ranking reads it instead of re-parsing text)
 * and a `source_search` side table kept by a trigger, so `sources` keeps its shape for other modules.
 * Source text is indexed up to its first 500,000 characters (tsvector values are limited to 1 MB). Each
 * tsvector also holds one lexeme for its case ('c' || md5(case_id)), so the case filter is part of the GIN
 * search instead of a second index scan over every row of the case.
 */
async function postgresSearch(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE attributions ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
         to_tsvector('english'::regconfig, coalesce(source_text, '') || ' ' || cue_text || ' ' || content_text)
         || array_to_tsvector(ARRAY['c' || md5(case_id)])
       ) STORED`,
    )
    .execute(db);
  await sql.raw(`CREATE INDEX attributions_tsv ON attributions USING gin (tsv)`).execute(db);

  await sql
    .raw(
      `CREATE TABLE source_search (
         source_id text PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
         case_id text NOT NULL,
         tsv tsvector NOT NULL
       )`,
    )
    .execute(db);
  await sql.raw(`CREATE INDEX source_search_tsv ON source_search USING gin (tsv)`).execute(db);
  await sql
    .raw(
      `CREATE FUNCTION source_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO source_search (source_id, case_id, tsv)
         VALUES (NEW.id, NEW.case_id,
                 setweight(to_tsvector('english'::regconfig, coalesce(NEW.title, '')), 'A') ||
                 to_tsvector('english'::regconfig, left(NEW.text, 500000)) ||
                 array_to_tsvector(ARRAY['c' || md5(NEW.case_id)]))
         ON CONFLICT (source_id) DO UPDATE SET case_id = EXCLUDED.case_id, tsv = EXCLUDED.tsv;
         RETURN NEW;
       END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER source_search_sync AFTER INSERT OR UPDATE OF title, text, case_id ON sources
       FOR EACH ROW EXECUTE FUNCTION source_search_sync()`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO source_search (source_id, case_id, tsv)
       SELECT id, case_id, setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
              to_tsvector('english'::regconfig, left(text, 500000)) || array_to_tsvector(ARRAY['c' || md5(case_id)])
       FROM sources`,
    )
    .execute(db);
}
