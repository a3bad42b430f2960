// The attributions listing is served as JSON text spliced from the stored JSON columns
// (`listAttributionsJson`); it must be byte for byte what serialising the listed objects gives, on both
// engines, whatever the rows hold. Texts are fictional.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { listAttributions, listAttributionsJson, saveExtraction } from '../../src/store/extractions.ts';
import { reviewAttribution } from '../../src/store/reviews.ts';
import {
  buildReportExtraction,
  FICTIONAL_REPORT,
  insertSource,
  runOnBackends,
  uniqueCaseName,
} from '../pipeline/fixtures.ts';

runOnBackends('listAttributionsJson', (getStore) => {
  it('gives the same bytes as JSON.stringify of the listed page, page by page', async () => {
    const store = getStore();
    const { caseId, sourceId } = await insertSource(store, {
      caseName: uniqueCaseName(),
      text: FICTIONAL_REPORT,
    });
    await saveExtraction(store, sourceId, buildReportExtraction(), 'v1');
    const all = await listAttributions(store.db, { caseId, limit: 500 });
    assert.ok(all.items.length >= 3);
    const [edited, rejected, odd, legacy] = all.items;
    // Reviewed rows: spans edited, a rejection (still listed, with its status).
    await reviewAttribution(store, {
      attributionId: edited!.id,
      action: 'edit',
      actor: 'user:analyst',
      rationale: 'tighter content',
      edit: { content: [{ start: edited!.content[0]!.start, end: edited!.content[0]!.start + 5 }] },
    });
    await reviewAttribution(store, {
      attributionId: rejected!.id,
      action: 'reject',
      actor: 'user:analyst',
      rationale: null,
    });
    // Text that JSON must escape, in the spliced JSON columns and in the members SQLite writes.
    const tricky = 'a "quoted" \\ back\u2028slash <b>&</b> \u0001\t\n é 😀';
    await store.db
      .updateTable('attributions')
      .set({
        content: JSON.stringify([{ start: 0, end: 4, text: tricky }]),
        channel: tricky,
        source_text: tricky,
        cue_text: tricky,
        confidence: 0.8734567891234567,
      })
      .where('id', '=', odd!.id)
      .execute();

    const samePages = async (): Promise<void> => {
      for (const limit of [1, 2, 500]) {
        let cursor: string | null = null;
        let pages = 0;
        do {
          const params = { caseId, limit, cursor };
          const json = await listAttributionsJson(store.db, store.dialect, params);
          const page = await listAttributions(store.db, params);
          assert.equal(json.text, JSON.stringify(page));
          assert.deepEqual(json.page(), JSON.parse(JSON.stringify(page)));
          cursor = page.nextCursor;
          pages++;
        } while (cursor !== null);
        assert.equal(pages, Math.ceil(all.items.length / limit));
      }
    };
    await samePages();
    // A row whose extracted column does not have the shape the writers give it takes the slow path.
    if (legacy !== undefined) {
      await store.db
        .updateTable('attributions')
        .set({ extracted: '{}' })
        .where('id', '=', legacy.id)
        .execute();
      await samePages();
    }
    const filtered = await listAttributionsJson(store.db, store.dialect, { caseId, reviewStatus: 'edited' });
    assert.deepEqual(
      (JSON.parse(filtered.text) as { items: { id: string }[] }).items.map((a) => a.id),
      [edited!.id],
    );
  });
});
