/**
 * Counts → intervals with their qualifier, what is counted and of whom (docs/FACTS.md, "Figures").
 * "at least 410" → [410, null]; "more than 20" → [21, null]; "around 5,000" → approx [4,500, 5,500]
 * (±10 %); "up to 300" → [0, 300]; "dozens" → approx [24, 99]; ranges "20 to 30" → [20, 30].
 * One regular-expression scan for number expressions, then bounded look-around windows inside the
 * sentence for the qualifier, the counted noun and the state (killed, interviewed…): linear time.
 */
import type { Attribution, Figure, FigureKind } from './types.ts';
import { rangeIndex, SmallIntSet, tokenize, type Token } from './facts/text.ts';

/** A located place mention the figure may refer to. */
export interface FigurePlace {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

/** What figure extraction may use besides the text; every field is optional. */
export interface FigureContext {
  readonly attributions?: readonly Attribution[];
  readonly places?: readonly FigurePlace[];
  /** Date mentions as [start, end, ISO start or null]. */
  readonly dates?: readonly (readonly [number, number, string | null])[];
  readonly sentences?: readonly (readonly [number, number])[];
  /** The place a speaker speaks for (a mayor's city), by attribution id: the fallback place of its figures. */
  readonly speakerPlace?: Readonly<Record<string, string | null>>;
  /** Tokens of the text when the caller has them already. */
  readonly tokens?: readonly Token[];
}

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90,
};
const SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };

/** Vague quantities: [min, max] with approx = true. */
const VAGUE: Readonly<Record<string, readonly [number, number | null]>> = {
  'a dozen': [12, 12],
  'a handful of': [3, 9],
  'dozens': [24, 99],
  'scores': [40, 99],
  'hundreds': [200, 999],
  'several hundred': [200, 999],
  'thousands': [2000, 9999],
  'several thousand': [2000, 9999],
  'tens of thousands': [20_000, 99_999],
  'hundreds of thousands': [200_000, 999_999],
  'millions': [2_000_000, null],
};

const SPELLED = '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?(?:\\s+(?:hundred|thousand|million|billion)(?:\\s+(?:and\\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)?)*';
const DIGITS = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:\\s*(?:million|billion|thousand|hundred)\\b|k\\b)?';
const VAGUE_RE = '(?:tens of thousands|hundreds of thousands|several hundred|several thousand|a handful of|a dozen|dozens|scores|hundreds|thousands|millions)';
const NUMBER = `(?:${DIGITS}|\\b${SPELLED}\\b|\\b${VAGUE_RE}\\b)`;
const RANGE_RE = new RegExp(
  `(?:\\bbetween\\s+(${NUMBER})\\s+and\\s+(${NUMBER}))|(?:\\bfrom\\s+(${NUMBER})\\s+to\\s+(${NUMBER}))|(${NUMBER})(?:\\s*(?:-|–|to)\\s*(${NUMBER}))?`,
  'gi',
);

const RANGE_STICKY = new RegExp(RANGE_RE.source, 'iy');
/** Words a number expression can start with. */
const NUMBER_STARTS: ReadonlySet<string> = new Set(
  'between from zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety tens hundreds thousands millions several a dozens scores'.split(' '),
);

/** Lower-cased first letters and longest word of {@link NUMBER_STARTS}: most tokens are rejected without allocating. */
const NUMBER_START_MAX = Math.max(...[...NUMBER_STARTS].map((w) => w.length));
/** First letter and length of each start word, packed: most tokens are rejected without allocating. */
const NUMBER_START_SHAPES = new SmallIntSet([...NUMBER_STARTS].map((w) => (w.charCodeAt(0) | 32) * 64 + w.length));

/** 1 for the ASCII letters (either case) that a word of {@link NUMBER_STARTS} begins with. */
const NUMBER_START_LETTERS = new Uint8Array(128);
for (const w of NUMBER_STARTS) {
  NUMBER_START_LETTERS[w.charCodeAt(0) & ~32] = 1;
  NUMBER_START_LETTERS[w.charCodeAt(0) | 32] = 1;
}

