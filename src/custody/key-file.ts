import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorroborateError } from '../errors.ts';
import { generateSigningKey, parseSigningKey, type SigningKey } from './checkpoint.ts';

/** File name of the signing key inside the home folder (`config.home`). */
export const KEY_FILE_NAME = 'custody.key';

/** Where the signing key lives for a given home folder. */
export function keyPath(keyDir: string): string {
  return join(keyDir, KEY_FILE_NAME);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Reads the custody signing key from `keyDir/custody.key`, or undefined when there is none yet.
 * Never creates one: verification must not invent the key it checks against.
 */
export function readSigningKey(keyDir: string): SigningKey | undefined {
  let pem: string;
  try {
    pem = readFileSync(keyPath(keyDir), 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw new CorroborateError('config', `cannot read ${keyPath(keyDir)}: ${(error as Error).message}`);
  }
  return parseSigningKey(pem);
}

/**
 * Reads the custody signing key, creating it on first use: a new Ed25519 key written as PKCS#8 PEM
 * to `keyDir/custody.key` with file mode 0600 (the folder is created with 0700). Creation uses an
 * exclusive open, so two processes starting at once end up sharing one key.
 */
export function loadOrCreateSigningKey(keyDir: string): SigningKey {
  const existing = readSigningKey(keyDir);
  if (existing !== undefined) return existing;
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const key = generateSigningKey();
  const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const path = keyPath(keyDir);
  // Write a complete temporary file, then hard-link it into place: the link fails if another process
  // won the race, and nobody ever reads a half-written key.
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, pem, { flag: 'wx', mode: 0o600 });
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const raced = readSigningKey(keyDir);
      if (raced !== undefined) return raced;
    }
    throw new CorroborateError('config', `cannot create ${path}: ${(error as Error).message}`);
  } finally {
    rmSync(temp, { force: true });
  }
  // The umask can only remove bits, but be explicit in case the file system ignored the open mode.
  if ((statSync(path).mode & 0o777) !== 0o600) chmodSync(path, 0o600);
  return key;
}
