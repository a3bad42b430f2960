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
import { demonymOf, FUNCTION_WORDS, orgHeadOf, TITLES } from './facts/lexicon.ts';

/** One resolved place mention. */
export interface PlaceHit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly entry: GazetteerEntry;
  readonly confidence: number;
}

/**
 * A place the text plainly names ("the village of Moura", "Yahidne, Ukraine", "on Mill Road") that the
 * gazetteer does not know: kept without coordinates and with low confidence rather than dropped.
 */
export interface UnresolvedPlaceHit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The name as written, title-cased when the text shouts it ("YAHIDNE" → "Yahidne"). */
  readonly name: string;
  readonly granularity: 'point' | 'city' | 'region';
  /** ISO code of the country written after it ("Yahidne, Ukraine"), else null. */
  readonly country: string | null;
}

/** Options for {@link extractPlaces}. */
export interface PlaceOptions {
  /** ISO country code or a place name the case is about ("UA", "Ukraine", "Mariupol"). */
  readonly caseRegion?: string | null;
  /** Tokens of the text when the caller has them already. */
  readonly tokens?: readonly Token[];
  /** Spans already claimed by person or organisation names: no place is read inside them. */
  readonly exclude?: readonly (readonly [number, number])[];
  /**
   * Lower-cased words of the document's person names ("hillary", "clinton"): a lone word equal to one
   * is the person, not a town or region of that name, unless a locative says otherwise.
   */
  readonly personWords?: ReadonlySet<string>;
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
  'sens', 'reps', 'govs', 'earth', 'christmas', 'easter', 'holiday', 'alliance', 'the gap', 'save', 'islands', 'island',
  'congress', 'senate', 'parliament', 'assembly', 'cabinet', 'embassy', 'council', 'camp', 'pentagon',
]);

/**
 * {@link STOPWORDS} as capitalised words open sentences and headlines ("The", "THE"), tested first: a
 * capitalised stop word is then rejected without a lower-cased copy (the others still get one).
 */
const STOPWORDS_AS_WRITTEN: ReadonlySet<string> = new Set([...STOPWORDS].flatMap((w) => [w.charAt(0).toUpperCase() + w.slice(1), w.toUpperCase()]));

const TITLE_WORDS: ReadonlySet<string> = new Set(TITLES.flatMap((t) => t.split(' ')));

/** Capitalised words after a one-word town that make it part of another name ("Wall Street", "Pacific Island leaders"). */
const NAME_TAIL = /^\s+(?:&|Street|St\.|Road|Avenue|Boulevard|Island|Islands|Club|Company|Co\.|Inc\.?|Corp\.?|Group|Party|University|College|School|Institute|Hospital|Bank|Capital|Partners|Associates|Foundation|Center|Centre|Hall|Stadium|Airport|Times|Post|News)\b/;
/** Reporting verbs: a lone town name right before one is a person or a body speaking ("Obama said"). */
const SPEAKS_AFTER = /^\s+(?:said|says|told|added|argued|noted|wrote|tweeted|asked|claimed|insisted|replied|responded|declared|stated|announced)\b/;

const LOCATIVE = /\b(?:in|near|outside|from|to|at|into|around|of|toward|towards|across|between|through|via|inside|within|outskirts of|suburb of|region of|city of|town of|village of|and|or|(?:towns|cities|villages|places|regions|areas|settlements|communities)\s+(?:such as|including|like))\s+(?:the\s+)?$/i;
/** Last words of {@link LOCATIVE}'s alternatives. */
const LOCATIVE_LAST: ReadonlySet<string> = new Set('in near outside from to at into around of toward towards across between through via inside within and or as like including'.split(' '));
/** Prepositions that make a place of a word that could be a name ("in Clinton" but not "and the Clinton campaign"). */
const STRICT_LOCATIVE = /\b(?:in|near|outside|from|at|into|around|toward|towards|across|through|via|inside|within|outskirts of|suburb of|region of|city of|town of|village of)\s+(?:the\s+)?$/i;
const CONNECTORS: ReadonlySet<string> = new Set(['of', 'de', 'la', 'el', 'al', 'ad', 'an', 'on', 'upon', 'am', 'the', 'sur']);

