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

// 0002-extractions
export interface ExtractionRunTable {
  id: string;
  source_id: string;
  case_id: string;
  extractor_version: string;
  /** 1 for the run in force for its source, 0 for replaced runs (kept for history). */
  current: number;
  /** The contract JSON without `document.text` (the text lives in `sources.text`). */
  result: string;
  result_sha256: string;
  attribution_count: number;
  created_at: string;
  actor: string;
}

export interface AttributionTable {
  id: string;
  case_id: string;
  source_id: string;
  run_id: string;
  local_id: string;
  current: number;
  /** Effective (reviewed) values; the extracted original is kept in `extracted`. */
  source_start: number | null;
  source_end: number | null;
  source_text: string | null;
  source_actor_local: string | null;
  case_actor_id: string | null;
  cue_start: number;
  cue_end: number;
  cue_text: string;
  /** JSON array of spans. */
  content: string;
  content_text: string;
  stance: string;
  quote: string;
  channel: string | null;
  /** JSON array of basis values. */
  basis: string;
  parent_local: string | null;
  confidence: number;
  review_status: string;
  /** JSON: the attribution exactly as extracted plus the case actor it was linked to. Never updated. */
  extracted: string;
  carried_from: string | null;
  created_at: string;
}

export interface ExtractionActorTable {
  id: string;
  run_id: string;
  source_id: string;
  case_id: string;
  local_id: string;
  current: number;
  name: string;
  type: string;
  role: string | null;
  affiliation: string | null;
  /** JSON array of strings. */
  aliases: string;
  /** JSON array of [start, end]. */
  mentions: string;
  case_actor_id: string;
}

