/**
 * Features and greedy decoders of the two attribution taggers:
 * - the cue tagger labels every token O / B / I of a cue ("said", "according to", "told");
 * - the role tagger, run once per cue over a window of sentences around it, labels tokens O /
 *   source-B / source-I / content-B / content-I relative to that cue (side, distance, punctuation and
 *   quotation marks between, other cues between).
 * Training (scripts/train-attribution.ts) and inference share these functions, so they cannot drift.
 */
import { layout, type Layout } from '../text/sentences.ts';
import { LEX_CLASS } from '../text/lexicon.ts';
import { hashWord, Shape, TokenKind, tokenize, type TokenTable } from '../text/tokens.ts';
import { PosGuess, readPosLexicon } from '../text/pos.ts';
import * as model from './attribution-model.ts';
import type { LinearModel } from './attribution-model.ts';

// Module-local bindings of the hot functions: the TypeScript loader compiles imports to getter
// calls, which cost about a tenth of tagging time when paid per feature.
const mix2 = model.mix2;
const mixSeed = model.mixSeed;
const mixFinish = model.mixFinish;
const score = model.score;

/** The last step of a feature hash: `fin(seed, b)` for a seed from {@link seeds}. */
function fin(seed: number, b: number): number {
  return mixFinish(seed ^ b);
}

const M = 0x5bd1e995;

/**
 * `mix2(fin(seed, b), c)` with the arithmetic written out, and {@link fin3} likewise for
 * `mix2(mix2(fin(seed, b), c), d)`: same values, a third of the bytecode. V8 inlines small functions
 * only up to a bytecode budget per optimised function; with the helpers nested, most feature hashes
 * stayed calls (about a sixth of tagging time). Kept equal to the helpers by a test.
 */
export function fin2(seed: number, b: number, c: number): number {
  let h = Math.imul(seed ^ b, M);
  h = Math.imul(h ^ (h >>> 15) ^ 0x9e3779b9, M);
  h = Math.imul(h ^ (h >>> 13) ^ c, M);
  return h ^ (h >>> 15);
}

/** `mix2(mix2(fin(seed, b), c), d)`, written out (see {@link fin2}). */
export function fin3(seed: number, b: number, c: number, d: number): number {
  let h = Math.imul(seed ^ b, M);
  h = Math.imul(h ^ (h >>> 15) ^ 0x9e3779b9, M);
  h = Math.imul(h ^ (h >>> 13) ^ c, M);
  h = Math.imul(h ^ (h >>> 15) ^ 0x9e3779b9, M);
  h = Math.imul(h ^ (h >>> 13) ^ d, M);
  return h ^ (h >>> 15);
}

/**
 * Seeds of templates `from`…`from + count - 1` whose first value is `v`: entry `t - from` is
 * `mixSeed(mix2(t, v))`, or `mixSeed(t)` when `v` is null, so `fin(seed, b)` equals `mix3(t, v, b)`
 * (or `mix2(t, b)`). Feature hashes are unchanged; hashing is about a quarter of tagging time and
 * most of its mixing steps only combine constants.
 */
function seeds(from: number, count: number, v: number | null): Int32Array {
  const out = new Int32Array(count);
  for (let k = 0; k < count; k++) out[k] = v === null ? mixSeed(from + k) : mixSeed(mix2(from + k, v));
  return out;
}

/** Cue templates: `CUE[t]` for template t (1–33). */
const CUE = seeds(0, 34, null);
/** Cue transition templates by previous tag: `CUE_PREV[prev][t - 100]`. */
const CUE_PREV = [0, 1, 2].map((prev) => seeds(100, 4, prev));
/** Role templates by side (1 left, 2 right): `ROLE_SIDE[side][t - 200]`. */
const ROLE_SIDE = [0, 1, 2].map((side) => seeds(200, 33, side));
/** Role transition templates by previous tag: `ROLE_PREV[prev][t - 300]`. */
const ROLE_PREV = [0, 1, 2, 3, 4].map((prev) => seeds(300, 9, prev));

/** Cue tags. */
export const CueTag = { O: 0, B: 1, I: 2 } as const;
/** Role tags relative to one cue. */
export const RoleTag = { O: 0, SB: 1, SI: 2, CB: 3, CI: 4 } as const;

/** Everything the taggers need about one document, computed once in linear time. */
export interface DocContext {
  readonly tokens: TokenTable;
  readonly layout: Layout;
  /** Lexical class per token (see LexClass). */
  readonly lex: Uint8Array;
  /** Hash of the last three lowercased characters of each word token. */
  readonly suffix: Int32Array;
  /** commas[i] = number of commas among tokens [0, i). */
  readonly commas: Int32Array;
  /** quotes[i] = number of quotation marks among tokens [0, i). */
  readonly quotes: Int32Array;
  /** Token after the sentence-final token, per token: sentenceEnd of its sentence. */
  readonly sentEnd: Int32Array;
  /** First token of each token's sentence. */
  readonly sentStart: Int32Array;
  /** Id (from 1) of the quotation a token is in, 0 outside quotations. */
  readonly quoteId: Int32Array;
  /** Most frequent part-of-speech tag per token (src/text/pos.ts; guessed for unknown words). */
  readonly pos: Uint8Array;
  /** Ambiguity class per token (its whole tag list; 0 for words outside the lexicon). */
  readonly amb: Uint16Array;
}

