// Texts here are fictional.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { documentContext } from '../../src/extract/attribution-features.ts';
import { PENN_TAGS, readPosLexicon } from '../../src/text/pos.ts';
import { hashWord } from '../../src/text/tokens.ts';

/** Token text and Penn tag name per token, as the attribution taggers see them. */
function tagged(text: string): string[] {
  const ctx = documentContext(text);
  return Array.from(ctx.pos, (p, i) => `${text.slice(ctx.tokens.start[i], ctx.tokens.end[i])}/${p === 0 ? '-' : PENN_TAGS[p - 1]}`);
}

describe('part-of-speech lexicon', () => {
  it('gives known words their most frequent Brill tag', () => {
    assert.deepEqual(tagged('She said the reports were credible.'), [
      'She/PRP',
      'said/VBD',
      'the/DT',
      'reports/NNS',
      'were/VBD',
      'credible/JJ',
      './-',
    ]);
  });

  it('prefers the lowercase entry, so a capitalised "May" is still the modal', () => {
    assert.deepEqual(tagged('May they leave?'), ['May/MD', 'they/PRP', 'leave/VB', '?/-']);
  });

  it('guesses unknown words from shape and ending', () => {
    assert.deepEqual(tagged('Velmorad blorpified 4,200 zentaks quizzingly while glarking'), [
      'Velmorad/NNP',
      'blorpified/VBD',
      '4/CD',
      ',/-',
      '200/CD',
      'zentaks/NNS',
      'quizzingly/RB',
      'while/IN',
      'glarking/VBG',
    ]);
  });

  it('gives words with the same tag list the same ambiguity class, and different lists different ones', () => {
    const { hashes, classes } = readPosLexicon();
    const amb = (w: string): number => classes[hashes.indexOf(hashWord(w))]!;
    assert.equal(amb('warned'), amb('urged'));
    assert.notEqual(amb('said'), amb('the'));
    assert.ok(hashes.length > 75_000); // 89,539 entries, fewer once folded to lowercase
  });
});
