// Texts here are fictional.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hashLower, hashWord, Shape, TokenKind, tokenAtOrAfter, tokenBefore, tokenize, tokenText } from '../../src/text/tokens.ts';

const texts = (t: ReturnType<typeof tokenize>): string[] => Array.from({ length: t.count }, (_, i) => tokenText(t, i));

describe('tokenize', () => {
  it('gives every token the hashLower of its text, whatever its characters', () => {
    const text = 'ÉCOLE Straße İstanbul KELVIN\u212A 𝐀𝐁c 😀x “Quoted” ÀB-9 ';
    const t = tokenize(text);
    assert.ok(t.count > 8);
    for (let i = 0; i < t.count; i++) assert.equal(t.lower[i], hashLower(text, t.start[i]!, t.end[i]!), tokenText(t, i));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const u = tokenize(s);
        for (let i = 0; i < u.count; i++) assert.equal(u.lower[i], hashLower(s, u.start[i]!, u.end[i]!));
      }),
      { numRuns: 300 },
    );
  });

  it('splits runs of letters and digits from single other characters', () => {
    const t = tokenize('“Mayor O’Rourke said 5,000,” she wrote.');
    assert.deepEqual(texts(t), ['“', 'Mayor', 'O', '’', 'Rourke', 'said', '5', ',', '000', ',', '”', 'she', 'wrote', '.']);
  });

  it('records kinds, shapes and line breaks', () => {
    const t = tokenize('NATO said\n\nabc 42 B2');
    assert.equal(t.shape[0], Shape.upper);
    assert.equal(t.shape[1], Shape.lower);
    assert.equal(t.newlineBefore[2], 1);
    assert.equal(t.kind[3], TokenKind.number);
    assert.equal(t.kind[4], TokenKind.mixed);
  });

  it('keeps non-Latin letters together and surrogate pairs whole', () => {
    const t = tokenize('Мэр сказал 😀 明天');
    assert.deepEqual(texts(t), ['Мэр', 'сказал', '😀', '明天']);
  });

  it('hashes case-insensitively', () => {
    assert.equal(hashLower('SAID', 0, 4), hashWord('said'));
  });

  it('finds tokens by offset', () => {
    const t = tokenize('ab  cd');
    assert.equal(tokenAtOrAfter(t, 2), 1);
    assert.equal(tokenBefore(t, 4), 0);
    assert.equal(tokenAtOrAfter(t, 6), 2);
  });

  it('covers every non-space character exactly once, in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const t = tokenize(s);
        let covered = 0;
        let last = 0;
        for (let i = 0; i < t.count; i++) {
          assert.ok(t.start[i]! >= last && t.end[i]! > t.start[i]! && t.end[i]! <= s.length);
          covered += t.end[i]! - t.start[i]!;
          last = t.end[i]!;
        }
        const spaces = [...s].filter((c) => /\s/u.test(c)).reduce((n, c) => n + c.length, 0);
        assert.equal(covered + spaces, s.length);
      }),
    );
  });
});