/** Lowercased code unit of `text` at `i` (ASCII letters only; others unchanged). */
function lowerCode(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** A tag for a word outside the lexicon, from its shape and ending (no string is built). */
function guessPos(text: string, tokens: TokenTable, i: number): number {
  const kind = tokens.kind[i]!;
  if (kind === TokenKind.punct) return 0;
  if (kind === TokenKind.number) return PosGuess.number;
  const shape = tokens.shape[i]!;
  if (shape === Shape.capitalized || shape === Shape.upper || shape === Shape.mixed) return PosGuess.properNoun;
  const start = tokens.start[i]!;
  const end = tokens.end[i]!;
  const last = lowerCode(text, end - 1);
  const before = end - start >= 2 ? lowerCode(text, end - 2) : 0;
  if (before === 0x6c && last === 0x79) return PosGuess.adverb; // -ly
  if (before === 0x65 && last === 0x64) return PosGuess.pastVerb; // -ed
  if (end - start >= 3 && lowerCode(text, end - 3) === 0x69 && before === 0x6e && last === 0x67) return PosGuess.gerund; // -ing
  if (last === 0x73) return PosGuess.plural; // -s
  return PosGuess.noun;
}

const COMMA = 0x2c;

let wordTable: Map<number, number> | null = null;

/**
 * Lexicon class and part of speech of every known word in one map, so each token costs one lookup:
 * value = ambiguity class << 11 | tag << 5 | 16 (tag known) | lexicon class.
 */
function words(): Map<number, number> {
  if (wordTable !== null) return wordTable;
  const out = new Map<number, number>();
  const { hashes, tags, classes } = readPosLexicon();
  for (let k = 0; k < hashes.length; k++) {
    const h = hashes[k]!;
    out.set(h, (classes[k]! << 11) | (tags[k]! << 5) | 16 | (LEX_CLASS.get(h) ?? 0));
  }
  for (const [h, lx] of LEX_CLASS) if (!out.has(h)) out.set(h, lx);
  wordTable = out;
  return out;
}

const LEFT_QUOTE = hashWord('“');
const RIGHT_QUOTE = hashWord('”');

/** Builds the per-document context (tokens, layout, lexicon classes, prefix counts). */
export function documentContext(text: string): DocContext {
  const tokens = tokenize(text);
  const lay = layout(tokens);
  const n = tokens.count;
  const lex = new Uint8Array(n);
  const suffix = new Int32Array(n);
  const commas = new Int32Array(n + 1);
  const quotes = new Int32Array(n + 1);
  const sentEnd = new Int32Array(n);
  const sentStart = new Int32Array(n);
  const quoteId = new Int32Array(n);
  const pos = new Uint8Array(n);
  const amb = new Uint16Array(n);
  const known = words();
  let region = 0;
  for (let i = 0; i < n; i++) {
    if (lay.quoteMark[i] === 1 || (lay.inQuote[i] === 1 && (i === 0 || lay.inQuote[i - 1] === 0))) region++;
    quoteId[i] = lay.inQuote[i] === 1 ? region : 0;
    // guillemets read as the curly quotes the models were trained on («…» in translated and European copy)
    if (tokens.kind[i] === TokenKind.punct) {
      const c = text.charCodeAt(tokens.start[i]!);
      if (c === 0xab) tokens.lower[i] = LEFT_QUOTE;
      else if (c === 0xbb) tokens.lower[i] = RIGHT_QUOTE;
    }
    const w = known.get(tokens.lower[i]!) ?? 0;
    lex[i] = w & 15;
    pos[i] = (w & 16) === 0 ? guessPos(text, tokens, i) : (w >>> 5) & 63;
    amb[i] = w >>> 11;
    const s = tokens.start[i]!;
    const e = tokens.end[i]!;
    if (tokens.kind[i] !== TokenKind.punct && e - s > 3) {
      let h = 0x811c9dc5;
      for (let k = e - 3; k < e; k++) {
        let c = text.charCodeAt(k);
        if (c >= 65 && c <= 90) c += 32;
        h = Math.imul(h ^ c, 0x01000193);
      }
      suffix[i] = h;
    } else suffix[i] = tokens.lower[i]!;
    const isComma = e - s === 1 && text.charCodeAt(s) === COMMA ? 1 : 0;
    commas[i + 1] = commas[i]! + isComma;
    quotes[i + 1] = quotes[i]! + (lay.quoteMark[i]! > 0 ? 1 : 0);
    const si = lay.sentence[i]!;
    sentEnd[i] = lay.sentenceEnd[si]!;
    sentStart[i] = lay.sentenceStart[si]!;
  }
  return { tokens, layout: lay, lex, suffix, commas, quotes, sentEnd, sentStart, quoteId, pos, amb };
}

const PAD = 0x7fff_fff1;

function lowerAt(ctx: DocContext, i: number): number {
  return i >= 0 && i < ctx.tokens.count ? ctx.tokens.lower[i]! : PAD;
}

function shapeAt(ctx: DocContext, i: number): number {
  return i >= 0 && i < ctx.tokens.count ? ctx.tokens.shape[i]! : 0;
}

function posAt(ctx: DocContext, i: number): number {
  return i >= 0 && i < ctx.tokens.count ? ctx.pos[i]! : 63;
}

function lexAt(ctx: DocContext, i: number): number {
  return i >= 0 && i < ctx.tokens.count ? ctx.lex[i]! : 9;
}

function bucket(d: number): number {
  if (d <= 3) return d;
  if (d <= 5) return 4;
  if (d <= 8) return 5;
  if (d <= 12) return 6;
  if (d <= 20) return 7;
  if (d <= 35) return 8;
  return 9;
}

/** Static cue features of token `i` into `buf`; returns the count. */
export function cueFeatures(ctx: DocContext, i: number, buf: Int32Array): number {
  const t = ctx.tokens;
  const q = ctx.layout;
  const L = t.lower[i]!;
  const Lm1 = lowerAt(ctx, i - 1);
  const Lp1 = lowerAt(ctx, i + 1);
  const sh = t.shape[i]!;
  const lx = ctx.lex[i]!;
  const inQ = q.inQuote[i]!;
  const mark = q.quoteMark[i]!;
  const fromStart = bucket(i - ctx.sentStart[i]!);
  const toEnd = bucket(ctx.sentEnd[i]! - 1 - i);
  const sentHasQuote = ctx.quotes[ctx.sentEnd[i]!]! - ctx.quotes[ctx.sentStart[i]!]! > 0 ? 1 : 0;
  const leftQuote = ctx.quotes[i]! - ctx.quotes[ctx.sentStart[i]!]! > 0 ? 1 : 0;
  const rightQuote = ctx.quotes[ctx.sentEnd[i]!]! - ctx.quotes[i + 1]! > 0 ? 1 : 0;
  // fin(CUE[t], b) === mix2(t, b), fin2(CUE[t], b, c) === mix3(t, b, c), and so on (see seeds).
  // Three groups in functions of their own, as for the role features (V8's inlining budget).
  let n = cueWordFeatures(ctx, i, L, Lm1, Lp1, buf, 0);
  n = cueShapeFeatures(ctx, i, L, Lm1, sh, lx, buf, n);
  let named = 0;
  for (let k = Math.max(ctx.sentStart[i]!, i - 3); k < i; k++) {
    const c = t.shape[k]!;
    const l = ctx.lex[k]!;
    if (c === 2 || c === 3 || l === 3) named = 1;
  }
  return cueQuoteFeatures(ctx, i, L, lx, inQ, mark, fromStart, toEnd, sentHasQuote, leftQuote, rightQuote, named, buf, n);
}

/** Cue features of the words around the token. */
function cueWordFeatures(ctx: DocContext, i: number, L: number, Lm1: number, Lp1: number, buf: Int32Array, n: number): number {
  const Lm2 = lowerAt(ctx, i - 2);
  buf[n++] = fin(CUE[1]!, 0);
  buf[n++] = fin(CUE[2]!, L);
  buf[n++] = fin(CUE[3]!, Lm1);
  buf[n++] = fin(CUE[4]!, Lp1);
  buf[n++] = fin(CUE[5]!, Lm2);
  buf[n++] = fin(CUE[6]!, lowerAt(ctx, i + 2));
  buf[n++] = fin2(CUE[7]!, Lm1, L);
  buf[n++] = fin2(CUE[8]!, L, Lp1);
  buf[n++] = fin(CUE[9]!, ctx.suffix[i]!);
  buf[n++] = fin2(CUE[21]!, L, Lm2);
  buf[n++] = fin3(CUE[22]!, Lm1, L, Lp1);
  return n;
}

/** Cue features of shapes, lexicon classes and suffixes. */
function cueShapeFeatures(
  ctx: DocContext,
  i: number,
  L: number,
  Lm1: number,
  sh: number,
  lx: number,
  buf: Int32Array,
  n: number,
): number {
  const lxp1 = lexAt(ctx, i + 1);
  const lxm1 = lexAt(ctx, i - 1);
  buf[n++] = fin2(CUE[10]!, sh, shapeAt(ctx, i - 1));
  buf[n++] = fin2(CUE[11]!, sh, shapeAt(ctx, i + 1));
  buf[n++] = fin(CUE[12]!, lx);
  buf[n++] = fin2(CUE[13]!, lxm1, lxp1);
  buf[n++] = fin2(CUE[20]!, ctx.suffix[i]!, lxm1);
  buf[n++] = fin(CUE[25]!, lxp1);
  buf[n++] = fin(CUE[26]!, lxm1);
  buf[n++] = fin2(CUE[27]!, L, lxp1);
  buf[n++] = fin2(CUE[28]!, L, lxm1);
  buf[n++] = fin2(CUE[29]!, ctx.suffix[i]!, sh);
  buf[n++] = fin3(CUE[30]!, Lm1, L, lxp1);
  buf[n++] = fin2(CUE[31]!, lexAt(ctx, i + 2), lxp1);
  return n;
}

/** Cue features of quotations, the token's place in its sentence and a name before it. */
function cueQuoteFeatures(
  ctx: DocContext,
  i: number,
  L: number,
  lx: number,
  inQ: number,
  mark: number,
  fromStart: number,
  toEnd: number,
  sentHasQuote: number,
  leftQuote: number,
  rightQuote: number,
  named: number,
  buf: Int32Array,
  n: number,
): number {
  buf[n++] = fin2(CUE[14]!, inQ, mark);
  buf[n++] = fin3(CUE[15]!, inQ, leftQuote, rightQuote);
  buf[n++] = fin2(CUE[16]!, fromStart, toEnd);
  buf[n++] = fin2(CUE[17]!, L, inQ);
  buf[n++] = fin3(CUE[18]!, lx, inQ, sentHasQuote);
  buf[n++] = fin2(CUE[19]!, L, fromStart > 2 ? 3 : fromStart);
  buf[n++] = fin2(CUE[23]!, L, ctx.layout.quoteMark[i - 1] ?? 0);
  buf[n++] = fin2(CUE[24]!, L, leftQuote * 2 + rightQuote);
  buf[n++] = fin2(CUE[32]!, named, lx);
  buf[n++] = fin3(CUE[33]!, named, ctx.suffix[i]!, inQ);
  return n;
}

function cueDynamic(ctx: DocContext, i: number, prev: number, buf: Int32Array, n: number): number {
  // fin(p[t - 100], b) === mix3(t, prev, b) (see seeds)
  const p = CUE_PREV[prev]!;
  buf[n++] = mix2(100, prev);
  buf[n++] = fin(p[1]!, ctx.tokens.lower[i]!);
  buf[n++] = fin(p[2]!, ctx.lex[i]!);
  buf[n++] = fin(p[3]!, ctx.tokens.shape[i]!);
  return n;
}

/** What a tagger needs to learn instead of decode. */
export interface TrainHook {
  readonly gold: Uint8Array;
  update(f: Int32Array, n: number, gold: number, pred: number): void;
}

/** Result of the cue tagger: one tag and one confidence margin per token. */
export interface CueTagging {
  readonly tags: Uint8Array;
  /** Score margin of the chosen tag over the best other tag. */
  readonly margin: Float32Array;
}

/**
 * Tags cues greedily. Only tokens in `candidates` (lowercase hashes) may open a cue. With `train`,
 * updates the trainer towards `gold` (teacher-forced on the gold previous tag). `bias` is added to
 * the cue-opening score, trading precision for recall.
 */
export function tagCues(
  model: LinearModel,
  ctx: DocContext,
  candidates: ReadonlySet<number>,
  train?: TrainHook,
  bias = 0,
): CueTagging {
  const n = ctx.tokens.count;
  const tags = new Uint8Array(n);
  const margin = new Float32Array(n);
  const buf = new Int32Array(64);
  const scores = new Float64Array(model.tags);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    if (ctx.tokens.newlineBefore[i] === 1) prev = 0;
    // only words seen opening a cue in training (or in the lexicon) can open one: most tokens skip scoring
    if (prev === CueTag.O && !candidates.has(ctx.tokens.lower[i]!)) {
      tags[i] = CueTag.O;
      continue;
    }
    let k = cueFeatures(ctx, i, buf);
    k = cueDynamic(ctx, i, prev, buf, k);
    score(model, buf, k, scores);
    if (prev === CueTag.O) scores[CueTag.I] = -Infinity;
    scores[CueTag.B]! += bias;
    let best = 0;
    for (let t = 1; t < model.tags; t++) if (scores[t]! > scores[best]!) best = t;
    let second = -Infinity;
    for (let t = 0; t < model.tags; t++) if (t !== best && scores[t]! > second) second = scores[t]!;
    margin[i] = scores[best]! - second;
    if (train !== undefined) {
      const g = train.gold[i]!;
      train.update(buf, k, g, best);
      tags[i] = g;
      prev = g;
    } else {
      tags[i] = best;
      prev = best;
    }
  }
  return { tags, margin };
}