export interface CaseActorTable {
  id: string;
  case_id: string;
  name: string;
  type: string;
  role: string | null;
  affiliation: string | null;
  /** JSON array of strings. */
  aliases: string;
  merged_into: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseActorAliasTable {
  case_id: string;
  /** Normalised name or alias (see `normaliseActorName`). */
  norm: string;
  case_actor_id: string;
}

export interface FigureTable {
  id: string;
  run_id: string;
  source_id: string;
  case_id: string;
  current: number;
  start: number;
  end: number;
  text: string;
  min: number | null;
  max: number | null;
  approx: number;
  counts: string | null;
  place: string | null;
  attribution_local: string | null;
  qualifier: string | null;
  date: string | null;
}

export interface PlaceTable {
  id: string;
  run_id: string;
  source_id: string;
  case_id: string;
  current: number;
  name: string;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  granularity: string | null;
  geoname_id: number | null;
  confidence: number | null;
  /** JSON array of [start, end]. */
  mentions: string;
}

export interface ReviewTable {
  id: string;
  attribution_id: string;
  case_id: string;
  action: string;
  /** JSON: what changed (spans before/after, actor before/after). */
  changes: string;
  rationale: string | null;
  actor: string;
  created_at: string;
  custody_seq: BigIntColumn | null;
}

// 0004-accounts
export interface UserTable {
  id: string;
  name: string;
  /** argon2id PHC string. */
  password_hash: string;
  admin: number;
  disabled: number;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 (hex) of the session cookie value. */
  id_hash: string;
  user_id: string;
  csrf_hash: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  /** JSON array of case ids, or null for every case the user can reach. */
  cases: string | null;
  permission: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface MembershipTable {
  case_id: string;
  user_id: string;
  role: string;
  cleared: number;
  created_at: string;
}

export interface ProtectionTable {
  id: string;
  case_id: string;
  object_type: string;
  object_id: string;
  span_start: number | null;
  span_end: number | null;
  /** JSON array of texts to scrub. */
  terms: string;
  reason: string;
  created_by: string;
  created_at: string;
  removed_at: string | null;
}

export interface LoginAttemptTable {
  id: string;
  name: string;
  ip: string;
  at: string;
  ok: number;
}

// 0003-allegations
export interface AllegationFingerprintTable {
  source_id: string;
  case_id: string;
  /** Order key (published | captured | id): earlier sorts first. */
  ord: string;
  /** Base64 MinHash signature. */
  signature: string;
  direct_of: string | null;
  copy_of: string | null;
  similarity: number | null;
}

export interface AllegationBandTable {
  case_id: string;
  band: string;
  source_id: string;
}

export interface AllegationUnitTable {
  /** `${sourceId}#${attributionId}`. */
  id: string;
  case_id: string;
  source_id: string;
  kind: string;
  stance: string;
  ord: string;
  allegation_id: string | null;
  anchor_unit: string | null;
  anchor_score: number | null;
  /** JSON clustering unit. */
  data: string;
}

export interface AllegationUnitKeyTable {
  case_id: string;
  key: string;
  unit_id: string;
  claim: number;
}

export interface AllegationRowTable {
  id: string;
  case_id: string;
  first_unit: string;
  first_ord: string;
  statement: string;
  event_type: string | null;
  /** JSON array of place names. */
  places: string;
  window_start: string | null;
  window_end: string | null;
  level: string;
  disputed: number;
  not_confirmed: number;
  origin_count: number;
  echo_count: number;
  source_count: number;
  summary: string;
  /** JSON of the assessed allegation. */
  detail: string;
  updated_at: string;
}

export interface AllegationMemberTable {
  allegation_id: string;
  unit_id: string;
  case_id: string;
  source_id: string;
  attribution_id: string;
  role: string;
  origin_group: string | null;
  copy: number;
  general: number;
}

export interface AllegationOriginGroupTable {
  allegation_id: string;
  group_id: string;
  label: string;
  investigative: number;
  /** JSON arrays. */
  evidence: string;
  members: string;
  sources: string;
  echoes: number;
}

export interface AllegationDecisionTable {
  id: string;
  allegation_id: string;
  case_id: string;
  decision: string;
  rationale: string;
  actor: string;
  created_at: string;
  custody_seq: BigIntColumn;
}

export interface AllegationStatementTable {
  allegation_id: string;
  case_id: string;
  statement: string;
  actor: string;
  edited_at: string;
  custody_seq: BigIntColumn;
}

export interface AllegationAliasTable {
  old_id: string;
  new_id: string;
  case_id: string;
  created_at: string;
}

// 0006-jobs
export interface JobTable {
  id: string;
  /** 'capture' | 'analyse' (see src/queue/types.ts). */
  kind: string;
  /** De-duplication key: a second job with the same key is not queued. */
  key: string | null;
  case_id: string | null;
  /** JSON of the kind's payload. */
  payload: string;
  /** 'queued' | 'running' | 'done' | 'failed'. */
  status: string;
  attempts: number;
  max_attempts: number;
  run_after: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  /** JSON the handler returned, when done. */
  result: string | null;
  /** How far a running job got ('extracted', 'attached'); reset by each claim. */
  progress: string | null;
  created_at: string;
  updated_at: string;
}

/** Every table, as Kysely sees the database. */
export interface Database {
  cases: CaseTable;
  blobs: BlobTable;
  sources: SourceTable;
  captures: CaptureTable;
  custody_entries: CustodyEntryTable;
  checkpoints: CheckpointTable;
  extraction_runs: ExtractionRunTable;
  attributions: AttributionTable;
  extraction_actors: ExtractionActorTable;
  case_actors: CaseActorTable;
  case_actor_aliases: CaseActorAliasTable;
  figures: FigureTable;
  places: PlaceTable;
  reviews: ReviewTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  memberships: MembershipTable;
  protections: ProtectionTable;
  login_attempts: LoginAttemptTable;
  allegation_fingerprints: AllegationFingerprintTable;
  allegation_bands: AllegationBandTable;
  allegation_units: AllegationUnitTable;
  allegation_unit_keys: AllegationUnitKeyTable;
  allegations: AllegationRowTable;
  allegation_members: AllegationMemberTable;
  allegation_origin_groups: AllegationOriginGroupTable;
  allegation_decisions: AllegationDecisionTable;
  allegation_statements: AllegationStatementTable;
  allegation_aliases: AllegationAliasTable;
  jobs: JobTable;
}
