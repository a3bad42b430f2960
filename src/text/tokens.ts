/**
 * A fast, allocation-light tokeniser. A token is a maximal run of letters and digits, or a single
 * other non-space character — the same definition the evaluation (docs/EVALUATION.md) counts in,
 * so extracted spans and scored spans share their boundaries.
 */

/** What a token is made of. */
export const TokenKind = { word: 1, number: 2, mixed: 3, punct: 4 } as const;

/** Struct-of-arrays token table: index `i` describes the i-th token of the text. */
export interface TokenTable {
  readonly text: string;
  readonly count: number;
  /** UTF-16 start offset of each token. */
  readonly start: Int32Array;
  /** UTF-16 end offset (exclusive) of each token. */
  readonly end: Int32Array;
  /** {@link TokenKind} of each token. */
  readonly kind: Uint8Array;
  /** 32-bit hash of the lowercased token text (see {@link hashLower}). */
  readonly lower: Int32Array;
  /** Word shape class (see {@link Shape}). */
  readonly shape: Uint8Array;
  /** 1 when a newline lies between this token and the previous one. */
  readonly newlineBefore: Uint8Array;
  /** 1 when any whitespace lies between this token and the previous one. */
  readonly spaceBefore: Uint8Array;
}

/** Coarse word shapes used as features. */
export const Shape = {
  lower: 1,
  capitalized: 2,
  upper: 3,
  mixed: 4,
  digits: 5,
  punct: 6,
  other: 7,
} as const;

const ASCII_CLASS = new Uint8Array(128);
// 1 = lowercase letter, 2 = uppercase letter, 3 = digit, 4 = whitespace, 0 = other
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = 2;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = 3;
for (const c of [9, 10, 11, 12, 13, 32]) ASCII_CLASS[c] = 4;

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const SPACE = /\s/u;

/** Character class of the code unit at `i`: 1 lower, 2 upper, 3 digit, 4 space, 5 other letter, 0 other. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_CLASS[c] ?? 0;
  if (c >= 0xd800 && c <= 0xdfff) {
    const cp = text.codePointAt(i);
    if (cp === undefined || cp < 0x10000) return 0;
    const ch = String.fromCodePoint(cp);
    return LETTER_OR_DIGIT.test(ch) ? 5 : 0;
  }
  const ch = text[i] ?? '';
  if (c === 0xa0 || c === 0x2028 || c === 0x2029 || SPACE.test(ch)) return 4;
  if (!LETTER_OR_DIGIT.test(ch)) return 0;
  if (UPPER.test(ch)) return 2;
  if (LOWER.test(ch)) return 1;
  return 5;
}

/** The code unit at `i` lowercased (ASCII by arithmetic, others by toLowerCase), as hashes fold it. */
function lowerUnit(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 128) return c;
  return text[i]!.toLowerCase().charCodeAt(0);
}

/** FNV-1a over the lowercased code units of `text[start, end)`; stable across runs. */
export function hashLower(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ lowerUnit(text, i), 0x01000193);
  return h | 0;
}

/** Hash of a plain lowercase string, equal to {@link hashLower} on text holding it. */
export function hashWord(word: string): number {
  return hashLower(word, 0, word.length);
}

/** The set of {@link hashWord} hashes of plain lowercase words, to test `TokenTable.lower` against. */
export function hashWords(words: readonly string[]): ReadonlySet<number> {
  return new Set(words.map(hashWord));
}

/**
 * Splits `text` into tokens in one linear pass.
 *
 * @example
 * const t = tokenize('“Hi,” she said.');
 * t.count; // 6: “ Hi , ” she said .  (7 with the period)
 */