/** States scoring further below the best at a token than this are dropped by {@link decodeCues}. */
const CUE_BEAM = 3;

/** Scale turning cue scores into log-probabilities for {@link decodeCues} (chosen on PolNeAR dev). */
const CUE_TEMPERATURE = 30;

/**
 * Tags cues by Viterbi decoding over O / B / I (I only after B or I, never across a line break),
 * using the same model and features as {@link tagCues}: a cue is chosen as a whole span rather than
 * token by token. Only tokens in `candidates` may open a cue, and only tokens where B or I is still
 * within {@link CUE_BEAM} of the best state are scored, so most tokens cost nothing. `bias` is added
 * to the cue-opening score. Margins are the local ones of the chosen path (as in the greedy tagger).
 */
export function decodeCues(model: LinearModel, ctx: DocContext, candidates: ReadonlySet<number>, bias = 0): CueTagging {
  const n = ctx.tokens.count;
  const tags = new Uint8Array(n);
  const margin = new Float32Array(n);
  // back[i * 3 + t] = best previous tag for tag t at token i (only read inside scored runs)
  const back = new Uint8Array(n * 3);
  const buf = new Int32Array(64);
  const base = new Float64Array(model.tags);
  const scores = new Float64Array(model.tags);
  const NEG = -Infinity;
  // path scores of O, B, I at the previous token; O carries 0 through unscored stretches
  let pO = 0;
  let pB = NEG;
  let pI = NEG;
  let runStart = -1;
  const closeRun = (end: number): void => {
    // backtrace from the best state at token end - 1 to runStart
    let t = pO >= pB && pO >= pI ? 0 : pB >= pI ? 1 : 2;
    for (let i = end - 1; i >= runStart; i--) {
      tags[i] = t;
      t = back[i * 3 + t]!;
    }
    runStart = -1;
  };
  for (let i = 0; i < n; i++) {
    const lineBreak = ctx.tokens.newlineBefore[i] === 1;
    const candidate = candidates.has(ctx.tokens.lower[i]!);
    const live = pB > NEG || pI > NEG;
    if (!candidate && (!live || lineBreak)) {
      if (runStart >= 0) closeRun(i);
      pO = 0;
      pB = NEG;
      pI = NEG;
      continue;
    }
    if (runStart < 0) runStart = i;
    if (lineBreak) {
      // a cue never runs across a line break: only the best path's score matters from here
      const best = Math.max(pO, pB, pI);
      const from = pO === best ? 0 : pB === best ? 1 : 2;
      pO = best;
      pB = NEG;
      pI = NEG;
      back[i * 3] = from;
      back[i * 3 + 1] = from;
      back[i * 3 + 2] = from;
      // the states' back pointers below start from O
    }
    const k = cueFeatures(ctx, i, buf);
    score(model, buf, k, base);
    let nO = NEG;
    let nB = NEG;
    let nI = NEG;
    let bO = 0;
    let bB = 0;
    let bI = 0;
    for (let prev = 0; prev < 3; prev++) {
      const ps = prev === 0 ? pO : prev === 1 ? pB : pI;
      if (ps === NEG) continue;
      const canB = candidate;
      const canI = prev !== 0;
      let o = 0;
      let b = NEG;
      let v = NEG;
      if (canB || canI) {
        // the tagger is a local classifier: its scores are comparable only at one token and one
        // previous tag, so each step adds log-softmax scores (a maximum-entropy Markov decode)
        const d = cueDynamic(ctx, i, prev, buf, 0);
        score(model, buf, d, scores);
        const so = (base[0]! + scores[0]!) / CUE_TEMPERATURE;
        const sb = canB ? (base[1]! + scores[1]! + bias) / CUE_TEMPERATURE : NEG;
        const si = canI ? (base[2]! + scores[2]!) / CUE_TEMPERATURE : NEG;
        const m = Math.max(so, sb, si);
        const z = m + Math.log(Math.exp(so - m) + (canB ? Math.exp(sb - m) : 0) + (canI ? Math.exp(si - m) : 0));
        o = so - z;
        b = sb - z;
        v = si - z;
      }
      if (ps + o > nO) {
        nO = ps + o;
        bO = prev;
      }
      if (ps + b > nB) {
        nB = ps + b;
        bB = prev;
      }
      if (ps + v > nI) {
        nI = ps + v;
        bI = prev;
      }
    }
    if (!lineBreak) {
      back[i * 3] = bO;
      back[i * 3 + 1] = bB;
      back[i * 3 + 2] = bI;
    }
    const best = Math.max(nO, nB, nI);
    pO = nO < best - CUE_BEAM ? NEG : nO - best;
    pB = nB < best - CUE_BEAM ? NEG : nB - best;
    pI = nI < best - CUE_BEAM ? NEG : nI - best;
    if (pO === NEG && pB === NEG && pI === NEG) pO = 0;
  }
  if (runStart >= 0) closeRun(n);
  // local margins along the chosen path, for confidences
  for (let i = 0; i < n; i++) {
    if (tags[i] !== CueTag.B) continue;
    let k = cueFeatures(ctx, i, buf);
    const prev = i > 0 && ctx.tokens.newlineBefore[i] !== 1 ? tags[i - 1]! : 0;
    k = cueDynamic(ctx, i, prev, buf, k);
    score(model, buf, k, scores);
    if (prev === CueTag.O) scores[CueTag.I] = NEG;
    scores[CueTag.B]! += bias;
    margin[i] = scores[CueTag.B]! - Math.max(scores[CueTag.O]!, scores[CueTag.I]!);
  }
  return { tags, margin };
}

