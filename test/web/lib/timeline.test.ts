import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketDates, countIn } from '../../../web/src/lib/timeline.ts';

describe('bucketDates', () => {
  it('uses days for a short span and fills empty days', () => {
    const buckets = bucketDates(['2022-04-05', '2022-04-07', '2022-04-07T10:00:00Z', null, 'junk']);
    assert.deepEqual(
      buckets.map((b) => [b.label, b.count]),
      [
        ['2022-04-05', 1],
        ['2022-04-06', 0],
        ['2022-04-07', 2],
      ],
    );
  });

  it('uses months across a year with inclusive month ranges', () => {
    const buckets = bucketDates(['2022-02-24', '2022-12-01']);
    assert.equal(buckets.length, 11);
    assert.deepEqual(buckets[0], { label: '2022-02', from: '2022-02-01', to: '2022-02-28', count: 1 });
    assert.equal(buckets[10]?.to, '2022-12-31');
  });

  it('uses years for long spans and returns nothing without dates', () => {
    assert.deepEqual(
      bucketDates(['2015-06-01', '2022-04-08']).map((b) => b.label),
      ['2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022'],
    );
    assert.deepEqual(bucketDates([null]), []);
  });
});

describe('countIn', () => {
  it('counts a second series on the same buckets and drops undated items', () => {
    const buckets = bucketDates(['2022-02-24', '2022-06-08']);
    const counts = countIn(buckets, ['2022-04-07T12:00:00Z', '2022-04-08', null, '2022-02-28', '2030-01-01']);
    assert.equal(counts.length, buckets.length);
    assert.deepEqual([counts[0], counts[2]], [1, 2]);
  });
});
