import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { evaluateFacts, matchSpans, parseMarkup, readFactGold, resolveSpecs, type FactSpan } from '../../src/eval/facts.ts';
import { extractFacts } from '../../src/extract/facts.ts';
import { loadGazetteer } from '../../src/extract/gazetteer.ts';
import { isCorroborateError } from '../../src/errors.ts';
import { tempDir } from '../helpers/temp.ts';

describe('parseMarkup', () => {
  it('strips inline markup and keeps typed spans with values', () => {
    const { text, spans } = parseMarkup('[[Person|Anna Lind]] said on [[Temporal|Tuesday|2022-04-05]].');
    assert.equal(text, 'Anna Lind said on Tuesday.');
    assert.deepEqual(spans, [
      { type: 'Person', start: 0, end: 9, value: null },
      { type: 'Temporal', start: 18, end: 25, value: '2022-04-05' },
    ]);
  });
});

describe('resolveSpecs', () => {
  it('marks every word-bounded occurrence except those inside a longer gold span', () => {
    const text = 'The Mariupol City Council met in Mariupol; Mariupolites cheered.';
    const spans = resolveSpecs(text, [{ type: 'Location', text: 'Mariupol' }, { type: 'Organisation', text: 'Mariupol City Council' }], 'doc');
    assert.deepEqual(spans.map((s) => [s.type, text.slice(s.start, s.end)]), [['Organisation', 'Mariupol City Council'], ['Location', 'Mariupol']]);
  });

  it('names the document and the span when a gold span is not in the text', () => {
    assert.throws(() => resolveSpecs('abc', [{ type: 'Person', text: 'Nobody' }], 'gold/x.json'), (e: unknown) => isCorroborateError(e, 'malformed') && /gold\/x\.json.*Nobody/.test(e.message));
  });
});

describe('matchSpans', () => {
  it('matches one to one by overlap within a type', () => {
    const gold: FactSpan[] = [{ type: 'Quantity', start: 0, end: 10 }, { type: 'Quantity', start: 20, end: 30 }];
    const predicted: FactSpan[] = [{ type: 'Quantity', start: 2, end: 8 }, { type: 'Quantity', start: 3, end: 9 }, { type: 'Location', start: 20, end: 30 }];
    const counts = matchSpans(gold, predicted);
    assert.deepEqual([counts.Quantity.tp, counts.Quantity.gold, counts.Quantity.predicted], [1, 2, 2]);
    assert.deepEqual([counts.Location.tp, counts.Location.predicted], [0, 1]);
  });
});

describe('readFactGold', () => {
  it('rejects a gold file that is not JSON with its path', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    assert.throws(() => readFactGold(dir), (e: unknown) => isCorroborateError(e, 'malformed') && e.message.includes('bad.json'));
  });

  it('reads text-addressed gold from a text file beside it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'texts'));
    writeFileSync(join(dir, 'texts', 'a.txt'), 'Shelling hit Kharkiv on Monday.');
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ published: '2023-06-16', textFile: 'texts/a.txt', spans: [{ type: 'Location', text: 'Kharkiv', value: 'UA' }] }));
    const [doc] = readFactGold(dir);
    assert.equal(doc?.spans.length, 1);
    assert.equal(doc?.published, '2023-06-16');
  });
});

describe('evaluateFacts', () => {
  it('scores the committed dev set above the issue targets', () => {
    const gazetteer = loadGazetteer();
    const docs = readFactGold(new URL('../../eval-data/facts', import.meta.url).pathname);
    assert.ok(docs.length >= 33);
    const report = evaluateFacts(docs, (d) => extractFacts(d.text, { published: d.published, attributions: [], caseRegion: d.caseRegion, gazetteer }));
    assert.ok(report.types.Location.f1 >= 0.8, `Location F1 ${report.types.Location.f1}`);
    assert.ok(report.types.Temporal.f1 >= 0.8, `Temporal F1 ${report.types.Temporal.f1}`);
    assert.ok(report.types.Person.f1 >= 0.75, `Person F1 ${report.types.Person.f1}`);
    assert.ok(report.types.Organisation.f1 >= 0.75, `Organisation F1 ${report.types.Organisation.f1}`);
    assert.ok(report.types.Quantity.f1 >= 0.7, `Quantity F1 ${report.types.Quantity.f1}`);
  });
});

describe('factsEval', () => {
  it('prints one JSON report for a gold folder and names a missing --gold', async () => {
    const { factsEval } = await import('../../src/cli/eval/facts.ts');
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ published: '2023-06-16', annotated: '[[Person|Anna Lind]] said [[Quantity|12 people|12..12]] died in [[Location|Kharkiv|UA]] [[Temporal|on Monday|2023-06-12]].' }));
    let out = '';
    const stdout = new Writable({ write(chunk: Buffer, _enc, done) { out += chunk.toString(); done(); } });
    const stderr = new Writable({ write(_chunk: Buffer, _enc, done) { done(); } });
    const deps = { stdout, stderr, cwd: dir, config: {} as never, openStore: () => Promise.reject(new Error('no store')) };
    assert.equal(await factsEval.run(['--gold', dir, '--json'], deps), 0);
    const report = JSON.parse(out) as { docs: number; types: Record<string, { f1: number }> };
    assert.equal(report.docs, 1);
    assert.equal(report.types.Location?.f1, 1);
    assert.equal(report.types.Temporal?.f1, 1);
    await assert.rejects(async () => factsEval.run([], deps), (e: unknown) => isCorroborateError(e, 'bad_request') && e.message.includes('--gold'));
  });
});