/** A token range `[start, end)`. */
export type TokenRange = readonly [number, number];

/** Cue spans (token ranges) from cue tags. */
export function cueSpans(tags: Uint8Array): TokenRange[] {
  const out: TokenRange[] = [];
  let start = -1;
  for (let i = 0; i <= tags.length; i++) {
    const t = i < tags.length ? tags[i]! : CueTag.O;
    if (start >= 0 && t !== CueTag.I) {
      out.push([start, i]);
      start = -1;
    }
    if (t === CueTag.B) start = i;
  }
  return out;
}

/** Most tokens the role window reaches before and after its cue (keeps time linear on run-on text). */
export const WINDOW_BEFORE = 120;
export const WINDOW_AFTER = 250;

/**
 * The window of tokens the role tagger looks at for a cue: the cue's sentence; the sentences before
 * it while a quotation runs on into the cue's sentence (up to three); the next sentence when the
 * cue's sentence ends inside a quotation or the next one opens with one, and further sentences while
 * a quotation stays open (up to three after) — clipped to {@link WINDOW_BEFORE} / {@link WINDOW_AFTER}
 * tokens. On PolNeAR train this keeps 98% of gold sources and contents whole while scoring about
 * 40% of the tokens the previous-and-next-sentence window did.
 */
export function roleWindow(ctx: DocContext, cue: TokenRange, scale = 1): TokenRange {
  const lay = ctx.layout;
  const s = lay.sentence[cue[0]]!;
  const lastSentence = lay.sentenceStart.length - 1;
  let first = s;
  while (first > Math.max(0, s - 3) && runsOnFromBefore(ctx, lay.sentenceStart[first]!)) first--;
  let last = s;
  if (last < lastSentence && (openAtEnd(lay, last) || quotedAt(lay, lay.sentenceEnd[last]!))) last++;
  while (last < Math.min(lastSentence, s + 3) && openAtEnd(lay, last)) last++;
  return [
    Math.max(lay.sentenceStart[first]!, cue[0] - Math.ceil(WINDOW_BEFORE * scale)),
    Math.min(lay.sentenceEnd[last]!, cue[1] + Math.ceil(WINDOW_AFTER * scale)),
  ];
}

