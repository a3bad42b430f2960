import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isCorroborateError } from '../../src/errors.ts';
import { findCaseActor } from '../../src/store/actors.ts';
import { getAttribution, listAttributions, saveExtraction } from '../../src/store/extractions.ts';
import { listReviews, reviewAttribution } from '../../src/store/reviews.ts';
import { search } from '../../src/store/search.ts';
import {
  buildReportExtraction,
  FICTIONAL_REPORT,
  insertSource,
  runOnBackends,
  spanOf,
  uniqueCaseName,
} from '../pipeline/fixtures.ts';

runOnBackends('reviewAttribution', (getStore) => {
  async function seeded(): Promise<{ caseId: string; sourceId: string; byLocal: Map<string, string> }> {
    const store = getStore();
    const ids = await insertSource(store, { caseName: uniqueCaseName(), text: FICTIONAL_REPORT });
    await saveExtraction(store, ids.sourceId, buildReportExtraction(), 'v1');
    const page = await listAttributions(store.db, { caseId: ids.caseId });
    return { ...ids, byLocal: new Map(page.items.map((a) => [a.localId, a.id])) };
  }

  it('edits a content span, reading the new text from the source and keeping the original', async () => {
    const store = getStore();
    const { byLocal } = await seeded();
    const id = byLocal.get('a1')!;
    const span = spanOf(FICTIONAL_REPORT, 'witnesses had seen trucks removing bodies');
    const { attribution, review, allegations } = await reviewAttribution(store, {
      attributionId: id,
      action: 'edit',
      edit: { content: [{ start: span.start, end: span.end }] },
      actor: 'analyst:ana',
      rationale: 'location belongs to a separate claim',
    });
    assert.equal(attribution.reviewStatus, 'edited');
    assert.deepEqual(attribution.content, [span]);
    assert.equal(allegations, 'updated');
    assert.equal(
      attribution.extracted.content[0]?.text,
      'witnesses had seen trucks removing bodies from the brickworks',
    );
    assert.equal(review.rationale, 'location belongs to a separate claim');
    assert.ok(review.custodySeq !== null);
  });

  it('refuses a span outside the text or empty, naming the attribution', async () => {
    const store = getStore();
    const { byLocal } = await seeded();
    const id = byLocal.get('a1')!;
    await assert.rejects(
      reviewAttribution(store, {
        attributionId: id,
        action: 'edit',
        edit: { cue: { start: 10, end: 10_000 } },
        actor: 't',
      }),
      (e) => isCorroborateError(e, 'invalid_input') && e.message.includes(id),
    );
    await assert.rejects(
      reviewAttribution(store, {
        attributionId: id,
        action: 'edit',
        edit: { cue: { start: 10, end: 10 } },
        actor: 't',
      }),
      (e) => isCorroborateError(e, 'invalid_input'),
    );
    await assert.rejects(
      reviewAttribution(store, { attributionId: 'att_none', action: 'accept', actor: 't' }),
      (e) => isCorroborateError(e, 'not_found'),
    );
  });

  it('reattributes to another case actor and records before and after', async () => {
    const store = getStore();
    const { caseId, byLocal } = await seeded();
    const watch = await findCaseActor(store.db, caseId, 'Lantern Watch');
    const id = byLocal.get('a3')!;
    const before = await getAttribution(store.db, id);
    const { attribution, review } = await reviewAttribution(store, {
      attributionId: id,
      action: 'reattribute',
      caseActorId: watch.id,
      actor: 't',
    });
    assert.equal(attribution.caseActorId, watch.id);
    assert.equal(attribution.extractedCaseActorId, before?.caseActorId);
    assert.deepEqual(review.changes.caseActor, { before: before?.caseActorId, after: watch.id });
  });

  it('keeps the whole decision history in order, each with a custody entry', async () => {
    const store = getStore();
    const { byLocal } = await seeded();
    const id = byLocal.get('a2')!;
    await reviewAttribution(store, {
      attributionId: id,
      action: 'reject',
      actor: 't',
      rationale: 'first look',
    });
    await reviewAttribution(store, {
      attributionId: id,
      action: 'accept',
      actor: 't',
      rationale: 'second look',
    });
    const history = await listReviews(store.db, { attributionId: id });
    assert.deepEqual(
      history.items.map((r) => [r.action, r.changes.statusAfter]),
      [
        ['reject', 'rejected'],
        ['accept', 'accepted'],
      ],
    );
    const entries = await store.db
      .selectFrom('custody_entries')
      .select('seq')
      .where('object_type', '=', 'attribution')
      .where('object_id', '=', id)
      .execute();
    assert.equal(entries.length, 2);
  });

  it('updates the search index when spans are edited', async () => {
    const store = getStore();
    const { caseId, byLocal } = await seeded();
    const id = byLocal.get('a4')!;
    const span = spanOf(FICTIONAL_REPORT, 'Doravel Courier');
    await reviewAttribution(store, {
      attributionId: id,
      action: 'edit',
      edit: { content: [span] },
      actor: 't',
    });
    const hits = await search(store.db, store.dialect, {
      caseIds: [caseId],
      query: 'Courier',
      kinds: ['attribution'],
    });
    assert.ok(hits.items.some((h) => h.id === id));
  });
});
