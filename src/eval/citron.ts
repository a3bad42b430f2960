/**
 * Span metrics for attribution extraction, as BBC's Citron evaluator defines them (see
 * docs/EVALUATION.md). Spans are compared in tokens — maximal runs of letters/digits, or single
 * other non-space characters — so whitespace and off-by-a-character boundaries do not count.
 */
import { tokenize, tokenAtOrAfter, tokenBefore, type TokenTable } from '../text/tokens.ts';
import type { CharRange } from './polnear.ts';

/** An attribution as the metrics see it: character ranges for cue, sources and contents. */
export interface ScoredAttribution {
  readonly cue: readonly CharRange[];
  readonly sources: readonly CharRange[];
  readonly contents: readonly CharRange[];
}

/** Precision, recall and F1. */
export interface Prf {
  readonly p: number;
  readonly r: number;
  readonly f1: number;
}

/** Exact and overlap scores of one part. */
export interface PartScores {
  readonly exact: Prf;
  readonly overlap: Prf;
}

/** The four parts the evaluation reports. */
export type Part = 'cue' | 'source' | 'content' | 'all';

/** Raw counts, summed over documents before scores are computed (micro-averaging). */
export interface CitronCounts {
  /** Exact matching: true positives, false positives, false negatives per part. */
  readonly exact: Record<Part, { tp: number; fp: number; fn: number }>;
  /** Overlap: overlapping tokens, predicted tokens, gold tokens per part ('all' is derived from the others when scoring). */
  readonly overlap: Record<Part, { overlap: number; predicted: number; actual: number }>;
}

type TokSpan = readonly [number, number];

interface TokAttribution {
  readonly cue: TokSpan;
  readonly sources: readonly TokSpan[];
  readonly contents: readonly TokSpan[];
}

/** Fresh zeroed counts. */
export function emptyCounts(): CitronCounts {
  const e = (): { tp: number; fp: number; fn: number } => ({ tp: 0, fp: 0, fn: 0 });
  const o = (): { overlap: number; predicted: number; actual: number } => ({ overlap: 0, predicted: 0, actual: 0 });
  return {
    exact: { cue: e(), source: e(), content: e(), all: e() },
    overlap: { cue: o(), source: o(), content: o(), all: o() },
  };
}

function toTokens(tokens: TokenTable, r: CharRange): TokSpan | null {
  const a = tokenAtOrAfter(tokens, r[0]);
  const b = tokenBefore(tokens, r[1]) + 1;
  return b > a ? [a, b] : null;
}

function toTokAttribution(tokens: TokenTable, a: ScoredAttribution): TokAttribution | null {
  const first = a.cue[0];
  const last = a.cue[a.cue.length - 1];
  if (first === undefined || last === undefined) return null;
  const cue = toTokens(tokens, [first[0], last[1]]);
  if (cue === null) return null;
  const list = (rs: readonly CharRange[]): TokSpan[] =>
    rs
      .map((r) => toTokens(tokens, r))
      .filter((s): s is TokSpan => s !== null)
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return { cue, sources: list(a.sources), contents: list(a.contents) };
}

const same = (a: TokSpan, b: TokSpan): boolean => a[0] === b[0] && a[1] === b[1];
const overlaps = (a: TokSpan, b: TokSpan): boolean => a[0] < b[1] && a[1] > b[0];
const sameList = (a: readonly TokSpan[], b: readonly TokSpan[]): boolean =>
  a.length === b.length && a.every((s, i) => same(s, b[i]!));
const overlapLen = (a: TokSpan, b: TokSpan): number => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
const listOverlap = (a: readonly TokSpan[], b: readonly TokSpan[]): number => {
  let sum = 0;
  for (const x of a) for (const y of b) sum += overlapLen(x, y);
  return sum;
};
const listLen = (a: readonly TokSpan[]): number => a.reduce((s, x) => s + x[1] - x[0], 0);

function exactCounts(
  predicted: readonly TokAttribution[],
  actual: readonly TokAttribution[],
  match: (p: TokAttribution, a: TokAttribution) => boolean,
  into: { tp: number; fp: number; fn: number },
): void {
  for (const p of predicted) {
    if (actual.some((a) => match(p, a))) into.tp++;
    else into.fp++;
  }
  for (const a of actual) if (!predicted.some((p) => match(p, a))) into.fn++;
}

/**
 * Adds one document's counts to `counts`. Exact: a predicted cue counts when a gold cue has the same
 * tokens; a predicted source (content) counts when a gold attribution with an overlapping cue has the
 * same list of source (content) spans; a whole attribution counts when cue, sources and contents all
 * match exactly. Overlap: tokens shared between every predicted/gold pair, over predicted (precision)
 * and gold (recall) token totals.
 */
export function addDocumentCounts(
  counts: CitronCounts,
  text: string,
  predicted: readonly ScoredAttribution[],
  actual: readonly ScoredAttribution[],
  tokens: TokenTable = tokenize(text),
): void {
  const pred = predicted.map((a) => toTokAttribution(tokens, a)).filter((a): a is TokAttribution => a !== null);
  const gold = actual.map((a) => toTokAttribution(tokens, a)).filter((a): a is TokAttribution => a !== null);
  exactCounts(pred, gold, (p, a) => same(p.cue, a.cue), counts.exact.cue);
  exactCounts(pred, gold, (p, a) => overlaps(p.cue, a.cue) && sameList(p.sources, a.sources), counts.exact.source);
  exactCounts(pred, gold, (p, a) => overlaps(p.cue, a.cue) && sameList(p.contents, a.contents), counts.exact.content);
  exactCounts(
    pred,
    gold,
    (p, a) => same(p.cue, a.cue) && sameList(p.sources, a.sources) && sameList(p.contents, a.contents),
    counts.exact.all,
  );
  const o = counts.overlap;
  for (const p of pred) {
    o.cue.predicted += p.cue[1] - p.cue[0];
    o.source.predicted += listLen(p.sources);
    o.content.predicted += listLen(p.contents);
    for (const a of gold) {
      o.cue.overlap += overlapLen(p.cue, a.cue);
      o.source.overlap += listOverlap(p.sources, a.sources);
      o.content.overlap += listOverlap(p.contents, a.contents);
    }
  }
  for (const a of gold) {
    o.cue.actual += a.cue[1] - a.cue[0];
    o.source.actual += listLen(a.sources);
    o.content.actual += listLen(a.contents);
  }
}

function prf(p: number, r: number): Prf {
  return { p, r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

/** Turns summed counts into precision, recall and F1 for every part. */
export function scores(counts: CitronCounts): Record<Part, PartScores> {
  const out = {} as Record<Part, PartScores>;
  for (const part of ['cue', 'source', 'content', 'all'] as const) {
    const e = counts.exact[part];
    const parts = part === 'all' ? (['cue', 'source', 'content'] as const) : [part];
    const o = { overlap: 0, predicted: 0, actual: 0 };
    for (const q of parts) {
      o.overlap += counts.overlap[q].overlap;
      o.predicted += counts.overlap[q].predicted;
      o.actual += counts.overlap[q].actual;
    }
    out[part] = {
      exact: prf(e.tp + e.fp > 0 ? e.tp / (e.tp + e.fp) : 0, e.tp + e.fn > 0 ? e.tp / (e.tp + e.fn) : 0),
      overlap: prf(o.predicted > 0 ? o.overlap / o.predicted : 0, o.actual > 0 ? o.overlap / o.actual : 0),
    };
  }
  return out;
}