/** Whether sentence `k` ends inside a quotation that stays open. */
function openAtEnd(lay: Layout, k: number): boolean {
  const e = lay.sentenceEnd[k]! - 1;
  return lay.inQuote[e] === 1 && lay.quoteMark[e] !== 2;
}

/** Whether token `i` opens or lies in a quotation. */
function quotedAt(lay: Layout, i: number): boolean {
  return lay.quoteMark[i] === 1 || lay.inQuote[i] === 1;
}

/** Whether the quotation token `start` lies in began before it (a quote running across sentences). */
function runsOnFromBefore(ctx: DocContext, start: number): boolean {
  return start > 0 && ctx.quoteId[start] !== 0 && ctx.quoteId[start] === ctx.quoteId[start - 1];
}

/** Per-document prefix counts of cue tokens, used for "another cue lies between" features. */
export function cuePrefix(cues: readonly TokenRange[], count: number): Int32Array {
  const mark = new Uint8Array(count);
  for (const [a] of cues) mark[a] = 1;
  const prefix = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) prefix[i + 1] = prefix[i]! + mark[i]!;
  return prefix;
}

function roleFeatures(
  ctx: DocContext,
  i: number,
  cue: TokenRange,
  cueCtx: CueContext,
  otherCues: Int32Array,
  buf: Int32Array,
): number {
  const q = ctx.layout;
  const left = i < cue[0];
  const side = left ? 1 : 2;
  const dist = left ? cue[0] - i : i - cue[1] + 1;
  const d = bucket(dist);
  const sr = Math.max(-2, Math.min(3, q.sentence[i]! - q.sentence[cue[0]]!)) + 2;
  const lo = left ? i + 1 : cue[1];
  const hi = left ? cue[0] : i;
  const commas = Math.min(3, ctx.commas[hi]! - ctx.commas[lo]!);
  const quotes = Math.min(3, ctx.quotes[hi]! - ctx.quotes[lo]!);
  const others = Math.min(2, otherCues[hi]! - otherCues[lo]!);
  const inQ = q.inQuote[i]!;
  const mark = q.quoteMark[i]!;
  // fin(r[t - 200], b) === mix3(t, side, b) (see seeds)
  const r = ROLE_SIDE[side]!;
  // three groups in functions of their own: V8 inlines the hash helpers only up to a bytecode budget
  // per optimised function, and one function holding every feature overran it (the helpers were then
  // called, about a sixth of tagging time). The order of features does not matter: scores are sums.
  let n = roleTokenFeatures(ctx, i, r, inQ, buf, 0);
  n = roleDistanceFeatures(r, side, d, sr, commas, quotes, others, inQ, mark, buf, n);
  const qid = ctx.quoteId[i]!;
  const adjacent = qid === 0 ? 0 : qid === cueCtx[4] ? 1 : qid === cueCtx[5] ? 2 : 3;
  return roleCueFeatures(ctx, i, r, cueCtx, d, sr, commas * 4 + quotes, adjacent, mark, buf, n);
}

