// Texts here are fictional.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { layout } from '../../src/text/sentences.ts';
import { tokenize, tokenText } from '../../src/text/tokens.ts';

function sentences(text: string): string[] {
  const t = tokenize(text);
  const l = layout(t);
  return Array.from(l.sentenceStart, (s, k) => text.slice(t.start[s], t.end[l.sentenceEnd[k]! - 1]));
}

describe('layout', () => {
  it('ends sentences at terminal punctuation before a capital', () => {
    assert.deepEqual(sentences('The mayor spoke. Then he left! Was it late? Yes.'), [
      'The mayor spoke.',
      'Then he left!',
      'Was it late?',
      'Yes.',
    ]);
  });

  it('keeps abbreviations, initials and closing quotes inside the sentence', () => {
    assert.deepEqual(sentences('Sen. J. Harrow met Dr. Vell in the U.S. capital. “It went well.” She left.'), [
      'Sen. J. Harrow met Dr. Vell in the U.S. capital.',
      '“It went well.”',
      'She left.',
    ]);
  });

  it('breaks sentences and paragraphs at line breaks', () => {
    const t = tokenize('no punctuation here\nnext line');
    const l = layout(t);
    assert.equal(l.sentenceStart.length, 2);
    assert.equal(l.paragraph[t.count - 1], 1);
  });

  it('marks quoted tokens for curly, straight and guillemet quotes', () => {
    for (const [open, close] of [['“', '”'], ['"', '"'], ['«', '»']] as const) {
      const text = `He said ${open}we stay${close} today.`;
      const t = tokenize(text);
      const l = layout(t);
      const quoted = Array.from({ length: t.count }, (_, i) => i).filter((i) => l.inQuote[i] === 1).map((i) => tokenText(t, i));
      assert.deepEqual(quoted, [open, 'we', 'stay', close]);
    }
  });

  it('treats an apostrophe inside a word as no quotation mark', () => {
    const t = tokenize('It’s the council’s view.');
    const l = layout(t);
    assert.equal(l.inQuote.reduce((a, b) => a + b, 0), 0);
  });

  it('resets an unclosed quotation at the paragraph end', () => {
    const t = tokenize('“Open quote never closed\n\nPlain text');
    const l = layout(t);
    assert.equal(l.inQuote[t.count - 1], 0);
  });
});
