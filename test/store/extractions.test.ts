import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isCorroborateError } from '../../src/errors.ts';
import {
  getAttribution,
  listAttributions,
  listExtractionRuns,
  listFigures,
  listPlaces,
  loadExtraction,
  saveExtraction,
  sourcesNeedingExtraction,
} from '../../src/store/extractions.ts';
import { reviewAttribution } from '../../src/store/reviews.ts';
import {
  buildAttribution,
  buildReportExtraction,
  FICTIONAL_REPORT,
  insertSource,
  runOnBackends,
  uniqueCaseName,
} from '../pipeline/fixtures.ts';

runOnBackends('saveExtraction / loadExtraction', (getStore) => {
  it('stores a run and loads the same contract JSON back with the source text', async () => {
    const store = getStore();
    const { sourceId } = await insertSource(store, { caseName: uniqueCaseName(), text: FICTIONAL_REPORT });
    const extraction = buildReportExtraction();
    const saved = await saveExtraction(store, sourceId, extraction, 'v1');
    assert.equal(saved.attributions, 4);
    assert.equal(saved.replaced, null);
    const loaded = await loadExtraction(store.db, sourceId, { view: 'original' });
    assert.deepEqual(loaded, extraction);
  });

  it('returns null for a source without an extraction', async () => {
    const store = getStore();
    const { sourceId } = await insertSource(store, { caseName: uniqueCaseName(), text: FICTIONAL_REPORT });
    assert.equal(await loadExtraction(store.db, sourceId), null);
  });

  it('appends an extraction.saved custody entry carrying the result hash', async () => {
    const store = getStore();
    const { sourceId } = await insertSource(store, { caseName: uniqueCaseName(), text: FICTIONAL_REPORT });
    const saved = await saveExtraction(store, sourceId, buildReportExtraction(), 'v1');
    const entry = await store.db
      .selectFrom('custody_entries')
      .selectAll()
      .where('object_id', '=', saved.runId)
      .executeTakeFirstOrThrow();
    assert.equal(entry.action, 'extraction.saved');
    assert.equal(Number(entry.seq), saved.custodySeq);
    const payload = JSON.parse(entry.payload) as { sourceId: string; extractorVersion: string };
    assert.equal(payload.sourceId, sourceId);
    assert.equal(payload.extractorVersion, 'v1');
  });

  it('keeps the replaced run as history and marks only the new one current', async () => {
    const store = getStore();
    const { sourceId } = await insertSource(store, { caseName: uniqueCaseName(), text: FICTIONAL_REPORT });
    const first = await saveExtraction(store, sourceId, buildReportExtraction(), 'v1');
    const second = await saveExtraction(store, sourceId, buildReportExtraction(), 'v2');
    assert.equal(second.replaced, first.runId);
    const runs = await listExtractionRuns(store.db, sourceId);
    assert.deepEqual(
      runs.map((r) => [r.id, r.extractorVersion, r.current]).sort(),
      [
        [first.runId, 'v1', false],
        [second.runId, 'v2', true],
      ].sort(),
    );
    const kase = await store.db
      .selectFrom('sources')
      .select('case_id')
      .where('id', '=', sourceId)
      .executeTakeFirstOrThrow();
    const page = await listAttributions(store.db, { caseId: kase.case_id });
    assert.equal(page.items.length, 4);
    assert.ok(page.items.every((a) => a.runId === second.runId));
  });

  it('refuses an extraction whose span lies outside the source text, naming the attribution', async () => {
    const store = getStore();
    const { sourceId } = await insertSource(store, { caseName: uniqueCaseName(), text: FICTIONAL_REPORT });
    const extraction = buildReportExtraction();
    const bad = {
      ...extraction.attributions[0]!,
      id: 'a9',
      cue: { start: 5, end: FICTIONAL_REPORT.length + 3, text: 'x' },
    };
    await assert.rejects(
      saveExtraction(store, sourceId, { ...extraction, attributions: [bad] }, 'v1'),
      (error) => isCorroborateError(error, 'invalid_input') && error.message.includes('a9'),
    );
    assert.equal(await loadExtraction(store.db, sourceId), null);
  });

  it('refuses an unknown source with not_found', async () => {
    const store = getStore();
    await assert.rejects(saveExtraction(store, 'src_missing', buildReportExtraction(), 'v1'), (error) =>
      isCorroborateError(error, 'not_found'),
    );
  });

  it('lists sources whose current run is missing or from another extractor version', async () => {
    const store = getStore();
    const caseName = uniqueCaseName();
    const a = await insertSource(store, { caseName, text: FICTIONAL_REPORT });
    const b = await insertSource(store, { caseName, text: FICTIONAL_REPORT });
    const c = await insertSource(store, { caseName, text: FICTIONAL_REPORT });
    await saveExtraction(store, a.sourceId, buildReportExtraction(), 'v2');
    await saveExtraction(store, b.sourceId, buildReportExtraction(), 'v1');
    const needing = await sourcesNeedingExtraction(store.db, { caseId: a.caseId, extractorVersion: 'v2' });
    assert.deepEqual([...needing].sort(), [b.sourceId, c.sourceId].sort());
  });

  it('applies reviews in the reviewed view: rejected attributions drop out, case actors fill in', async () => {
    const store = getStore();
    const { caseId, sourceId } = await insertSource(store, {
      caseName: uniqueCaseName(),
      text: FICTIONAL_REPORT,
    });
    await saveExtraction(store, sourceId, buildReportExtraction(), 'v1');
    const page = await listAttributions(store.db, { caseId, sourceId });
    const denial = page.items.find((a) => a.localId === 'a3')!;
    await reviewAttribution(store, {
      attributionId: denial.id,
      action: 'reject',
      actor: 'test',
      rationale: 'not a denial',
    });
    const reviewed = await loadExtraction(store.db, sourceId);
    assert.deepEqual(
      reviewed?.attributions.map((a) => a.id),
      ['a1', 'a2', 'a4'],
    );
    assert.ok(reviewed?.attributions.every((a) => typeof a.caseActor === 'string' && a.review === 'pending'));
    assert.ok(reviewed?.actors.every((a) => typeof a.caseActor === 'string'));
    const original = await loadExtraction(store.db, sourceId, { view: 'original' });
    assert.equal(original?.attributions.length, 4);
  });

  it('carries a review over to the re-extracted attribution with the same spans and not to changed ones', async () => {
    const store = getStore();
    const { caseId, sourceId } = await insertSource(store, {
      caseName: uniqueCaseName(),
      text: FICTIONAL_REPORT,
    });
    await saveExtraction(store, sourceId, buildReportExtraction(), 'v1');
    const before = await listAttributions(store.db, { caseId, sourceId });
    const byLocal = new Map(before.items.map((a) => [a.localId, a]));
    await reviewAttribution(store, { attributionId: byLocal.get('a1')!.id, action: 'accept', actor: 'test' });
    await reviewAttribution(store, { attributionId: byLocal.get('a4')!.id, action: 'reject', actor: 'test' });

    // v2 changes a4's content span, keeps a1's.
    const next = buildReportExtraction();
    const a4 = buildAttribution(FICTIONAL_REPORT, {
      id: 'a4',
      source: 'Monitors from the Lantern Watch group',
      actor: 'act3',
      cue: 'have not confirmed',
      content: ['the reports.'],
      stance: 'not_confirmed',
    });
    const saved = await saveExtraction(
      store,
      sourceId,
      { ...next, attributions: [...next.attributions.slice(0, 3), a4] },
      'v2',
    );
    assert.equal(saved.carriedReviews, 1);
    const after = await listAttributions(store.db, { caseId, sourceId });
    const now = new Map(after.items.map((a) => [a.localId, a]));
    assert.equal(now.get('a1')?.reviewStatus, 'accepted');
    assert.equal(now.get('a1')?.carriedFrom, byLocal.get('a1')!.id);
    assert.equal(now.get('a4')?.reviewStatus, 'pending');
    const old = await getAttribution(store.db, byLocal.get('a4')!.id);
    assert.equal(old?.reviewStatus, 'rejected');
    assert.equal(old?.current, false);
  });

  it('stores figures and places as rows of the current run', async () => {
    const store = getStore();
    const { caseId, sourceId } = await insertSource(store, {
      caseName: uniqueCaseName(),
      text: FICTIONAL_REPORT,
    });
    await saveExtraction(store, sourceId, buildReportExtraction(), 'v1');
    await saveExtraction(store, sourceId, buildReportExtraction(), 'v2');
    const figures = await listFigures(store.db, { caseId });
    assert.equal(figures.items.length, 1);
    assert.equal(figures.items[0]?.min, 40);
    assert.equal(figures.items[0]?.max, null);
    assert.equal(figures.items[0]?.attribution, 'a2');
    const places = await listPlaces(store.db, { caseId });
    assert.deepEqual(
      places.items.map((p) => [p.name, p.lat, p.lon]),
      [['Doravel', 51.5, 30.25]],
    );
  });

  it('pages attributions with a cursor without repeats or gaps', async () => {
    const store = getStore();
    const caseName = uniqueCaseName();
    let caseId = '';
    for (let i = 0; i < 3; i++) {
      const s = await insertSource(store, { caseName, text: FICTIONAL_REPORT });
      caseId = s.caseId;
      await saveExtraction(store, s.sourceId, buildReportExtraction(), 'v1');
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listAttributions(store.db, { caseId, limit: 5, cursor });
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    assert.equal(seen.length, 12);
    assert.equal(new Set(seen).size, 12);
  });
});
