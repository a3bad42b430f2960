import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filtersFrom, filtersKey } from '../../../web/src/lib/board-filters.ts';

describe('filtersFrom', () => {
  it('reads the board filters from a query and drops empty and unknown keys', () => {
    const filters = filtersFrom(new URLSearchParams('status=disputed&place=&sort=spread&q=ignored'));
    assert.deepEqual(filters, { status: 'disputed', sort: 'spread' });
  });
});

describe('filtersKey', () => {
  it('gives the same key for the same filters in any order, and another for other filters', () => {
    const a = filtersKey(filtersFrom(new URLSearchParams('actor=x&from=2022-03-01')));
    const b = filtersKey(filtersFrom(new URLSearchParams('from=2022-03-01&actor=x')));
    const c = filtersKey(filtersFrom(new URLSearchParams('actor=y&from=2022-03-01')));
    assert.equal(a, b);
    assert.notEqual(a, c);
  });
});
