// Texts here are fictional.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDocumentCounts, emptyCounts, scores, type ScoredAttribution } from '../../src/eval/citron.ts';

const TEXT = 'Mayor Ilse Varga said the bridge was closed , officials added .';
const at = (s: string): readonly [number, number] => {
  const i = TEXT.indexOf(s);
  return [i, i + s.length];
};
const gold: ScoredAttribution[] = [
  { cue: [at('said')], sources: [at('Mayor Ilse Varga')], contents: [at('the bridge was closed')] },
  { cue: [at('added')], sources: [at('officials')], contents: [at('the bridge was closed')] },
];

function run(predicted: ScoredAttribution[]): ReturnType<typeof scores> {
  const counts = emptyCounts();
  addDocumentCounts(counts, TEXT, predicted, gold);
  return scores(counts);
}

describe('citron scores', () => {
  it('gives 1 everywhere for a perfect prediction', () => {
    const s = run(gold);
    for (const part of ['cue', 'source', 'content', 'all'] as const) {
      assert.deepEqual(s[part].exact, { p: 1, r: 1, f1: 1 });
    }
    assert.equal(s.cue.overlap.f1, 1);
  });

  it('counts a source as exact only next to an overlapping cue', () => {
    const s = run([{ cue: [at('said')], sources: [at('Ilse Varga')], contents: [at('the bridge was closed')] }]);
    assert.deepEqual(s.cue.exact, { p: 1, r: 0.5, f1: 2 / 3 });
    assert.equal(s.source.exact.p, 0);
    assert.equal(s.content.exact.p, 1);
    assert.equal(s.all.exact.p, 0);
  });

  it('measures overlap in tokens, ignoring whitespace and character offsets inside tokens', () => {
    // "Ilse Varga" is 2 of the 3 source tokens; the content off by characters still covers its tokens
    const [a, b] = at('the bridge was clos');
    const s = run([{ cue: [at('said')], sources: [at('Ilse Varga')], contents: [[a, b]] }]);
    assert.equal(s.source.overlap.p, 1);
    assert.equal(s.source.overlap.r, 2 / 4);
    assert.equal(s.content.exact.p, 1);
  });

  it('scores nothing predicted as zero precision and recall', () => {
    const s = run([]);
    assert.deepEqual(s.cue.exact, { p: 0, r: 0, f1: 0 });
    assert.deepEqual(s.content.overlap, { p: 0, r: 0, f1: 0 });
  });
});
