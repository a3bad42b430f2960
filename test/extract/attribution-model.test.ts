import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fin2, fin3 } from '../../src/extract/attribution-features.ts';
import { mix2, mix3, mixFinish, mixSeed } from '../../src/extract/attribution-model.ts';

describe('mixSeed', () => {
  it('splits mix2 into a seed of its first value and a finish with the second', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        assert.equal(mixFinish(mixSeed(a) ^ b), mix2(a, b));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('gives mix3 from the seed of a fixed pair', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 4 }), fc.integer(), (t, v, b) => {
        assert.equal(mixFinish(mixSeed(mix2(t, v)) ^ b), mix3(t, v, b));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('fin2 and fin3', () => {
  it('equal the nested helpers they write out', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), fc.integer(), fc.integer(), (seed, b, c, d) => {
        assert.equal(fin2(seed, b, c), mix2(mixFinish(seed ^ b), c));
        assert.equal(fin3(seed, b, c, d), mix2(mix2(mixFinish(seed ^ b), c), d));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
