/**
 * Small, linear-time text helpers shared by the fact extractors: word tokens with offsets, sentence
 * ranges, and the containment helpers that tie a fact to its sentence or attribution. Kept local to
 * the facts extractors so they stay independent of the heavier analysers in `src/text/`.
 */

/** A word token with UTF-16 offsets into the text (end exclusive). */
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Abbreviations whose trailing period belongs to the word, not to the sentence. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'rep', 'sen', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'maj', 'cmdr', 'adm',
  'st', 'jr', 'sr', 'prof', 'rev', 'pres', 'amb', 'no', 'vs', 'etc', 'inc', 'co', 'corp', 'ltd',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'u.s', 'u.n', 'u.k', 'e.u', 'd.c', 'u.s.a', 'a.m', 'p.m', 'approx', 'est',
]);

const TOKEN_RE = /[\p{L}\p{M}\p{N}]+(?:['’\-.&][\p{L}\p{M}\p{N}]+)*/gu;

/** Splits text into word tokens; a known abbreviation or initialism keeps its trailing period ("Rep.", "U.S."). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const word = m[0];
    let end = m.index + word.length;
    if (text.charCodeAt(end) === 46 && (ABBREVIATIONS.has(word.toLowerCase()) || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(word) || /^\p{Lu}$/u.test(word))) {
      end += 1;
    }
    // A possessive ending is its own token, so "Myanmar's" still reads as "Myanmar". Checked by
    // character code: this runs once per word of every document.
    const len = word.length;
    if (len > 3 && word.charCodeAt(len - 1) === 115 && (word.charCodeAt(len - 2) === 39 || word.charCodeAt(len - 2) === 0x2019)) {
      const cut = m.index + len - 2;
      out.push({ start: m.index, end: cut, text: word.slice(0, len - 2) });
      out.push({ start: cut, end, text: text.slice(cut, end) });
      continue;
    }
    out.push({ start: m.index, end, text: end === m.index + len ? word : text.slice(m.index, end) });
  }
  return out;
}

/** True when the word starts with an upper-case letter. */
export function isCapitalized(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = word[0] ?? '';
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Sentence ranges [start, end) over the text: splits after . ! ? (and closing quotes) before a capital or quote. */
export function sentenceRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /[.!?]+["”’)]?(?=\s+["“‘(]?[\p{Lu}\p{N}])|\n\s*\n/gu;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0].startsWith('.')) {
      const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, m.index - 12), m.index));
      const word = (before?.[1] ?? '').toLowerCase();
      if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/\.$/, '')) || /^(?:\p{L}\.)*\p{L}$/u.test(word)) {
        continue;
      }
    }
    out.push([start, end]);
    start = end;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

/** Index of the range containing `pos` in sorted, disjoint ranges (binary search); -1 when none. */
export function rangeIndex(ranges: readonly (readonly [number, number])[], pos: number): number {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (r === undefined) return -1;
    if (pos < r[0]) hi = mid - 1;
    else if (pos >= r[1]) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** True when two half-open ranges share at least one position. */
export function overlaps(a0: number, a1: number, b0: number, b1: number): boolean {
  return a0 < b1 && b0 < a1;
}
