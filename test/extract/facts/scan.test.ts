import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createScanner } from '../../../src/extract/facts/scan.ts';
import { DATE_PATTERNS } from '../../../src/extract/dates.ts';

/** Fragments date expressions are made of, plus near misses (glued, underscored, accented, other case). */
const FRAGMENTS = [
  'Jan.', 'January', 'Feb', 'Mar.', 'March', 'Marching', 'May', 'June', 'Sept.', 'Sep.', 'September', 'Dec', 'Decem',
  'in', 'In', 'IN', 'since', 'until', 'by', 'the', 'The', 'then', 'end of', 'beginning of', 'mid-', 'mid', 'early', 'late',
  'last', 'Last', 'this', 'next', 'past', 'on', 'earlier', 'later', 'today', 'Today', 'yesterday', 'tonight', 'night',
  'a', 'an', 'A', 'one', 'two', 'several', 'few', 'a few', 'couple of', 'almost', 'more than', 'at least', 'about', 'around',
  'days', 'day', 'weeks', 'months', 'years', 'year', 'decade', 'ago', 'old', 'hours', 'full', 'morning', 'weekend',
  'Monday', 'Friday', 'Sunday', 'noon', 'noontime', 'midnight', 'dawn', 'dawning', 'dusk', 'shortly after', 'a.m.', 'p.m.', 'pm',
  'since the invasion', 'war began', 'of', 'circa', 'summer', 'fall',
  '1', '9', '12', '24th', '2022', '1990', '1990s', '2016-03-04', '9:30', '10', '300', '2022.5', '2,000',
  '_', '_Jan', 'éJan', 'x2022', 'A1', 'people', 'killed', '%',
];
const SEPARATORS = [' ', '  ', ', ', '. ', '\n', '', '-', '(', ')', '"', '’s ', ' \u00a0'];

const texts = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

function reference(re: RegExp, text: string): [number, string][] {
  return [...text.matchAll(re)].map((m) => [m.index, m[0]]);
}

describe('createScanner', () => {
  const scanner = createScanner(DATE_PATTERNS);

  it('finds exactly the matches of matchAll for every date pattern', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const found = scanner.scan(text);
        DATE_PATTERNS.forEach((p, k) => {
          assert.deepEqual(
            (found[k] ?? []).map((m) => [m.index, m[0]]),
            reference(p.re, text),
            `${p.re.source} on ${JSON.stringify(text)}`,
          );
        });
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('keeps capture groups and leftmost non-overlapping order', () => {
    const s = createScanner([{ re: /\b(in|on)\s+(\d+)/g, words: ['in', 'on'], digits: false }]);
    const [matches = []] = s.scan('in 2 on 3 in4 xin 5');
    assert.deepEqual(
      matches.map((m) => [m.index, m[1], m[2]]),
      [
        [0, 'in', '2'],
        [5, 'on', '3'],
      ],
    );
  });

  it('rejects patterns whose matches the word-start test cannot see', () => {
    assert.throws(() => createScanner([{ re: /\bin/u, words: ['in'], digits: false }]));
    assert.throws(() => createScanner([{ re: /\bin/gu, words: ['in'], digits: false }]));
    assert.throws(() => createScanner([{ re: /\bin/g, words: ['in-'], digits: false }]));
  });
});
