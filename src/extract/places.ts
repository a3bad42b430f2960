/**
 * Place mentions → gazetteer entries, disambiguated from document context (docs/FACTS.md, "Places").
 * Capitalised n-grams are looked up longest-first; every candidate is scored on population, the
 * countries the document names, the case region and the countries of the other places mentioned, so
 * "Bucha" next to "Kyiv" and "Ukraine" is the Ukrainian town, not the German village. Small or
 * ambiguous towns need a locative preposition or context support; person and organisation names are
 * excluded by the caller.
 */
import type { Place } from './types.ts';
import type { Gazetteer, GazetteerEntry } from './gazetteer.ts';
import { normalizePlaceName } from './gazetteer.ts';
import { isCapitalized, tokenize, type Token } from './facts/text.ts';

/** One resolved place mention. */
export interface PlaceHit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly entry: GazetteerEntry;
  readonly confidence: number;
}

/** Options for {@link extractPlaces}. */
export interface PlaceOptions {
  /** ISO country code or a place name the case is about ("UA", "Ukraine", "Mariupol"). */
  readonly caseRegion?: string | null;
  /** Tokens of the text when the caller has them already. */
  readonly tokens?: readonly Token[];
  /** Spans already claimed by person or organisation names: no place is read inside them. */
  readonly exclude?: readonly (readonly [number, number])[];
}

/** Capitalised words that are also town names somewhere; never places without a locative preposition. */
const STOPWORDS: ReadonlySet<string> = new Set([
  'of', 'the', 'a', 'an', 'in', 'on', 'at', 'by', 'for', 'and', 'but', 'or', 'it', 'he', 'she', 'they', 'we',
  'this', 'that', 'these', 'those', 'there', 'then', 'when', 'while', 'after', 'before', 'as', 'if', 'so',
  'police', 'union', 'independence', 'liberty', 'victoria', 'hope', 'march', 'may', 'august', 'june',
  'sale', 'mobile', 'reading', 'nice', 'bath', 'deal', 'split', 'young', 'best', 'said', 'marine', 'president',
  'mayor', 'general', 'central', 'mission', 'justice', 'paradise', 'progress', 'enterprise', 'friendship',
  'unity', 'freedom', 'commerce', 'industry', 'eden', 'globe', 'none', 'many', 'most', 'some', 'more',
  'copyright', 'pressure', 'unfortunately', 'russian', 'ukrainian', 'american', 'news', 'house', 'court',
  'army', 'amnesty', 'state', 'states', 'kingdom', 'republic', 'city', 'north', 'south', 'east', 'west',
  'center', 'centre', 'victory', 'peace', 'truth', 'home', 'sun', 'moon', 'star', 'gaza strip',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'rep', 'sen', 'gen',
  'minister', 'secretary', 'commander', 'colonel', 'captain', 'major', 'officer', 'chief', 'head', 'director',
  'northern', 'southern', 'eastern', 'western', 'upper', 'lower', 'greater', 'middle', 'old', 'new', 'capital', 'federal',
  'christian', 'muslim', 'jewish', 'orthodox', 'catholic', 'protestant', 'buddhist', 'hindu',
]);

const LOCATIVE = /\b(?:in|near|outside|from|to|at|into|around|of|toward|towards|across|between|through|via|inside|within|outskirts of|suburb of|region of|city of|town of|village of|and|or|(?:towns|cities|villages|places|regions|areas|settlements|communities)\s+(?:such as|including|like))\s+(?:the\s+)?$/i;
const CONNECTORS: ReadonlySet<string> = new Set(['of', 'de', 'la', 'el', 'al', 'ad', 'an', 'on', 'upon', 'am', 'the', 'sur']);

/** True for a possessive token ("'s", "’s"), which the tokenizer splits off its word. */
function isPossessive(word: string): boolean {
  return word.length === 2 && word.charCodeAt(1) === 115 && (word.charCodeAt(0) === 39 || word.charCodeAt(0) === 0x2019);
}

function caseCountry(gazetteer: Gazetteer, caseRegion: string | null | undefined): string | null {
  if (caseRegion === null || caseRegion === undefined || caseRegion.trim() === '') return null;
  const r = caseRegion.trim();
  if (/^[A-Za-z]{2}$/.test(r) && gazetteer.country(r) !== undefined) return r.toUpperCase();
  const best = [...gazetteer.lookup(r)].sort((a, b) => b.population - a.population)[0];
  return best?.country ?? null;
}

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly entries: readonly GazetteerEntry[];
  readonly locative: boolean;
  readonly sentenceInitial: boolean;
  readonly suffixed: boolean;
  /** Found only through the loose transliteration key: needs a locative and a supported country. */
  readonly loose?: boolean;
}

