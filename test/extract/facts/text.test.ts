import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ABBREVIATIONS, SmallIntSet, sentenceRanges, tokenize } from '../../../src/extract/facts/text.ts';

/** The tokenizer's definition as a regular expression: the character scanner must agree with it. */
const REFERENCE = /[\p{L}\p{M}\p{N}]+(?:['’\-.&][\p{L}\p{M}\p{N}]+)*/gu;

function referenceWords(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[0]);
}

describe('tokenize', () => {
  it('joins word runs across apostrophes, hyphens, periods and ampersands', () => {
    assert.deepEqual(
      tokenize("O'Neill met al-Rashid at AT&T in 3.5 hours").map((t) => t.text),
      ["O'Neill", 'met', 'al-Rashid', 'at', 'AT&T', 'in', '3.5', 'hours'],
    );
  });

  it('keeps the period of an abbreviation or initial and splits off a possessive', () => {
    assert.deepEqual(
      tokenize('Rep. J. Doe of the U.S. said Velmora’s mayor spoke.').map((t) => t.text),
      ['Rep.', 'J.', 'Doe', 'of', 'the', 'U.S.', 'said', 'Velmora', '’s', 'mayor', 'spoke'],
    );
  });

  it('reads letters outside the basic plane and combining marks as word characters', () => {
    const text = 'x 𝐀𝐁c 😀 é\u0301a';
    assert.deepEqual(
      tokenize(text).map((t) => t.text),
      ['x', '𝐀𝐁c', 'é\u0301a'],
    );
  });

  it('finds the same words as its regular-expression definition on any text', () => {
    const unit = fc.constantFrom('a', 'B', "'", '’', '-', '.', '&', ' ', 's', 'é', '\u0301', '1', '\ud83d', '\ude00', '\ud835', '\udc00', '\n');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        const tokens = tokenize(text);
        for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
        // Re-join split possessives and drop kept abbreviation periods to compare with the definition.
        const words: string[] = [];
        tokens.forEach((t, k) => {
          const bare = t.text.endsWith('.') && !referenceWords(t.text).includes(t.text) ? t.text.slice(0, -1) : t.text;
          const prev = tokens[k - 1];
          if (prev !== undefined && prev.end === t.start && /^['’]s$/.test(t.text)) words[words.length - 1] += bare;
          else words.push(bare);
        });
        assert.deepEqual(words, referenceWords(text));
      }),
      { numRuns: 2000 },
    );
  });
});

/** sentenceRanges as first written, with the word before a period read by a regular expression. */
function referenceSentenceRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /[.!?]+["”’)]?(?=\s+["“‘(]?[\p{Lu}\p{N}])|\n\s*\n/gu;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0].startsWith('.')) {
      const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, m.index - 12), m.index));
      const word = (before?.[1] ?? '').toLowerCase();
      if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/\.$/, '')) || /^(?:\p{L}\.)*\p{L}$/u.test(word)) continue;
    }
    out.push([start, end]);
    start = end;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

describe('sentenceRanges', () => {
  it('splits after a sentence end but not after an abbreviation or initial', () => {
    const text = 'Gen. Smith spoke. J. Doe left. The U.S. Army came. Done.';
    assert.deepEqual(
      sentenceRanges(text).map(([s, e]) => text.slice(s, e).trim()),
      ['Gen. Smith spoke.', 'J. Doe left.', 'The U.S. Army came.', 'Done.'],
    );
  });

  it('agrees with its regular-expression definition on any text, letters outside ASCII included', () => {
    const unit = fc.constantFrom('a', 'B', 'mr', 'U', '.', '.', ' ', ' ', '!', '"', '’', '\n', 'é', 'É', '\ud835', '\udc00', '1', '-');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
        assert.deepEqual(sentenceRanges(text), referenceSentenceRanges(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('SmallIntSet', () => {
  it('answers as a Set of the same numbers, inside and outside its table', () => {
    const number = fc.oneof(fc.integer({ min: -10, max: 9000 }), fc.constantFrom(NaN, 0.5, -0, 8191, 8192, 1e20));
    fc.assert(
      fc.property(fc.array(number, { maxLength: 30 }), fc.array(number, { maxLength: 30 }), (values, probes) => {
        const set = new Set(values);
        const small = new SmallIntSet(values);
        for (const p of [...values, ...probes]) assert.equal(small.has(p), set.has(p));
      }),
      { numRuns: 500 },
    );
  });
});
