import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  checkpointText,
  generateSigningKey,
  keyPath,
  loadOrCreateSigningKey,
  publicKeyFromBase64,
  readSigningKey,
  signCheckpoint,
  verifyCheckpointSignature,
} from '../../src/custody/index.ts';
import { tempDir } from '../helpers/temp.ts';

const body = { treeSize: 42, rootHash: 'ab'.repeat(32), at: '2026-01-01T00:00:00.000Z' };

describe('checkpointText', () => {
  it('is five newline-ended lines in a fixed order', () => {
    assert.equal(
      checkpointText({ ...body, keyId: '0123456789abcdef' }),
      `corroborate custody checkpoint v1\ntree_size 42\nroot_hash ${'ab'.repeat(32)}\nat 2026-01-01T00:00:00.000Z\nkey_id 0123456789abcdef\n`,
    );
  });
});

describe('signCheckpoint', () => {
  it('produces a signature that the public key accepts', () => {
    const key = generateSigningKey();
    const signed = signCheckpoint(body, key);
    assert.equal(signed.keyId, key.keyId);
    assert.ok(verifyCheckpointSignature(signed, key.publicKey));
    assert.ok(verifyCheckpointSignature(signed, publicKeyFromBase64(key.publicKeyBase64)));
  });

  it('makes the signature fail when any signed field changes', () => {
    const key = generateSigningKey();
    const signed = signCheckpoint(body, key);
    assert.ok(!verifyCheckpointSignature({ ...signed, treeSize: 43 }, key.publicKey));
    assert.ok(!verifyCheckpointSignature({ ...signed, rootHash: 'cd'.repeat(32) }, key.publicKey));
    assert.ok(!verifyCheckpointSignature({ ...signed, at: '2026-01-01T00:00:01.000Z' }, key.publicKey));
    assert.ok(!verifyCheckpointSignature(signed, generateSigningKey().publicKey));
    assert.ok(!verifyCheckpointSignature({ ...signed, signature: 'not base64 of 64 bytes' }, key.publicKey));
  });
});

describe('loadOrCreateSigningKey', () => {
  it('creates the key on first use with mode 0600 and reuses it afterwards', () => {
    const home = join(tempDir(), 'home');
    assert.equal(readSigningKey(home), undefined);
    const first = loadOrCreateSigningKey(home);
    assert.equal(statSync(keyPath(home)).mode & 0o777, 0o600);
    const again = loadOrCreateSigningKey(home);
    assert.equal(again.keyId, first.keyId);
    assert.equal(readSigningKey(home)?.publicKeyBase64, first.publicKeyBase64);
    assert.equal(Buffer.from(first.publicKeyBase64, 'base64').length, 32);
    assert.match(first.keyId, /^[0-9a-f]{16}$/);
  });

  it('refuses a key file that is not a PEM private key', () => {
    const home = tempDir();
    writeFileSync(keyPath(home), 'garbage');
    assert.throws(() => loadOrCreateSigningKey(home), /custody key is not a PEM private key/);
  });
});
