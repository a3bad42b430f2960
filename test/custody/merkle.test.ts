import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  consistencyProof,
  EMPTY_ROOT,
  hashLeaf,
  inclusionProof,
  MerkleAccumulator,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../src/custody/index.ts';

const sha256 = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();

/** RFC 6962 section 2.1, written as literally as possible, independent of the code under test. */
function naiveRoot(data: readonly Buffer[]): Buffer {
  if (data.length === 0) return sha256();
  if (data.length === 1) return sha256(Buffer.of(0), data[0] ?? Buffer.alloc(0));
  let k = 1;
  while (k * 2 < data.length) k *= 2;
  return sha256(Buffer.of(1), naiveRoot(data.slice(0, k)), naiveRoot(data.slice(k)));
}

// The leaf inputs of the RFC 6962 test vectors used by the Certificate Transparency implementations.
const VECTOR_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));
const VECTOR_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

function leafData(n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));
}

describe('merkleRoot', () => {
  it('gives the SHA-256 of nothing for the empty tree', () => {
    assert.equal(
      EMPTY_ROOT.toString('hex'),
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    assert.equal(merkleRoot([]).toString('hex'), EMPTY_ROOT.toString('hex'));
  });

  it('matches the RFC 6962 test vectors for sizes 1 to 8', () => {
    const leaves = VECTOR_LEAVES.map(hashLeaf);
    VECTOR_ROOTS.forEach((root, i) =>
      assert.equal(merkleRoot(leaves, i + 1).toString('hex'), root, `size ${i + 1}`),
    );
  });

  it('prefixes leaves with 0x00 and nodes with 0x01', () => {
    const a = Buffer.from('a');
    const b = Buffer.from('b');
    assert.deepEqual(hashLeaf(a), sha256(Buffer.of(0), a));
    assert.deepEqual(
      merkleRoot([hashLeaf(a), hashLeaf(b)]),
      sha256(Buffer.of(1), sha256(Buffer.of(0), a), sha256(Buffer.of(0), b)),
    );
  });

  it('agrees with the naive recursive definition for every size up to 70', () => {
    const data = leafData(70);
    const leaves = data.map(hashLeaf);
    for (let n = 0; n <= 70; n++)
      assert.deepEqual(merkleRoot(leaves, n), naiveRoot(data.slice(0, n)), `size ${n}`);
  });
});

describe('MerkleAccumulator', () => {
  it('gives the same root as merkleRoot after every push', () => {
    const leaves = leafData(40).map(hashLeaf);
    const acc = new MerkleAccumulator();
    assert.deepEqual(acc.root(), EMPTY_ROOT);
    leaves.forEach((leaf, i) => {
      acc.push(leaf);
      assert.equal(acc.size, i + 1);
      assert.deepEqual(acc.root(), merkleRoot(leaves, i + 1));
    });
  });
});

describe('inclusionProof', () => {
  it('proves every leaf of every tree of 1 to 40 leaves', () => {
    const leaves = leafData(40).map(hashLeaf);
    for (let size = 1; size <= 40; size++) {
      const root = merkleRoot(leaves, size);
      for (let index = 0; index < size; index++) {
        const path = inclusionProof(leaves, index, size);
        const leaf = leaves[index] ?? Buffer.alloc(0);
        assert.ok(verifyInclusion(leaf, index, size, path, root), `leaf ${index} of ${size}`);
      }
    }
  });

  it('gives the RFC 6962 audit path for leaf 0 of 8', () => {
    const leaves = VECTOR_LEAVES.map(hashLeaf);
    const path = inclusionProof(leaves, 0, 8).map((h) => h.toString('hex'));
    assert.deepEqual(path, [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
  });

  it('rejects a proof for the wrong leaf, index, size or root', () => {
    const leaves = leafData(13).map(hashLeaf);
    const root = merkleRoot(leaves);
    const path = inclusionProof(leaves, 5);
    const leaf = leaves[5] ?? Buffer.alloc(0);
    assert.ok(verifyInclusion(leaf, 5, 13, path, root));
    assert.ok(!verifyInclusion(leaves[6] ?? Buffer.alloc(0), 5, 13, path, root));
    assert.ok(!verifyInclusion(leaf, 4, 13, path, root));
    assert.ok(!verifyInclusion(leaf, 5, 8, path, root));
    assert.ok(!verifyInclusion(leaf, 5, 13, path.slice(1), root));
    assert.ok(!verifyInclusion(leaf, 5, 13, path, merkleRoot(leaves, 12)));
    assert.ok(!verifyInclusion(leaf, 13, 13, path, root));
  });

  it('refuses an index outside the tree', () => {
    assert.throws(
      () => inclusionProof(leafData(3).map(hashLeaf), 3),
      /leaf index 3 is not in a tree of 3 leaves/,
    );
  });
});

describe('consistencyProof', () => {
  it('proves every smaller tree consistent with every larger one up to 40 leaves', () => {
    const leaves = leafData(40).map(hashLeaf);
    for (let n = 1; n <= 40; n++) {
      const newRoot = merkleRoot(leaves, n);
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(leaves, m, n);
        assert.ok(verifyConsistency(m, n, merkleRoot(leaves, m), newRoot, proof), `${m} -> ${n}`);
      }
    }
  });

  it('rejects a tree whose earlier leaves were changed', () => {
    const leaves = leafData(20).map(hashLeaf);
    const changed = [...leaves];
    changed[3] = hashLeaf(Buffer.from('edited'));
    for (const m of [4, 7, 8, 13]) {
      const proof = consistencyProof(changed, m, 20);
      assert.ok(
        !verifyConsistency(m, 20, merkleRoot(leaves, m), merkleRoot(changed, 20), proof),
        `old size ${m}`,
      );
    }
  });
});