/**
 * Finds and resolves every place mention in `text`. Pure apart from reading the passed gazetteer;
 * linear in the text (at most `gazetteer.maxWords` lookups per word).
 */
export function findPlaces(text: string, gazetteer: Gazetteer, options: PlaceOptions = {}): PlaceHit[] {
  const tokens = options.tokens ?? tokenize(text);
  const exclude = [...(options.exclude ?? [])].sort((a, b) => a[0] - b[0]);
  let ex = 0;
  const candidates: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (first === undefined || !isCapitalized(first.text)) continue;
    while (ex < exclude.length && (exclude[ex]?.[1] ?? 0) <= first.start) ex++;
    const exSpan = exclude[ex];
    if (exSpan !== undefined && exSpan[0] < first.end && first.start < exSpan[1]) continue;
    let found: Candidate | null = null;
    // How far the capitalised sequence runs: bounds the n-grams worth looking up.
    let reach = 1;
    if (gazetteer.startsMultiword(first.text) || isPossessive(tokens[i + 1]?.text ?? '')) {
      while (reach < gazetteer.maxWords && i + reach < tokens.length) {
        const prev = tokens[i + reach - 1];
        const cur = tokens[i + reach];
        if (prev === undefined || cur === undefined) break;
        const possessive = isPossessive(cur.text);
        const gapOk = (cur.start - prev.end === 1 && /\s/.test(text[prev.end] ?? '')) || (cur.start - prev.end === 2 && text[prev.end] === ',' && text[prev.end + 1] === ' ') || (possessive && cur.start === prev.end);
        if (!gapOk || (!isCapitalized(cur.text) && !CONNECTORS.has(cur.text.toLowerCase()) && !possessive)) break;
        reach++;
      }
    }
    for (let n = Math.min(reach, tokens.length - i); n >= 1 && found === null; n--) {
      const last = tokens[i + n - 1];
      if (last === undefined || !isCapitalized(last.text)) continue;
      let contiguous = true;
      for (let k = i + 1; k < i + n; k++) {
        const prev = tokens[k - 1];
        const cur = tokens[k];
        if (prev === undefined || cur === undefined) break;
        const gap = text.slice(prev.end, cur.start);
        const possessive = isPossessive(cur.text);
        if (!/^(?:\s|, )$|^\s$/.test(gap) && gap !== ' ' && !(possessive && gap === '')) contiguous = false;
        if (!isCapitalized(cur.text) && !CONNECTORS.has(cur.text.toLowerCase()) && !possessive) contiguous = false;
      }
      if (!contiguous) continue;
      const raw = text.slice(first.start, last.end);
      // A trailing period is the sentence's, unless the name is an initialism ("U.S.").
      const surface = raw.endsWith('.') && !/\b\p{Lu}\.\p{Lu}\.$/u.test(raw) ? raw.slice(0, -1) : raw;
      if (STOPWORDS.has(surface.toLowerCase())) continue;
      let entries = gazetteer.lookup(surface);
      let loose = false;
      if (entries.length === 0 && n === 1 && surface.length >= 5 && /^\p{Lu}\p{Ll}+$/u.test(surface)) {
        entries = gazetteer.lookupLoose(surface);
        loose = entries.length > 0;
      }
      if (entries.length === 0) continue;
      const next = tokens[i + n];
      // A following lower-case region word ("Donetsk region") belongs to the place.
      let end = first.start + surface.length;
      let suffixed = false;
      if (next !== undefined && /^(?:region|oblast|province|governorate|district)$/i.test(next.text) && text.slice(last.end, next.start) === ' ') {
        const withSuffix = gazetteer.lookup(`${surface} ${next.text}`);
        if (withSuffix.length > 0) {
          end = next.end;
          suffixed = true;
          found = { start: first.start, end, text: text.slice(first.start, end), entries: withSuffix, locative: false, sentenceInitial: false, suffixed };
          break;
        }
      }
      found = { start: first.start, end, text: text.slice(first.start, end), entries, locative: false, sentenceInitial: false, suffixed, loose };
    }
    if (found === null) continue;
    const before = text.slice(Math.max(0, found.start - 40), found.start);
    // A dateline ("KHARKIV, Ukraine —", "NAIROBI —") names the place the report was filed from.
    const dateline = /^[\p{Lu}\p{P}\s]+$/u.test(found.text) && found.text.length > 2 && /^\s*(?:\(\s*)?$/.test(text.slice(text.lastIndexOf('\n', found.start - 1) + 1, found.start)) && /^\s*(?:,|—|–|-|\))/.test(text.slice(found.end, found.end + 3));
    const locative = dateline || LOCATIVE.test(before) || /\(\s*$/.test(before);
    const sentenceInitial = found.start === 0 || /(?:^|[.!?]["”’]?\s+|\n\s*|["“]\s*)$/.test(before);
    candidates.push({ ...found, locative, sentenceInitial });
    while (i + 1 < tokens.length && (tokens[i + 1]?.start ?? Infinity) < found.end) i++;
  }

  // Context: countries the text names outright, the case region, then unambiguous places.
  const support = new Map<string, number>();
  const bump = (cc: string, w: number): void => {
    support.set(cc, (support.get(cc) ?? 0) + w);
  };
  const caseCc = caseCountry(gazetteer, options.caseRegion);
  if (caseCc !== null) bump(caseCc, 3);
  const own = new Map<Candidate, string>();
  for (const c of candidates) {
    if (c.loose === true) continue;
    const countries = new Set(c.entries.map((e) => e.country));
    if (c.entries.some((e) => e.kind === 'country')) {
      for (const e of c.entries) if (e.kind === 'country') bump(e.country, 2);
    } else if (countries.size === 1) {
      const [cc] = countries;
      if (cc !== undefined) {
        bump(cc, 1);
        own.set(c, cc);
      }
    } else {
      const big = c.entries.filter((e) => e.population >= 500_000);
      if (big.length === 1 && big[0] !== undefined) bump(big[0].country, 0.5);
    }
  }

  const hits: PlaceHit[] = [];
  for (const c of candidates) {
    const hasCity = c.entries.some((e) => e.kind === 'city');
    let best: GazetteerEntry | null = null;
    let bestScore = -Infinity;
    let second = -Infinity;
    for (const e of c.entries) {
      const base = normalizePlaceName(c.text) !== normalizePlaceName(e.name);
      let score = Math.log10(e.population + 10);
      if (e.kind === 'country') score += 4;
      if (e.kind === 'region') score += c.suffixed ? 4 : base && hasCity ? -3 : 0.5;
      if (e.feature === 'PPLC') score += 2;
      else if (e.feature === 'PPLA') score += 1;
      score += Math.min(6, 2 * (support.get(e.country) ?? 0));
      if (score > bestScore) {
        second = bestScore;
        bestScore = score;
        best = e;
      } else if (score > second) {
        second = score;
      }
    }
    if (best === null) continue;
    // Support from elsewhere in the document: a lone candidate does not vouch for itself.
    const external = (support.get(best.country) ?? 0) - (own.get(c) === best.country ? 1 : 0);
    const supported = external >= 1 || best.kind === 'country';
    const single = !/\s/.test(c.text);
    let accept: boolean;
    if (best.kind !== 'city') accept = !c.sentenceInitial || c.locative || supported || !single;
    else if (best.population >= 100_000) accept = c.locative || supported || !c.sentenceInitial;
    else if (best.population >= 15_000) accept = c.locative || supported;
    else accept = c.locative && supported;
    // A small town in a country the document never otherwise mentions, while it does name others, is a homonym.
    if (c.loose === true) accept = c.locative && external >= 1;
    if (accept && best.kind === 'city' && best.population < 100_000 && external <= 0 && support.size > 0) accept = false;
    if (!accept) continue;
    const margin = bestScore - second;
    const confidence = Math.max(0.3, Math.min(c.loose === true ? 0.6 : 0.98, (supported ? 0.7 : 0.45) + (c.locative ? 0.1 : 0) + Math.min(0.2, margin / 20)));
    hits.push({ start: c.start, end: c.end, text: c.text, entry: best, confidence });
  }
  return hits;
}