/** True when the token's part before any hyphen is a word a number expression starts with. */
function startsNumber(word: string): boolean {
  // Every token is asked: its first letter alone rejects most, before any search or Set probe.
  // (Other characters go the whole way: toLowerCase() may map some of them to ASCII.)
  const c = word.charCodeAt(0);
  if (c < 128 && NUMBER_START_LETTERS[c] !== 1) return false;
  const dash = word.indexOf('-');
  const length = dash < 0 ? word.length : dash;
  if (length > NUMBER_START_MAX || !NUMBER_START_SHAPES.has((word.charCodeAt(0) | 32) * 64 + length)) return false;
  return NUMBER_STARTS.has((dash < 0 ? word : word.slice(0, dash)).toLowerCase());
}

const QUALIFIERS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:at least|no fewer than|no less than|a minimum of|not less than)\s*$/i, 'at_least'],
  [/\b(?:more than|over|upwards of|in excess of|exceeding|above|greater than|beyond)\s*$/i, 'more_than'],
  [/\b(?:up to|at most|as many as|no more than|a maximum of|not more than)\s*$/i, 'up_to'],
  [/\b(?:nearly|almost|just under|close to|approaching)\s*$/i, 'nearly'],
  [/\b(?:fewer than|less than|under|below)\s*$/i, 'less_than'],
  [/\b(?:about|around|approximately|roughly|some|an estimated|estimated|circa|approx\.|an approximate|more or less|nearly)\s*$/i, 'approx'],
];

/**
 * Every pattern of {@link QUALIFIERS} in one alternation (they share the `i` flag; null if one day they
 * do not): it matches exactly when one of them does. Each is anchored at the end of the window and was
 * tried from every start in it; most numbers have no qualifier, and now cost one such scan.
 */
const ANY_QUALIFIER = QUALIFIERS.every(([re]) => re.flags === 'i') ? new RegExp(QUALIFIERS.map(([re]) => `(?:${re.source})`).join('|'), 'i') : null;

/**
 * The qualifier ("at least", "more than", …) of {@link QUALIFIERS} that `before` ends in, and where the
 * figure then starts (not before its sentence's start); [null, numStart] when there is none.
 */
function qualifierBefore(before: string, numStart: number, sentenceStart: number): [string | null, number] {
  for (const [re, q] of QUALIFIERS) {
    const qm = re.exec(before);
    if (qm !== null) return [q, Math.max(sentenceStart, numStart - (before.length - qm.index))];
  }
  return [null, numStart];
}

/** True when some pattern of {@link QUALIFIERS} matches `before`. */
function anyQualifier(before: string): boolean {
  return ANY_QUALIFIER !== null ? ANY_QUALIFIER.test(before) : QUALIFIERS.some(([re]) => re.test(before));
}

/** What is counted: the state the people or things are in, normalised. */
const STATES: readonly (readonly [RegExp, string])[] = [
  [/\b(?:killed|dead|died|deaths?|death toll|lost their lives|perished|massacred|slain|murdered|fatalities|lives)\b/i, 'killed'],
  [/\bexecuted|executions?\b/i, 'executed'],
  [/\b(?:injured|wounded|hurt|injuries)\b/i, 'injured'],
  [/\bcasualties\b/i, 'casualties'],
  [/\b(?:missing|disappeared|unaccounted for|went missing)\b/i, 'missing'],
  [/\b(?:detained|arrested|abducted|imprisoned|captured|kidnapped|taken prisoner|held captive|held|in custody|detention)\b/i, 'detained'],
  [/\b(?:deported|forcibly transferred|deportations?|taken to Russia|forcibly moved)\b/i, 'deported'],
  [/\b(?:displaced|fled|forced from their homes|uprooted|refugees|forced to flee)\b/i, 'displaced'],
  [/\b(?:evacuated|evacuations?|rescued)\b/i, 'evacuated'],
  [/\b(?:interviewed|spoke to|spoke with|questioned|surveyed|interviews)\b/i, 'interviewed'],
  [/\b(?:tortured|torture|beaten|ill-treated)\b/i, 'tortured'],
  [/\b(?:raped|sexually assaulted|sexual violence)\b/i, 'sexually assaulted'],
  [/\btrapped\b/i, 'trapped'],
  [/\b(?:buried|exhumed|graves?)\b/i, 'buried'],
  [/\b(?:found|discovered|recovered)\b/i, 'found'],
  [/\b(?:destroyed|razed|demolished|flattened)\b/i, 'destroyed'],
  [/\bdamaged\b/i, 'damaged'],
];

