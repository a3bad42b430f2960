import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeText, looksBinary } from '../../src/capture/index.ts';

describe('decodeText', () => {
  it("refuses invalid UTF-8 with 'not valid UTF-8' naming the item", () => {
    assert.throws(() => decodeText(new Uint8Array([0x61, 0xe9, 0x62]), 'latin.txt'), {
      code: 'encoding',
      message: 'latin.txt: not valid UTF-8',
    });
  });

  it('decodes a declared single-byte charset', () => {
    assert.equal(decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'x', 'windows-1252'), 'café');
  });

  it('follows a UTF-16 byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Kestrava', 'utf16le')]);
    assert.equal(decodeText(bytes, 'x'), 'Kestrava');
  });

  it('drops a UTF-8 byte-order mark', () => {
    assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]), 'x'), 'hi');
  });

  it('refuses an unknown charset', () => {
    assert.throws(() => decodeText(new Uint8Array([0x61]), 'x', 'klingon-8'), /unknown charset/);
  });
});

describe('looksBinary', () => {
  it('flags NUL bytes but not UTF-16 text', () => {
    assert.equal(looksBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), true);
    assert.equal(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le')])), false);
    assert.equal(looksBinary(Buffer.from('plain text\n')), false);
  });
});