/** Groups place hits into contract {@link Place} records, one per resolved entry, with every mention. */
export function groupPlaces(hits: readonly PlaceHit[]): Place[] {
  const groups = new Map<string, { entry: GazetteerEntry; confidence: number; mentions: [number, number][] }>();
  for (const h of hits) {
    const key = `${h.entry.kind}|${h.entry.country}|${h.entry.name}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { entry: h.entry, confidence: h.confidence, mentions: [[h.start, h.end]] });
    else {
      g.mentions.push([h.start, h.end]);
      g.confidence = Math.max(g.confidence, h.confidence);
    }
  }
  return [...groups.values()].map(({ entry, confidence, mentions }) => ({
    name: entry.name,
    lat: entry.lat,
    lon: entry.lon,
    country: entry.country,
    admin1: entry.admin1,
    granularity: entry.kind,
    geonameId: entry.geonameId,
    confidence: Math.round(confidence * 100) / 100,
    mentions,
  }));
}

/**
 * Places of a text as contract records.
 *
 * @example
 * extractPlaces('Shelling hit Mariupol, Ukraine.', defaultGazetteer())
 * // → [{ name: 'Mariupol', country: 'UA', granularity: 'city', … }, { name: 'Ukraine', … }]
 */
export function extractPlaces(text: string, gazetteer: Gazetteer, options: PlaceOptions = {}): Place[] {
  return groupPlaces(findPlaces(text, gazetteer, options));
}