const WHOM =
  /^(?:\s+of(?:\s+the)?)?(?:\s+(?:more|other|additional|further|local|innocent|unarmed|young|elderly|dead|displaced|wounded|injured|missing|detained|Ukrainian|Russian|Syrian|Palestinian|Israeli|Sudanese|Rohingya|Afghan|Iraqi|Yemeni|Ethiopian|Tigrayan|Eritrean|Congolese|Malian|Somali|Armenian|Azerbaijani|Georgian|civilian|unidentified|identified|foreign|[a-z]+-(?:aged|old|year-old)))*\s+(people|persons|civilians|children|kids|minors|women|men|girls|boys|babies|infants|residents|inhabitants|villagers|soldiers|troops|servicemen|service members|fighters|militants|combatants|police officers|officers|policemen|prisoners of war|prisoners|POWs|detainees|bodies|corpses|victims|survivors|witnesses|refugees|migrants|families|households|journalists|reporters|doctors|medics|nurses|aid workers|humanitarian workers|volunteers|students|patients|teachers|hostages|protesters|demonstrators|worshippers|farmers|workers|staff|members|individuals|Ukrainians|Syrians|Palestinians|Russians|Afghans|Iraqis|Sudanese|Yemenis|cases|deaths|casualties|fatalities|graves|homes|houses|buildings|schools|hospitals|clinics|villages|towns|settlements|shelters|apartments|apartment blocks|structures|vehicles|tanks|missiles|rockets|drones|bombs|shells|airstrikes|air strikes|strikes|attacks|incidents|dead|wounded|injured|the dead|others|more)\b/;

/** Any plural noun after at most one modifier ("two sons", "five farm workers", "thousands of cattle"). */
const GENERIC_NOUN = /^(?:\s+of(?:\s+the)?)?(?:\s+[a-z][a-z-]+)?\s+((?!times\b|years\b|days\b|months\b|weeks\b|hours\b|minutes\b|percent\b|of\b)(?:[a-z]{2,}s|[a-z]*men|people|cattle|livestock|staff|personnel|police))\b/;

/**
 * Measures that are figures of their own kind: percentages, distances and areas (the unit right after
 * the number). Areas come first so "square kilometres" is not read as a distance.
 */
const MEASURES: readonly (readonly [RegExp, FigureKind, string])[] = [
  [/^-?\s*(?:%|percent\b|per\s?cent\b|percentage points?\b)/i, 'percent', 'percent'],
  [/^-?\s*(?:square\s+kilomet(?:er|re)s?|sq\.?\s*km|km2|km²|square\s+km)\b|^\s*km²/i, 'area', 'km2'],
  [/^-?\s*(?:square\s+miles?|sq\.?\s*mi(?:les?)?)\b/i, 'area', 'mi2'],
  [/^-?\s*(?:hectares?|ha)\b/i, 'area', 'ha'],
  [/^-?\s*acres?\b/i, 'area', 'acre'],
  [/^-?\s*(?:kilomet(?:er|re)s?|km)\b/i, 'distance', 'km'],
  [/^-?\s*miles?\b/i, 'distance', 'mi'],
  [/^-?\s*(?:met(?:er|re)s?)\b/i, 'distance', 'm'],
];

