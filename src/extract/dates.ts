/**
 * Temporal expressions → intervals anchored on the publication date (docs/FACTS.md, "Dates").
 * News copy is past-tense reporting, so a bare weekday or month means the most recent one on or
 * before publication unless the text says "next"; a month and day without a year take the
 * publication year, or the year before when that would put them after publication. Linear scan with
 * a handful of regular expressions; no parsing library in the hot path.
 */
import type { DateMention, Granularity } from './types.ts';
import { createScanner, type ScanPattern } from './facts/scan.ts';

/** One temporal expression found in the text, before mentions of the same interval are grouped. */
export interface DateHit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** ISO date, inclusive; null for an open or unknown start. */
  readonly from: string | null;
  /** ISO date, inclusive; null for an open or unknown end. */
  readonly to: string | null;
  readonly granularity: Granularity;
  /** 0–1; low when the expression could not be anchored (no publication date). */
  readonly confidence: number;
  /** A length of time ("three days"), not a point or interval on the calendar. */
  readonly duration?: boolean;
  /** A clock time ("9 a.m."); its day is left to the reader. */
  readonly time?: boolean;
}

const MONTHS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};
const WEEKDAYS: Readonly<Record<string, number>> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};
const SMALL_NUMBERS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, several: 3, few: 3, couple: 2,
};

