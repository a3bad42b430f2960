/**
 * The custody log's pure core: canonical JSON, RFC 6962 Merkle hashing and proofs, leaf encoding,
 * Ed25519-signed checkpoints and the log checker behind `corroborate verify`. The repository over the
 * `custody_entries` and `checkpoints` tables is `src/store/custody.ts`; formats are in docs/CUSTODY.md.
 */
export { canonicalJson } from './canonical-json.ts';
export { sha256Hex, sha256Bytes } from './hash.ts';
export {
  EMPTY_ROOT,
  hashLeaf,
  hashChildren,
  merkleRoot,
  MerkleAccumulator,
  inclusionProof,
  verifyInclusion,
  consistencyProof,
  verifyConsistency,
} from './merkle.ts';
export { leafBytes, leafHashHex, hashPayload, type CustodyLeaf } from './entry.ts';
export {
  CHECKPOINT_HEADER,
  checkpointText,
  rawPublicKey,
  keyIdOf,
  signingKeyFrom,
  generateSigningKey,
  parseSigningKey,
  publicKeyFromBase64,
  signCheckpoint,
  verifyCheckpointSignature,
  type CheckpointBody,
  type SignedCheckpoint,
  type SigningKey,
} from './checkpoint.ts';
export { KEY_FILE_NAME, keyPath, readSigningKey, loadOrCreateSigningKey } from './key-file.ts';
export {
  LogChecker,
  type ProblemKind,
  type VerifyProblem,
  type StoredEntry,
  type StoredCheckpoint,
} from './log-check.ts';