// Patterns with a `\p{…}` escape outside a character class are module constants rather than literals
// in the functions below, which tsx would rebuild through the RegExp constructor on every call (see
// facts/text.ts).
/** A name ending in a dotted initialism ("U.S."), whose last period is its own. */
const ENDS_INITIALISM = /\b\p{Lu}\.\p{Lu}\.$/u;
const ENDS_LETTER = /\p{L}$/u;
/** A town and a comma right before an abbreviated region ("Flint, Mich."). */
const LETTER_COMMA_BEFORE = /\p{L}, $/u;
/** One capitalised word of lower-case letters ("Kupiansk"): the only shape looked up loosely. */
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}+$/u;
const TWO_CAPITALS = /\p{Lu}{2}/u;
/** The capitalised word right before a candidate, separated by one space. */
const CAPITALISED_BEFORE = /(\p{Lu}[\p{L}'’.-]*) $/u;
const LETTER_RUN = /\p{L}+/gu;
const NAME_WORD_SHAPE = /^\p{Lu}[\p{L}'’-]*$/u;
/** A comma and a capitalised name of one or two words ending at punctuation: "Yahidne, Ukraine". */
const COMMA_NAME = /^,\s+(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?)(?=\s*(?:[.,;:)—–-]|$))/u;
/** What joins coordinated place names before a capital: ", ", ", and ", " and ", " or ". */
const COORDINATION_GAP = /^(?:,\s+(?:and\s+)?|\s+(?:and|or)\s+)(?=\p{Lu})/u;

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
  /** Opens a dateline ("KHARKIV, Ukraine —"). */
  readonly dateline?: boolean;
}

/** The longest capitalised n-gram at token i that the gazetteer knows, as a candidate (context not yet read), or null. */
function candidateAt(text: string, gazetteer: Gazetteer, tokens: readonly Token[], i: number): Candidate | null {
  const first = tokens[i];
  if (first === undefined) return null;
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
  for (let n = Math.min(reach, tokens.length - i); n >= 1; n--) {
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
    // One word is the token's own text (the same characters), whose hash the Map probes above already
    // computed; a fresh slice would be hashed again by every probe below.
    const raw = n === 1 ? first.text : text.slice(first.start, last.end);
    // A trailing period is the sentence's, unless the name is an initialism ("U.S.").
    const surface = raw.endsWith('.') && !ENDS_INITIALISM.test(raw) ? raw.slice(0, -1) : raw;
    if (STOPWORDS_AS_WRITTEN.has(surface) || STOPWORDS.has(surface.toLowerCase())) continue;
    let entries = gazetteer.lookup(surface);
    let loose = false;
    // An abbreviation keeps its period ("Flint, Mich."): the tokenizer leaves it out of the word.
    // Only after a town and a comma ("Flint, Mich.", "FAIRVIEW, W.Va."): "Del. Stacey Plaskett" is a title.
    const dotted = entries.length === 0 && text.charCodeAt(last.end) === 46 && ENDS_LETTER.test(surface) && LETTER_COMMA_BEFORE.test(text.slice(Math.max(0, first.start - 3), first.start));
    if (dotted) entries = gazetteer.lookup(`${text.slice(first.start, last.end)}.`);
    // A loose match is accepted only after a locative, so it is looked up only after a locative's last word.
    if (entries.length === 0 && n === 1 && surface.length >= 5 && LOCATIVE_LAST.has(locativeWordBefore(tokens, i)) && CAPITALISED_WORD.test(surface)) {
      entries = gazetteer.lookupLoose(surface);
      loose = entries.length > 0;
    }
    if (entries.length === 0) continue;
    const next = tokens[i + n];
    // A following lower-case region word ("Donetsk region") belongs to the place.
    let end = dotted && entries.length > 0 ? last.end + 1 : first.start + surface.length;
    let suffixed = false;
    if (next !== undefined && /^(?:region|oblast|province|governorate|district)$/i.test(next.text) && text.slice(last.end, next.start) === ' ') {
      const withSuffix = gazetteer.lookup(`${surface} ${next.text}`);
      if (withSuffix.length > 0) {
        end = next.end;
        suffixed = true;
        return { start: first.start, end, text: text.slice(first.start, end), entries: withSuffix, locative: false, sentenceInitial: false, suffixed, loose: false };
      }
    }
    return { start: first.start, end, text: text.slice(first.start, end), entries, locative: false, sentenceInitial: false, suffixed, loose };
  }
  return null;
}

/** The word before token i, skipping one "the", lower-cased. */
function locativeWordBefore(tokens: readonly Token[], i: number): string {
  const prev = tokens[i - 1]?.text ?? '';
  return (prev === 'the' || prev === 'The' ? (tokens[i - 2]?.text ?? '') : prev).toLowerCase();
}

/** Every gazetteer match outside the excluded spans, longest first at each capitalised word, with its context. */
function findCandidates(text: string, gazetteer: Gazetteer, tokens: readonly Token[], excluded: readonly (readonly [number, number])[]): Candidate[] {
  const exclude = [...excluded].sort((a, b) => a[0] - b[0]);
  let ex = 0;
  const candidates: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (first === undefined || !isCapitalized(first.text)) continue;
    while (ex < exclude.length && (exclude[ex]?.[1] ?? 0) <= first.start) ex++;
    const exSpan = exclude[ex];
    if (exSpan !== undefined && exSpan[0] < first.end && first.start < exSpan[1]) continue;
    const found = candidateAt(text, gazetteer, tokens, i);
    if (found === null) continue;
    const before = text.slice(Math.max(0, found.start - 40), found.start);
    // A dateline ("KHARKIV, Ukraine —", "NAIROBI —") names the place the report was filed from.
    const dateline = /^[\p{Lu}\p{P}\s]+$/u.test(found.text) && found.text.length > 2 && /^\s*(?:\(\s*)?$/.test(text.slice(text.lastIndexOf('\n', found.start - 1) + 1, found.start)) && /^\s*(?:,|—|–|-|\)|\((?:AP|AFP|Reuters|UPI|dpa|AA|CNN)\))/.test(text.slice(found.end, found.end + 12));
    const locative = dateline || LOCATIVE.test(before) || /\(\s*$/.test(before);
    const sentenceInitial = found.start === 0 || /(?:^|[.!?]["”’]?\s+|\n\s*|["“]\s*)$/.test(before);
    // Field by field rather than spread: one object shape for every candidate, and no copying
    // of the found object (`loose` is only ever compared with true).
    candidates.push({
      start: found.start,
      end: found.end,
      text: found.text,
      entries: found.entries,
      locative,
      sentenceInitial,
      suffixed: found.suffixed,
      loose: found.loose === true,
      dateline,
    });
    while (i + 1 < tokens.length && (tokens[i + 1]?.start ?? Infinity) < found.end) i++;
  }
  return candidates;
}

/**
 * Context: countries the text names outright, the case region, then unambiguous places. Returns the
 * support of each country and, for a candidate in a single country, that country (its own vote).
 */
function countrySupport(candidates: readonly Candidate[], caseCc: string | null): { support: Map<string, number>; own: Map<Candidate, string> } {
  const support = new Map<string, number>();
  const bump = (cc: string, w: number): void => {
    // World regions ("Europe", "Middle East") have no country and support none.
    if (cc === '') return;
    support.set(cc, (support.get(cc) ?? 0) + w);
  };
  if (caseCc !== null) bump(caseCc, 3);
  const own = new Map<Candidate, string>();
  for (const c of candidates) {
    if (c.loose === true) continue;
    const countries = new Set<string>();
    for (const e of c.entries) countries.add(e.country);
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
  return { support, own };
}

/**
 * A one-word town inside a longer capitalised name or speaking: after a capitalised word in the same
 * sentence ("Islamic Holiday", "Hillary Clinton"), before "Street", "&", "Club"…, or before "said".
 * An all-caps town outside a dateline is a headline word ("SAVE A QUARTER").
 */
function isNamePart(text: string, c: Candidate): boolean {
  if (SPEAKS_AFTER.test(text.slice(c.end, c.end + 16))) return true;
  if (c.text.length > 1 && c.text === c.text.toUpperCase() && TWO_CAPITALS.test(c.text)) return true;
  const prev = CAPITALISED_BEFORE.exec(text.slice(Math.max(0, c.start - 30), c.start));
  if (prev === null || c.sentenceInitial) return false;
  const word = prev[1] ?? '';
  const beforePrev = text.slice(Math.max(0, c.start - 32 - word.length), c.start - word.length - 1);
  // The previous word opens the sentence ("In Kyiv", "Besieged Mariupol") or is a title, direction or nationality.
  if (/(?:^|[.!?]["”’]?\s+|\n\s*|["“]\s*)$/.test(beforePrev)) return false;
  return !FUNCTION_WORDS.has(word.toLowerCase()) && !STOPWORDS.has(word.toLowerCase()) && demonymOf(word) === undefined && !TITLE_WORDS.has(word.replace(/\.$/, '')) && !TITLE_WORDS.has(word);
}

/** The best-scoring entry of each candidate, kept when its size, locative and country support allow. */
function resolveCandidates(text: string, candidates: readonly Candidate[], support: ReadonlyMap<string, number>, own: ReadonlyMap<Candidate, string>, personWords: ReadonlySet<string>): PlaceHit[] {
  const hits: PlaceHit[] = [];
  for (const c of candidates) {
    const hasCity = c.entries.some((e) => e.kind === 'city');
    let best: GazetteerEntry | null = null;
    let bestScore = -Infinity;
    let second = -Infinity;
    // Normalised once per candidate, and an entry's name only for a region that needs it: a common
    // name ("Washington") has dozens of city entries, and each used to normalise both names again.
    const key = normalizePlaceName(c.text);
    for (const e of c.entries) {
      let score = Math.log10(e.population + 10);
      if (e.kind === 'country') score += 4;
      if (e.kind === 'region') score += c.suffixed ? 4 : hasCity && key !== normalizePlaceName(e.name) ? -3 : 0.5;
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
    if (accept && best.kind === 'city' && best.population < 100_000 && external <= 0 && [...support.keys()].some((cc) => cc !== best.country)) accept = false;
    const placeCue = c.dateline === true || (c.locative && STRICT_LOCATIVE.test(text.slice(Math.max(0, c.start - 30), c.start)));
    if (accept && single && best.kind !== 'country' && !placeCue && personWords.has(key)) accept = false;
    if (accept && single && best.kind === 'city' && (NAME_TAIL.test(text.slice(c.end, c.end + 16)) || (!placeCue && isNamePart(text, c)))) accept = false;
    if (!accept) continue;
    const margin = bestScore - second;
    const confidence = Math.max(0.3, Math.min(c.loose === true ? 0.6 : 0.98, (supported ? 0.7 : 0.45) + (c.locative ? 0.1 : 0) + Math.min(0.2, margin / 20)));
    hits.push({ start: c.start, end: c.end, text: c.text, entry: best, confidence });
  }
  return hits;
}

/**
 * Finds and resolves every place mention in `text`. Pure apart from reading the passed gazetteer;
 * linear in the text (at most `gazetteer.maxWords` lookups per word). Three steps, each a function of
 * its own (V8 compiled the single 6 KB-bytecode function late and in one long compile): gazetteer
 * matches, the countries the document supports, and the entry each match resolves to.
 */
export function findPlaces(text: string, gazetteer: Gazetteer, options: PlaceOptions = {}): PlaceHit[] {
  const tokens = options.tokens ?? tokenize(text);
  const candidates = findCandidates(text, gazetteer, tokens, options.exclude ?? []);
  const { support, own } = countrySupport(candidates, caseCountry(gazetteer, options.caseRegion));
  return resolveCandidates(text, candidates, support, own, options.personWords ?? new Set<string>());
}

/** Settlement and area nouns: "the village of X" and "X village" name a place. */
const AREA_NOUN = 'villages?|towns?|city|cities|hamlets?|settlements?|districts?|regions?|provinces?|communes?|municipality|municipalities|neighbou?rhoods?|suburbs?|outskirts|camps?|county|counties|localit(?:y|ies)|oblast|governorate|departments?|prefecture|areas?|zones?';
/** "the (occupied, southern…) village of", "villagers in": the capitalised words after it are a place. */
const CUE_BEFORE = new RegExp(String.raw`\b(?:(?:${AREA_NOUN})\s+(?:of|called|named)|(?:villages?|towns?|settlements?|places)\s+(?:such as|including|like)|(?:villagers|residents|inhabitants|natives)\s+(?:of|in|from))\s+$`, 'i');
/** "X village", "X district", "X refugee camp": a lower-case area noun right after. */
const CUE_AFTER = new RegExp(String.raw`^\s+(?:refugee\s+)?(?:village|town|district|region|province|oblast|governorate|camp|settlement|neighbou?rhood|suburb|municipality|commune|county)\b`);
/** Last words of the cues in {@link CUE_BEFORE}: a token after none of these needs another cue. */
const CUE_WORDS: ReadonlySet<string> = new Set(['of', 'called', 'named', 'as', 'including', 'like', 'in', 'from']);
/** Lower-case area nouns of {@link CUE_AFTER}. */
const AREA_WORDS: ReadonlySet<string> = new Set('refugee village town district region province oblast governorate camp settlement neighbourhood neighborhood suburb municipality commune county'.split(' '));
/** Street-like heads: the whole run is a point place ("Mill Road"). */
const STREET_WORDS: ReadonlySet<string> = new Set(['Road', 'Street', 'St', 'Avenue', 'Ave', 'Boulevard', 'Blvd', 'Lane', 'Square', 'Highway', 'Prospekt', 'Prospect']);
const MONTHS_AND_DAYS = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

function titleCase(word: string): string {
  return word.replace(LETTER_RUN, (w) => (w.length > 1 && w === w.toUpperCase() ? w.charAt(0) + w.slice(1).toLowerCase() : w));
}

/** A capitalised word that may be part of a place name: not a function word, month, demonym, title or organisation head. */
function nameWord(word: string): boolean {
  if (!isCapitalized(word) || demonymOf(word) !== undefined || TITLE_WORDS.has(word) || orgHeadOf(word) !== undefined) return false;
  const lower = word.toLowerCase();
  return !FUNCTION_WORDS.has(lower) && !STOPWORDS.has(lower) && !MONTHS_AND_DAYS.test(word) && NAME_WORD_SHAPE.test(word);
}

/**
 * Places the gazetteer does not know but the text plainly names: after "the village/town/district of",
 * before "village"/"district", "X, <known country>", all-caps datelines, streets ("Mill Road"), words
 * coordinated with one of these ("in Nondin and Soro"), and later mentions of the same name. `taken`
 * holds spans already claimed (resolved places, person and organisation names), sorted by start.
 * Linear: one pass over the tokens with bounded look-behind windows.
 */
export function findUnresolvedPlaces(text: string, gazetteer: Gazetteer, tokens: readonly Token[], taken: readonly (readonly [number, number])[]): UnresolvedPlaceHit[] {
  const busy = new Uint8Array(text.length + 1);
  for (const [s, e] of taken) busy.fill(1, Math.max(0, s), Math.min(text.length, e));
  const free = (s: number, e: number): boolean => {
    for (let k = s; k < e; k++) if (busy[k] === 1) return false;
    return true;
  };
  const out: UnresolvedPlaceHit[] = [];
  const names = new Map<string, UnresolvedPlaceHit>();
  const add = (i: number, n: number, granularity: UnresolvedPlaceHit['granularity'], country: string | null): number => {
    const first = tokens[i];
    const last = tokens[i + n - 1];
    if (first === undefined || last === undefined || !free(first.start, last.end)) return 0;
    const raw = text.slice(first.start, last.end);
    const hit: UnresolvedPlaceHit = { start: first.start, end: last.end, text: raw, name: titleCase(raw), granularity, country };
    out.push(hit);
    busy.fill(1, hit.start, hit.end);
    if (!names.has(hit.name.toLowerCase())) names.set(hit.name.toLowerCase(), hit);
    return n;
  };
  /** True when a token in the three after i is followed by a comma or is, or precedes, an area noun or street word. */
  const mayEndCue = (i: number): boolean => {
    for (let k = i; k < i + 4 && k < tokens.length; k++) {
      const tk = tokens[k];
      if (tk === undefined) break;
      if ((k > i && AREA_WORDS.has(tk.text)) || STREET_WORDS.has(tk.text)) return true;
      const c = tk.text.charCodeAt(0);
      // Past the capitalised run only an area noun right after it counts.
      if (k > i && !(c >= 65 && c <= 90) && c < 128) return false;
      if (text.charCodeAt(tk.end) === 44) return true;
    }
    return false;
  };
  /** Length in tokens of the run of name words at i (at most three, single-space separated). */
  const runAt = (i: number): number => {
    let n = 0;
    while (n < 3) {
      const t = tokens[i + n];
      if (t === undefined || !nameWord(t.text)) break;
      if (n > 0 && text.slice(tokens[i + n - 1]?.end ?? 0, t.start) !== ' ') break;
      n++;
    }
    return n;
  };
  /**
   * Adds the run of n name words at i when a rule says it is a place: a street, a cue before or after
   * it, or a country or region after it ("Yahidne, Ukraine"), or an all-caps dateline ("KESTRAVA,
   * Lorvania —"); returns the tokens added (0 when none). A function of its own: several rules first
   * apply only some documents in, and in the loop below their first use deoptimised the whole function.
   */
  const addByCue = (i: number, n: number, prevText: string): number => {
    const t = tokens[i];
    const last = tokens[i + n - 1];
    if (t === undefined || last === undefined) return 0;
    // A name the gazetteer knows but the resolver rejected (a homonym of a small town elsewhere:
    // "the village of Moura") is still a place when a cue says so; resolved places are already taken.
    // The cues before span at most the three tokens before the run.
    const before = CUE_WORDS.has(prevText) ? text.slice(tokens[Math.max(0, i - 4)]?.start ?? 0, t.start) : '';
    const after = text.slice(last.end, last.end + 40);
    const lineStart = Math.max(text.lastIndexOf('\n', t.start - 1) + 1, t.start - 400);
    const nextWord = tokens[i + n];
    if (n >= 2 && STREET_WORDS.has(last.text)) return add(i, n, 'point', null);
    if (nextWord !== undefined && n < 3 && STREET_WORDS.has(nextWord.text) && text.slice(last.end, nextWord.start) === ' ') return add(i, n + 1, 'point', null);
    if (CUE_BEFORE.test(before)) {
      const region = /\b(?:districts?|regions?|provinces?|oblast|governorate|county|counties|departments?|prefecture|areas?|zones?)\s+of\s+$/i.test(before);
      return add(i, n, region ? 'region' : 'city', null);
    }
    if (CUE_AFTER.test(after) && !/(?:ian|ean|ese|ish)$/.test(last.text) && !/(?:^|[.!?]["”]?\s+)$/.test(text.slice(lineStart, t.start))) {
      return add(i, n, /^\s+(?:district|region|province|oblast|governorate|county)\b/.test(after) ? 'region' : 'city', null);
    }
    // "Yahidne, Ukraine" / "KESTRAVA, Lorvania —": a name followed by a country or region.
    const comma = COMMA_NAME.exec(after);
    const country = comma?.[1] !== undefined ? gazetteer.lookup(comma[1]).find((e) => e.kind === 'country' || e.kind === 'region') : undefined;
    const dateline = n <= 2 && t.text.length > 2 && t.text === t.text.toUpperCase() && /^[\s(]*$/.test(text.slice(lineStart, t.start)) && /^\s*(?:,|—|–)/.test(after);
    if (country !== undefined) return add(i, n, 'city', country.country);
    if (!dateline) return 0;
    const added = add(i, n, 'city', null);
    // "KESTRAVA, Lorvania —": the dateline's second part is the country or region.
    const second = comma?.[1] !== undefined && /^\s*(?:—|–|-|\()/.test(after.slice(comma[0].length)) ? comma : null;
    const k = i + n;
    if (added > 0 && second !== null && tokens[k]?.start === last.end + second[0].length - (second[1]?.length ?? 0)) {
      const m = runAt(k);
      if (m > 0) add(k, m, 'region', null);
    }
    return added;
  };
  /**
   * Adds the run of n name words at i when a cue makes it a place, with the names coordinated with it;
   * returns the index of the first token after them (i + 1 when nothing was added). One call per cued
   * run, so the rarer steps here first run (and deoptimise) in this small function, not in the loop.
   */
  const addCuedRun = (i: number, n: number, prevText: string): number => {
    const added = addByCue(i, n, prevText);
    if (added === 0) return i + 1;
    // Coordinated names after it share its cue: "in Nondin and Soro", "the villages of A, B and C".
    let j = i + added;
    for (;;) {
      const prevEnd = tokens[j - 1]?.end ?? 0;
      const gap = COORDINATION_GAP.exec(text.slice(prevEnd, prevEnd + 8));
      if (gap === null) break;
      let k = j;
      while (k < tokens.length && (tokens[k]?.start ?? Infinity) < prevEnd + gap[0].length) k++;
      const cand = tokens[k];
      const m = runAt(k);
      if (cand === undefined || cand.start !== prevEnd + gap[0].length || m === 0) break;
      // A comma joins only a list that goes on ("A, B and C"), not an abbreviation ("Flint, Mich.").
      const runEnd = tokens[k + m - 1]?.end ?? cand.end;
      if (gap[0].startsWith(',') && !/^(?:,\s|\s+(?:and|or)\s)/.test(text.slice(runEnd, runEnd + 5))) break;
      const got = add(k, m, out[out.length - 1]?.granularity ?? 'city', null);
      if (got === 0) break;
      j = k + got;
    }
    return j;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const c0 = t?.text.charCodeAt(0) ?? 0;
    // Cheap gates first: a capital letter, then a cue word before or something after the run that a rule needs.
    if (t === undefined || c0 < 65 || (c0 > 90 && c0 < 128) || busy[t.start] === 1) continue;
    const prevText = tokens[i - 1]?.text ?? '';
    // -1 before the text's start (never a newline, parenthesis or space), without reading out of bounds:
    // such a read deoptimises this function, and recompiling it costs more than the check
    const b1 = t.start >= 1 ? text.charCodeAt(t.start - 1) : -1;
    const b2 = t.start >= 2 ? text.charCodeAt(t.start - 2) : -1;
    const atLineStart = t.start === 0 || b1 === 10 || b1 === 40 || (b1 === 32 && (b2 === 10 || b2 === 40));
    if (!CUE_WORDS.has(prevText) && !atLineStart && !mayEndCue(i)) continue;
    if (!nameWord(t.text)) continue;
    const n = runAt(i);
    const last = tokens[i + n - 1];
    if (n === 0 || last === undefined) continue;
    // The tail of a longer capitalised name ("Kaneohe Bay" after a resolved "Kaneohe") is not a place of its own.
    const prevTok = tokens[i - 1];
    if (prevTok !== undefined && isCapitalized(prevTok.text) && text.slice(prevTok.end, t.start) === ' ') continue;
    i = addCuedRun(i, n, prevText) - 1;
  }
  addLaterMentions();

  /**
   * Later (and earlier) mentions of a name found above, written the same way or in capitals. A
   * function of its own: most documents have no such name, and the first that had one deoptimised
   * the whole of findUnresolvedPlaces when this step was written inline.
   */
  function addLaterMentions(): void {
    if (names.size === 0) return;
    const firstWords = new Set([...names.keys()].map((k) => k.split(' ')[0] ?? k));
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === undefined || busy[t.start] === 1 || !isCapitalized(t.text) || !firstWords.has(t.text.toLowerCase())) continue;
      for (let n = 3; n >= 1; n--) {
        const last = tokens[i + n - 1];
        if (last === undefined) continue;
        const raw = text.slice(t.start, last.end);
        const known = names.get(titleCase(raw).toLowerCase());
        if (known === undefined || !/^[\p{L}'’ -]+$/u.test(raw) || /[\p{L}\p{N}]/u.test(text[last.end] ?? '')) continue;
        if (add(i, n, known.granularity, known.country) > 0) i += n - 1;
        break;
      }
    }
  }

  return out.sort((a, b) => a.start - b.start);
}

/** Groups place hits into contract {@link Place} records, one per resolved entry, with every mention. */
export function groupPlaces(hits: readonly PlaceHit[], unresolved: readonly UnresolvedPlaceHit[] = []): Place[] {
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
  // pushed, not map()ped: the push below then never meets a second array map (see facts.ts)
  const places: Place[] = [];
  for (const { entry, confidence, mentions } of groups.values()) {
    places.push({
      name: entry.name,
      lat: entry.lat,
      lon: entry.lon,
      country: entry.country === '' ? null : entry.country,
      admin1: entry.admin1,
      granularity: entry.kind,
      geonameId: entry.geonameId,
      confidence: Math.round(confidence * 100) / 100,
      mentions,
    });
  }
  const unknown = new Map<string, { hit: UnresolvedPlaceHit; mentions: [number, number][] }>();
  for (const u of unresolved) {
    const key = u.name.toLowerCase();
    const g = unknown.get(key);
    if (g === undefined) unknown.set(key, { hit: u, mentions: [[u.start, u.end]] });
    else g.mentions.push([u.start, u.end]);
  }
  for (const { hit, mentions } of unknown.values()) {
    // Not in the gazetteer: no coordinates, and a low confidence that flags it for review.
    places.push({ name: hit.name, lat: null, lon: null, country: hit.country, admin1: null, granularity: hit.granularity, geonameId: null, confidence: 0.3, mentions });
  }
  return places;
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
