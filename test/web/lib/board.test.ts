import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AllegationSummary } from '../../../web/src/api/types.ts';
import { matches, needsAll, sortAllegations } from '../../../web/src/lib/board.ts';

// Fictional allegations for filter tests.
function buildAllegation(overrides: Partial<AllegationSummary> = {}): AllegationSummary {
  return {
    id: 'al1',
    statement: 'Shelling of the Kestrava brickworks',
    status: 'single_origin',
    topReason: null,
    decision: 'none',
    eventType: 'attack_on_civilians',
    places: ['Kestrava'],
    actors: [],
    origins: 1,
    echoes: 0,
    denials: null,
    disputed: false,
    notConfirmed: false,
    sources: 1,
    firstSeen: '2031-03-02',
    lastActivity: '2031-03-05',
    figureSpread: null,
    ...overrides,
  };
}

describe('matches', () => {
  it('keeps an allegation that passes every filter set', () => {
    assert.ok(
      matches(buildAllegation(), {
        place: 'kestráva',
        event: 'attack_on_civilians',
        from: '2031-03-04',
        to: '2031-04-01',
      }),
    );
  });

  it('drops on place, decision, flags and time window', () => {
    const a = buildAllegation({ disputed: true });
    assert.equal(matches(a, { place: 'Dunmere' }), false);
    assert.equal(matches(a, { decision: 'verified' }), false);
    assert.equal(matches(a, { status: 'disputed' }), true);
    assert.equal(matches(a, { status: 'not-confirmed' }), false);
    assert.equal(matches(a, { from: '2031-03-06' }), false);
    assert.equal(matches(a, { to: '2031-03-01' }), false);
  });
});

describe('sortAllegations', () => {
  it('puts most independent origins first without changing the input', () => {
    const list = [
      buildAllegation({ id: 'a', origins: 1 }),
      buildAllegation({ id: 'b', origins: 3 }),
      buildAllegation({ id: 'c', origins: 2 }),
    ];
    assert.deepEqual(
      sortAllegations(list, 'origins').map((a) => a.id),
      ['b', 'c', 'a'],
    );
    assert.deepEqual(
      list.map((a) => a.id),
      ['a', 'b', 'c'],
    );
  });

  it('sorts by latest activity and by figure spread with unknowns last', () => {
    const list = [
      buildAllegation({ id: 'a', lastActivity: '2031-01-01', figureSpread: null }),
      buildAllegation({ id: 'b', lastActivity: '2031-05-01', figureSpread: 10 }),
      buildAllegation({ id: 'c', lastActivity: '2031-03-01', figureSpread: 400 }),
    ];
    assert.deepEqual(
      sortAllegations(list, 'activity').map((a) => a.id),
      ['b', 'c', 'a'],
    );
    assert.deepEqual(
      sortAllegations(list, 'spread').map((a) => a.id),
      ['c', 'b', 'a'],
    );
  });
});

describe('needsAll', () => {
  it('asks for every page only when filtering or sorting in the browser', () => {
    assert.equal(needsAll({}), false);
    assert.equal(needsAll({ status: 'disputed' }), false);
    assert.equal(needsAll({ place: 'Kestrava' }), true);
    assert.equal(needsAll({ sort: 'origins' }), true);
  });
});
