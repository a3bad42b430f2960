import { canonicalJson } from './canonical-json.ts';
import { sha256Hex } from './hash.ts';
import { hashLeaf } from './merkle.ts';

/**
 * What one custody log entry commits to: its position, when, who did what to which object, and the
 * SHA-256 of the payload. These eight fields, as canonical JSON, are the Merkle leaf's bytes.
 */
export interface CustodyLeaf {
  /** Leaf index in the Merkle tree, dense from 0. */
  readonly seq: number;
  /** ISO 8601 UTC time the entry was appended. */
  readonly at: string;
  /** Who did it: `cli:alice`, `api:user-id`, `worker:host`. */
  readonly actor: string;
  /** What was done: `capture`, `update`, `review`, … */
  readonly action: string;
  /** The kind of thing acted on: `source`, `attribution`, `allegation`, … */
  readonly object_type: string;
  /** The thing's id. */
  readonly object_id: string;
  /** The case it belongs to, or null for entries outside any case. */
  readonly case_id: string | null;
  /** Lowercase hex SHA-256 of the payload's canonical JSON. */
  readonly payload_sha256: string;
}

/**
 * The leaf bytes of an entry: UTF-8 of the canonical JSON of exactly the eight {@link CustodyLeaf}
 * fields (keys sorted: action, actor, at, case_id, object_id, object_type, payload_sha256, seq).
 * Extra properties on `leaf` are ignored, so a database row can be passed as it is.
 */
export function leafBytes(leaf: CustodyLeaf): Buffer {
  const { seq, at, actor, action, object_type, object_id, case_id, payload_sha256 } = leaf;
  return Buffer.from(
    canonicalJson({ seq, at, actor, action, object_type, object_id, case_id, payload_sha256 }),
    'utf8',
  );
}

/** The entry's Merkle leaf hash, SHA-256(0x00 || leaf bytes), as lowercase hex (the `leaf_hash` column). */
export function leafHashHex(leaf: CustodyLeaf): string {
  return hashLeaf(leafBytes(leaf)).toString('hex');
}

/** The canonical JSON text of a payload and its SHA-256: what the log stores and commits to. */
export function hashPayload(payload: unknown): { readonly json: string; readonly sha256: string } {
  const json = canonicalJson(payload);
  return { json, sha256: sha256Hex(json) };
}