// Patterns with a `\p{…}` escape outside a character class are module constants rather than literals
// in the functions below, which tsx would rebuild through the RegExp constructor on every call (see
// facts/text.ts).
const STARTS_CAPITAL = /^\p{Lu}/u;
/** A capitalised word and a space: "USA " before "Today". */
const CAPITALISED_WORD_BEFORE = /\p{Lu}[\p{L}.]*\s$/u;
/** The same word opening a sentence: "… end. Today" is the adverb. */
const SENTENCE_START_WORD_BEFORE = /[.!?:]["”’]?\s+\p{Lu}[\p{L}.]*\s$/u;

const MONTH = '(Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sep(?:t(?:ember|\\.)|\\.)|Sept|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(1[89]\\d\\d|2[01]\\d\\d)';
const WEEKDAY = '(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const PART = '(?:\\s+(?:morning|afternoon|evening|night))?';

const RE_MONTH_DAY = new RegExp(`\\b${MONTH}\\s+${DAY}(?!\\d)(?:,?\\s+${YEAR}\\b)?`, 'g');
const RE_DAY_MONTH = new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR}\\b)?`, 'g');
const RE_MONTH_YEAR = new RegExp(`\\b${MONTH},?\\s+(?:of\\s+)?${YEAR}\\b`, 'g');
const RE_MONTH_ALONE = new RegExp(
  `\\b(?:(?:in|since|until|till|by|during|from|between|through|throughout|before|after|early|late|mid-|the end of|the beginning of|last|this|next)\\s+(?:early\\s+|late\\s+|mid-)?)${MONTH}(?!\\w)`,
  'gi',
);
const RE_ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const RE_WEEKDAY = new RegExp(`\\b(?:(last|this|next|on|past|earlier on|late on|early on)\\s+)?${WEEKDAY}${PART}\\b`, 'g');
const RE_RELATIVE =
  /\b(?:(today|yesterday|tonight|last night)|(?:(earlier|later)\s+)?(this|last|next|past|previous|coming)\s+(morning|afternoon|evening|week|weekend|month|year|decade)|(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|couple of|\d{1,3})\s+(days?|weeks?|months?|years?)\s+ago|(?:the\s+)?(?:past|last)\s+(two|three|four|five|six|seven|eight|nine|ten|several|few|\d{1,3})\s+(days|weeks|months|years))\b/gi;
const RE_YEAR = new RegExp(
  `\\b(?:(in|since|until|till|by|during|from|of|early|late|mid-|before|after|through|throughout|around|circa|summer|winter|spring|autumn|fall)\\s+(?:the\\s+year\\s+)?)?${YEAR}\\b(?!,\\d|\\.\\d|\\s*(?:%|percent|people|persons|civilians|children|residents|soldiers|troops|bodies|dead|killed|houses|homes|families|victims|cases|km|kilometres|kilometers|miles|metres|meters|tonnes|tons|dollars|euros))`,
  'gi',
);
const RE_DURATION =
  /\b(?:(?:almost|nearly|about|around|more than|over|some|at least|the past|the last|the first)\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|a few|\d{1,3}|fifteen|twenty|thirty)\s+(?:(?:full|long|more|straight|consecutive)\s+)?(hours?|days?|nights?|weeks?|months?|years?|decades?)\b(?!\s+(?:ago|old|later\s+than))(?![-‑]old)/gi;
const RE_TIME = /\b(?:(?:at|around|about|after|before|shortly after|shortly before|until|by)\s+)?(?:\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}\b|noon|midnight|dawn|dusk)/gi;
const RE_DECADE = /\b(?:the\s+)?(1[89]\d0|20\d0)s\b/g;
const RE_SINCE_EVENT =
  /\bsince\s+(?:the\s+)?(?:(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+)?)?(?:full-scale\s+|Russian\s+|military\s+)?(invasion|war|conflict|fighting|offensive|occupation|siege|coup|ceasefire|uprising|hostilities)(?:\s+(?:started|began|begun|erupted|broke out|was launched))?/gi;

const MONTH_WORDS = 'jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december'.split(' ');
const NUMBER_WORDS = 'a an one two three four five six seven eight nine ten eleven twelve several few'.split(' ');

/**
 * Every pattern above with the words its matches open with, scanned in one pass over the word starts
 * (see facts/scan.ts), in the order {@link findDates} reads their matches.
 */
export const DATE_PATTERNS: readonly ScanPattern[] = [
  { re: RE_MONTH_DAY, words: MONTH_WORDS, digits: false },
  { re: RE_DAY_MONTH, words: [], digits: true },
  { re: RE_MONTH_YEAR, words: MONTH_WORDS, digits: false },
  {
    re: RE_MONTH_ALONE,
    words: 'in since until till by during from between through throughout before after early late mid the last this next'.split(' '),
    digits: false,
  },
  { re: RE_ISO, words: [], digits: true },
  { re: RE_WEEKDAY, words: 'last this next on past earlier late early monday tuesday wednesday thursday friday saturday sunday'.split(' '), digits: false },
  {
    re: RE_RELATIVE,
    words: ['today', 'yesterday', 'tonight', 'last', 'earlier', 'later', 'this', 'next', 'past', 'previous', 'coming', 'couple', 'the', ...NUMBER_WORDS],
    digits: true,
  },
  {
    re: RE_YEAR,
    words: 'in since until till by during from of early late mid before after through throughout around circa summer winter spring autumn fall'.split(' '),
    digits: true,
  },
  { re: RE_DECADE, words: ['the'], digits: true },
  {
    re: RE_DURATION,
    words: ['almost', 'nearly', 'about', 'around', 'more', 'over', 'some', 'at', 'the', 'fifteen', 'twenty', 'thirty', ...NUMBER_WORDS],
    digits: true,
  },
  { re: RE_TIME, words: 'at around about after before shortly until by noon midnight dawn dusk'.split(' '), digits: true },
  { re: RE_SINCE_EVENT, words: ['since'], digits: false },
];
const DATE_SCANNER = createScanner(DATE_PATTERNS);

/** Parses a YYYY-MM-DD string into a UTC date, or null when it is not a real calendar date. */
export function parseIsoDate(value: string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m === null) return null;
  return makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function makeDate(year: number, month: number, day: number): Date | null {
  if (year < 1000 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 ? d : null;
}

function iso(d: Date): string {
  const y = d.getUTCFullYear();
  // Formatted by hand for four-digit years (every date kept here): toISOString builds a longer string per call.
  if (!(y >= 1000 && y <= 9999)) return d.toISOString().slice(0, 10);
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${y}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000);
}

function monthEnd(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 0));
}

function monthNumber(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')];
}

/** Start of the ISO week (Monday) containing `d`. */
function weekStart(d: Date): Date {
  return addDays(d, -((d.getUTCDay() + 6) % 7));
}

function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

const FUTURE_CUE = /\b(?:will|next|upcoming|scheduled|planned|due to|expected to|is set to|are set to)\b[^.]{0,40}$/i;

/**
 * One document as {@link findDates} reads it: the readers below add their hits here. The readers are
 * module functions rather than closures of one large findDates: V8 compiled that function (8 KB of
 * bytecode) only after many documents, in one long optimising compile.
 */
interface DateScan {
  readonly text: string;
  readonly pub: Date | null;
  readonly hits: DateHit[];
  /** Spans of impossible dates ("Feb. 30, 2022"): no part of them is read as a date either. */
  readonly rejected: [number, number][];
}

function pushHit(s: DateScan, start: number, end: number, from: Date | null, to: Date | null, granularity: Granularity, anchored: boolean): void {
  s.hits.push({
    start,
    end,
    text: s.text.slice(start, end),
    from: from === null ? null : iso(from),
    to: to === null ? null : iso(to),
    granularity,
    confidence: anchored ? 0.9 : 0.3,
  });
}

function plausibleYear(y: number): boolean {
  return y >= 1800 && y <= 2100;
}

function futureAt(text: string, pos: number): boolean {
  return FUTURE_CUE.test(text.slice(Math.max(0, pos - 60), pos));
}

/** Month and day without a year: the publication year, or the one before if that lands after publication. */
function anchorMonthDay(s: DateScan, month: number, day: number, pos: number): Date | null {
  const pub = s.pub;
  if (pub === null) return makeDate(2000, month, day) === null ? null : new Date(NaN);
  const y = pub.getUTCFullYear();
  const d = makeDate(y, month, day);
  if (d === null) return makeDate(y - 1, month, day);
  if (futureAt(s.text, pos)) return d.getTime() >= pub.getTime() ? d : makeDate(y + 1, month, day);
  return d.getTime() > addDays(pub, 1).getTime() ? makeDate(y - 1, month, day) : d;
}

/** "March 3", "3 March", "March 3, 2022". */
function readDay(s: DateScan, m: RegExpExecArray, monthStr: string, dayStr: string, yearStr: string | undefined): void {
  const month = monthNumber(monthStr);
  const day = Number(dayStr);
  if (month === undefined) return;
  const start = m.index;
  const end = m.index + m[0].length;
  if (yearStr !== undefined) {
    const y = Number(yearStr);
    const d = plausibleYear(y) ? makeDate(y, month, day) : null;
    if (d !== null) pushHit(s, start, end, d, d, 'day', true);
    else s.rejected.push([start, end]);
    return;
  }
  const d = anchorMonthDay(s, month, day, start);
  if (d === null) return;
  if (Number.isNaN(d.getTime())) pushHit(s, start, end, null, null, 'day', false);
  else pushHit(s, start, end, d, d, 'day', true);
}

/** "March 2022". */
function readMonthYears(s: DateScan, matches: readonly RegExpExecArray[]): void {
  for (const m of matches) {
    const month = monthNumber(m[1] ?? '');
    const y = Number(m[2]);
    if (month === undefined || !plausibleYear(y)) continue;
    pushHit(s, m.index, m.index + m[0].length, new Date(Date.UTC(y, month - 1, 1)), monthEnd(y, month), 'month', true);
  }
}

/** "in March", "last March", "next March": the most recent such month unless the text looks ahead. */
function readMonthsAlone(s: DateScan, matches: readonly RegExpExecArray[]): void {
  const pub = s.pub;
  for (const m of matches) {
    const word = m[1] ?? '';
    if (!STARTS_CAPITAL.test(word)) continue;
    const month = monthNumber(word);
    if (month === undefined) continue;
    const monthStart = m.index + m[0].length - word.length;
    const lead = m[0].slice(0, m[0].length - word.length).toLowerCase();
    if (pub === null) {
      pushHit(s, monthStart, monthStart + word.length, null, null, 'month', false);
      continue;
    }
    let y = pub.getUTCFullYear();
    const future = /\bnext\b/.test(lead) || futureAt(s.text, m.index);
    if (future) {
      if (month < pub.getUTCMonth() + 1) y += 1;
    } else if (/\blast\b/.test(lead)) {
      if (month >= pub.getUTCMonth() + 1) y -= 1;
    } else if (month > pub.getUTCMonth() + 1) {
      y -= 1;
    }
    pushHit(s, monthStart, monthStart + word.length, new Date(Date.UTC(y, month - 1, 1)), monthEnd(y, month), 'month', true);
  }
}

/** "2022-03-03". */
function readIsoDates(s: DateScan, matches: readonly RegExpExecArray[]): void {
  for (const m of matches) {
    const d = makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d !== null && plausibleYear(d.getUTCFullYear())) pushHit(s, m.index, m.index + m[0].length, d, d, 'day', true);
  }
}

/** "on Tuesday", "last Tuesday", "next Tuesday morning". */
function readWeekdays(s: DateScan, matches: readonly RegExpExecArray[]): void {
  const pub = s.pub;
  for (const m of matches) {
    const mod = (m[1] ?? '').toLowerCase();
    const wd = WEEKDAYS[(m[2] ?? '').toLowerCase()];
    if (wd === undefined) continue;
    const start = mod === 'on' || mod === '' || mod.endsWith(' on') ? m.index + m[0].indexOf(m[2] ?? '') : m.index;
    const end = m.index + m[0].length;
    if (pub === null) {
      pushHit(s, start, end, null, null, 'day', false);
      continue;
    }
    const back = (pub.getUTCDay() - wd + 7) % 7;
    let d: Date;
    if (mod === 'next' || (mod !== 'last' && mod !== 'past' && futureAt(s.text, m.index))) d = addDays(pub, back === 0 ? 7 : 7 - back);
    else if (mod === 'last' || mod === 'past') d = addDays(pub, back === 0 ? -7 : -back);
    else if (mod === 'this') d = addDays(weekStart(pub), (wd + 6) % 7);
    else d = addDays(pub, -back);
    pushHit(s, start, end, d, d, 'day', true);
  }
}

/** "this week", "last month", "next year", "this morning": the unit around the publication date. */
function readRelativeUnit(s: DateScan, pub: Date, start: number, end: number, which: string, unit: string): void {
  const shift = which === 'last' || which === 'past' || which === 'previous' ? -1 : which === 'next' || which === 'coming' ? 1 : 0;
  const y = pub.getUTCFullYear();
  const mo = pub.getUTCMonth() + 1;
  if (unit === 'morning' || unit === 'afternoon' || unit === 'evening') pushHit(s, start, end, pub, pub, 'day', true);
  else if (unit === 'week' || unit === 'weekend') {
    const ws = addDays(weekStart(pub), shift * 7);
    const from = unit === 'weekend' ? addDays(ws, 5) : ws;
    const to = addDays(ws, 6);
    pushHit(s, start, end, from, shift === 0 ? minDate(to, pub) : to, 'week', true);
  } else if (unit === 'month') {
    const first = new Date(Date.UTC(y, mo - 1 + shift, 1));
    const last = monthEnd(first.getUTCFullYear(), first.getUTCMonth() + 1);
    pushHit(s, start, end, first, shift === 0 ? minDate(last, pub) : last, 'month', true);
  } else if (unit === 'year') {
    pushHit(s, start, end, new Date(Date.UTC(y + shift, 0, 1)), shift === 0 ? pub : new Date(Date.UTC(y + shift, 11, 31)), 'year', true);
  } else if (unit === 'decade') {
    const d0 = Math.floor(y / 10) * 10 + shift * 10;
    pushHit(s, start, end, new Date(Date.UTC(d0, 0, 1)), new Date(Date.UTC(d0 + 9, 11, 31)), 'decade', true);
  }
}

/** "today", "yesterday", "this week", "three days ago", "the past two weeks". */
function readRelative(s: DateScan, matches: readonly RegExpExecArray[]): void {
  const { text, pub } = s;
  for (const m of matches) {
    const start = m.index;
    const end = m.index + m[0].length;
    // "USA Today", "Russia Today": a capitalised "Today" right after a capitalised word ends a name.
    if (m[1] !== undefined && /^T/.test(m[0]) && CAPITALISED_WORD_BEFORE.test(text.slice(Math.max(0, start - 20), start)) && !SENTENCE_START_WORD_BEFORE.test(text.slice(Math.max(0, start - 30), start))) continue;
    if (pub === null) {
      pushHit(s, start, end, null, null, 'day', false);
      continue;
    }
    const single = (m[1] ?? '').toLowerCase();
    if (single !== '') {
      const d = single === 'yesterday' || single === 'last night' ? addDays(pub, -1) : pub;
      pushHit(s, start, end, d, d, 'day', true);
      continue;
    }
    const which = (m[3] ?? '').toLowerCase();
    const unit = (m[4] ?? '').toLowerCase();
    if (unit !== '') {
      readRelativeUnit(s, pub, start, end, which, unit);
      continue;
    }
    const agoN = m[5] !== undefined ? (SMALL_NUMBERS[m[5].toLowerCase().replace(/ of$/, '')] ?? Number(m[5])) : undefined;
    const agoUnit = (m[6] ?? '').toLowerCase();
    if (agoN !== undefined && agoUnit !== '' && Number.isFinite(agoN)) {
      const days = agoUnit.startsWith('day') ? agoN : agoUnit.startsWith('week') ? agoN * 7 : agoUnit.startsWith('month') ? agoN * 30 : agoN * 365;
      const d = addDays(pub, -days);
      const g: Granularity = agoUnit.startsWith('day') ? 'day' : agoUnit.startsWith('week') ? 'week' : agoUnit.startsWith('month') ? 'month' : 'year';
      pushHit(s, start, end, d, g === 'day' ? d : addDays(d, Math.min(days, g === 'week' ? 6 : g === 'month' ? 29 : 364)), g, true);
      continue;
    }
    const pastN = m[7] !== undefined ? (SMALL_NUMBERS[m[7].toLowerCase()] ?? Number(m[7])) : undefined;
    const pastUnit = (m[8] ?? '').toLowerCase();
    if (pastN !== undefined && Number.isFinite(pastN)) {
      const days = pastUnit === 'days' ? pastN : pastUnit === 'weeks' ? pastN * 7 : pastUnit === 'months' ? pastN * 30 : pastN * 365;
      pushHit(s, start, end, addDays(pub, -days), pub, 'open', true);
    }
  }
}

/** "in 2015", "a 2015 mission": a four-digit number read as a year only where it is not a count. */
function readYears(s: DateScan, matches: readonly RegExpExecArray[]): void {
  const text = s.text;
  for (const m of matches) {
    const y = Number(m[2]);
    const prep = m[1];
    const start = m.index + m[0].length - 4;
    if (!plausibleYear(y)) continue;
    const before = text.slice(Math.max(0, start - 2), start);
    if (/[\d$€£#]|\d[,.]$/.test(before)) continue;
    const after = text.slice(start + 4, start + 40);
    if (prep === undefined) {
      // A bare four-digit number is a year when it modifies a noun ("a 2015 fact-finding mission"),
      // ends a clause, or is possessive; a count of things is handled by figures.
      if (!/^(?:\s+[a-z][\w-]*|['’]s\b|[,.;:)]|\s*$|\s+(?:and|to|through)\s+(?:19|20)\d\d)/.test(after)) continue;
      if (/^\s+(?:of|more|fewer|less|out)\b/.test(after)) continue;
    }
    pushHit(s, start, start + 4, new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y, 11, 31)), 'year', true);
  }
}

/** "the 1990s". */
function readDecades(s: DateScan, matches: readonly RegExpExecArray[]): void {
  for (const m of matches) {
    const d0 = Number(m[1]);
    pushHit(s, m.index, m.index + m[0].length, new Date(Date.UTC(d0, 0, 1)), new Date(Date.UTC(d0 + 9, 11, 31)), 'decade', true);
  }
}

/** Durations ("three days", "almost a month"): temporal, but no calendar interval. */
function readDurations(s: DateScan, matches: readonly RegExpExecArray[]): void {
  for (const m of matches) {
    const unit = (m[1] ?? '').toLowerCase().replace(/s$/, '');
    const g: Granularity = unit === 'hour' || unit === 'day' || unit === 'night' ? 'day' : unit === 'week' ? 'week' : unit === 'month' ? 'month' : unit === 'year' ? 'year' : 'decade';
    s.hits.push({ start: m.index, end: m.index + m[0].length, text: m[0], from: null, to: null, granularity: g, confidence: 0.6, duration: true });
  }
}

/** Clock times ("9 a.m."): temporal, but their day is left to the reader. */
function readTimes(s: DateScan, matches: readonly RegExpExecArray[]): void {
  for (const m of matches) {
    const day = s.pub === null ? null : iso(s.pub);
    s.hits.push({ start: m.index, end: m.index + m[0].length, text: m[0], from: null, to: null, granularity: 'day', confidence: day === null ? 0.3 : 0.5, time: true });
  }
}

/** "since the invasion started [on Feb. 24]": open interval from the next date in the clause, or unknown. */
function readSinceEvents(s: DateScan, matches: readonly RegExpExecArray[], resolved: DateHit[]): void {
  for (const m of matches) {
    const start = m.index;
    const end = m.index + m[0].length;
    if (resolved.some((h) => h.start < end && start < h.end)) continue;
    const next = resolved.find((h) => h.start >= end && h.start - end <= 12 && h.from !== null);
    resolved.push({
      start,
      end,
      text: s.text.slice(start, end),
      from: next?.from ?? null,
      to: s.pub === null ? null : iso(s.pub),
      granularity: 'open',
      confidence: s.pub === null ? 0.3 : 0.7,
    });
  }
}

/**
 * Finds every temporal expression and anchors it on `published` (YYYY-MM-DD or null). Never throws;
 * dates that are not real calendar days or fall outside 1800–2100 are dropped.
 */
export function findDates(text: string, published: string | null): DateHit[] {
  const s: DateScan = { text, pub: parseIsoDate(published), hits: [], rejected: [] };
  const [monthDay = [], dayMonth = [], monthYear = [], monthAlone = [], isoDates = [], weekdays = [], relative = [], years = [], decades = [], durations = [], times = [], sinceEvent = []] =
    DATE_SCANNER.scan(text);
  for (const m of monthDay) readDay(s, m, m[1] ?? '', m[2] ?? '', m[3]);
  for (const m of dayMonth) readDay(s, m, m[2] ?? '', m[1] ?? '', m[3]);
  readMonthYears(s, monthYear);
  readMonthsAlone(s, monthAlone);
  readIsoDates(s, isoDates);
  readWeekdays(s, weekdays);
  readRelative(s, relative);
  readYears(s, years);
  readDecades(s, decades);
  readDurations(s, durations);
  readTimes(s, times);
  const resolved = removeOverlaps(s.hits.filter((h) => !s.rejected.some(([a, b]) => a < h.end && h.start < b)));
  readSinceEvents(s, sinceEvent, resolved);
  return resolved.sort((a, b) => a.start - b.start);
}

/** Keeps the longest of overlapping hits (earliest on ties), so "Feb. 24, 2022" wins over "2022". */
function removeOverlaps(hits: readonly DateHit[]): DateHit[] {
  // Anchored dates first, then longest: "two weeks ago" beats the duration "two weeks" inside it.
  const rank = (h: DateHit): number => (h.duration === true || h.time === true ? 1 : 0);
  const sorted = [...hits].sort((a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: DateHit[] = [];
  const taken = new Set<number>();
  for (const h of sorted) {
    let free = true;
    for (let p = h.start; p < h.end && free; p++) if (taken.has(p)) free = false;
    if (!free) continue;
    for (let p = h.start; p < h.end; p++) taken.add(p);
    kept.push(h);
  }
  return kept;
}

/**
 * Temporal expressions of a text, one {@link DateMention} per distinct interval with every mention.
 *
 * @example
 * extractDates('Boychenko said on Tuesday.', '2022-04-08')
 * // → [{ text: 'Tuesday', start: '2022-04-05', end: '2022-04-05', granularity: 'day', mentions: [[18, 25]] }]
 */
export function extractDates(text: string, published: string | null): DateMention[] {
  return groupDates(findDates(text, published));
}

/** Groups hits with the same interval and granularity (unanchored hits group by their text). */
export function groupDates(hits: readonly DateHit[]): DateMention[] {
  const groups = new Map<string, { text: string; start: string | null; end: string | null; granularity: Granularity; confidence: number; kind: 'date' | 'duration' | 'time'; mentions: [number, number][] }>();
  for (const h of hits) {
    const key = h.from === null && h.to === null ? `?${h.text.toLowerCase()}` : `${h.from ?? ''}|${h.to ?? ''}|${h.granularity}`;
    const g = groups.get(key);
    if (g === undefined) {
      const kind = h.duration === true ? 'duration' : h.time === true ? 'time' : 'date';
      groups.set(key, { text: h.text, start: h.from, end: h.to, granularity: h.granularity, confidence: h.confidence, kind, mentions: [[h.start, h.end]] });
    } else {
      g.mentions.push([h.start, h.end]);
    }
  }
  return [...groups.values()];
}
