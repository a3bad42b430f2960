/**
 * Runs a group of global regular expressions over one text, trying each only where it can start.
 * Fact extractors match a dozen date patterns against every document; left to `matchAll`, each
 * pattern walks the whole text. Their matches all open at a word boundary with one of a few words
 * ("in", "last", "March", a digit), so one pass over the word starts finds where each may match and
 * a sticky copy of the pattern is tried there alone. The matches are exactly those of
 * `text.matchAll(re)` for each pattern: the same leftmost, non-overlapping matches in order.
 */

/** A global pattern and the words its matches can open with. */
export interface ScanPattern {
  /** A global regular expression without the `u` or `m` flags whose every match starts at `\b` with an ASCII letter or digit. */
  readonly re: RegExp;
  /**
   * Every word a match can open with (any case): the letters of the pattern's first word up to the
   * first character that is not an ASCII letter. A word shorter than four letters must be followed
   * by a non-letter in every match ("in\s+", "mid-"); longer ones only need their first four
   * letters here, so "noon" also covers "noontime".
   */
  readonly words: readonly string[];
  /** Whether a match can open with a digit. */
  readonly digits: boolean;
}

/** A compiled group of patterns: `scan(text)[k]` holds the matches of pattern k. */
export interface Scanner {
  scan(text: string): RegExpExecArray[][];
}

/** 1 for ASCII letters, 2 for digits, 3 for `_`: the characters `\b` counts as word characters. */
const WORD_CLASS = new Uint8Array(128);
for (let c = 65; c <= 90; c++) WORD_CLASS[c] = 1;
for (let c = 97; c <= 122; c++) WORD_CLASS[c] = 1;
for (let c = 48; c <= 57; c++) WORD_CLASS[c] = 2;
WORD_CLASS[95] = 3;

/**
 * Key of the first four ASCII letters at `at` (fewer when the letter run is shorter), case-folded:
 * five bits per letter, so runs shorter than four letters keep their own keys ("the" ≠ "then").
 */
function keyAt(text: string, at: number): number {
  let key = 0;
  for (let k = 0; k < 4; k++) {
    const c = text.charCodeAt(at + k);
    const folded = c | 32;
    if (c >= 128 || folded < 97 || folded > 122 || WORD_CLASS[c] !== 1) break;
    key |= (folded - 96) << (5 * k);
  }
  return key;
}

function wordKey(word: string): number {
  return keyAt(word, 0);
}

/** The low ten bits of {@link keyAt}: the first two letters of a word, for the two-letter prefilter. */
const PREFIX_BITS = 1023;

/**
 * The first two letters of the word starting with the ASCII letter at `at`, as {@link keyAt} packs
 * them (`keyAt(text, at) & PREFIX_BITS`), read without the loop: most words fail this test alone.
 */
function prefixAt(text: string, at: number): number {
  const c1 = text.charCodeAt(at + 1);
  const folded = c1 | 32;
  const second = c1 < 128 && folded >= 97 && folded <= 122 && WORD_CLASS[c1] === 1 ? (folded - 96) << 5 : 0;
  return ((text.charCodeAt(at) | 32) - 96) | second;
}

/**
 * Compiles patterns for {@link Scanner.scan}. Throws when a pattern is not global or uses flags the
 * word-start test does not model.
 */
export function createScanner(patterns: readonly ScanPattern[]): Scanner {
  if (patterns.length > 30) throw new Error('createScanner: at most 30 patterns');
  const sticky = patterns.map(({ re }) => {
    if (!re.global || re.unicode || re.multiline || re.sticky)
      throw new Error(`createScanner: unsupported flags on ${re.source}`);
    return new RegExp(re.source, re.flags.replace('g', '') + 'y');
  });
  const byKey = new Map<number, number>();
  // The patterns whose words open with each two-letter prefix: a word whose prefix no pattern word
  // has (most words) is passed over without its full key or a Map probe.
  const byPrefix = new Int32Array(PREFIX_BITS + 1);
  let digitMask = 0;
  patterns.forEach((p, k) => {
    for (const w of p.words) {
      if (!/^[A-Za-z]+$/.test(w)) throw new Error(`createScanner: "${w}" is not a word of ASCII letters`);
      const key = wordKey(w);
      byKey.set(key, (byKey.get(key) ?? 0) | (1 << k));
      byPrefix[key & PREFIX_BITS]! |= 1 << k;
    }
    if (p.digits) digitMask |= 1 << k;
  });
  return {
    scan(text: string): RegExpExecArray[][] {
      const out: RegExpExecArray[][] = sticky.map(() => []);
      // where each pattern may match next: after its previous match, as matchAll resumes
      const next = new Int32Array(sticky.length);
      let prevWord = false;
      for (let p = 0; p < text.length; p++) {
        const c = text.charCodeAt(p);
        const cls = c < 128 ? WORD_CLASS[c]! : 0;
        if (cls === 0 || prevWord) {
          prevWord = cls !== 0;
          continue;
        }
        prevWord = true;
        let mask = cls === 1 ? (byPrefix[prefixAt(text, p)] === 0 ? 0 : (byKey.get(keyAt(text, p)) ?? 0)) : cls === 2 ? digitMask : 0;
        for (let k = 0; mask !== 0; k++, mask >>>= 1) {
          if ((mask & 1) === 0 || p < next[k]!) continue;
          const re = sticky[k]!;
          re.lastIndex = p;
          const m = re.exec(text);
          if (m === null) continue;
          out[k]!.push(m);
          next[k] = p + Math.max(1, m[0].length);
        }
      }
      return out;
    },
  };
}