export function tokenize(text: string): TokenTable {
  const n = text.length;
  let cap = Math.max(16, n >> 2);
  let start: Int32Array<ArrayBuffer> = new Int32Array(cap);
  let end: Int32Array<ArrayBuffer> = new Int32Array(cap);
  let kind: Uint8Array<ArrayBuffer> = new Uint8Array(cap);
  let shape: Uint8Array<ArrayBuffer> = new Uint8Array(cap);
  let nl: Uint8Array<ArrayBuffer> = new Uint8Array(cap);
  let sp: Uint8Array<ArrayBuffer> = new Uint8Array(cap);
  let lower: Int32Array<ArrayBuffer> = new Int32Array(cap);
  let count = 0;
  let sawNewline = false;
  let sawSpace = false;
  let i = 0;
  while (i < n) {
    const cls = classAt(text, i);
    if (cls === 4) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) sawNewline = true;
      sawSpace = true;
      i++;
      continue;
    }
    if (count === cap) {
      cap *= 2;
      start = grow(start, cap);
      end = grow(end, cap);
      kind = grow8(kind, cap);
      shape = grow8(shape, cap);
      nl = grow8(nl, cap);
      sp = grow8(sp, cap);
      lower = grow(lower, cap);
    }
    const s = i;
    // FNV-1a of the lowercased code units (hashLower), folded in while scanning: one pass, not two
    let h = 0x811c9dc5;
    if (cls === 0) {
      // a single other character; keep surrogate pairs whole
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      for (let u = s; u < i; u++) h = Math.imul(h ^ lowerUnit(text, u), 0x01000193);
      kind[count] = TokenKind.punct;
      shape[count] = Shape.punct;
    } else {
      let lowers = 0;
      let uppers = 0;
      let digits = 0;
      let others = 0;
      let firstUpper = cls === 2;
      while (i < n) {
        const k = classAt(text, i);
        if (k === 1) lowers++;
        else if (k === 2) uppers++;
        else if (k === 3) digits++;
        else if (k === 5) others++;
        else break;
        const c = text.charCodeAt(i);
        if (c >= 65 && c <= 90) h = Math.imul(h ^ (c + 32), 0x01000193);
        else if (c < 128) h = Math.imul(h ^ c, 0x01000193);
        else {
          h = Math.imul(h ^ lowerUnit(text, i), 0x01000193);
          if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
            i++;
            h = Math.imul(h ^ lowerUnit(text, i), 0x01000193);
          }
        }
        i++;
      }
      const letters = lowers + uppers + others;
      kind[count] = digits > 0 ? (letters > 0 ? TokenKind.mixed : TokenKind.number) : TokenKind.word;
      if (digits > 0 && letters === 0) shape[count] = Shape.digits;
      else if (uppers === 0 && lowers > 0) shape[count] = Shape.lower;
      else if (lowers === 0 && uppers > 0) shape[count] = uppers === 1 ? Shape.capitalized : Shape.upper;
      else if (firstUpper && uppers === 1) shape[count] = Shape.capitalized;
      else if (uppers > 0 && lowers > 0) shape[count] = Shape.mixed;
      else shape[count] = Shape.other;
      firstUpper = false;
    }
    lower[count] = h | 0;
    start[count] = s;
    end[count] = i;
    nl[count] = sawNewline ? 1 : 0;
    sp[count] = sawSpace ? 1 : 0;
    sawNewline = false;
    sawSpace = false;
    count++;
  }
  return {
    text,
    count,
    start: start.subarray(0, count),
    end: end.subarray(0, count),
    kind: kind.subarray(0, count),
    lower: lower.subarray(0, count),
    shape: shape.subarray(0, count),
    newlineBefore: nl.subarray(0, count),
    spaceBefore: sp.subarray(0, count),
  };
}

function grow(a: Int32Array<ArrayBuffer>, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function grow8(a: Uint8Array<ArrayBuffer>, cap: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}

/** The text of token `i`. */
export function tokenText(tokens: TokenTable, i: number): string {
  return tokens.text.slice(tokens.start[i], tokens.end[i]);
}

/**
 * Index of the first token whose end is after `offset` (binary search), i.e. the token containing
 * `offset` or the next one. Returns `tokens.count` when none.
 */
export function tokenAtOrAfter(tokens: TokenTable, offset: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.end[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last token whose start is before `offset`, or -1. */
export function tokenBefore(tokens: TokenTable, offset: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.start[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
