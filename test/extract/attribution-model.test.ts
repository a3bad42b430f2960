import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
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
