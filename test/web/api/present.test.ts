import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMarks, present } from '../../../web/src/api/present.ts';

describe('parseMarks', () => {
  it('turns mark tags into offsets and leaves other markup as text', () => {
    const out = parseMarks('the <mark>mobile</mark> crematoria <b>x</b> <mark>seen</mark>');
    assert.equal(out.snippet, 'the mobile crematoria <b>x</b> seen');
    assert.deepEqual(out.highlights, [
      [4, 10],
      [31, 35],
    ]);
  });
});

describe('present.allegationSummary', () => {
  it('reads camelCase and snake_case counts and falls back to the first reason', () => {
    const a = present.allegationSummary({
      id: 'al1',
      canonical_statement: 'Russia uses mobile crematoria in Mariupol',
      status: 'single_origin',
      reasons: [{ code: 'one_origin', text: 'All support traces to one origin' }],
      counts: { origins: 1, echoes: 2, denials: 1 },
    });
    assert.equal(a.statement, 'Russia uses mobile crematoria in Mariupol');
    assert.equal(a.topReason, 'All support traces to one origin');
    assert.deepEqual([a.origins, a.echoes, a.denials], [1, 2, 1]);
    assert.equal(a.decision, 'none');
  });
});

describe('present.allegationSummary on the board list shape', () => {
  it('reads the top reason, actors, counts and figure range of a list item', () => {
    const a = present.allegationSummary({
      id: 'al2',
      statement: 'Soldiers shot civilians in the market (fictional)',
      status: 'multiple_origins',
      topReason: { code: 'origins', text: '2 independent origins support it: A; B.' },
      independentOrigins: 2,
      origins: 2,
      echoes: 1,
      denials: 1,
      notConfirming: 3,
      actors: [
        { id: 'actor_1', name: 'Ivan Petrenko' },
        { id: null, name: 'residents' },
      ],
      figures: { counts: 'civilians', min: 12, max: 30, spread: 18 },
      lastActivity: '2031-05-03T10:00:00.000Z',
      decision: null,
    });
    assert.equal(a.topReason, '2 independent origins support it: A; B.');
    assert.deepEqual(a.actors, ['Ivan Petrenko', 'residents']);
    assert.deepEqual([a.origins, a.echoes, a.denials, a.notConfirmingCount], [2, 1, 1, 3]);
    assert.equal(a.figureSpread, 18);
    assert.deepEqual(a.figureRange, { counts: 'civilians', min: 12, max: 30 });
    assert.equal(a.decision, 'none');
  });
});

describe('present.checkpoint', () => {
  it('reads a JSON null (no checkpoint yet) as null', () => {
    assert.equal(present.checkpoint(null), null);
  });
});

describe('present.sourceDetail', () => {
  it('merges the extraction into the source and keeps nesting', () => {
    const s = present.sourceDetail(
      { id: 's1', title: 'Fictional report', text: 'A said B said C.' },
      {
        attributions: [
          {
            id: 'a1',
            source: { start: 0, end: 1, text: 'A', actor: 'act1' },
            cue: { start: 2, end: 6, text: 'said' },
            content: [{ start: 7, end: 15, text: 'B said C' }],
            stance: 'allege',
            parent: null,
            basis: ['eyewitness'],
            confidence: 0.9,
          },
          {
            id: 'a2',
            source: { start: 7, end: 8, text: 'B', actor: null },
            cue: { start: 9, end: 13, text: 'said' },
            content: [{ start: 14, end: 15, text: 'C' }],
            stance: 'bogus',
            parent: 'a1',
            basis: [],
            confidence: 0.5,
          },
        ],
        actors: [{ id: 'act1', name: 'A', type: 'person', mentions: [[0, 1]] }],
      },
    );
    assert.equal(s.extraction, 'done');
    assert.equal(s.extractionResult.attributions.length, 2);
    assert.equal(s.extractionResult.attributions[1]?.parent, 'a1');
    assert.equal(s.extractionResult.attributions[1]?.stance, 'assert');
    assert.deepEqual(s.extractionResult.actors[0]?.mentions, [[0, 1]]);
  });
});

describe('present.page', () => {
  it('reads items with a cursor, or a bare array', () => {
    const p = present.page({ items: [{ id: 'c1', name: 'Case' }], nextCursor: 'abc' }, present.caseSummary);
    assert.equal(p.items[0]?.name, 'Case');
    assert.equal(p.next, 'abc');
    assert.equal(present.page([{ id: 'c2' }], present.caseSummary).items[0]?.id, 'c2');
  });
});

describe('present.allegationDetail', () => {
  it('groups members by origin and counts a general denial as denying', () => {
    const d = present.allegationDetail({
      id: 'al1',
      statement: 'Fictional: the Kestrava brickworks was shelled',
      status: {
        level: 'single_origin',
        disputed: true,
        reasons: [{ code: 'origins', text: 'One origin', spans: [{ sourceId: 's1', start: 4, end: 9 }] }],
      },
      groups: [{ id: 'g1', label: 'Kestrava council', members: ['s1#a1'], echoes: 2 }],
      members: [
        {
          unitId: 's1#a1',
          sourceId: 's1',
          attributionId: 'a1',
          role: 'support',
          stance: 'allege',
          speaker: 'Council',
          text: 'shelled',
          originGroup: 'g1',
        },
        {
          unitId: 's2#a4',
          sourceId: 's2',
          attributionId: 'a4',
          role: 'context',
          stance: 'deny',
          speaker: 'Ministry',
          text: 'denies all',
          originGroup: null,
          general: true,
        },
        {
          unitId: 's3#a2',
          sourceId: 's3',
          attributionId: 'a2',
          role: 'not_confirmed',
          stance: 'not_confirmed',
          speaker: 'Mission',
          text: 'cannot confirm',
          originGroup: null,
        },
      ],
    });
    assert.equal(d.status, 'single_origin');
    assert.equal(d.disputed, true);
    assert.deepEqual([d.origins, d.echoes, d.denials], [1, 2, 1]);
    assert.equal(d.originGroups[0]?.origin, 'Kestrava council');
    assert.deepEqual(
      d.originGroups[0]?.attributions.map((a) => a.id),
      ['a1'],
    );
    assert.equal(d.denying[0]?.general, true);
    assert.equal(d.notConfirming.length, 1);
    assert.deepEqual(d.reasons[0]?.attributions, [{ id: '', sourceId: 's1', start: 4 }]);
  });
});
