// Runs the real extractor over the fictional sample case (samples/sample-case: invented town, people, outlets).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { EXTRACTOR_VERSION } from '../../src/extract/index.ts';
import { processSources } from '../../src/pipeline/index.ts';
import { listAttributions, listExtractionRuns, loadExtraction } from '../../src/store/extractions.ts';
import { reviewAttribution } from '../../src/store/reviews.ts';
import { insertSource, runOnBackends, uniqueCaseName } from './fixtures.ts';

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples', 'sample-case');

function sample(name: string): { text: string; published: string } {
  const meta = JSON.parse(readFileSync(join(SAMPLES, `${name}.json`), 'utf8')) as { published: string };
  return { text: readFileSync(join(SAMPLES, `${name}.txt`), 'utf8'), published: meta.published };
}

runOnBackends('processSources', (getStore) => {
  it('extracts and stores each new source, then skips it while the extractor version is unchanged', async () => {
    const store = getStore();
    const caseName = uniqueCaseName('pipeline');
    const a = await insertSource(store, { caseName, ...sample('cpa-wire-council-brickworks') });
    const b = await insertSource(store, { caseName, ...sample('dravian-defence-ministry-statement') });
    const first = await processSources(store, [a.sourceId, b.sourceId], { actor: 'test' });
    assert.deepEqual(
      first.map((r) => [r.id, r.status]),
      [
        [a.sourceId, 'ok'],
        [b.sourceId, 'ok'],
      ],
    );
    assert.ok((first[0]?.value?.attributions ?? 0) > 0);
    assert.equal(first[0]?.value?.extractorVersion, EXTRACTOR_VERSION);
    const stored = await loadExtraction(store.db, a.sourceId, { view: 'original' });
    assert.equal(stored?.document.text, sample('cpa-wire-council-brickworks').text);
    assert.equal(stored?.extractor, EXTRACTOR_VERSION);

    const again = await processSources(store, [a.sourceId, b.sourceId]);
    assert.deepEqual(
      again.map((r) => r.status),
      ['skipped', 'skipped'],
    );
  });

  it('reports an unknown source as an error and still processes the others', async () => {
    const store = getStore();
    const a = await insertSource(store, {
      caseName: uniqueCaseName('pipeline'),
      ...sample('kestrava-council-statement'),
    });
    const results = await processSources(store, ['src_missing', a.sourceId]);
    assert.equal(results[0]?.status, 'error');
    assert.match(results[0]?.error ?? '', /src_missing/);
    assert.equal(results[1]?.status, 'ok');
  });

  it('re-extracts on force, keeping the old run and the reviewed decisions whose spans still match', async () => {
    const store = getStore();
    const a = await insertSource(store, {
      caseName: uniqueCaseName('pipeline'),
      ...sample('cpa-wire-council-brickworks'),
    });
    await processSources(store, [a.sourceId]);
    const before = await listAttributions(store.db, { caseId: a.caseId });
    const target = before.items[0]!;
    await reviewAttribution(store, {
      attributionId: target.id,
      action: 'reject',
      actor: 'test',
      rationale: 'fixture',
    });
    const again = await processSources(store, [a.sourceId], { force: true });
    assert.equal(again[0]?.status, 'ok');
    assert.equal(again[0]?.value?.carriedReviews, 1);
    const runs = await listExtractionRuns(store.db, a.sourceId);
    assert.equal(runs.length, 2);
    const after = await listAttributions(store.db, { caseId: a.caseId, reviewStatus: 'rejected' });
    assert.equal(after.items[0]?.carriedFrom, target.id);
  });

  it('attaches the extracted sources to the case allegations', async () => {
    const store = getStore();
    const caseName = uniqueCaseName('pipeline');
    const a = await insertSource(store, { caseName, ...sample('cpa-wire-council-brickworks') });
    const results = await processSources(store, [a.sourceId]);
    assert.equal(results[0]?.value?.allegations, 'attached');
  });
});
