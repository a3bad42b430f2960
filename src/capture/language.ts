import { franc } from 'franc-min';

/** ISO 639-3 codes franc-min reports, mapped to ISO 639-1 where one exists. */
const ISO_639_1: Readonly<Record<string, string>> = {
  amh: 'am', arb: 'ar', azj: 'az', bel: 'be', ben: 'bn', bos: 'bs', bul: 'bg', ces: 'cs', ckb: 'ku',
  cmn: 'zh', deu: 'de', ell: 'el', eng: 'en', fra: 'fr', fuv: 'ff', guj: 'gu', hau: 'ha', hin: 'hi',
  hrv: 'hr', hun: 'hu', ibo: 'ig', ind: 'id', ita: 'it', jav: 'jv', jpn: 'ja', kan: 'kn', kaz: 'kk',
  kin: 'rw', kor: 'ko', lin: 'ln', mal: 'ml', mar: 'mr', mya: 'my', nld: 'nl', npi: 'ne', nya: 'ny',
  pan: 'pa', pbu: 'ps', pes: 'fa', plt: 'mg', pol: 'pl', por: 'pt', qug: 'qu', ron: 'ro', run: 'rn',
  rus: 'ru', sin: 'si', som: 'so', spa: 'es', srp: 'sr', sun: 'su', swe: 'sv', swh: 'sw', tam: 'ta',
  tel: 'te', tgl: 'tl', tha: 'th', tur: 'tr', ukr: 'uk', urd: 'ur', uzn: 'uz', vie: 'vi', yor: 'yo',
  zlm: 'ms', zul: 'zu', zyb: 'za',
};

/** Below this many letters a guess is noise, so the language is 'und'. */
const MIN_LETTERS = 40;
/**
 * Trigram statistics settle well within this many characters; reading more only costs time (franc's
 * cost grows with the sample, and ingest calls this once per source).
 */
const SAMPLE_CHARS = 1200;

/**
 * Detects the language of a text as an ISO 639-1 code (639-3 when no 639-1 code exists), or
 * 'und' when the text is too short or the guess is unreliable. Pure; looks at a bounded sample.
 *
 * @example
 * detectLanguage('The council said that witnesses had seen the convoy leave the town at dawn.') // 'en'
 */
export function detectLanguage(text: string): string {
  const sample = sampleOf(text);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return 'und';
  const quick = byFunctionWords(sample);
  if (quick !== null) return quick;
  const code = franc(sample, { minLength: MIN_LETTERS });
  if (code === 'und') return 'und';
  const refined = CYRILLIC.has(code) ? (cyrillicByLetters(sample) ?? code) : code;
  return ISO_639_1[refined] ?? refined;
}

/** Cyrillic-script languages franc-min tells apart by trigrams alone, which confuses them on short texts. */
const CYRILLIC = new Set(['rus', 'ukr', 'bel', 'bul', 'srp', 'kaz', 'koi']);

/**
 * Letters each of these alphabets has and the others lack settle what trigrams leave open on short
 * texts: ї/є/ґ only Ukrainian, і Ukrainian or Kazakh (which has ә/қ/ң…), ў only Belarusian, ђ/ј/љ/њ/ћ/џ only Serbian, ы/э/ъ/ё not Ukrainian.
 */
function cyrillicByLetters(text: string): string | null {
  const has = (re: RegExp): boolean => re.test(text);
  if (has(/[ђјљњћџЂЈЉЊЋЏ]/u)) return 'srp';
  if (has(/[ўЎ]/u)) return 'bel';
  const kazakh = has(/[әғқңөұүһӘҒҚҢӨҰҮҺ]/u);
  if (has(/[іїєґІЇЄҐ]/u) && !has(/[ыэъёЫЭЪЁ]/u)) return kazakh ? 'kaz' : 'ukr';
  if (has(/[ыэёЫЭЁ]/u) && !has(/[іїєґІЇЄҐ]/u)) return kazakh ? 'kaz' : 'rus';
  return null;
}

/**
 * Function words that are frequent in one language and rare in the others listed. Running text in
 * these languages is mostly made of them, which decides clear cases far more cheaply than trigram
 * statistics; anything less than clear-cut goes on to franc.
 */
const FUNCTION_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set('the and of to that is was were for with said have has had by from which this are not they it be been would'.split(' ')),
  fr: new Set('le la les des et est une dans qui pour pas sur aux du sont ont été avec il elle nous mais cette selon'.split(' ')),
  de: new Set('der die das und ist nicht mit den dem ein eine auf für von sich wurde sind auch nach bei'.split(' ')),
  es: new Set('el los las del y por con una para fue según al pero sus como entre han'.split(' ')),
};
/** Words looked at by the quick path. */
const QUICK_WORDS = 150;

/**
 * Decides the language from function words when the evidence is overwhelming: at least 30 words,
 * at least 25% of them function words of one language and at most a fifth as many of any other.
 * Returns null (ask franc) otherwise.
 */
function byFunctionWords(sample: string): string | null {
  const words = sample.toLowerCase().match(/\p{L}+/gu)?.slice(0, QUICK_WORDS) ?? [];
  if (words.length < 30) return null;
  let best: string | null = null;
  let bestHits = 0;
  let secondHits = 0;
  for (const [code, set] of Object.entries(FUNCTION_WORDS)) {
    let hits = 0;
    for (const word of words) if (set.has(word)) hits++;
    if (hits > bestHits) {
      secondHits = bestHits;
      bestHits = hits;
      best = code;
    } else if (hits > secondHits) {
      secondHits = hits;
    }
  }
  return bestHits >= words.length * 0.25 && secondHits * 5 <= bestHits ? best : null;
}

/** Takes the middle of long texts: openings are often bylines, datelines and navigation. */
function sampleOf(text: string): string {
  if (text.length <= SAMPLE_CHARS) return text;
  const start = Math.floor((text.length - SAMPLE_CHARS) / 2);
  return text.slice(start, start + SAMPLE_CHARS);
}

/**
 * Turns a language tag from metadata ('en', 'en-GB', 'eng', 'uk_UA') into the code used for sources,
 * or null when it is not a plausible tag.
 */
export function normaliseLanguageTag(tag: string): string | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(primary)) return null;
  if (primary.length === 3) return ISO_639_1[primary] ?? primary;
  return primary;
}
