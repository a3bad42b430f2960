// Statements that a claim could not be verified, found by rule beside the learned cue tagger.
// Sentences are fictional.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractAttributions } from '../../src/extract/index.ts';

function only(text: string): { source: string | null; cue: string; content: string[]; stance: string } {
  const found = extractAttributions(text);
  assert.equal(
    found.length,
    1,
    JSON.stringify(found.map((a) => [a.source?.text ?? null, a.cue.text, a.content.map((c) => c.text)])),
  );
  const [a] = found;
  return {
    source: a!.source?.text ?? null,
    cue: a!.cue.text,
    content: a!.content.map((c) => c.text),
    stance: a!.stance,
  };
}

describe('verification statements', () => {
  it('reads an active one with its subject as source and its object as content', () => {
    assert.deepEqual(only('The Courier could not independently verify the footage.'), {
      source: 'The Courier',
      cue: 'could not independently verify',
      content: ['the footage'],
      stance: 'not_confirmed',
    });
    assert.deepEqual(only('The Courier was unable to independently verify the footage.'), {
      source: 'The Courier',
      cue: 'was unable to independently verify',
      content: ['the footage'],
      stance: 'not_confirmed',
    });
  });

  it('reads a passive one’s subject as what is unverified, its "by" agent as source, and no claim noun as a cue', () => {
    assert.deepEqual(only('The claim could not be independently verified.'), {
      source: null,
      cue: 'could not be independently verified',
      content: ['The claim'],
      stance: 'not_confirmed',
    });
    assert.deepEqual(only('The figures could not be confirmed by the Courier.'), {
      source: 'the Courier',
      cue: 'could not be confirmed',
      content: ['The figures'],
      stance: 'not_confirmed',
    });
    assert.deepEqual(only('Claims that the convoy was shelled could not be verified.').content, [
      'Claims that the convoy was shelled',
    ]);
  });

  it('keeps the subject of a passive within its clause', () => {
    const found = extractAttributions(
      'Two people were killed, but the figure could not be independently confirmed.',
    );
    const confirmed = found.find((a) => a.cue.text.endsWith('confirmed'));
    assert.deepEqual(
      confirmed?.content.map((c) => c.text),
      ['the figure'],
    );
  });

  it('reads one inside a quotation from its own clause', () => {
    const text =
      '"We take these reports seriously, but at this stage we cannot confirm them," the spokesman said.';
    const confirm = extractAttributions(text).find((a) => a.cue.text === 'cannot confirm');
    assert.equal(confirm?.source?.text, 'we');
    assert.deepEqual(
      confirm?.content.map((c) => c.text),
      ['them'],
    );
    assert.equal(confirm?.stance, 'not_confirmed');
  });
});
