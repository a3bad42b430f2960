import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/** Cases, content-addressed originals, sources, captures, the custody log and its checkpoints. */
export function foundation(dialect: DialectName): Migration {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text')
        .addColumn('region', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      // Original bytes, addressed by SHA-256 (hex). Written once, never updated.
      await db.schema
        .createTable('blobs')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('bytes', sql.raw(bytes), (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sources')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('outlet', 'text')
        .addColumn('byline', 'text')
        .addColumn('url', 'text')
        .addColumn('canonical_url', 'text')
        .addColumn('published', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('text_sha256', 'text', (c) => c.notNull())
        // JSON: [{ page, start, end }] for PDFs, null otherwise.
        .addColumn('pages', 'text')
        // JSON object of any further metadata (sidecar fields, feed fields, html meta).
        .addColumn('metadata', 'text', (c) => c.notNull())
        .addColumn('copy_of', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('sources_case_sha256', ['case_id', 'sha256'])
        .execute();

      await db.schema
        .createTable('captures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
        .addColumn('captured_at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        // The path or URL as given.
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        // JSON: redirect chain for URLs, null otherwise.
        .addColumn('redirects', 'text')
        .addColumn('metadata', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('captures_source').on('captures').column('source_id').execute();

      // The append-only custody log. `seq` is the leaf index (0-based) in the Merkle tree.
      await db.schema
        .createTable('custody_entries')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('payload_sha256', 'text', (c) => c.notNull())
        // JSON payload as hashed; kept so verify can re-hash it.
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('leaf_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('custody_object')
        .on('custody_entries')
        .columns(['object_type', 'object_id'])
        .execute();

      await db.schema
        .createTable('checkpoints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tree_size', 'bigint', (c) => c.notNull())
        .addColumn('root_hash', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['checkpoints', 'custody_entries', 'captures', 'sources', 'blobs', 'cases']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
