/**
 * Word normalisation shared by near-duplicate detection and clustering: lowercase word tokens, a light
 * English/French suffix stemmer, stop words, and a small bilingual concept lexicon that maps the core
 * vocabulary of atrocity reporting ("shot", "executed", "tués") to one concept token (`~kill`), so two
 * reports of one event written with different words, or in two languages, still share tokens.
 * Everything here is a fixed function of the text: no corpus statistics, so results never depend on
 * which sources were seen before (clustering must be order-independent).
 */

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Function words of English and French that carry no topic. */
const STOP = new Set(
  (
    'a an the and or but if of to in on at by for from with without into onto over under about after before ' +
    'between during since until than then that this these those there here it its it’s they them their he him his ' +
    'she her we us our you your i me my who whom whose which what when where why how is are was were be been being ' +
    'has have had do does did not no nor so as also only very more most much many some any all both each other ' +
    'such same own just can could will would shall should may might must said says say saying told tells tell ' +
    'according statement added reported reports report one two three per cent s t mr mrs ms dr col ' +
    'town city village week today yesterday time ' +
    'le la les un une des du de d l et ou mais en dans sur sous par pour avec sans au aux ce ces cet cette il ils ' +
    'elle elles nous vous leur leurs son sa ses qui que qu quoi dont est sont été être a ont avait ne pas plus ' +
    'selon lui se sa y'
  ).split(/\s+/),
);

/**
 * Concepts: stem prefixes (after lowercasing, diacritics removed) that stand for one idea in either
 * language. Kept small and general: these words recur across every case.
 */
const CONCEPTS: readonly (readonly [string, readonly string[]])[] = [
  [
    '~kill',
    [
      'kill',
      'shot',
      'shoot',
      'execut',
      'murder',
      'slain',
      'slaughter',
      'massacr',
      'tue',
      'tues',
      'abattu',
      'assassin',
      'dead',
      'death',
      'died',
      'die',
      'mort',
      'deces',
      'victim',
    ],
  ],
  [
    '~bury',
    ['buri', 'bury', 'grave', 'trench', 'enterr', 'fosse', 'charnier', 'tranchee', 'exhum', 'remains'],
  ],
  ['~body', ['bodi', 'body', 'corps', 'corpse', 'cadavr']],
  ['~burn', ['burn', 'incinerat', 'cremat', 'furnace', 'brul']],
  ['~hide', ['conceal', 'cover', 'hide', 'hid', 'cleaning', 'destroy evidence', 'dissimul', 'cacher']],
  ['~civilian', ['civilian', 'civil', 'resident', 'habitant', 'inhabitant', 'neighbour', 'neighbor']],
  [
    '~shell',
    ['shell', 'strike', 'struck', 'bomb', 'artiller', 'missil', 'rocket', 'obus', 'frappe', 'bombard'],
  ],
  ['~hospital', ['hospital', 'hopital', 'clinic', 'maternit']],
  ['~convoy', ['convoy', 'convoi', 'aid', 'humanitarian', 'humanitair', 'suppli', 'truck']],
  [
    '~block',
    ['block', 'refus', 'turned back', 'bar', 'barring', 'barred', 'denied entry', 'obstruct', 'bloqu'],
  ],
  ['~wound', ['wound', 'injur', 'bless']],
  ['~soldier', ['soldier', 'troop', 'forces', 'army', 'militar', 'armee', 'servicem']],
  ['~torture', ['tortur', 'beat', 'abus']],
  ['~detain', ['detain', 'detent', 'arrest', 'abduct', 'kidnap', 'disappear', 'enlev']],
  ['~deport', ['deport', 'forcibly transfer', 'filtration']],
  ['~rape', ['rape', 'sexual']],
  ['~witness', ['witness', 'eyewitness', 'temoin', 'saw', 'seen']],
];

const CONCEPT_PREFIXES: readonly (readonly [string, string])[] = CONCEPTS.flatMap(([concept, prefixes]) =>
  prefixes.filter((p) => !p.includes(' ')).map((p) => [p, concept] as const),
).sort((a, b) => b[0].length - a[0].length);

/** Lowercases and strips diacritics ("tués" → "tues"). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** A light suffix stemmer for English and French; good enough to join "burying"/"buried"/"burial". */
export function stem(word: string): string {
  if (/^\d/.test(word) || word.length <= 4) return word;
  // Latin plurals and demonyms first: crematoria/crematoriums, Russia/Russian share a stem.
  for (const suffix of ['iums', 'ium', 'ians', 'ian', 'ia']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return `${word.slice(0, -suffix.length)}i`;
  }
  for (const suffix of [
    'ations',
    'ation',
    'ments',
    'ment',
    'ings',
    'ing',
    'ies',
    'ied',
    'ial',
    'ed',
    'es',
    's',
    'e',
  ]) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) {
      const base = word.slice(0, -suffix.length);
      if (suffix === 'ies' || suffix === 'ied' || suffix === 'ial') return `${base}i`;
      // burying/buried/burial → buri
      return base.endsWith('y') ? `${base.slice(0, -1)}i` : base;
    }
  }
  return word;
}

/**
 * {@link CONCEPT_PREFIXES} (each of three characters or more) by their first two characters, longest
 * first as there: a word can only match a prefix that starts with its own first two characters, so one
 * bucket is all it needs to scan.
 */
const CONCEPTS_BY_START: ReadonlyMap<string, readonly (readonly [string, string])[]> = (() => {
  const map = new Map<string, (readonly [string, string])[]>();
  for (const entry of CONCEPT_PREFIXES) {
    const start = entry[0].slice(0, 2);
    const list = map.get(start);
    if (list === undefined) map.set(start, [entry]);
    else list.push(entry);
  }
  return map;
})();

/** The concept token of a folded word, or null. */
export function conceptOf(word: string): string | null {
  for (const [prefix, concept] of CONCEPTS_BY_START.get(word.slice(0, 2)) ?? []) {
    if (prefix.length <= 3 ? word === prefix : word.startsWith(prefix)) return concept;
  }
  return null;
}

/** Folded word tokens of `text`, stop words kept (used for shingles). */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

/**
 * The topic tokens of a text: stems of content words plus concept tokens, deduplicated and sorted.
 * Numbers are kept ("37", "120") because they often identify one report's event.
 */
export function topicTokens(text: string): string[] {
  const out = new Set<string>();
  for (const w of words(text)) {
    if (STOP.has(w) || (w.length < 3 && !/^\d+$/.test(w))) continue;
    out.add(stem(w));
    const concept = conceptOf(w);
    if (concept !== null) out.add(concept);
  }
  return [...out].sort();
}

/**
 * Names in a text: capitalised words not at the start of a sentence, folded. Shared names ("Kestrava",
 * "Halden") are strong evidence that two statements are about one thing, across languages.
 */
export function nameTokens(text: string): string[] {
  const out = new Set<string>();
  const re = /(^|[^\p{L}\p{N}])(\p{Lu}[\p{L}’'-]{2,})/gu;
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 2), (m.index ?? 0) + (m[1]?.length ?? 0));
    if (/[.!?]\s*$/.test(before) || (m.index ?? 0) === 0) continue;
    const w = fold(m[2] ?? '');
    if (!STOP.has(w)) out.add(stem(w));
  }
  return [...out].sort();
}

/** Dice coefficient of two sorted, deduplicated token arrays. */
export function dice(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return (2 * intersectionSize(a, b)) / (a.length + b.length);
}

/** Size of the intersection of two sorted, deduplicated arrays. */
export function intersectionSize(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** A stable 32-bit FNV-1a hash of a string (used for shingles and ids). */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
