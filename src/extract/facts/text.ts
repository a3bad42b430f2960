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

/**
 * A {@link Token} made by a constructor rather than an object literal. V8 tracks the objects of a
 * literal's allocation site and, since tokens live through the whole of a document's fact extraction,
 * soon allocated every literal token directly in the old generation ("pretenuring"), which made
 * tokenize three to four times slower for the rest of the process. Constructed objects are not tracked.
 */
class WordToken implements Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;

  constructor(start: number, end: number, text: string) {
    this.start = start;
    this.end = end;
    this.text = text;
  }
}

/** Abbreviations whose trailing period belongs to the word, not to the sentence. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'rep', 'sen', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'maj', 'cmdr', 'adm',
  'st', 'jr', 'sr', 'prof', 'rev', 'pres', 'amb', 'no', 'vs', 'etc', 'inc', 'co', 'corp', 'ltd',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'u.s', 'u.n', 'u.k', 'e.u', 'd.c', 'u.s.a', 'a.m', 'p.m', 'approx', 'est',
]);

const WORD_CHAR_RE = /^[\p{L}\p{M}\p{N}]$/u;
/*
 * Patterns with a `\p{…}` escape outside a character class are module constants, not literals in the
 * functions below: tsx's esbuild rewrites such a literal as `new RegExp(source, 'u')` where it stands,
 * so a literal in a loop built a new RegExp through the constructor on every pass (about 0.2 µs each).
 */
/** An initialism without its last period ("U.S", "U.N"). */
const INITIALISM = /^(?:\p{Lu}\.)+\p{Lu}$/u;
/** One capital letter: an initial ("J." in "John J. Smith"). */
const ONE_CAPITAL = /^\p{Lu}$/u;
/** Letters joined by periods ("e.g", "U.S", "x"): a period after such a word ends no sentence. */
const DOTTED_LETTERS = /^(?:\p{L}\.)*\p{L}$/u;
/** Word characters among ASCII: letters and digits. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;
/** Non-ASCII code points seen so far → word character or not (a handful per document). */
const OTHER_WORD = new Map<number, boolean>();

/** True when the code point is a letter, mark or number (the tokenizer's word characters). */
function isWordCodePoint(cp: number): boolean {
  if (cp < 128) return ASCII_WORD[cp] === 1;
  let known = OTHER_WORD.get(cp);
  if (known === undefined) {
    known = WORD_CHAR_RE.test(String.fromCodePoint(cp));
    if (OTHER_WORD.size < 65_536) OTHER_WORD.set(cp, known);
  }
  return known;
}

/** End of the run of word characters starting at `pos` (pos itself when there is none). */
function wordRunEnd(text: string, pos: number): number {
  let i = pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (ASCII_WORD[c] !== 1) break;
      i++;
      continue;
    }
    const cp = text.codePointAt(i) ?? c;
    if (!isWordCodePoint(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** Characters that join two word runs into one token ("O'Brien", "al-Assad", "U.S", "AT&T"). */
function isJoiner(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 45 || c === 46 || c === 38;
}

/**
 * Splits text into word tokens; a known abbreviation or initialism keeps its trailing period ("Rep.", "U.S.").
 * A token is a maximal run of letters, marks and digits, possibly joined by one of ' ’ - . & to the
 * next run. Scanned by character code rather than with a regular expression: this runs over every
 * character of every document.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c < 128 ? ASCII_WORD[c] !== 1 : !isWordCodePoint(text.codePointAt(pos) ?? c)) {
      pos++;
      continue;
    }
    const start = pos;
    let wordEnd = wordRunEnd(text, pos);
    while (wordEnd + 1 < text.length && isJoiner(text.charCodeAt(wordEnd))) {
      const next = wordRunEnd(text, wordEnd + 1);
      if (next === wordEnd + 1) break;
      wordEnd = next;
    }
    pos = wordEnd;
    const word = text.slice(start, wordEnd);
    let end = wordEnd;
    if (text.charCodeAt(end) === 46 && (ABBREVIATIONS.has(word.toLowerCase()) || INITIALISM.test(word) || ONE_CAPITAL.test(word))) {
      end += 1;
    }
    // A possessive ending is its own token, so "Myanmar's" still reads as "Myanmar".
    const len = word.length;
    if (len > 3 && word.charCodeAt(len - 1) === 115 && (word.charCodeAt(len - 2) === 39 || word.charCodeAt(len - 2) === 0x2019)) {
      const cut = start + len - 2;
      out.push(new WordToken(start, cut, word.slice(0, len - 2)));
      out.push(new WordToken(cut, end, text.slice(cut, end)));
      continue;
    }
    out.push(new WordToken(start, end, end === wordEnd ? word : text.slice(start, end)));
  }
  return out;
}

/**
 * A set of numbers that reads small non-negative integers from a byte table: the word shapes (first
 * letter and length packed in one number) that the extractors test nearly every token against, where
 * a Set probe, which hashes its key, cost more than the rest of the test. Other numbers go to a Set,
 * so `has` answers exactly as `new Set(values).has` would.
 */
export class SmallIntSet {
  private readonly table: Uint8Array;
  private readonly others = new Set<number>();

  constructor(values: Iterable<number>, limit = 8192) {
    this.table = new Uint8Array(limit);
    for (const v of values) {
      if ((v | 0) === v && v >= 0 && v < limit) this.table[v] = 1;
      else this.others.add(v);
    }
  }

  has(value: number): boolean {
    if ((value | 0) === value && value >= 0 && value < this.table.length) return this.table[value] === 1;
    return this.others.has(value);
  }
}

/** True when the word starts with an upper-case letter. */
export function isCapitalized(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = word[0] ?? '';
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** The letters and periods that end a text: "U.S." of "… the U.S." (one group; null when there are none). */
const TRAILING_WORD = /([\p{L}.]+)$/u;

/**
 * The run of letters and periods right before `at`, within the 12 characters before it: what
 * {@link TRAILING_WORD} finds in that window, read backwards by character code while they are ASCII
 * (one test per sentence end of every document, and the pattern tried every start in the window).
 */
function wordBefore(text: string, at: number): string {
  const from = Math.max(0, at - 12);
  let k = at;
  while (k > from) {
    const c = text.charCodeAt(k - 1);
    if (c >= 128) return TRAILING_WORD.exec(text.slice(from, at))?.[1] ?? '';
    if (c !== 46 && ((c | 32) < 97 || (c | 32) > 122)) break;
    k--;
  }
  return text.slice(k, at);
}

/** Sentence ranges [start, end) over the text: splits after . ! ? (and closing quotes) before a capital or quote. */
export function sentenceRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /[.!?]+["”’)]?(?=\s+["“‘(]?[\p{Lu}\p{N}])|\n\s*\n/gu;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0].startsWith('.')) {
      const word = wordBefore(text, m.index).toLowerCase();
      if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/\.$/, '')) || DOTTED_LETTERS.test(word)) {
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
