import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normaliseText, sha256Hex } from '../../src/capture/index.ts';

describe('normaliseText', () => {
  it('uses \\n line endings, trims trailing spaces and collapses runs of blank lines', () => {
    assert.equal(normaliseText('\r\n\r\nTitle  \r\n\r\n\r\n\r\nBody\ttext \t\rLast\u00a0\n\n'), 'Title\n\nBody\ttext\nLast');
  });

  it('composes characters to NFC', () => {
    assert.equal(normaliseText('Gazette de Bre\u0301nnois'), 'Gazette de Br\u00e9nnois');
  });

  it('keeps leading indentation and single blank lines', () => {
    assert.equal(normaliseText('  indented\n\nnext'), '  indented\n\nnext');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), (text) => {
        const once = normaliseText(text);
        assert.equal(normaliseText(once), once);
      }),
    );
  });
});

describe('sha256Hex', () => {
  it('hashes a string as its UTF-8 bytes', () => {
    assert.equal(sha256Hex('é'), sha256Hex(new Uint8Array([0xc3, 0xa9])));
    assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