/** Role features of the token and its neighbours alone (by side). */
function roleTokenFeatures(ctx: DocContext, i: number, r: Int32Array, inQ: number, buf: Int32Array, n: number): number {
  const t = ctx.tokens;
  const L = t.lower[i]!;
  const Lp1 = lowerAt(ctx, i + 1);
  buf[n++] = fin(r[4]!, L);
  buf[n++] = fin(r[5]!, lowerAt(ctx, i - 1));
  buf[n++] = fin(r[6]!, Lp1);
  buf[n++] = fin(r[7]!, t.shape[i]!);
  buf[n++] = fin(r[15]!, ctx.lex[i]!);
  buf[n++] = fin2(r[16]!, i === ctx.sentStart[i] ? 1 : 0, i === ctx.sentEnd[i]! - 1 ? 1 : 0);
  buf[n++] = fin2(r[18]!, shapeAt(ctx, i - 1) * 8 + t.shape[i]!, shapeAt(ctx, i + 1));
  buf[n++] = fin2(r[22]!, L, inQ);
  buf[n++] = fin2(r[27]!, L, Lp1);
  // part of speech: where noun phrases (sources) and clauses (contents) start and stop
  buf[n++] = fin(r[31]!, ctx.amb[i]!);
  buf[n++] = fin3(r[32]!, posAt(ctx, i - 1), ctx.pos[i]!, posAt(ctx, i + 1));
  return n;
}

