import type { KeyObject } from 'node:crypto';
import { verifyCheckpointSignature, type SignedCheckpoint } from './checkpoint.ts';
import { leafHashHex, type CustodyLeaf } from './entry.ts';
import { sha256Hex } from './hash.ts';
import { MerkleAccumulator } from './merkle.ts';

/**
 * What part of the record a verification problem is about: a stored original, a source's text, a
 * source whose hashes differ from (or are missing in) the log, a log entry, a gap in the log, a
 * checkpoint's root, a checkpoint's signature.
 */
export type ProblemKind = 'original' | 'text' | 'record' | 'entry' | 'gap' | 'checkpoint' | 'signature';

/** One thing `verify` found wrong, naming the exact item (`source 1a2b…`, `custody entry 17`, `checkpoint ck_…`). */
export interface VerifyProblem {
  readonly kind: ProblemKind;
  /** The item, as a user would look it up: `source <id>`, `custody entry <seq>`, `checkpoint <id>`. */
  readonly item: string;
  /** One line: the item and what is wrong with it. */
  readonly message: string;
}

/** A log entry as stored: the leaf fields plus the payload text and the stored leaf hash. */
export interface StoredEntry extends CustodyLeaf {
  /** Canonical JSON of the payload, as stored. */
  readonly payload: string;
  /** Lowercase hex leaf hash, as stored. */
  readonly leaf_hash: string;
}

/** A stored checkpoint: its id and the signed fields. */
export interface StoredCheckpoint extends SignedCheckpoint {
  readonly id: string;
}

/**
 * Checks a custody log streamed in seq order against its checkpoints, without holding the log in
 * memory: every entry's payload hash and leaf hash are recomputed from its fields, seq must be dense
 * from 0, and the root recomputed from the recomputed leaves must equal each checkpoint's root at its
 * tree size (which is what makes every checkpoint consistent with the current tree). Signatures are
 * checked against the trusted public keys given, by key id.
 *
 * @example
 * const check = new LogChecker(checkpoints, new Map([[key.keyId, key.publicKey]]));
 * for (const row of rowsInSeqOrder) check.add(row);
 * const problems = check.finish();
 */
export class LogChecker {
  readonly #accumulator = new MerkleAccumulator();
  readonly #pending: StoredCheckpoint[];
  readonly #problems: VerifyProblem[] = [];
  #expected = 0;
  /** The first missing seq, once a gap is seen: no later root can be recomputed. */
  #firstMissing: number | undefined;
  #entries = 0;

  constructor(checkpoints: readonly StoredCheckpoint[], trustedKeys: ReadonlyMap<string, KeyObject>) {
    for (const cp of checkpoints) {
      const key = trustedKeys.get(cp.keyId);
      if (key === undefined) {
        this.#problem(
          'signature',
          `checkpoint ${cp.id}`,
          `is signed by key ${cp.keyId}, which is not a trusted key`,
        );
      } else if (!verifyCheckpointSignature(cp, key)) {
        this.#problem(
          'signature',
          `checkpoint ${cp.id}`,
          `signature does not match its contents (tree size ${cp.treeSize}, key ${cp.keyId})`,
        );
      }
    }
    this.#pending = [...checkpoints].sort((a, b) => a.treeSize - b.treeSize);
    this.#settle();
  }

  /** Number of entries seen so far. */
  get entries(): number {
    return this.#entries;
  }

  /** Feeds the next entry (rows must come in ascending seq order). */
  add(entry: StoredEntry): void {
    this.#entries += 1;
    const item = `custody entry ${entry.seq}`;
    if (entry.seq > this.#expected) {
      const missing =
        entry.seq - this.#expected === 1 ? `${this.#expected}` : `${this.#expected}–${entry.seq - 1}`;
      this.#problem(
        'gap',
        `custody entry ${this.#expected}`,
        `is missing: the log jumps to seq ${entry.seq} (entries ${missing} deleted)`,
      );
      this.#firstMissing ??= this.#expected;
    }
    this.#expected = entry.seq + 1;
    if (sha256Hex(entry.payload) !== entry.payload_sha256) {
      this.#problem(
        'entry',
        item,
        `payload does not match its payload_sha256 (${entry.action} ${entry.object_type} ${entry.object_id})`,
      );
    }
    const recomputed = leafHashHex(entry);
    if (recomputed !== entry.leaf_hash) {
      this.#problem(
        'entry',
        item,
        `contents do not match its leaf hash: the row was edited or moved (${entry.action} ${entry.object_type} ${entry.object_id})`,
      );
    }
    this.#accumulator.push(Buffer.from(recomputed, 'hex'));
    this.#settle();
  }

  /** Ends the stream; reports checkpoints that cover more entries than the log has. Returns every problem. */
  finish(): readonly VerifyProblem[] {
    for (const cp of this.#pending) {
      this.#problem(
        'checkpoint',
        `checkpoint ${cp.id}`,
        `covers ${cp.treeSize} entries but the log ends at ${this.#expected} (entries deleted from the end)`,
      );
    }
    this.#pending.length = 0;
    return [...this.#problems];
  }

  /** Checks every checkpoint whose tree size the accumulator has reached. */
  #settle(): void {
    while (this.#pending.length > 0 && (this.#pending[0]?.treeSize ?? Infinity) <= this.#expected) {
      const cp = this.#pending.shift();
      if (cp === undefined) break;
      const item = `checkpoint ${cp.id}`;
      if (this.#firstMissing !== undefined && cp.treeSize > this.#firstMissing) {
        this.#problem(
          'checkpoint',
          item,
          `(tree size ${cp.treeSize}) cannot be matched: custody entry ${this.#firstMissing} is missing`,
        );
      } else if (this.#accumulator.root().toString('hex') !== cp.rootHash) {
        this.#problem(
          'checkpoint',
          item,
          `root hash does not match the log at tree size ${cp.treeSize}: an entry before seq ${cp.treeSize} was changed`,
        );
      }
    }
  }

  #problem(kind: ProblemKind, item: string, what: string): void {
    this.#problems.push({ kind, item, message: `${item} ${what}` });
  }
}
