import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bcubed, pairwise, readClusteringDataset } from '../../src/eval/clustering.ts';
import { tempDir } from '../helpers/temp.ts';

const gold = new Map([
  ['a', 'x'],
  ['b', 'x'],
  ['c', 'x'],
  ['d', 'y'],
]);

describe('pairwise', () => {
  it('scores a perfect clustering 1', () => {
    assert.deepEqual(pairwise(gold, gold), { p: 1, r: 1, f1: 1 });
  });

  it('counts pairs: one cluster of everything has recall 1 and precision 3/6', () => {
    const all = new Map([...gold.keys()].map((k) => [k, 'one']));
    const m = pairwise(all, gold);
    assert.equal(m.r, 1);
    assert.equal(m.p, 0.5);
  });
});

describe('bcubed', () => {
  it('scores singletons with precision 1 and per-item recall', () => {
    const singletons = new Map([...gold.keys()].map((k) => [k, k]));
    const m = bcubed(singletons, gold);
    assert.equal(m.p, 1);
    assert.equal(m.r, (1 / 3 + 1 / 3 + 1 / 3 + 1) / 4);
  });

  it('scores a perfect clustering 1', () => {
    assert.deepEqual(bcubed(gold, gold), { p: 1, r: 1, f1: 1 });
  });
});

describe('readClusteringDataset', () => {
  it('names the line and the reason for a bad item', () => {
    const file = join(tempDir(), 'bad.jsonl');
    writeFileSync(file, '{"id":"1","text":"a","cluster":"x"}\n{"id":"2","text":"b"}\n');
    assert.throws(
      () => readClusteringDataset(file),
      /bad\.jsonl:2: needs string fields id, text and cluster/,
    );
  });

  it('reads the bundled dev set', () => {
    const items = readClusteringDataset(
      join(import.meta.dirname, '..', '..', 'eval-data', 'clustering', 'dev.jsonl'),
    );
    assert.ok(items.length >= 60);
    assert.ok(new Set(items.map((i) => i.cluster)).size >= 15);
  });
});
