// Fictional sentences (invented places, people and organisations) for the eighth pass's repair rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractAttributions } from '../../src/extract/attributions.ts';
import type { Attribution } from '../../src/extract/types.ts';

/** Source, cue and contents of each attribution, for an assertion's message. */
function summary(found: readonly Attribution[]): string {
  return JSON.stringify(found.map((a) => [a.source?.text ?? null, a.cue.text, a.content.map((c) => c.text)]));
}

/** [source, cue, contents] of the attribution whose cue is `cue`, or undefined. */
function shape(found: readonly Attribution[], cue: string): [string | null, string, string[]] | undefined {
  const a = found.find((x) => x.cue.text === cue);
  return a === undefined ? undefined : [a.source?.text ?? null, a.cue.text, a.content.map((c) => c.text)];
}

describe('extractAttributions (eighth pass)', () => {
  it('reads a figure put at a value and a statement disputed after its subject as cues', () => {
    const toll = extractAttributions('The regional health ministry put the death toll at 41 on Tuesday.');
    assert.deepEqual(shape(toll, 'put'), ['The regional health ministry', 'put', ['the death toll at 41 on Tuesday']], summary(toll));
    const account = extractAttributions('Three soldiers said the unit had fired only at armed men. A fourth soldier disputed this account.');
    assert.deepEqual(shape(account, 'disputed'), ['A fourth soldier', 'disputed', ['this account']], summary(account));
    // not a figure reported: "put a number on it"
    assert.equal(shape(extractAttributions('I will put a number on it to give it more meat.'), 'put'), undefined);
  });
});
