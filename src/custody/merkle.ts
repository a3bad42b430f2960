import { CorroborateError } from '../errors.ts';
import { sha256Bytes } from './hash.ts';

/**
 * RFC 6962 Merkle tree hashing (section 2.1, restated in RFC 9162): SHA-256, leaves hashed with a
 * 0x00 prefix and interior nodes with 0x01, so a leaf can never be passed off as a node. The tree of
 * n leaves splits at the largest power of two below n. All functions are pure and take leaf hashes
 * (already `hashLeaf`-ed), in log order.
 */

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** The root of the empty tree: SHA-256 of nothing (e3b0c442…b855). */
export const EMPTY_ROOT: Buffer = sha256Bytes();

/** RFC 6962 leaf hash: SHA-256(0x00 || data). */
export function hashLeaf(data: Uint8Array): Buffer {
  return sha256Bytes(LEAF_PREFIX, data);
}

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256Bytes(NODE_PREFIX, left, right);
}

/** Largest power of two strictly less than n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkSize(leaves: readonly Uint8Array[], size: number): void {
  if (!Number.isInteger(size) || size < 0 || size > leaves.length) {
    throw new CorroborateError('invalid_input', `tree size ${size} is not between 0 and ${leaves.length}`);
  }
}

function leafAt(leaves: readonly Uint8Array[], i: number): Uint8Array {
  const leaf = leaves[i];
  if (leaf === undefined) throw new CorroborateError('internal', `leaf ${i} is missing`);
  return leaf;
}

/** MTH(D[start:end]) by the RFC's recursive definition. */
function subtreeRoot(leaves: readonly Uint8Array[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return Buffer.from(leafAt(leaves, start));
  const k = splitPoint(n);
  return hashChildren(subtreeRoot(leaves, start, start + k), subtreeRoot(leaves, start + k, end));
}

/**
 * Incremental Merkle tree head: push leaf hashes one at a time and read the root at any size in
 * O(log n), keeping only one perfect subtree root per set bit of the size. `verifyStore` uses it to
 * check every checkpoint in a single pass over the log.
 *
 * @example
 * const acc = new MerkleAccumulator();
 * for (const leaf of leaves) acc.push(leaf);
 * acc.root(); // same as merkleRoot(leaves)
 */
export class MerkleAccumulator {
  /** Roots of perfect subtrees, largest (leftmost) first; their sizes are the set bits of `size`. */
  readonly #stack: { hash: Buffer; size: number }[] = [];
  #size = 0;

  /** Number of leaves pushed so far. */
  get size(): number {
    return this.#size;
  }

  /** Appends one leaf hash. */
  push(leafHash: Uint8Array): void {
    let node: { hash: Buffer; size: number } = { hash: Buffer.from(leafHash), size: 1 };
    for (
      let top = this.#stack.at(-1);
      top !== undefined && top.size === node.size;
      top = this.#stack.at(-1)
    ) {
      this.#stack.pop();
      node = { hash: hashChildren(top.hash, node.hash), size: top.size * 2 };
    }
    this.#stack.push(node);
    this.#size += 1;
  }

  /** The tree head of the leaves pushed so far (right fold of the perfect subtrees). */
  root(): Buffer {
    let acc: Buffer | undefined;
    for (let i = this.#stack.length - 1; i >= 0; i--) {
      const node = this.#stack[i];
      if (node === undefined) continue;
      acc = acc === undefined ? node.hash : hashChildren(node.hash, acc);
    }
    return acc ?? EMPTY_ROOT;
  }
}

/**
 * The Merkle tree head MTH of the first `size` leaf hashes (default all): the value a checkpoint signs.
 *
 * @example
 * merkleRoot([]).toString('hex'); // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export function merkleRoot(leaves: readonly Uint8Array[], size: number = leaves.length): Buffer {
  checkSize(leaves, size);
  const acc = new MerkleAccumulator();
  for (let i = 0; i < size; i++) acc.push(leafAt(leaves, i));
  return acc.root();
}

/**
 * RFC 6962 audit path PATH(m, D[n]) for leaf `index` in the tree of the first `size` leaves: the
 * sibling hashes from the leaf up to the root. With the leaf hash they rebuild the root.
 */
export function inclusionProof(
  leaves: readonly Uint8Array[],
  index: number,
  size: number = leaves.length,
): Buffer[] {
  checkSize(leaves, size);
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new CorroborateError('invalid_input', `leaf index ${index} is not in a tree of ${size} leaves`);
  }
  const path: Buffer[] = [];
  // PATH is defined top-down but lists siblings bottom-up, so collect then reverse.
  let start = 0;
  let end = size;
  let m = index;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      path.push(subtreeRoot(leaves, start + k, end));
      end = start + k;
    } else {
      path.push(subtreeRoot(leaves, start, start + k));
      start += k;
      m -= k;
    }
  }
  return path.reverse();
}

/**
 * Checks an audit path (RFC 9162 section 2.1.3.2): true when `leafHash` at `index` and `path`
 * rebuild `root` for a tree of `treeSize` leaves.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  path: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(treeSize) || index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/**
 * RFC 6962 consistency proof PROOF(m, D[n]): the hashes that show the tree of the first `oldSize`
 * leaves is a prefix of the tree of the first `newSize` leaves (nothing before `oldSize` changed).
 */
export function consistencyProof(
  leaves: readonly Uint8Array[],
  oldSize: number,
  newSize: number = leaves.length,
): Buffer[] {
  checkSize(leaves, newSize);
  if (!Number.isInteger(oldSize) || oldSize < 0 || oldSize > newSize) {
    throw new CorroborateError('invalid_input', `old tree size ${oldSize} is not between 0 and ${newSize}`);
  }
  if (oldSize === 0 || oldSize === newSize) return [];
  const proof: Buffer[] = [];
  // SUBPROOF(m, D[start:end], b), unrolled; the RFC lists nodes from the bottom up via recursion order.
  const subproof = (m: number, start: number, end: number, complete: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!complete) proof.push(subtreeRoot(leaves, start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, complete);
      proof.push(subtreeRoot(leaves, start + k, end));
    } else {
      subproof(m - k, start + k, end, false);
      proof.push(subtreeRoot(leaves, start, start + k));
    }
  };
  subproof(oldSize, 0, newSize, true);
  return proof;
}

/**
 * Checks a consistency proof (RFC 9162 section 2.1.4.2): true when the tree of `oldSize` leaves with
 * head `oldRoot` is a prefix of the tree of `newSize` leaves with head `newRoot`.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isInteger(oldSize) || !Number.isInteger(newSize) || oldSize < 0 || oldSize > newSize)
    return false;
  if (oldSize === newSize) return proof.length === 0 && Buffer.from(oldRoot).equals(newRoot);
  if (oldSize === 0) return proof.length === 0;
  let nodes = [...proof];
  // When oldSize is a power of two the old root itself is the first node of the path.
  if ((oldSize & (oldSize - 1)) === 0) nodes = [oldRoot, ...nodes];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const [first, ...rest] = nodes;
  if (first === undefined) return false;
  let fr: Buffer = Buffer.from(first);
  let sr: Buffer = Buffer.from(first);
  for (const c of rest) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}
