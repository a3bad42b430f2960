/**
 * Fact evaluation: gold Person, Organisation, Location, Temporal and Quantity spans (docs/FACTS.md,
 * "Gold format") against what extractFacts finds, scored per type by one-to-one span overlap, plus
 * the share of matched spans whose normalised value (dates, figure bounds, country) is right.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CorroborateError } from '../errors.ts';
import { unnamedPerson, type Facts } from '../extract/facts.ts';

/** The five gold span types. */
export type FactSpanType = 'Person' | 'Organisation' | 'Location' | 'Temporal' | 'Quantity';

/** Every gold span type, in report order. */
export const FACT_SPAN_TYPES: readonly FactSpanType[] = ['Person', 'Organisation', 'Location', 'Temporal', 'Quantity'];

/** A typed span with an optional normalised value (ISO interval, "min..max", country code). */
export interface FactSpan {
  readonly type: FactSpanType;
  readonly start: number;
  readonly end: number;
  readonly value?: string | null;
}

/** One gold document after loading. */
export interface FactGoldDocument {
  readonly id: string;
  readonly text: string;
  readonly published: string | null;
  readonly caseRegion: string | null;
  readonly spans: readonly FactSpan[];
}

/** Precision, recall, F1 and counts for one type. */
export interface FactPrf {
  readonly p: number;
  readonly r: number;
  readonly f1: number;
  readonly tp: number;
  readonly gold: number;
  readonly predicted: number;
  /** Matched spans with a gold value, and how many of those the prediction normalised the same way. */
  readonly valued: number;
  readonly valueCorrect: number;
}

/** What `corroborate eval facts --json` prints. */
export interface FactReport {
  readonly docs: number;
  readonly types: Readonly<Record<FactSpanType, FactPrf>>;
  readonly micro: FactPrf;
  readonly seconds: number;
}

interface GoldSpec {
  readonly type: FactSpanType;
  readonly text: string;
  readonly nth?: number;
  readonly value?: string;
}

interface GoldFile {
  readonly id?: string;
  readonly published?: string | null;
  readonly caseRegion?: string | null;
  readonly text?: string;
  readonly textFile?: string;
  readonly annotated?: string;
  readonly spans?: readonly GoldSpec[];
}

const MARKUP = /\[\[(Person|Organisation|Location|Temporal|Quantity)\|([^|\]]+)(?:\|([^\]]*))?\]\]/g;

