import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { COPY_THRESHOLD, estimateJaccard, findCopies, minhash } from '../../src/allegations/index.ts';

const sample = (name: string): string =>
  readFileSync(new URL(`../../samples/sample-case/${name}.txt`, import.meta.url), 'utf8');

describe('minhash', () => {
  it('scores a lightly edited syndicated copy above the copy threshold', () => {
    const j = estimateJaccard(
      minhash(sample('cpa-wire-council-brickworks')),
      minhash(sample('lakeside-herald-brickworks')),
    );
    assert.ok(j >= COPY_THRESHOLD, `estimated Jaccard ${j}`);
  });

  it('scores independent reports of the same event far below it', () => {
    const j = estimateJaccard(
      minhash(sample('cpa-wire-council-brickworks')),
      minhash(sample('northgate-daily-mayor-interview')),
    );
    assert.ok(j < 0.2, `estimated Jaccard ${j}`);
  });

  it('gives an empty text a signature that matches nothing', () => {
    assert.equal(estimateJaccard(minhash(''), minhash('')), 0);
  });
});

describe('findCopies', () => {
  const wire = {
    id: 'wire',
    order: '2025-03-11|t1|wire',
    signature: minhash(sample('cpa-wire-council-brickworks')),
  };
  const reprint = {
    id: 'reprint',
    order: '2025-03-12|t2|reprint',
    signature: minhash(sample('lakeside-herald-brickworks')),
  };
  const other = {
    id: 'other',
    order: '2025-03-12|t3|other',
    signature: minhash(sample('northgate-daily-mayor-interview')),
  };

  it('marks the later copy as a copy of the earliest capture, whatever the input order', () => {
    for (const input of [
      [wire, reprint, other],
      [other, reprint, wire],
    ]) {
      const byId = new Map(findCopies(input).map((c) => [c.sourceId, c.copyOf]));
      assert.equal(byId.get('reprint'), 'wire');
      assert.equal(byId.get('wire'), null);
      assert.equal(byId.get('other'), null);
    }
  });

  it('points a copy of a copy at the original', () => {
    const third = { id: 'third', order: '2025-03-13|t4|third', signature: reprint.signature };
    const byId = new Map(findCopies([third, reprint, wire]).map((c) => [c.sourceId, c.copyOf]));
    assert.equal(byId.get('third'), 'wire');
  });
});
