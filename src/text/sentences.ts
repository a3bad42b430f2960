/**
 * Sentence and paragraph segmentation over a {@link TokenTable}, plus quotation state. One linear
 * pass each; rules, not a model: a sentence ends at . ! ? … (and any closing quotes or brackets
 * after it) when the next token opens a new sentence, and always at a line break.
 */
import { hashWords, Shape, type TokenTable } from './tokens.ts';

/** Sentence, paragraph and quotation layout of a token table. */
export interface Layout {
  /** Sentence index of each token. */
  readonly sentence: Int32Array;
  /** Paragraph index of each token. */
  readonly paragraph: Int32Array;
  /** First token of each sentence. */
  readonly sentenceStart: Int32Array;
  /** One past the last token of each sentence. */
  readonly sentenceEnd: Int32Array;
  /** 1 for tokens inside quotation marks (the marks themselves included). */
  readonly inQuote: Uint8Array;
  /** 1 opening mark, 2 closing mark, 0 otherwise. */
  readonly quoteMark: Uint8Array;
}

const ABBREVIATIONS = hashWords(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm',
    'st', 'jr', 'sr', 'rev', 'hon', 'pres', 'supt', 'insp', 'maj', 'cpl', 'pvt', 'vs', 'v', 'no', 'nos',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'inc', 'corp',
    'co', 'ltd', 'dept', 'univ', 'ave', 'blvd', 'mt', 'ft', 'approx', 'est', 'etc', 'fig', 'al', 'e', 'i',
  ],
);

const OPEN_QUOTES = new Set([0x201c, 0x00ab, 0x201e, 0x2018, 0x201a]);
const CLOSE_QUOTES = new Set([0x201d, 0x00bb, 0x2019]);
const CLOSERS = new Set([0x201d, 0x00bb, 0x2019, 0x22, 0x27, 0x29, 0x5d]);

function codeOf(tokens: TokenTable, i: number): number {
  return tokens.end[i]! - tokens.start[i]! === 1 ? tokens.text.charCodeAt(tokens.start[i]!) : -1;
}

/**
 * Segments tokens into sentences and paragraphs and marks quoted stretches.
 * Straight double quotes toggle; curly and guillemet quotes open and close by direction; single
 * curly quotes count only when not an apostrophe. Quotation state resets at each paragraph, as
 * news style reopens quotes per paragraph.
 */
export function layout(tokens: TokenTable): Layout {
  const n = tokens.count;
  const sentence = new Int32Array(n);
  const paragraph = new Int32Array(n);
  const starts: number[] = [];
  const ends: number[] = [];
  let s = 0;
  let p = 0;
  let sStart = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && tokens.newlineBefore[i] === 1) {
      p++;
      if (sStart < i) {
        starts.push(sStart);
        ends.push(i);
        s++;
        sStart = i;
      }
    } else if (i > 0 && i > sStart && endsSentenceBefore(tokens, i)) {
      starts.push(sStart);
      ends.push(i);
      s++;
      sStart = i;
    }
    sentence[i] = s;
    paragraph[i] = p;
  }
  if (sStart < n) {
    starts.push(sStart);
    ends.push(n);
  }
  const { inQuote, quoteMark } = quotation(tokens, paragraph);
  return {
    sentence,
    paragraph,
    sentenceStart: Int32Array.from(starts),
    sentenceEnd: Int32Array.from(ends),
    inQuote,
    quoteMark,
  };
}

/** True when a sentence boundary falls between token i-1 and token i. */
function endsSentenceBefore(tokens: TokenTable, i: number): boolean {
  // walk back over closing quotes/brackets to the terminal punctuation
  let j = i - 1;
  while (j >= 0 && CLOSERS.has(codeOf(tokens, j)) && tokens.spaceBefore[j] === 0) j--;
  if (j < 0) return false;
  const c = codeOf(tokens, j);
  if (c !== 0x2e && c !== 0x21 && c !== 0x3f && c !== 0x2026) return false;
  if (tokens.spaceBefore[i] === 0) return false;
  // the next token must look like a sentence start
  const next = tokens.shape[i]!;
  const nc = codeOf(tokens, i);
  const startsLike =
    next === Shape.capitalized || next === Shape.upper || next === Shape.digits || OPEN_QUOTES.has(nc) || nc === 0x22;
  if (!startsLike) return false;
  if (c === 0x2e && j > 0 && tokens.end[j - 1] === tokens.start[j]) {
    // "Mr." "Sen." initials "J." and "U.S." pieces do not end sentences
    const prev = j - 1;
    if (ABBREVIATIONS.has(tokens.lower[prev]!)) return false;
    const len = tokens.end[prev]! - tokens.start[prev]!;
    if (len === 1 && tokens.shape[prev] === Shape.capitalized) return false;
  }
  return true;
}

function quotation(tokens: TokenTable, paragraph: Int32Array): { inQuote: Uint8Array; quoteMark: Uint8Array } {
  const n = tokens.count;
  const inQuote = new Uint8Array(n);
  const quoteMark = new Uint8Array(n);
  let open = false;
  let openedBySingle = false;
  for (let i = 0; i < n; i++) {
    if (i > 0 && paragraph[i] !== paragraph[i - 1]) open = false;
    const c = codeOf(tokens, i);
    let opens = false;
    let closes = false;
    if (c === 0x22) {
      if (open) closes = true;
      else opens = true;
    } else if (OPEN_QUOTES.has(c)) {
      if (c === 0x2018) opens = !open && (i + 1 >= n || tokens.spaceBefore[i + 1] === 0);
      else opens = true;
    } else if (CLOSE_QUOTES.has(c)) {
      // a right single quote between letters is an apostrophe
      if (c === 0x2019) {
        const glued = i > 0 && tokens.end[i - 1] === tokens.start[i] && i + 1 < n && tokens.start[i + 1] === tokens.end[i];
        closes = open && !glued && openedBySingle;
      } else closes = open || c === 0x201d;
    }
    if (opens) {
      open = true;
      openedBySingle = c === 0x2018;
      inQuote[i] = 1;
      quoteMark[i] = 1;
    } else if (closes) {
      inQuote[i] = 1;
      quoteMark[i] = 2;
      open = false;
    } else {
      inQuote[i] = open ? 1 : 0;
    }
  }
  return { inQuote, quoteMark };
}
