import { createHash } from 'node:crypto';

/** SHA-256 of `data` (a string is hashed as its UTF-8 bytes), as lowercase hex: the form every hash column holds. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of `data` as raw bytes, for Merkle tree nodes. */
export function sha256Bytes(...parts: readonly Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}
