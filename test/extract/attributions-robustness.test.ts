// Property-based tests: any text, however odd, yields well-formed attributions in linear time.
// Generated texts are random fragments of fictional phrases.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractAttributions, type ExtractionStats } from '../../src/extract/attributions.ts';
import type { Attribution } from '../../src/extract/types.ts';

const PIECES = [
  'said', 'told', 'according to', 'Mayor Elin Dask', 'the council', 'he', 'alleged', 'denied', 'claims', 'may have',
  '“', '”', '"', '«', '»', '‘', '’', "'", ',', '.', ':', '!', '?', '—', '(', ')', '\n', '\n\n', '<p>', '</p>',
  '<br/>', '&amp;', 'SAID', 'WITNESSES HAVE SEEN', 'Бойченко сказал', '市长说', 'dijo el alcalde', '😀', '\u00a0',
  'in a statement', 'interviewed more than 20 people', 'eyewitness accounts', '5,000', 'Dr.', 'U.S.',
];

const textArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((parts) => parts.join(' ')),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((parts) => parts.join('')),
);

function checkWellFormed(text: string, found: readonly Attribution[]): void {
  let lastCue = -1;
  for (const a of found) {
    const spans = [a.cue, ...a.content, ...(a.source === null ? [] : [a.source])];
    for (const s of spans) {
      assert.ok(s.start >= 0 && s.start < s.end && s.end <= text.length, `span ${s.start}-${s.end} outside text`);
      assert.equal(text.slice(s.start, s.end), s.text);
    }
    for (let k = 1; k < a.content.length; k++) assert.ok(a.content[k - 1]!.end <= a.content[k]!.start);
    assert.ok(a.cue.start > lastCue, 'attributions in cue order');
    lastCue = a.cue.start;
    assert.ok(a.confidence >= 0 && a.confidence <= 1);
    if (a.parent !== null) assert.ok(found.some((b) => b.id === a.parent));
  }
}

describe('extractAttributions on arbitrary text', () => {
  it('never throws and keeps every span inside the text and in order', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        checkWellFormed(text, extractAttributions(text));
      }),
      { numRuns: 300 },
    );
  });

  it('handles empty, one-word, all-caps and unpunctuated text', () => {
    // the last two were found by the property above: a widened clause overlapping an earlier fragment,
    // a dateline running up to the cue
    const found = ['WITNESSES HAVE SEEN Dr. according to', 'KESTRAVA — , he said.'];
    for (const text of ['', 'said', 'THE MAYOR SAID THE DAM WILL HOLD', 'he said they said we said '.repeat(50), '"""“““«««', ...found]) {
      checkWellFormed(text, extractAttributions(text));
    }
  });

  it('bounds the work per token, even on run-on text made of cue words', () => {
    const unit = 'the mayor said he told them she said that they alleged ';
    const text = unit.repeat(Math.ceil((256 * 1024) / unit.length));
    const stats: ExtractionStats = { tokens: 0, cues: 0, roleTokens: 0 };
    const found = extractAttributions(text, { stats });
    checkWellFormed(text, found);
    assert.ok(stats.tokens > 45_000);
    assert.ok(stats.roleTokens <= 13 * stats.tokens + 1000, `role work ${stats.roleTokens} for ${stats.tokens} tokens`);
  });

  it('does the same work per token on short and long news-like text', () => {
    const para =
      '“The dam will hold,” said Mayor Tomas Kreel. The council denied the claims in a statement. ' +
      'Officials told Radio Vale they have not confirmed the figures, according to the agency.\n\n';
    const small: ExtractionStats = { tokens: 0, cues: 0, roleTokens: 0 };
    const large: ExtractionStats = { tokens: 0, cues: 0, roleTokens: 0 };
    extractAttributions(para.repeat(10), { stats: small });
    extractAttributions(para.repeat(1000), { stats: large });
    const perToken = (s: ExtractionStats): number => s.roleTokens / s.tokens;
    assert.ok(Math.abs(perToken(large) - perToken(small)) < 0.1 * perToken(small) + 0.01);
  });
});