/** Role features of where the token lies from the cue: distance, sentence, punctuation between. */
function roleDistanceFeatures(
  r: Int32Array,
  side: number,
  d: number,
  sr: number,
  commas: number,
  quotes: number,
  others: number,
  inQ: number,
  mark: number,
  buf: Int32Array,
  n: number,
): number {
  buf[n++] = mix2(201, side);
  buf[n++] = fin(r[2]!, d);
  buf[n++] = fin(r[3]!, sr);
  buf[n++] = fin2(r[8]!, inQ, mark);
  buf[n++] = fin(r[9]!, commas);
  buf[n++] = fin(r[10]!, quotes);
  buf[n++] = fin(r[11]!, others);
  buf[n++] = fin2(r[17]!, d, inQ);
  buf[n++] = fin2(r[19]!, commas * 4 + quotes, sr);
  buf[n++] = fin2(r[20]!, sr * 4 + inQ, others);
  return n;
}

/** Role features of the cue's words and quotations crossed with the token's place. */
function roleCueFeatures(
  ctx: DocContext,
  i: number,
  r: Int32Array,
  cueCtx: CueContext,
  d: number,
  sr: number,
  between: number,
  adjacent: number,
  mark: number,
  buf: Int32Array,
  n: number,
): number {
  const [cueFirst, cueLast, beforeCue, afterCue] = cueCtx;
  buf[n++] = fin2(r[12]!, cueLast, d);
  buf[n++] = fin(r[13]!, cueFirst);
  buf[n++] = fin2(r[14]!, cueLast, sr);
  buf[n++] = fin2(r[21]!, beforeCue, afterCue);
  buf[n++] = fin2(r[23]!, beforeCue, d);
  buf[n++] = fin2(r[24]!, afterCue, d);
  buf[n++] = fin2(r[25]!, cueLast, between);
  buf[n++] = fin2(r[26]!, ctx.suffix[i]!, sr);
  buf[n++] = fin2(r[28]!, cueLast, ctx.tokens.lower[i]!);
  buf[n++] = fin2(r[29]!, adjacent, sr);
  buf[n++] = fin2(r[30]!, adjacent, mark);
  return n;
}

function roleDynamic(ctx: DocContext, i: number, left: boolean, prev: number, buf: Int32Array, n: number): number {
  const side = left ? 1 : 2;
  const L = ctx.tokens.lower[i]!;
  // fin(p[t - 300], b) === mix3(t, prev, b) (see seeds)
  const p = ROLE_PREV[prev]!;
  buf[n++] = mix2(300, prev);
  buf[n++] = fin(p[1]!, side);
  buf[n++] = fin(p[2]!, L);
  buf[n++] = fin(p[3]!, ctx.tokens.shape[i]!);
  buf[n++] = fin2(p[4]!, side, ctx.layout.quoteMark[i]!);
  buf[n++] = fin2(p[5]!, L, lowerAt(ctx, i + 1));
  buf[n++] = fin2(p[6]!, i === ctx.sentEnd[i]! - 1 ? 1 : 0, L);
  buf[n++] = fin2(p[7]!, side, ctx.layout.inQuote[i]!);
  buf[n++] = fin2(p[8]!, ctx.pos[i]!, posAt(ctx, i + 1));
  return n;
}