/** Parses inline markup `[[Type|surface|value]]` into plain text and spans. */
export function parseMarkup(annotated: string): { text: string; spans: FactSpan[] } {
  let text = '';
  let last = 0;
  const spans: FactSpan[] = [];
  for (const m of annotated.matchAll(MARKUP)) {
    text += annotated.slice(last, m.index);
    const surface = m[2] ?? '';
    const start = text.length;
    text += surface;
    spans.push({ type: m[1] as FactSpanType, start, end: text.length, value: m[3] ?? null });
    last = m.index + m[0].length;
  }
  text += annotated.slice(last);
  return { text, spans };
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Resolves text-addressed gold spans: every word-bounded occurrence (or the nth), minus those inside a longer gold span. */
export function resolveSpecs(text: string, specs: readonly GoldSpec[], where: string): FactSpan[] {
  const found: FactSpan[] = [];
  for (const spec of specs) {
    if (!FACT_SPAN_TYPES.includes(spec.type)) throw new CorroborateError('malformed', `${where}: unknown span type "${String(spec.type)}"`);
    const hits: FactSpan[] = [];
    for (let at = text.indexOf(spec.text); at >= 0; at = text.indexOf(spec.text, at + 1)) {
      const end = at + spec.text.length;
      if (isWordChar(text[at - 1]) || isWordChar(text[end])) continue;
      hits.push({ type: spec.type, start: at, end, value: spec.value ?? null });
    }
    if (hits.length === 0) throw new CorroborateError('malformed', `${where}: gold span "${spec.text}" does not occur in the text`);
    if (spec.nth !== undefined) {
      const one = hits[spec.nth - 1];
      if (one === undefined) throw new CorroborateError('malformed', `${where}: gold span "${spec.text}" has no occurrence ${spec.nth}`);
      found.push(one);
    } else {
      found.push(...hits);
    }
  }
  const kept = found.filter((s) => !found.some((o) => o !== s && o.start <= s.start && s.end <= o.end && o.end - o.start > s.end - s.start));
  const unique = new Map(kept.map((s) => [`${s.start}:${s.end}:${s.type}`, s]));
  return [...unique.values()].sort((a, b) => a.start - b.start);
}

/** Reads every `*.json` gold file of a folder (docs/FACTS.md). A bad file names itself and the reason. */
export function readFactGold(dir: string): FactGoldDocument[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    throw new CorroborateError('not_found', `${dir}: no such gold folder`);
  }
  return names.map((name) => {
    const path = join(dir, name);
    let gold: GoldFile;
    try {
      gold = JSON.parse(readFileSync(path, 'utf8')) as GoldFile;
    } catch (error) {
      throw new CorroborateError('malformed', `${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const id = gold.id ?? basename(name, '.json');
    if (typeof gold.annotated === 'string') {
      const { text, spans } = parseMarkup(gold.annotated);
      return { id, text, published: gold.published ?? null, caseRegion: gold.caseRegion ?? null, spans };
    }
    let text: string;
    if (typeof gold.text === 'string') text = gold.text;
    else if (typeof gold.textFile === 'string') text = readFileSync(resolve(dirname(path), gold.textFile), 'utf8');
    else throw new CorroborateError('malformed', `${path}: needs "annotated", "text" or "textFile"`);
    return { id, text, published: gold.published ?? null, caseRegion: gold.caseRegion ?? null, spans: resolveSpecs(text, gold.spans ?? [], path) };
  });
}

const ORG_TYPES: ReadonlySet<string> = new Set(['organization', 'government', 'state_body', 'armed_forces', 'media', 'ngo', 'international_body']);

/** Typed spans (with normalised values) of extracted facts; a span that is both a place and an organisation counts as a place. */
export function factSpans(facts: Facts, text: string): FactSpan[] {
  const out: FactSpan[] = [];
  const placeSpans: [number, number][] = [];
  for (const p of facts.places) {
    for (const [s, e] of p.mentions) {
      out.push({ type: 'Location', start: s, end: e, value: p.country });
      placeSpans.push([s, e]);
    }
  }
  for (const a of facts.actors) {
    const type: FactSpanType | null = a.type === 'person' ? 'Person' : ORG_TYPES.has(a.type) ? 'Organisation' : null;
    // a description of someone unnamed ("a local health official") is no named entity
    if (type === null || unnamedPerson(a)) continue;
    for (const [s, e] of a.mentions) {
      if (placeSpans.some(([ps, pe]) => ps === s && pe === e)) continue;
      // Only names count: a mention whose head is lower-case ("Russian forces", "he") is not a named entity.
      const surface = text.slice(s, e);
      // An unresolved pronoun speaker ("She said" with no woman named before) is not a name.
      if (/^(?:he|she|they|it|him|her|them|we|i)$/i.test(surface)) continue;
      if (!/\p{Lu}/u.test(surface.split(/\s+/).pop()?.[0] ?? '') && !(surface === surface.toLowerCase() && surface === a.name.toLowerCase())) continue;
      out.push({ type, start: s, end: e });
    }
  }
  for (const d of facts.dates) {
    for (const [s, e] of d.mentions) out.push({ type: 'Temporal', start: s, end: e, value: `${d.start ?? ''}/${d.end ?? ''}` });
  }
  for (const f of facts.figures) out.push({ type: 'Quantity', start: f.start, end: f.end, value: `${f.min ?? ''}..${f.max ?? ''}` });
  return out;
}

function valueMatches(type: FactSpanType, gold: string, predicted: string | null | undefined): boolean {
  if (predicted === null || predicted === undefined) return false;
  if (type === 'Temporal') {
    const [g0, g1] = gold.includes('/') ? gold.split('/') : [gold, gold];
    const [p0, p1] = predicted.split('/');
    return (g0 ?? '') === (p0 ?? '') && (g1 ?? '') === (p1 ?? '');
  }
  return gold.trim().toUpperCase() === predicted.trim().toUpperCase();
}

/** Scores predicted spans against gold spans of one document, one-to-one by overlap and type. */
export function matchSpans(gold: readonly FactSpan[], predicted: readonly FactSpan[]): Record<FactSpanType, { tp: number; gold: number; predicted: number; valued: number; valueCorrect: number }> {
  const out = Object.fromEntries(FACT_SPAN_TYPES.map((t) => [t, { tp: 0, gold: 0, predicted: 0, valued: 0, valueCorrect: 0 }])) as Record<
    FactSpanType,
    { tp: number; gold: number; predicted: number; valued: number; valueCorrect: number }
  >;
  for (const type of FACT_SPAN_TYPES) {
    const g = gold.filter((s) => s.type === type).sort((a, b) => a.start - b.start);
    const p = predicted.filter((s) => s.type === type).sort((a, b) => a.start - b.start);
    const used = new Set<number>();
    const row = out[type];
    row.gold = g.length;
    row.predicted = p.length;
    for (const gs of g) {
      let best = -1;
      let bestOverlap = 0;
      p.forEach((ps, k) => {
        if (used.has(k)) return;
        const ov = Math.min(gs.end, ps.end) - Math.max(gs.start, ps.start);
        if (ov > bestOverlap) {
          bestOverlap = ov;
          best = k;
        }
      });
      if (best < 0) continue;
      used.add(best);
      row.tp++;
      if (gs.value !== undefined && gs.value !== null && gs.value !== '') {
        row.valued++;
        if (valueMatches(type, gs.value, p[best]?.value)) row.valueCorrect++;
      }
    }
  }
  return out;
}

function prf(c: { tp: number; gold: number; predicted: number; valued: number; valueCorrect: number }): FactPrf {
  const p = c.predicted === 0 ? 0 : c.tp / c.predicted;
  const r = c.gold === 0 ? 0 : c.tp / c.gold;
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return { p: round(p), r: round(r), f1: round(f1), tp: c.tp, gold: c.gold, predicted: c.predicted, valued: c.valued, valueCorrect: c.valueCorrect };
}

/** Runs `extract` on every gold document and reports per-type and micro-averaged P/R/F1. */
export function evaluateFacts(docs: readonly FactGoldDocument[], extract: (doc: FactGoldDocument) => Facts): FactReport {
  const totals = Object.fromEntries(FACT_SPAN_TYPES.map((t) => [t, { tp: 0, gold: 0, predicted: 0, valued: 0, valueCorrect: 0 }])) as Record<
    FactSpanType,
    { tp: number; gold: number; predicted: number; valued: number; valueCorrect: number }
  >;
  const t0 = performance.now();
  for (const doc of docs) {
    const counts = matchSpans(doc.spans, factSpans(extract(doc), doc.text));
    for (const t of FACT_SPAN_TYPES) {
      const a = totals[t];
      const b = counts[t];
      a.tp += b.tp;
      a.gold += b.gold;
      a.predicted += b.predicted;
      a.valued += b.valued;
      a.valueCorrect += b.valueCorrect;
    }
  }
  const micro = { tp: 0, gold: 0, predicted: 0, valued: 0, valueCorrect: 0 };
  for (const t of FACT_SPAN_TYPES) {
    micro.tp += totals[t].tp;
    micro.gold += totals[t].gold;
    micro.predicted += totals[t].predicted;
    micro.valued += totals[t].valued;
    micro.valueCorrect += totals[t].valueCorrect;
  }
  const types = Object.fromEntries(FACT_SPAN_TYPES.map((t) => [t, prf(totals[t])])) as Record<FactSpanType, FactPrf>;
  return { docs: docs.length, types, micro: prf(micro), seconds: Math.round((performance.now() - t0) / 10) / 100 };
}
