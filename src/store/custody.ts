import { randomBytes } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import {
  consistencyProof,
  hashPayload,
  inclusionProof,
  leafHashHex,
  LogChecker,
  MerkleAccumulator,
  merkleRoot,
  readSigningKey,
  loadOrCreateSigningKey,
  sha256Hex,
  signCheckpoint,
  checkpointText,
  type CustodyLeaf,
  type StoredCheckpoint,
  type VerifyProblem,
} from '../custody/index.ts';
import { CorroborateError } from '../errors.ts';
import type { DialectName, Store } from './database.ts';
import { toNumber } from './dialect.ts';
import type { CheckpointTable, CustodyEntryTable, Database } from './schema.ts';

/**
 * The custody log repository: appends entries (inside the caller's transaction), lists them, makes
 * signed checkpoints, builds inclusion proofs and verifies the whole store. The hashing and signing
 * live in `src/custody/`; formats are documented in docs/CUSTODY.md.
 */

/** One change to record: who did what to which object, with a JSON-serialisable payload describing it. */
export interface CustodyInput {
  /** Who: `cli:alice`, `api:<user id>`, `worker:<host>`. */
  readonly actor: string;
  /** What: `capture`, `update`, `review`, … */
  readonly action: string;
  /** Kind of object: `source`, `attribution`, `allegation`, … */
  readonly objectType: string;
  readonly objectId: string;
  readonly caseId: string | null;
  /** Any JSON-serialisable value; stored as canonical JSON and hashed. Put content hashes here, not content. */
  readonly payload: unknown;
}

/** A stored custody log entry, with its payload parsed. */
export interface CustodyEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly caseId: string | null;
  readonly payloadSha256: string;
  readonly payload: unknown;
  readonly leafHash: string;
}

/** A stored signed checkpoint. */
export interface Checkpoint {
  readonly id: string;
  /** Entries covered: those with seq < treeSize. */
  readonly treeSize: number;
  /** Lowercase hex RFC 6962 root of those entries. */
  readonly rootHash: string;
  readonly at: string;
  readonly keyId: string;
  /** Base64 Ed25519 signature over the checkpoint text (docs/CUSTODY.md). */
  readonly signature: string;
}

/** Arbitrary constant naming the custody log's PostgreSQL advisory lock. */
const ADVISORY_LOCK_KEY = 4_357_716_823_061;

function toEntry(row: Selectable<CustodyEntryTable>): CustodyEntry {
  return {
    seq: toNumber(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    caseId: row.case_id,
    payloadSha256: row.payload_sha256,
    payload: JSON.parse(row.payload) as unknown,
    leafHash: row.leaf_hash,
  };
}

function toCheckpoint(row: Selectable<CheckpointTable>): Checkpoint {
  return {
    id: row.id,
    treeSize: toNumber(row.tree_size),
    rootHash: row.root_hash,
    at: row.at,
    keyId: row.key_id,
    signature: row.signature,
  };
}

function requireText(value: unknown, name: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new CorroborateError('invalid_input', `custody entry: ${name} must be a non-empty string`);
  }
}

/**
 * Appends one entry; call it inside the caller's transaction so the change and its log entry commit
 * together. `seq` stays dense from 0 with concurrent writers: on PostgreSQL it takes a transaction-scoped
 * advisory lock before reading max(seq) (so appends serialise until the caller commits; use the default
 * READ COMMITTED isolation); on SQLite it takes the write lock first with a no-op write, so the caller's
 * transaction must not have read anything before its first write or this call (SQLite would refuse a
 * stale snapshot with SQLITE_BUSY). Called with a plain `Kysely`, it opens its own transaction.
 *
 * @example
 * await store.db.transaction().execute(async (trx) => {
 *   await trx.insertInto('sources').values(row).execute();
 *   await appendCustody(trx, store.dialect, {
 *     actor: 'cli:alice', action: 'capture', objectType: 'source', objectId: row.id,
 *     caseId: row.case_id, payload: { sha256: row.sha256, text_sha256: row.text_sha256 },
 *   });
 * });
 */
