import type { ColumnType } from 'kysely';

/**
 * Row types of every table, snake_case as in SQL. They stay inside `store/`: callers get domain
 * objects from the mappers in this folder. Each migration's tables are grouped under a heading.
 * `bigint` columns come back as numbers from SQLite and strings from PostgreSQL: select them through
 * `toNumber` in `dialect.ts`.
 */

type BigIntColumn = ColumnType<number | string, number | bigint, number | bigint>;

// 0001-foundation
export interface CaseTable {
  id: string;
  name: string;
  description: string | null;
  region: string | null;
  created_at: string;
}

export interface BlobTable {
  sha256: string;
  size: BigIntColumn;
  media_type: string;
  bytes: Buffer;
  created_at: string;
}

export interface SourceTable {
  id: string;
  case_id: string;
  sha256: string;
  kind: string;
  media_type: string;
  title: string | null;
  outlet: string | null;
  byline: string | null;
  url: string | null;
  canonical_url: string | null;
  published: string | null;
  language: string;
  text: string;
  text_sha256: string;
  pages: string | null;
  metadata: string;
  copy_of: string | null;
  created_at: string;
}

export interface CaptureTable {
  id: string;
  source_id: string;
  captured_at: string;
  actor: string;
  origin: string;
  method: string;
  redirects: string | null;
  metadata: string;
}

export interface CustodyEntryTable {
  seq: BigIntColumn;
  at: string;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  case_id: string | null;
  payload_sha256: string;
  payload: string;
  leaf_hash: string;
}

export interface CheckpointTable {
  id: string;
  tree_size: BigIntColumn;
  root_hash: string;
  at: string;
  key_id: string;
  signature: string;
}

/** Every table, as Kysely sees the database. */
export interface Database {
  cases: CaseTable;
  blobs: BlobTable;
  sources: SourceTable;
  captures: CaptureTable;
  custody_entries: CustodyEntryTable;
  checkpoints: CheckpointTable;
}
