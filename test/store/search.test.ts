import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCorroborateError } from '../../src/errors.ts';
import { saveExtraction } from '../../src/store/extractions.ts';
import { parseSnippet, rankMarked, search } from '../../src/store/search.ts';
import {
  buildReportExtraction,
  FICTIONAL_REPORT,
  insertSource,
  runOnBackends,
  uniqueCaseName,
} from '../pipeline/fixtures.ts';

describe('parseSnippet', () => {
  it('turns marker characters into plain text and highlight ranges', () => {
    const { snippet, highlights } = parseSnippet(
      'the \u0002mobile\u0003 \u0002crematoria\u0003 were <b>seen</b>',
    );
    assert.equal(snippet, 'the mobile crematoria were <b>seen</b>');
    assert.deepEqual(highlights, [[4, 21]]);
    assert.equal(snippet.slice(4, 21), 'mobile crematoria');
  });
});

describe('rankMarked', () => {
  const row = (id: string, h2: string, h0: string | null = 'Ilsa Varenko') => ({
    kind: 'attribution' as const,
    rid: 1,
    id,
    case_id: 'c',
    source_id: 's',
    title: null,
    score: 0,
    marked: null,
    speaker: h0,
    case_actor_id: null,
    cue: 'said',
    stance: 'assert',
    review_status: 'pending',
    h0,
    h1: 'said',
    h2,
  });

  it('puts more matches in a shorter content first and a speaker match above a content match', () => {
    const ranked = rankMarked([
      row('a', 'the \u0002trucks\u0003 came back later that night with more people in them'),
      row('b', '\u0002trucks\u0003 and more \u0002trucks\u0003'),
      row('c', 'nothing here', '\u0002Trucks\u0003 Monitor'),
    ]);
    assert.deepEqual(
      ranked.map((r) => r.id),
      ['c', 'b', 'a'],
    );
  });

  it('cuts a long snippet around its first match without leaving a mark open', () => {
    const words = Array.from({ length: 80 }, (_, i) => `w${i}`);
    words[40] = '\u0002trucks\u0003';
    const [ranked] = rankMarked([row('a', words.join(' '))]);
    const { snippet, highlights } = parseSnippet(ranked!.marked!);
    assert.ok(snippet.startsWith('…') && snippet.endsWith('…'));
    assert.equal(snippet.slice(highlights[0]![0], highlights[0]![1]), 'trucks');
  });
});

runOnBackends('search', (getStore) => {
  async function seeded(): Promise<{ caseId: string; sourceId: string }> {
    const store = getStore();
    const ids = await insertSource(store, {
      caseName: uniqueCaseName(),
      text: FICTIONAL_REPORT,
      title: 'Graves at the brickworks',
    });
    await saveExtraction(store, ids.sourceId, buildReportExtraction(), 'v1');
    return ids;
  }

  it('finds attributions by their content with the matched words highlighted', async () => {
    const store = getStore();
    const { caseId } = await seeded();
    const page = await search(store.db, store.dialect, {
      caseIds: [caseId],
      query: 'trucks',
      kinds: ['attribution'],
    });
    assert.equal(page.items.length, 1);
    const hit = page.items[0]!;
    assert.equal(hit.kind, 'attribution');
    assert.equal(hit.attribution?.stance, 'allege');
    assert.ok(hit.highlights.length > 0);
    const [start, end] = hit.highlights[0]!;
    assert.equal(hit.snippet.slice(start, end).toLowerCase(), 'trucks');
  });

  it('stems words so "denial" finds nothing but "deny" finds "denied"', async () => {
    const store = getStore();
    const { caseId } = await seeded();
    const page = await search(store.db, store.dialect, {
      caseIds: [caseId],
      query: 'deny',
      kinds: ['attribution'],
    });
    assert.deepEqual(
      page.items.map((h) => h.attribution?.stance),
      ['deny'],
    );
  });

  it('finds sources by title and text and requires every word', async () => {
    const store = getStore();
    const { caseId, sourceId } = await seeded();
    const both = await search(store.db, store.dialect, {
      caseIds: [caseId],
      query: 'brickworks graves',
      kinds: ['source'],
    });
    assert.deepEqual(
      both.items.map((h) => h.id),
      [sourceId],
    );
    const none = await search(store.db, store.dialect, { caseIds: [caseId], query: 'brickworks zeppelin' });
    assert.equal(none.items.length, 0);
  });

  it('never returns another case', async () => {
    const store = getStore();
    await seeded();
    const other = await insertSource(store, {
      caseName: uniqueCaseName(),
      text: 'Nothing relevant happened in the fictional village of Pell.',
    });
    const page = await search(store.db, store.dialect, { caseIds: [other.caseId], query: 'trucks' });
    assert.equal(page.items.length, 0);
    const empty = await search(store.db, store.dialect, { caseIds: [], query: 'trucks' });
    assert.equal(empty.items.length, 0);
  });

  it('treats query syntax characters as plain words', async () => {
    const store = getStore();
    const { caseId } = await seeded();
    const page = await search(store.db, store.dialect, {
      caseIds: [caseId],
      query: 'trucks) OR NEAR( "bodies',
    });
    assert.ok(Array.isArray(page.items));
    await assert.rejects(search(store.db, store.dialect, { caseIds: [caseId], query: ' " ) ( ' }), (error) =>
      isCorroborateError(error, 'invalid_input'),
    );
  });

  it('pages through merged source and attribution hits without repeats', async () => {
    const store = getStore();
    const caseName = uniqueCaseName();
    let caseId = '';
    for (let i = 0; i < 3; i++) {
      const ids = await insertSource(store, { caseName, text: FICTIONAL_REPORT });
      caseId = ids.caseId;
      await saveExtraction(store, ids.sourceId, buildReportExtraction(), 'v1');
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(store.db, store.dialect, {
        caseIds: [caseId],
        query: 'Varenko',
        limit: 2,
        cursor,
      });
      seen.push(...page.items.map((h) => `${h.kind}:${h.id}`));
      cursor = page.nextCursor;
    } while (cursor !== null);
    // Each source matches, and so do a1 (speaker) and a2 (speaker) in each source.
    assert.equal(seen.length, 9);
    assert.equal(new Set(seen).size, 9);
  });
});