/** Words that end the noun phrase a percentage is of ("70% of homes were destroyed"). */
const PERCENT_STOP: ReadonlySet<string> = new Set('was were is are be been had have has in of on at and or who that which by from for to with across since during as'.split(' '));

/** Numbers immediately followed by these are measures, times or money, not counts. */
const NOT_A_COUNT_AFTER =
  /^(?:\s*(?:%|percent|per\s?cent|percentage points?|square (?:kilomet|km|miles?)|sq\.? ?(?:km|mi)|hectares?\b|ha\b|acres?\b|km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|m\b|kg|tons?|tonnes?|hours?|minutes?|seconds?|days?|weeks?|months?|years?|decades?|a\.m\.|p\.m\.|am\b|pm\b|o'clock|degrees|°|dollars|euros|hryvnia|rubles|roubles|pounds|mm\b|cm\b|-(?:square|kilomet|km\b|miles?\b|met(?:er|re)s?\b|hectare|acre)|-year-old|-years-old|years? old|year-old|th\b|st\b|nd\b|rd\b)|[:/^]\d|\^|e[+-]?\d|[.,]\d)/i;
// Patterns with a `\p{…}` escape outside a character class are module constants rather than literals
// in the functions below, which tsx would rebuild through the RegExp constructor on every call (see
// facts/text.ts).
/** A capitalised name and a comma right before a number: "Iryna Savchuk, 41". */
const NAME_AND_COMMA_BEFORE = /\p{Lu}[\p{L}’'-]+,\s*$/u;
/** A capitalised word right after a number, perhaps after a comma ("4 Kharkiv …", "2, Bucha"). */
const CAPITAL_AFTER = /^[\s,]*\p{Lu}/u;
/** A capitalised word and a space right before a number ("Route 4", "Building 12"). */
const CAPITALISED_WORD_BEFORE = /\p{Lu}[\p{L}.]*\s$/u;

const NOT_A_COUNT_BEFORE = /(?:\p{L}|[$€£¥₴#№:/^]\s?|No\.\s?|[Nn]umber\s|[\p{L}\d][-–]|[-−]|\d[.,]?)$/u;

/** First index whose key is ≥ `value` in an array sorted by that key. */
function lowerBound<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const item = items[mid];
    if (item !== undefined && key(item) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Parses one number expression ("5,000", "1.5 million", "twenty-five", "dozens") to a value and vague bounds. */
export function parseNumber(expr: string): { readonly value: number; readonly vague: readonly [number, number | null] | null } | null {
  const s = expr.trim().toLowerCase().replace(/\s+/g, ' ');
  const vague = VAGUE[s];
  if (vague !== undefined) return { value: vague[0], vague };
  const digit = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(million|billion|thousand|hundred|k)?$/.exec(s);
  if (digit !== null) {
    const base = Number((digit[1] ?? '').replace(/,/g, '') + (digit[2] ?? ''));
    const scale = digit[3] === 'k' ? 1e3 : digit[3] !== undefined ? (SCALES[digit[3]] ?? 1) : 1;
    const value = base * scale;
    return Number.isFinite(value) ? { value, vague: null } : null;
  }
  let total = 0;
  let current = 0;
  let seen = false;
  for (const word of s.split(/[\s-]+/)) {
    if (word === 'and') continue;
    const unit = UNITS[word];
    const scale = SCALES[word];
    if (unit !== undefined) {
      current += unit;
      seen = true;
    } else if (scale !== undefined) {
      current = (current === 0 ? 1 : current) * scale;
      if (scale >= 1000) {
        total += current;
        current = 0;
      }
      seen = true;
    } else {
      return null;
    }
  }
  return seen ? { value: total + current, vague: null } : null;
}

/** Interval for a value and qualifier, following the rules documented in docs/FACTS.md. */
export function figureInterval(value: number, qualifier: string | null): { min: number | null; max: number | null; approx: boolean } {
  const integer = Number.isInteger(value);
  switch (qualifier) {
    case 'at_least':
      return { min: value, max: null, approx: false };
    case 'more_than':
      return { min: integer ? value + 1 : value, max: null, approx: false };
    case 'up_to':
      return { min: 0, max: value, approx: false };
    case 'less_than':
      return { min: 0, max: integer ? value - 1 : value, approx: false };
    case 'nearly':
      return { min: Math.round(value * 0.9), max: value, approx: true };
    case 'approx': {
      const delta = value * 0.1;
      return { min: Math.round(value - delta), max: Math.round(value + delta), approx: true };
    }
    default:
      return { min: value, max: value, approx: false };
  }
}

/** Largest count kept at full confidence: about the world's population. Beyond it a figure is flagged. */
const PLAUSIBLE_MAX = 9e9;

/**
 * One document as {@link extractFigures} reads it: its context sorted for lookups, and the figures
 * found so far. The steps below are module functions over it rather than closures of one large
 * extractFigures: V8 compiled that function (5 KB of bytecode) late and in one long compile.
 */
interface FigureScan {
  readonly text: string;
  readonly sentences: readonly (readonly [number, number])[];
  readonly contents: readonly { readonly id: string; readonly start: number; readonly end: number }[];
  readonly placesByStart: readonly FigurePlace[];
  readonly datesByStart: readonly (readonly [number, number, string | null])[];
  readonly speakerPlace: Readonly<Record<string, string | null>> | undefined;
  readonly out: Figure[];
}

/** The innermost attribution content containing [start, end), the figure's place and its sentence's first date. */
function link(s: FigureScan, start: number, end: number, sentence: readonly [number, number]): { attribution: string | null; place: string | null; date: string | null } {
  const { contents, placesByStart, datesByStart, out } = s;
  const sentEnd = sentence[1];
  // Innermost content containing the figure: scan back from the last content starting before it.
  let inContent: { id: string; start: number; end: number } | undefined;
  for (let k = lowerBound(contents, start + 1, (c) => c.start) - 1, seen = 0; k >= 0 && seen < 64; k--, seen++) {
    const c = contents[k];
    if (c !== undefined && c.start <= start && end <= c.end && (inContent === undefined || c.end - c.start < inContent.end - inContent.start)) inContent = c;
  }
  const attribution = inContent?.id ?? null;
  const nextPlace = placesByStart[lowerBound(placesByStart, end, (p) => p.start)];
  const prevPlace = placesByStart[lowerBound(placesByStart, start, (p) => p.start) - 1];
  const placeInSentence =
    nextPlace !== undefined && nextPlace.start < sentEnd ? nextPlace : prevPlace !== undefined && prevPlace.start >= sentence[0] && prevPlace.end <= start ? prevPlace : undefined;
  const previous = out[out.length - 1];
  const sameSentence = previous !== undefined && previous.start >= sentence[0];
  const place =
    placeInSentence?.name ??
    (attribution !== null ? (s.speakerPlace?.[attribution] ?? null) : null) ??
    (sameSentence ? previous.place : null);
  const firstDate = datesByStart[lowerBound(datesByStart, sentence[0], (d) => d[0])];
  const dateHit = firstDate !== undefined && firstDate[1] <= sentEnd ? firstDate : undefined;
  return { attribution, place, date: dateHit?.[2] ?? null };
}

/** A percentage, distance or area right after the number expression `m`, as a figure; null when `after` holds no measure unit. */
function measure(s: FigureScan, m: RegExpExecArray, before: string, after: string): Figure | null {
  const { text, sentences } = s;
  let found: { kind: FigureKind; unit: string; length: number } | null = null;
  for (const [re, kind, unit] of MEASURES) {
    const um = re.exec(after);
    if (um !== null) {
      found = { kind, unit, length: um[0].length };
      break;
    }
  }
  if (found === null) return null;
  const first = parseNumber(m[1] ?? m[3] ?? m[5] ?? '');
  const secondRaw = m[2] ?? m[4] ?? m[6];
  const second = secondRaw !== undefined ? parseNumber(secondRaw) : null;
  // A vague word ("dozens of kilometres") or an exponent is not a measure we can bound.
  if (first === null || first.vague !== null || (second !== null && second.vague !== null)) return null;
  const numStart = m.index;
  const sentence = sentences[rangeIndex(sentences, numStart)] ?? [0, text.length];
  const [qualifier, start] = anyQualifier(before) ? qualifierBefore(before, numStart, sentence[0]) : [null, numStart];
  const end = numStart + m[0].length + found.length;
  let min: number | null;
  let max: number | null;
  let approx: boolean;
  if (second !== null && second.value >= first.value) {
    min = first.value;
    max = second.value;
    approx = qualifier === 'approx';
  } else {
    // Measures are not whole counts: "more than 40 percent" is (40, ∞), kept as [40, ∞).
    ({ min, max, approx } = figureInterval(first.value, qualifier === 'more_than' ? 'at_least' : qualifier === 'less_than' ? 'up_to' : qualifier));
  }
  const value = Math.max(min ?? 0, max ?? 0);
  if (value > 1e15) return null;
  // What a percentage is of: "40 percent of the deaths", "70% of homes were destroyed".
  let counts: string | null = null;
  if (found.kind === 'percent') {
    const rest = text.slice(end, Math.min(sentence[1], end + 80));
    const of = /^\s+of\s+(?:the\s+|its\s+|their\s+|all\s+|those\s+)?/.exec(rest);
    if (of !== null) {
      const words: string[] = [];
      let at = of[0].length;
      for (const w of rest.slice(at).matchAll(/([a-z][a-z-]*)\s*/gy)) {
        const word = w[1] ?? '';
        if (words.length === 3 || PERCENT_STOP.has(word) || (words.length > 0 && /ed$/.test(word))) break;
        words.push(word);
        at += w[0].length;
      }
      const noun = words.join(' ');
      const state = STATES.find(([re]) => re.test(rest.slice(at, at + 50)))?.[1] ?? null;
      counts = noun === '' ? null : state !== null && !anyState(noun) ? `${noun} ${state}` : noun;
    }
  }
  const { attribution, place, date } = link(s, start, end, sentence);
  const implausible = found.kind === 'percent' && value > 1000;
  return {
    start,
    end,
    text: text.slice(start, end),
    min,
    max,
    approx,
    counts,
    place,
    attribution,
    qualifier,
    date,
    confidence: implausible ? 0.1 : 0.8,
    kind: found.kind,
    unit: found.unit,
  };
}

/**
 * Every pattern of {@link STATES} in one alternation (they share the `i` flag; null if one day they do
 * not): it matches exactly where one of them does, so a window without any state word (most) costs
 * one scan instead of one per pattern.
 */
const ANY_STATE = STATES.every(([re]) => re.flags === 'i') ? new RegExp(STATES.map(([re]) => `(?:${re.source})`).join('|'), 'i') : null;

/** True when some pattern of {@link STATES} matches `window`. */
function anyState(window: string): boolean {
  return ANY_STATE !== null ? ANY_STATE.test(window) : STATES.some(([re]) => re.test(window));
}

/** The state of the first of {@link STATES} that matches `window`, or null. */
function firstState(window: string): string | null {
  if (!anyState(window)) return null;
  for (const [re, s] of STATES) if (re.test(window)) return s;
  return null;
}

/**
 * What happened to the counted: "population" after "a city of", else the state after the count
 * (before any other number), said by the counted noun itself ("deaths", "wounded"), among its
 * modifiers ("displaced people") or just before it.
 */
function stateOf(text: string, sentence: readonly [number, number], start: number, end: number, whom: RegExpExecArray | null): string | null {
  const nounWord = whom?.[1] ?? null;
  const afterWindow = text.slice(end, Math.min(sentence[1], end + 70));
  const beforeWindow = text.slice(Math.max(sentence[0], start - 60), start);
  if (/\b(?:city|town|village|population|home to|region|country)\s+of\s*$|\bpopulation\s+(?:of|was|is|stood at)\s*$/i.test(beforeWindow) ||
    (nounWord !== null && /^(?:residents|inhabitants)$/.test(nounWord) && !anyState(afterWindow))) {
    return 'population';
  }
  const cut = afterWindow.search(/\d/);
  const state = firstState(cut >= 0 ? afterWindow.slice(0, cut) : afterWindow);
  if (state !== null) return state;
  if (nounWord !== null && /^(?:deaths|dead|the dead|fatalities|casualties|wounded|injured)$/.test(nounWord)) {
    return nounWord === 'deaths' || nounWord === 'dead' || nounWord === 'the dead' || nounWord === 'fatalities' ? 'killed' : nounWord === 'casualties' ? 'casualties' : 'injured';
  }
  if (whom !== null) {
    // The counted phrase itself may say what happened to them ("displaced people", "wounded soldiers").
    const byModifier = firstState(whom[0].slice(0, whom[0].length - (nounWord ?? '').length));
    if (byModifier !== null) return byModifier;
  }
  return firstState(beforeWindow.slice(-45));
}

/** The number expression `m` as a count of people or things, or null when it is not one (an age, a name, "one of"). */
function count(s: FigureScan, m: RegExpExecArray, before: string, after: string): Figure | null {
  const { text, sentences } = s;
  const numStart = m.index;
  const numEnd = m.index + m[0].length;
  const lowExpr = m[0].toLowerCase();
  const firstRaw = m[1] ?? m[3] ?? m[5] ?? '';
  const secondRaw = m[2] ?? m[4] ?? m[6];
  const first = parseNumber(firstRaw);
  if (first === null) return null;
  const second = secondRaw !== undefined ? parseNumber(secondRaw) : null;
  const isDigits = /^\d/.test(firstRaw.trim());
  // An age in apposition ("Iryna Savchuk, 41, said") is not a count.
  if (NAME_AND_COMMA_BEFORE.test(before) && /^\s*[,).]/.test(after) && /^\d{1,3}$/.test(m[0])) return null;
  const whom = WHOM.exec(after) ?? (/^one$/i.test(m[0]) ? null : GENERIC_NOUN.exec(after));
  // Spelled-out or vague numbers need a counted noun ("one of the creepiest" is not a count).
  const hasQualifier = anyQualifier(before);
  const qualified = hasQualifier || (first.vague !== null && anyState(before.slice(-14)));
  if (!isDigits && whom === null && !/^\s+of\s+(?:them|the|those|whom)\b/i.test(after) && !(qualified && first.vague !== null)) return null;
  if (isDigits && whom === null && CAPITAL_AFTER.test(after) && CAPITALISED_WORD_BEFORE.test(before)) return null;
  if (/^(?:one|a dozen)$/.test(lowExpr) && whom === null && !qualified) return null;

  const sIdx = rangeIndex(sentences, numStart);
  const sentence = sentences[sIdx] ?? [0, text.length];
  const [qualifier, start] = hasQualifier ? qualifierBefore(before, numStart, sentence[0]) : [null, numStart];
  let min: number | null;
  let max: number | null;
  let approx: boolean;
  if (second !== null && second.value >= first.value) {
    min = first.value;
    max = second.value;
    approx = qualifier === 'approx';
  } else if (first.vague !== null) {
    [min, max] = first.vague;
    approx = true;
    if (qualifier === 'more_than' && min === max && min !== null) min += 1;
    if (qualifier === 'at_least' || qualifier === 'more_than') max = null;
  } else {
    ({ min, max, approx } = figureInterval(first.value, qualifier));
  }
  const end = whom !== null ? numEnd + whom[0].length : numEnd;
  const nounWord = whom?.[1] ?? null;
  const state = stateOf(text, sentence, start, end, whom);
  let counts: string | null;
  if (state === 'population') counts = 'population';
  else if (nounWord !== null && state !== null && !/^(?:deaths|dead|the dead|fatalities|casualties|wounded|injured)$/.test(nounWord)) counts = `${nounWord} ${state}`;
  else counts = state ?? nounWord;

  const { attribution, place, date } = link(s, start, end, sentence);
  const value = Math.max(Math.abs(min ?? 0), Math.abs(max ?? 0));
  if (value > 1e15) return null;
  return {
    start,
    end,
    text: text.slice(start, end),
    min,
    max,
    approx,
    counts,
    place,
    attribution,
    qualifier,
    date,
    confidence: value > PLAUSIBLE_MAX ? 0.1 : whom !== null ? 0.9 : 0.6,
  };
}

/**
 * Finds counts in `text` with qualifier, counted noun and state, and ties each to its place, date
 * and the innermost attribution whose content contains it. Never throws; negative, exponent-notation
 * and astronomically large numbers yield nothing or a figure with confidence ≤ 0.1.
 *
 * @example
 * extractFigures('Officials said at least 410 civilians were killed in Bucha.')
 * // → [{ text: 'at least 410 civilians', min: 410, max: null, counts: 'civilians killed', … }]
 */
export function extractFigures(text: string, ctx: FigureContext = {}): Figure[] {
  const out: Figure[] = [];
  const dates = ctx.dates ?? [];
  const places = ctx.places ?? [];
  // Pushed rather than flatMap()ped: no array and closure per attribution.
  const contents: { id: string; start: number; end: number }[] = [];
  for (const a of ctx.attributions ?? []) for (const c of a.content) contents.push({ id: a.id, start: c.start, end: c.end });
  const s: FigureScan = {
    text,
    sentences: ctx.sentences ?? [[0, text.length]],
    contents: contents.sort((a, b) => a.start - b.start),
    placesByStart: [...places].sort((a, b) => a.start - b.start),
    datesByStart: [...dates].sort((a, b) => a[0] - b[0]),
    speakerPlace: ctx.speakerPlace,
    out,
  };
  // Positions covered by a date, so a day or year number is never read as a count (O(1) per number).
  const inDate = new Uint8Array(text.length + 1);
  for (const [ds, de] of dates) inDate.fill(1, Math.max(0, ds), Math.min(text.length, de));
  // The number pattern is tried only where a token can start one (a digit or a number word), with a
  // sticky match at that token: no regular-expression scan over every position of the text.
  const tokens = ctx.tokens ?? tokenize(text);
  let resumeAt = 0;
  for (const tok of tokens) {
    if (tok.start < resumeAt) continue;
    const c = tok.text.charCodeAt(0);
    if (!(c >= 48 && c <= 57) && !startsNumber(tok.text)) continue;
    if (tok.start > 0 && /[-−]/.test(text[tok.start - 1] ?? '') && !/[\p{L}\p{N}]/u.test(text[tok.start - 2] ?? '')) continue;
    RANGE_STICKY.lastIndex = tok.start;
    const m = RANGE_STICKY.exec(text);
    if (m === null || m[0].length === 0) continue;
    resumeAt = m.index + m[0].length;
    const numStart = m.index;
    const numEnd = m.index + m[0].length;
    const before = text.slice(Math.max(0, numStart - 30), numStart);
    const after = text.slice(numEnd, numEnd + 120);
    if (NOT_A_COUNT_BEFORE.test(before)) continue;
    if (inDate[numStart] === 1 || inDate[numEnd - 1] === 1) continue;
    if (NOT_A_COUNT_AFTER.test(after)) {
      const f = measure(s, m, before, after);
      if (f !== null) {
        resumeAt = f.end;
        out.push(f);
      }
      continue;
    }
    const f = count(s, m, before, after);
    if (f !== null) out.push(f);
  }
  return out;
}
