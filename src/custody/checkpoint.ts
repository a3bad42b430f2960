import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { CorroborateError } from '../errors.ts';
import { sha256Hex } from './hash.ts';

/**
 * Signed checkpoints: a tree size and Merkle root, with a time, signed with Ed25519. Anyone holding the
 * public key can check a checkpoint offline, and with an inclusion proof, that an entry is in the log.
 */

/** The first line of every checkpoint's signed text; changes if the format ever does. */
export const CHECKPOINT_HEADER = 'corroborate custody checkpoint v1';

/** What a checkpoint asserts, before signing. */
export interface CheckpointBody {
  /** Number of log entries covered (entries with seq < treeSize). */
  readonly treeSize: number;
  /** Lowercase hex RFC 6962 root of those entries. */
  readonly rootHash: string;
  /** ISO 8601 UTC time of signing. */
  readonly at: string;
  /** Id of the signing key: see {@link keyIdOf}. */
  readonly keyId: string;
}

/** A checkpoint with its Ed25519 signature (base64) over {@link checkpointText}. */
export interface SignedCheckpoint extends CheckpointBody {
  readonly signature: string;
}

/** An Ed25519 key pair as node:crypto key objects plus the derived id and raw public key. */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** {@link keyIdOf} the public key. */
  readonly keyId: string;
  /** The raw 32-byte public key, base64: the form printed by `corroborate key` and put in proofs. */
  readonly publicKeyBase64: string;
}

/**
 * The exact text a checkpoint signature covers: five lines, each ended by "\n", UTF-8:
 * ```
 * corroborate custody checkpoint v1
 * tree_size 42
 * root_hash <64 lowercase hex>
 * at 2026-01-01T00:00:00.000Z
 * key_id <16 lowercase hex>
 * ```
 */
export function checkpointText(body: CheckpointBody): string {
  return [
    CHECKPOINT_HEADER,
    `tree_size ${body.treeSize}`,
    `root_hash ${body.rootHash}`,
    `at ${body.at}`,
    `key_id ${body.keyId}`,
    '',
  ].join('\n');
}

/** The raw 32-byte Ed25519 public key inside a node:crypto public key object. */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  // An Ed25519 SubjectPublicKeyInfo is a fixed 12-byte header followed by the 32 raw bytes.
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32);
}

/** A key's id: the first 16 hex digits of SHA-256 of its raw 32-byte public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(rawPublicKey(publicKey)).slice(0, 16);
}

/** Wraps a private key object into a {@link SigningKey}. */
export function signingKeyFrom(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new CorroborateError(
      'config',
      `custody key is ${privateKey.asymmetricKeyType ?? 'unknown'}, not Ed25519`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeyBase64: rawPublicKey(publicKey).toString('base64'),
  };
}

/** Generates a fresh Ed25519 signing key. */
export function generateSigningKey(): SigningKey {
  return signingKeyFrom(generateKeyPairSync('ed25519').privateKey);
}

/** Parses a PKCS#8 PEM private key (the `custody.key` file) into a {@link SigningKey}. */
export function parseSigningKey(pem: string): SigningKey {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new CorroborateError('config', `custody key is not a PEM private key: ${(error as Error).message}`);
  }
  return signingKeyFrom(key);
}

/** A public key object from its raw 32 bytes in base64 (as printed in proofs). */
export function publicKeyFromBase64(raw: string): KeyObject {
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length !== 32) throw new CorroborateError('invalid_input', 'an Ed25519 public key has 32 bytes');
  const header = Buffer.from('302a300506032b6570032100', 'hex');
  return createPublicKey({ key: Buffer.concat([header, bytes]), format: 'der', type: 'spki' });
}

/** Signs a checkpoint body with `key`; the body's keyId must be the key's. */
export function signCheckpoint(body: Omit<CheckpointBody, 'keyId'>, key: SigningKey): SignedCheckpoint {
  const full: CheckpointBody = { ...body, keyId: key.keyId };
  const signature = sign(null, Buffer.from(checkpointText(full), 'utf8'), key.privateKey).toString('base64');
  return { ...full, signature };
}

/** True when `checkpoint.signature` is a valid Ed25519 signature by `publicKey` over its text. */
export function verifyCheckpointSignature(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  const signature = Buffer.from(checkpoint.signature, 'base64');
  if (signature.length !== 64) return false;
  try {
    return verify(null, Buffer.from(checkpointText(checkpoint), 'utf8'), publicKey, signature);
  } catch {
    return false;
  }
}
