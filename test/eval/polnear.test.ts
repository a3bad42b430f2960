// The article and annotations below are fictional.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAnn, readPolnear } from '../../src/eval/polnear.ts';
import { tempDir } from '../helpers/temp.ts';

const TEXT = 'Mayor Ilse Varga said the bridge at Dornholt was closed. It was reported that trains stopped.';
const ANN = [
  'T1\tSource 0 16\tMayor Ilse Varga',
  'T2\tCue 17 21\tsaid',
  'T3\tContent 22 31;36 55\tthe bridge … Dornholt was closed',
  'T4\tAttribution 17 21\tsaid',
  'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
  'T5\tCue 57 72\tIt was reported',
  'T6\tContent 73 93\tthat trains stopped.',
  'T7\tAttribution-no-source 57 72\tIt was reported',
  'E2\tAttribution-no-source:T7 Cue:T5 Content:T6',
  'T8\tDiscard 0 5\tMayor',
  '#1\tAnnotatorNotes T1\tnote',
  'E3\tAttribution-no-source:T8',
].join('\n');

describe('parseAnn', () => {
  it('binds source, cue and split content spans per relation', () => {
    const [a, b] = parseAnn(ANN);
    assert.deepEqual(a, { cue: [[17, 21]], sources: [[0, 16]], contents: [[22, 31], [36, 55]] });
    assert.deepEqual(b, { cue: [[57, 72]], sources: [], contents: [[73, 93]] });
  });

  it('ignores discard flags, notes and relations without a cue', () => {
    assert.equal(parseAnn(ANN).length, 2);
  });
});

describe('readPolnear', () => {
  it('reads each article with the annotation file whose annotator code sorts first', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'text'));
    mkdirSync(join(dir, 'attributions'));
    writeFileSync(join(dir, 'text', 'demo_article.txt'), TEXT);
    writeFileSync(join(dir, 'attributions', 'demo_article_b2c4.ann'), 'T1\tCue 17 21\tsaid\nE1\tAttribution:T1 Cue:T1');
    writeFileSync(join(dir, 'attributions', 'demo_article_a9f0.ann'), ANN);
    writeFileSync(join(dir, 'text', 'unannotated.txt'), 'No annotations.');
    const docs = readPolnear(dir);
    assert.equal(docs.length, 1);
    assert.equal(docs[0]?.annotator, 'a9f0');
    assert.equal(docs[0]?.attributions.length, 2);
  });

  it('names the folder when it is not PolNeAR-shaped', () => {
    const dir = tempDir();
    assert.throws(() => readPolnear(dir), /not a PolNeAR folder/);
  });
});
