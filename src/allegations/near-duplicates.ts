import { fnv1a, words } from './text.ts';

/**
 * Near-duplicate detection with MinHash over word shingles (Broder 1997) and locality-sensitive
 * hashing by bands. Wire copies and lightly edited reprints share most of their 4-word shingles, so
 * their estimated Jaccard similarity stays high while independent reports of one event stay low.
 * A copy is marked as a copy of the earliest similar source (by publication, capture time, id): the
 * rule depends only on the set of sources, never on the order they arrived in.
 */

/** Number of hash functions in a signature. */
export const MINHASH_SIZE = 64;
/** LSH bands (BANDS × ROWS = MINHASH_SIZE). 16 × 4 finds pairs above ~0.5 Jaccard with high probability. */
export const LSH_BANDS = 16;
const ROWS = MINHASH_SIZE / LSH_BANDS;
/** Words per shingle. */
export const SHINGLE_WORDS = 4;
/** Estimated Jaccard similarity from which a later source counts as a copy of an earlier one. */
export const COPY_THRESHOLD = 0.6;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEEDS: readonly number[] = Array.from({ length: MINHASH_SIZE }, (_, i) => fnv1a(`minhash-seed-${i}`));

function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hashes of the word shingles of `text` (stop words kept: they carry the wording of a copy). */
export function shingleHashes(text: string): Uint32Array {
  const w = words(text);
  if (w.length === 0) return new Uint32Array(0);
  const n = Math.max(1, w.length - SHINGLE_WORDS + 1);
  const set = new Set<number>();
  for (let i = 0; i < n; i++) set.add(shingleHash(w, i, Math.min(i + SHINGLE_WORDS, w.length)));
  return Uint32Array.from(set);
}

/** `fnv1a(words.slice(from, to).join(' '))`, without building the joined string. */
function shingleHash(words: readonly string[], from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let j = from; j < to; j++) {
    if (j > from) h = Math.imul(h ^ 32, FNV_PRIME) >>> 0;
    const word = words[j] as string;
    for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME) >>> 0;
  }
  return h >>> 0;
}

/**
 * The MinHash signature of a text: for each of {@link MINHASH_SIZE} hash functions, the smallest hash
 * over its shingles. Empty texts give an all-max signature that matches nothing.
 *
 * @example
 * const j = estimateJaccard(minhash(wireStory), minhash(reprint)); // ≈ 0.8 for a light edit
 */
export function minhash(text: string): Uint32Array {
  const shingles = shingleHashes(text);
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const h = mix(s, SEEDS[i] as number);
      if (h < (sig[i] as number)) sig[i] = h;
    }
  }
  return sig;
}

/** Share of equal positions of two signatures: an unbiased estimate of the shingle sets' Jaccard index. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / MINHASH_SIZE;
}

/** The LSH band keys of a signature: two sources sharing any key are candidate near-duplicates. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < ROWS; r++) h = mix(sig[b * ROWS + r] as number, h);
    keys.push(`${b}:${h.toString(36)}`);
  }
  return keys;
}

/** Encodes a signature for storage (base64 of its little-endian bytes). */
export function encodeSignature(sig: Uint32Array): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
}

/** Decodes a signature stored by {@link encodeSignature}. */
export function decodeSignature(text: string): Uint32Array {
  const buf = Buffer.from(text, 'base64');
  const out = new Uint32Array(MINHASH_SIZE);
  for (let i = 0; i < MINHASH_SIZE; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}

/** A source as near-duplicate detection sees it. */
export interface FingerprintedSource {
  readonly id: string;
  /** Sort key: earlier sources sort first (see `orderKey` in `features.ts`). */
  readonly order: string;
  readonly signature: Uint32Array;
}

/** A decided copy relation. */
export interface CopyLink {
  readonly sourceId: string;
  /** The earliest near-duplicate it was found to copy (itself an original), or null for an original. */
  readonly copyOf: string | null;
  readonly similarity: number;
}

/**
 * Decides which sources are copies. Each source's direct target is the earliest source whose estimated
 * Jaccard with it reaches {@link COPY_THRESHOLD} and that sorts before it; targets are then followed to
 * their root so every copy points at an original. A pure function of the set of sources.
 */
export function findCopies(sources: readonly FingerprintedSource[]): CopyLink[] {
  const byBand = new Map<string, FingerprintedSource[]>();
  for (const s of sources) {
    for (const key of bandKeys(s.signature)) {
      const list = byBand.get(key);
      if (list === undefined) byBand.set(key, [s]);
      else list.push(s);
    }
  }
  const direct = new Map<string, { target: string; similarity: number }>();
  for (const s of sources) {
    const seen = new Set<string>();
    let best: { target: FingerprintedSource; similarity: number } | null = null;
    for (const key of bandKeys(s.signature)) {
      for (const t of byBand.get(key) ?? []) {
        if (t.id === s.id || seen.has(t.id)) continue;
        seen.add(t.id);
        if (compareOrder(t, s) >= 0) continue;
        const similarity = estimateJaccard(s.signature, t.signature);
        if (similarity < COPY_THRESHOLD) continue;
        if (best === null || compareOrder(t, best.target) < 0) best = { target: t, similarity };
      }
    }
    if (best !== null) direct.set(s.id, { target: best.target.id, similarity: best.similarity });
  }
  return sources.map((s) => {
    const d = direct.get(s.id);
    if (d === undefined) return { sourceId: s.id, copyOf: null, similarity: 1 };
    let root = d.target;
    const guard = new Set<string>([s.id]);
    for (let next = direct.get(root); next !== undefined && !guard.has(root); next = direct.get(root)) {
      guard.add(root);
      root = next.target;
    }
    return { sourceId: s.id, copyOf: root, similarity: d.similarity };
  });
}

/** Orders two sources by their order key, then id. */
export function compareOrder(
  a: { readonly order: string; readonly id: string },
  b: { readonly order: string; readonly id: string },
): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