export async function appendCustody(
  db: Kysely<Database>,
  dialect: DialectName,
  input: CustodyInput,
): Promise<{ readonly seq: number; readonly leafHash: string }> {
  if (!db.isTransaction) return db.transaction().execute((trx) => appendCustody(trx, dialect, input));
  requireText(input.actor, 'actor');
  requireText(input.action, 'action');
  requireText(input.objectType, 'objectType');
  requireText(input.objectId, 'objectId');
  const { json, sha256 } = hashPayload(input.payload);
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(${sql.lit(ADVISORY_LOCK_KEY)}::bigint)`.execute(db);
  } else {
    await sql`update custody_entries set seq = seq where 0`.execute(db);
  }
  const last = await db
    .selectFrom('custody_entries')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirst();
  const seq = last?.max === null || last?.max === undefined ? 0 : toNumber(last.max) + 1;
  const leaf: CustodyLeaf = {
    seq,
    at: new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    object_type: input.objectType,
    object_id: input.objectId,
    case_id: input.caseId,
    payload_sha256: sha256,
  };
  const leafHash = leafHashHex(leaf);
  await db
    .insertInto('custody_entries')
    .values({ ...leaf, payload: json, leaf_hash: leafHash })
    .execute();
  return { seq, leafHash };
}

/** Filters and page for {@link listCustody}. */
export interface ListCustodyOptions {
  /** Only entries with seq greater than this (keyset paging: pass the last seq seen). */
  readonly afterSeq?: number;
  /** Page size, 1–10000. */
  readonly limit: number;
  readonly objectType?: string;
  readonly objectId?: string;
  readonly caseId?: string;
}

/** Lists entries in seq order, optionally for one object or case, paged by `afterSeq`. */
export async function listCustody(
  db: Kysely<Database>,
  options: ListCustodyOptions,
): Promise<CustodyEntry[]> {
  const limit = Math.trunc(options.limit);
  if (!(limit >= 1 && limit <= 10_000)) {
    throw new CorroborateError(
      'invalid_input',
      `custody list: limit ${options.limit} is not between 1 and 10000`,
    );
  }
  let query = db.selectFrom('custody_entries').selectAll().orderBy('seq').limit(limit);
  if (options.afterSeq !== undefined) query = query.where('seq', '>', options.afterSeq);
  if (options.objectType !== undefined) query = query.where('object_type', '=', options.objectType);
  if (options.objectId !== undefined) query = query.where('object_id', '=', options.objectId);
  if (options.caseId !== undefined) query = query.where('case_id', '=', options.caseId);
  return (await query.execute()).map(toEntry);
}

/** The checkpoint covering the most entries (the newest among equals), or undefined before the first. */
export async function latestCheckpoint(db: Kysely<Database>): Promise<Checkpoint | undefined> {
  const row = await db
    .selectFrom('checkpoints')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toCheckpoint(row);
}

/** Every checkpoint, smallest tree first. */
export async function listCheckpoints(db: Kysely<Database>): Promise<Checkpoint[]> {
  const rows = await db.selectFrom('checkpoints').selectAll().orderBy('tree_size').orderBy('at').execute();
  return rows.map(toCheckpoint);
}

/** The stored leaf hashes of entries 0..n-1 in one query; throws `tampered` when seq is not dense. */
async function leafHashes(db: Kysely<Database>, below?: number): Promise<Buffer[]> {
  let query = db.selectFrom('custody_entries').select(['seq', 'leaf_hash']).orderBy('seq');
  if (below !== undefined) query = query.where('seq', '<', below);
  const rows = await query.execute();
  return rows.map((row, i) => {
    if (toNumber(row.seq) !== i) {
      throw new CorroborateError('tampered', `custody entry ${i} is missing; run 'corroborate verify'`);
    }
    return Buffer.from(row.leaf_hash, 'hex');
  });
}

/**
 * Signs the current log: computes the RFC 6962 root over every entry, signs it with the key in
 * `keyDir` (created on first use, mode 0600) and stores the checkpoint. When the newest checkpoint
 * already covers the whole log it is returned as is. Throws `tampered`, signing nothing, when the log no
 * longer extends the newest checkpoint. The ingest command calls this after each ingest.
 *
 * @example
 * const checkpoint = await createCheckpoint(store, config.home);
 */
export async function createCheckpoint(store: Store, keyDir: string): Promise<Checkpoint> {
  const key = loadOrCreateSigningKey(keyDir);
  // Read the newest checkpoint before the leaves, so the leaves read cover at least as much of the log.
  const latest = await latestCheckpoint(store.db);
  const leaves = await leafHashes(store.db);
  if (latest !== undefined && latest.treeSize >= leaves.length && latest.keyId === key.keyId) return latest;
  // Never sign a tree that does not extend the newest checkpoint: that would paper over a rewritten log.
  const extendsLatest = (root: Buffer): void => {
    if (latest !== undefined && root.toString('hex') !== latest.rootHash) {
      throw new CorroborateError(
        'tampered',
        `the log no longer matches checkpoint ${latest.id}; refusing to sign a new one (run 'corroborate verify')`,
      );
    }
  };
  const tree = new MerkleAccumulator();
  for (const leaf of leaves) {
    if (tree.size === latest?.treeSize) extendsLatest(tree.root());
    tree.push(leaf);
  }
  if (tree.size === latest?.treeSize) extendsLatest(tree.root());
  const signed = signCheckpoint(
    { treeSize: leaves.length, rootHash: tree.root().toString('hex'), at: new Date().toISOString() },
    key,
  );
  const checkpoint: Checkpoint = { id: `cp-${signed.treeSize}-${randomBytes(4).toString('hex')}`, ...signed };
  await store.db
    .insertInto('checkpoints')
    .values({
      id: checkpoint.id,
      tree_size: checkpoint.treeSize,
      root_hash: checkpoint.rootHash,
      at: checkpoint.at,
      key_id: checkpoint.keyId,
      signature: checkpoint.signature,
    })
    .execute();
  return checkpoint;
}

/**
 * An inclusion proof for one entry against a signed checkpoint: everything an offline verifier needs.
 * A wire format (printed by `corroborate proof`, served by the API), hence snake_case; see docs/CUSTODY.md.
 */
export interface InclusionProof {
  /** Format tag of this JSON object. */
  readonly format: 'corroborate-inclusion-proof/v1';
  /** The entry's leaf fields; their canonical JSON is the leaf bytes. */
  readonly leaf: CustodyLeaf;
  /** The entry's payload as stored (canonical JSON text): SHA-256 of it is `leaf.payload_sha256`. */
  readonly payload: string;
  /** Lowercase hex SHA-256(0x00 || leaf bytes). */
  readonly leaf_hash: string;
  /** = leaf.seq. */
  readonly leaf_index: number;
  /** = checkpoint.tree_size. */
  readonly tree_size: number;
  /** Sibling hashes, leaf to root, lowercase hex (RFC 6962 PATH). */
  readonly audit_path: readonly string[];
  readonly checkpoint: {
    readonly id: string;
    readonly tree_size: number;
    readonly root_hash: string;
    readonly at: string;
    readonly key_id: string;
    /** Base64 Ed25519 signature over `text`. */
    readonly signature: string;
    /** The exact signed text. */
    readonly text: string;
    /** Raw 32-byte Ed25519 public key, base64, when the key folder holds the signing key; else null. */
    readonly public_key: string | null;
  };
}

/**
 * Builds the inclusion proof of entry `seq` against the newest checkpoint (which must cover it).
 * Pass `keyDir` to embed the public key when it is the checkpoint's signer. Throws `not_found` when
 * no checkpoint covers the entry yet, `tampered` when the stored log no longer matches the checkpoint.
 */
export async function inclusionProofFor(store: Store, seq: number, keyDir?: string): Promise<InclusionProof> {
  const row = await store.db
    .selectFrom('custody_entries')
    .selectAll()
    .where('seq', '=', seq)
    .executeTakeFirst();
  if (row === undefined) throw new CorroborateError('not_found', `custody entry ${seq} does not exist`);
  const checkpoint = await latestCheckpoint(store.db);
  if (checkpoint === undefined || checkpoint.treeSize <= seq) {
    throw new CorroborateError(
      'not_found',
      `custody entry ${seq} is not covered by a checkpoint yet; run 'corroborate checkpoint'`,
    );
  }
  const leaves = await leafHashes(store.db, checkpoint.treeSize);
  if (leaves.length !== checkpoint.treeSize || merkleRoot(leaves).toString('hex') !== checkpoint.rootHash) {
    throw new CorroborateError(
      'tampered',
      `the log does not match checkpoint ${checkpoint.id}; run 'corroborate verify'`,
    );
  }
  const leaf: CustodyLeaf = {
    seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    object_type: row.object_type,
    object_id: row.object_id,
    case_id: row.case_id,
    payload_sha256: row.payload_sha256,
  };
  const key = keyDir === undefined ? undefined : readSigningKey(keyDir);
  return {
    format: 'corroborate-inclusion-proof/v1',
    leaf,
    payload: row.payload,
    leaf_hash: row.leaf_hash,
    leaf_index: seq,
    tree_size: checkpoint.treeSize,
    audit_path: inclusionProof(leaves, seq).map((h) => h.toString('hex')),
    checkpoint: {
      id: checkpoint.id,
      tree_size: checkpoint.treeSize,
      root_hash: checkpoint.rootHash,
      at: checkpoint.at,
      key_id: checkpoint.keyId,
      signature: checkpoint.signature,
      text: checkpointText(checkpoint),
      public_key: key !== undefined && key.keyId === checkpoint.keyId ? key.publicKeyBase64 : null,
    },
  };
}

/** A consistency proof between two checkpoints, in the same wire style as {@link InclusionProof}. */
export interface ConsistencyProof {
  readonly format: 'corroborate-consistency-proof/v1';
  readonly old_size: number;
  readonly old_root: string;
  readonly new_size: number;
  readonly new_root: string;
  /** RFC 6962 PROOF(old_size, D[new_size]), lowercase hex. */
  readonly proof: readonly string[];
}

/**
 * Proves that the log at `oldSize` entries is a prefix of the log at `newSize` entries (default: the
 * newest checkpoint's size), so a client holding an old checkpoint can check the new one extends it
 * (RFC 6962 section 2.1.2; verify with `verifyConsistency`). Throws `invalid_input` for impossible sizes.
 */
export async function consistencyProofFor(
  store: Store,
  oldSize: number,
  newSize?: number,
): Promise<ConsistencyProof> {
  const target = newSize ?? (await latestCheckpoint(store.db))?.treeSize;
  if (target === undefined) throw new CorroborateError('not_found', 'there is no checkpoint yet');
  if (!Number.isInteger(oldSize) || !Number.isInteger(target) || oldSize < 0 || oldSize > target) {
    throw new CorroborateError(
      'invalid_input',
      `cannot prove tree size ${oldSize} consistent with size ${target}`,
    );
  }
  const leaves = await leafHashes(store.db, target);
  if (leaves.length < target) {
    throw new CorroborateError('invalid_input', `the log has ${leaves.length} entries, fewer than ${target}`);
  }
  return {
    format: 'corroborate-consistency-proof/v1',
    old_size: oldSize,
    old_root: merkleRoot(leaves, oldSize).toString('hex'),
    new_size: target,
    new_root: merkleRoot(leaves).toString('hex'),
    proof: consistencyProof(leaves, oldSize).map((h) => h.toString('hex')),
  };
}

/**
 * The custody entry that recorded the capture of a source, found by source id or by the SHA-256 of
 * its original: the first entry whose object is the source (or one of its captures), preferring
 * entries whose action mentions `capture`. Throws `not_found` naming what was asked for.
 */
export async function findCaptureEntry(
  db: Kysely<Database>,
  sourceIdOrSha256: string,
): Promise<CustodyEntry> {
  const sources = await db
    .selectFrom('sources')
    .select('id')
    .where((eb) =>
      eb.or([eb('id', '=', sourceIdOrSha256), eb('sha256', '=', sourceIdOrSha256.toLowerCase())]),
    )
    .execute();
  if (sources.length === 0)
    throw new CorroborateError('not_found', `no source with id or SHA-256 ${sourceIdOrSha256}`);
  const sourceIds = sources.map((s) => s.id);
  const captures = await db.selectFrom('captures').select('id').where('source_id', 'in', sourceIds).execute();
  const objectIds = [...sourceIds, ...captures.map((c) => c.id)];
  const rows = await db
    .selectFrom('custody_entries')
    .selectAll()
    .where('object_id', 'in', objectIds)
    .orderBy('seq')
    .limit(1000)
    .execute();
  const entry = rows.find((r) => r.action.includes('capture')) ?? rows[0];
  if (entry === undefined) {
    throw new CorroborateError('not_found', `source ${sourceIds.join(', ')} has no custody log entry`);
  }
  return toEntry(entry);
}

/** Counts of what `verifyStore` checked. */
export interface VerifyCounts {
  readonly originals: number;
  readonly sources: number;
  readonly entries: number;
  readonly checkpoints: number;
}

/** The result of {@link verifyStore}: `ok` exactly when `problems` is empty. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly counts: VerifyCounts;
  /** Entries after the newest checkpoint: checked for internal consistency but not yet signed. */
  readonly unsigned: number;
  readonly problems: readonly VerifyProblem[];
}

const ENTRY_BATCH = 2000;
const SOURCE_BATCH = 500;
const BLOB_BATCH = 50;

/** What the log says about one source: the original's hash at capture and the newest text hash. */
interface LoggedSource {
  readonly captureSeq: number;
  readonly sha256: string | undefined;
  readonly textSeq: number;
  readonly textSha256: string | undefined;
}

function stringField(payload: unknown, ...names: readonly string[]): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const record = payload as Record<string, unknown>;
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * Reads, from entries about `source` objects, the original's SHA-256 recorded by each source's first
 * capture entry and the newest text hash recorded for it (payload `sha256`, `textSha256`/`text_sha256`).
 */
async function loggedSourceHashes(db: Kysely<Database>): Promise<Map<string, LoggedSource>> {
  const bySource = new Map<string, LoggedSource>();
  for (let after = -1; ;) {
    const rows = await db
      .selectFrom('custody_entries')
      .select(['seq', 'action', 'object_id', 'payload'])
      .where('object_type', '=', 'source')
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(ENTRY_BATCH)
      .execute();
    for (const row of rows) {
      const seq = toNumber(row.seq);
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        continue; // an unreadable payload is reported by the log check (its hash no longer matches)
      }
      const known = bySource.get(row.object_id);
      const textSha256 = stringField(payload, 'textSha256', 'text_sha256');
      if (known === undefined) {
        if (row.action !== 'capture') continue;
        bySource.set(row.object_id, {
          captureSeq: seq,
          sha256: stringField(payload, 'sha256'),
          textSeq: seq,
          textSha256,
        });
      } else if (textSha256 !== undefined) {
        bySource.set(row.object_id, { ...known, textSeq: seq, textSha256 });
      }
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < ENTRY_BATCH) break;
    after = toNumber(last.seq);
  }
  return bySource;
}

/**
 * Verifies the whole store offline: re-hashes every original in `blobs` against its SHA-256 and size
 * (naming the sources that use it), every source's text against `text_sha256`, checks each source's
 * original and text hashes against those its custody entries recorded, recomputes every custody
 * entry's payload and leaf hash from its fields, requires seq dense from 0, recomputes the root at each
 * checkpoint's tree size and checks each signature against the key in `keyDir` (never created here).
 * Every problem is listed; nothing stops at the first.
 *
 * @example
 * const report = await verifyStore(store, config.home);
 * for (const p of report.problems) console.log(p.message);
 */
export async function verifyStore(store: Store, keyDir: string): Promise<VerifyReport> {
  const { db } = store;
  const problems: VerifyProblem[] = [];

  let originals = 0;
  for (let after = ''; ;) {
    const blobs = await db
      .selectFrom('blobs')
      .select(['sha256', 'size', 'bytes'])
      .where('sha256', '>', after)
      .orderBy('sha256')
      .limit(BLOB_BATCH)
      .execute();
    for (const blob of blobs) {
      originals += 1;
      const bytes = Buffer.from(blob.bytes);
      const actual = sha256Hex(bytes);
      if (actual !== blob.sha256 || bytes.length !== toNumber(blob.size)) {
        const users = await db
          .selectFrom('sources')
          .select('id')
          .where('sha256', '=', blob.sha256)
          .orderBy('id')
          .execute();
        const names =
          users.length === 0 ? `original ${blob.sha256}` : users.map((u) => `source ${u.id}`).join(', ');
        problems.push({
          kind: 'original',
          item: users.length === 0 ? `original ${blob.sha256}` : `source ${users[0]?.id ?? ''}`,
          message: `${names}: stored original no longer matches its SHA-256 ${blob.sha256} (now hashes to ${actual}, ${bytes.length} bytes)`,
        });
      }
    }
    const last = blobs.at(-1);
    if (last === undefined || blobs.length < BLOB_BATCH) break;
    after = last.sha256;
  }

  const logged = await loggedSourceHashes(db);
  let sources = 0;
  for (let after = ''; ;) {
    const rows = await db
      .selectFrom('sources')
      .select(['id', 'sha256', 'text', 'text_sha256'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(SOURCE_BATCH)
      .execute();
    for (const row of rows) {
      sources += 1;
      const item = `source ${row.id}`;
      if (sha256Hex(row.text) !== row.text_sha256) {
        problems.push({
          kind: 'text',
          item,
          message: `${item}: stored text no longer matches its text_sha256 ${row.text_sha256}`,
        });
      }
      const record = logged.get(row.id);
      if (record === undefined) {
        problems.push({ kind: 'record', item, message: `${item}: has no capture entry in the custody log` });
        continue;
      }
      if (record.sha256 !== undefined && record.sha256 !== row.sha256) {
        problems.push({
          kind: 'record',
          item,
          message: `${item}: its original ${row.sha256} is not the one custody entry ${record.captureSeq} recorded (${record.sha256})`,
        });
      }
      if (record.textSha256 !== undefined && record.textSha256 !== row.text_sha256) {
        problems.push({
          kind: 'record',
          item,
          message: `${item}: its text_sha256 ${row.text_sha256} is not the one custody entry ${record.textSeq} recorded (${record.textSha256})`,
        });
      }
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < SOURCE_BATCH) break;
    after = last.id;
  }

  const checkpoints = await listCheckpoints(db);
  const key = readSigningKey(keyDir);
  const trusted = new Map(key === undefined ? [] : [[key.keyId, key.publicKey] as const]);
  const checker = new LogChecker(
    checkpoints.map((c): StoredCheckpoint => c),
    trusted,
  );
  for (let after = -1; ;) {
    const rows = await db
      .selectFrom('custody_entries')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(ENTRY_BATCH)
      .execute();
    for (const row of rows) checker.add({ ...row, seq: toNumber(row.seq) });
    const last = rows.at(-1);
    if (last === undefined || rows.length < ENTRY_BATCH) break;
    after = toNumber(last.seq);
  }
  const entries = checker.entries;
  problems.push(...checker.finish());
  const signedSize = checkpoints.reduce((max, c) => Math.max(max, c.treeSize), 0);
  return {
    ok: problems.length === 0,
    counts: { originals, sources, entries, checkpoints: checkpoints.length },
    unsigned: Math.max(0, entries - signedSize),
    problems,
  };
}
