import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { href, match, withQuery, type Route } from '../../../web/src/lib/router.ts';

describe('match', () => {
  it('round-trips every route through href', () => {
    const routes: Route[] = [
      { kind: 'cases' },
      { kind: 'login' },
      { kind: 'inbox', caseId: 'c 1' },
      { kind: 'reader', caseId: 'c1', sourceId: 's/2' },
      { kind: 'board', caseId: 'c1' },
      { kind: 'allegation', caseId: 'c1', allegationId: 'al1' },
      { kind: 'map', caseId: 'c1' },
      { kind: 'timeline', caseId: 'c1' },
      { kind: 'search', caseId: 'c1' },
      { kind: 'custody', caseId: 'c1' },
    ];
    for (const route of routes) assert.deepEqual(match(href(route)), route);
  });

  it('answers not_found for unknown paths', () => {
    assert.equal(match('/nowhere').kind, 'not_found');
    assert.equal(match('/cases/c1/sources').kind, 'not_found');
  });
});

describe('withQuery', () => {
  it('drops empty values', () => {
    assert.equal(withQuery('/x', { a: '1', b: '', c: null, d: undefined }), '/x?a=1');
    assert.equal(withQuery('/x', {}), '/x');
  });
});