/** Source and content fragments the role tagger found for one cue. */
export interface RoleResult {
  /** Tokens the window held (work done). */
  readonly window: number;
  readonly sources: TokenRange[];
  readonly contents: TokenRange[];
  /** Mean margin of the chosen non-O tags (a confidence signal). */
  readonly margin: number;
}

/**
 * Tags sources and contents for one cue over its window. With `train`, updates towards gold tags
 * (indexed like the window) instead of decoding. `scale` (0–1] shrinks the window clip when cues are
 * implausibly dense, keeping total work linear. `contentBias` is added to the content scores (a second
 * pass for a cue whose first pass found no content).
 */
export function tagRoles(
  model: LinearModel,
  ctx: DocContext,
  cue: TokenRange,
  otherCues: Int32Array,
  train?: TrainHook,
  scale = 1,
  contentBias = 0,
): RoleResult {
  const [ws, we] = roleWindow(ctx, cue, scale);
  const buf = new Int32Array(64);
  const scores = new Float64Array(model.tags);
  const cueCtx = cueContext(ctx, cue);
  const tags = new Uint8Array(we - ws);
  let prev = 0;
  let marginSum = 0;
  let marginCount = 0;
  for (let i = ws; i < we; i++) {
    if (i >= cue[0] && i < cue[1]) {
      prev = RoleTag.O;
      continue;
    }
    let k = roleFeatures(ctx, i, cue, cueCtx, otherCues, buf);
    k = roleDynamic(ctx, i, i < cue[0], prev, buf, k);
    score(model, buf, k, scores);
    if (prev !== RoleTag.SB && prev !== RoleTag.SI) scores[RoleTag.SI] = -Infinity;
    if (prev !== RoleTag.CB && prev !== RoleTag.CI) scores[RoleTag.CI] = -Infinity;
    scores[RoleTag.CB]! += contentBias;
    scores[RoleTag.CI]! += contentBias;
    let best = 0;
    for (let t = 1; t < model.tags; t++) if (scores[t]! > scores[best]!) best = t;
    if (train !== undefined) {
      const g = train.gold[i - ws]!;
      train.update(buf, k, g, best);
      prev = g;
      tags[i - ws] = g;
    } else {
      if (best !== RoleTag.O) {
        let second = -Infinity;
        for (let t = 0; t < model.tags; t++) if (t !== best && scores[t]! > second) second = scores[t]!;
        marginSum += scores[best]! - second;
        marginCount++;
      }
      tags[i - ws] = best;
      prev = best;
    }
  }
  const [sources, contents] = roleSpans(tags, ws);
  return { window: we - ws, sources, contents, margin: marginCount > 0 ? marginSum / marginCount : 0 };
}

type CueContext = readonly [number, number, number, number, number, number];

/** What the role features know about a cue: its words, its neighbours, the quotations beside it. */
function cueContext(ctx: DocContext, cue: TokenRange): CueContext {
  // the quotations right before and right after the cue (within three tokens), if any
  let leftQuote = 0;
  for (let j = cue[0] - 1; j >= Math.max(0, cue[0] - 3) && leftQuote === 0; j--) leftQuote = ctx.quoteId[j]!;
  let rightQuote = 0;
  for (let j = cue[1]; j < Math.min(ctx.tokens.count, cue[1] + 4) && rightQuote === 0; j++) rightQuote = ctx.quoteId[j]!;
  return [
    ctx.tokens.lower[cue[0]]!,
    ctx.tokens.lower[cue[1] - 1]!,
    lowerAt(ctx, cue[0] - 1),
    lowerAt(ctx, cue[1]),
    leftQuote,
    rightQuote,
  ];
}

/** Source and content ranges from role tags over a window starting at token `ws`. */
function roleSpans(tags: Uint8Array, ws: number): [TokenRange[], TokenRange[]] {
  const sources: TokenRange[] = [];
  const contents: TokenRange[] = [];
  let start = -1;
  let kind = 0;
  for (let j = 0; j <= tags.length; j++) {
    const tg = j < tags.length ? tags[j]! : RoleTag.O;
    const cont = (kind === 1 && tg === RoleTag.SI) || (kind === 2 && tg === RoleTag.CI);
    if (start >= 0 && !cont) {
      (kind === 1 ? sources : contents).push([ws + start, ws + j]);
      start = -1;
      kind = 0;
    }
    if (tg === RoleTag.SB) {
      start = j;
      kind = 1;
    } else if (tg === RoleTag.CB) {
      start = j;
      kind = 2;
    }
  }
  return [sources, contents];
}
