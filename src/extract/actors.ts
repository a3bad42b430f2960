/**
 * Actors — people, organisations, governments, armed forces, media, NGOs, international bodies and
 * collective groups — with titles and affiliations kept apart from names, aliases merged within the
 * document ("Boychenko" = "Mariupol Mayor Vadym Boychenko"; "ICC" = "International Criminal Court";
 * "the Kremlin" = the Russian government), and each attribution's speaker resolved to one of them,
 * including pronouns ("he said") and definite descriptions ("the mayor", "the organization",
 * "the statement"). See docs/FACTS.md, "Actors".
 */
import { createRequire } from 'node:module';
import type { Actor, ActorType, Attribution } from './types.ts';
import type { Gazetteer } from './gazetteer.ts';
import { isCapitalized, SmallIntSet, tokenize, type Token } from './facts/text.ts';
import { COUNTRY_DEMONYM, DEMONYMS, demonymOf, FUNCTION_WORDS, KNOWN_ACTORS, ORG_HEADS, orgHeadOf, SPEECH_VERBS, TITLES } from './facts/lexicon.ts';

/** Actors of a document, the speaker of each attribution, and the spans their names occupy. */
export interface ActorResult {
  readonly actors: readonly Actor[];
  readonly speakerOf: Readonly<Record<string, string | null>>;
  /**
   * Joint sources ("Amnesty International and Human Rights Watch said"): attribution id → every
   * coordinated actor of its source, the {@link speakerOf} one first. Only attributions with two or
   * more speakers appear.
   */
  readonly coSpeakersOf: Readonly<Record<string, readonly string[]>>;
  /** Name spans of persons and organisations, sorted: places are not read inside them. */
  readonly nameSpans: readonly (readonly [number, number])[];
}

interface Draft {
  id: string;
  name: string;
  type: ActorType;
  role: string | null;
  affiliation: string | null;
  aliases: Set<string>;
  mentions: [number, number][];
  /** Upper-case initials of an organisation's name, for acronym links. */
  initials: string | null;
  /** A person's gender when a title or role says it ("Ms.", "spokeswoman"); else read from the first name when a pronoun needs it. */
  gender: Gender | null;
  /** The name's words, lower-cased, once {@link nameWordsOf} has been asked (the name never changes). */
  nameWords: readonly string[] | null;
  /**
   * Lower-cased words of descriptions set beside the name ("Father Mikael Sorn, the parish priest" →
   * parish, priest; "A Telegram channel close to the militia, Pine Front" → telegram, channel): a later
   * "the priest" or "the channel" links back through them. Null when there are none.
   */
  described: Set<string> | null;
  /**
   * A person known only by an indefinite description ("A protected witness", "one survivor"): whom
   * "he" or "she" names only as the speaker right before, and whose name is no name (see {@link unnamedPerson}).
   */
  unnamed: boolean;
}

/**
 * The lower-cased words of a draft's name, split on first use and kept: a definite description ("the
 * ministry") tests them for every earlier mention, which split the name anew each time.
 */
function nameWordsOf(d: Draft): readonly string[] {
  d.nameWords ??= d.name.toLowerCase().split(/\s+/);
  return d.nameWords;
}

type Gender = 'male' | 'female';

/** Party words before a name: an affiliation, never part of it ("Democrat Hillary Clinton"). */
const PARTY_WORDS: ReadonlySet<string> = new Set(['Democrat', 'Democratic', 'Republican', 'GOP', 'Labour', 'Tory', 'Conservative', 'Liberal', 'Independent']);
/** Last words of capitalised runs that name events, laws, works or things, never people ("Labor Day", "Clean Air Act"). */
const THING_HEADS: ReadonlySet<string> = new Set(
  'Day Days Act Plan Amendment Convention Debate Debates Change Monument Mall Ocean Sea Music Coal Energy Healthcare Show Speech Bill Law Program Programme Project Initiative Summit Conference Agreement Accord Treaty Deal War Crisis Award Prize Cup Games Olympics Festival Museum Memorial Church Mosque Temple Hotel Tower Building Matter Terrorist Terrorists Terrorism Americans Democrats Republicans Panthers PAC PACs'.split(' '),
);
const requireHere = createRequire(import.meta.url);

// Patterns with a `\p{…}` escape outside a character class are module constants rather than literals
// in the functions below, which tsx would rebuild through the RegExp constructor on every call (see
// facts/text.ts).
/** A first name as the name table holds it: "Maria", "Jean-Luc". */
const FIRST_NAME_SHAPE = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u;
/** An initial, with or without its period: "J.", "J". */
const INITIAL = /^\p{Lu}\.?$/u;
/** A capitalised word of lower-case letters: the shape of a lone surname ("Obama"). */
const SURNAME_SHAPE = /^\p{Lu}\p{Ll}+$/u;
const STARTS_CAPITAL = /^\p{Lu}/u;

const FEMALE_TITLES = /^(?:mrs\.?|ms\.?|miss|madam|madame|lady|dame|queen|princess|sister|congresswoman|spokeswoman|chairwoman|businesswoman|policewoman|servicewoman|\w*woman|mother|grandmother|wife|widow|daughter|girl)$/i;
const MALE_TITLES = /^(?:mr\.?|sir|lord|king|prince|father|pope|patriarch|sheikh|congressman|spokesman|chairman|businessman|policeman|serviceman|\w+man|grandfather|husband|son|brother|boy)$/i;

interface NameTable {
  getGender(name: string): string;
}

/** The package's first-name table, required on first use (null when it cannot be loaded). */
let nameTable: NameTable | null | undefined;

/** The package's first-name table (about 90,000 names from six languages), loaded on first use only. */
function lookupNameGender(firstName: string): Gender | null {
  if (!FIRST_NAME_SHAPE.test(firstName)) return null;
  if (nameTable === undefined) {
    // Required once, not per name: a require call resolves the module each time (a tenth of a lookup's cost).
    try {
      nameTable = requireHere('gender-detection-from-name') as NameTable;
    } catch {
      nameTable = null;
    }
  }
  if (nameTable === null) return null;
  try {
    const g = nameTable.getGender(firstName);
    return g === 'male' || g === 'female' ? g : null;
  } catch {
    return null;
  }
}

/** Gender from a role or title: "Ms.", "spokeswoman" → female; "Mr.", "chairman" → male. */
function titleGender(role: string | null): Gender | null {
  // most persons have no role: nothing to split or test
  if (role === null || role === '') return null;
  for (const word of role.split(/\s+/).reverse()) {
    if (FEMALE_TITLES.test(word)) return 'female';
    if (MALE_TITLES.test(word) && !/^(?:human|ombudsman)$/i.test(word)) return 'male';
  }
  return null;
}

const CONNECTORS: ReadonlySet<string> = new Set(['of', 'the', 'for', 'de', 'al', 'bin', 'van', 'von', 'der', 'du', 'la', 'le', 'da', 'el']);
const ARTICLES: ReadonlySet<string> = new Set(['the', 'a', 'an', 'in', 'on', 'at', 'by', 'for', 'and', 'but', 'or', 'as', 'according', 'with', 'from', 'to', 'of', 'when', 'while', 'after', 'before', 'since', 'if', 'its', 'his', 'her', 'their', 'this', 'that']);
const STREET_WORDS = /^(?:Road|Street|St\.|Avenue|Ave\.|Square|Boulevard|Lane|Highway|Bridge|Park|Station|Airport|Port|Camp|Prison|Valley|River|Mountains?|Hills?|Forest|Lake|Sea|Gulf|Bay|Island|Islands|Strait|District|Quarter|Mosque|Cathedral|Monastery|Stadium|Market|Plant|Dam|Crossing|Checkpoint)$/;
const MAX_NAME_TOKENS = 10;
/** All-caps abbreviations that are not organisations. */
const NOT_ORG_ACRONYMS: ReadonlySet<string> = new Set(
  'CEO CFO COO CTO TV GDP DNA RNA PDF URL HTML GPS SMS ATM USD EUR GBP UAH RUB COVID SARS HIV AIDS PTSD IED IEDS MLRS HIMARS ATGM SUV POW POWS IDP IDPS NGO NGOS OK AM PM BC AD UTC GMT FAQ ID IDS VIP MP MPS PR HQ KM MM CM KG ISBN EST PST CET EET LLC INC LTD PLC CCTV RPG AK VR AI IT IQ QR'.split(' '),
);
/** What may stand between two coordinated names of one source: "X and Y", "X, Y and Z", "X as well as Y". */
const COORDINATION = /^(?:\s*,)?\s*(?:and|&|as well as|along with|together with)\s+(?:the\s+)?$|^\s*,\s*(?:the\s+)?$/i;
const PRONOUNS_PERSON = /^(?:he|she|him|her)$/i;
const PRONOUNS_PLURAL = /^(?:they|them)$/i;
const RELATIVE_PRONOUN = /^(?:who|which|that)$/i;
/** A relative clause or its comma at the end of a source: no part of the actor's name ("Relatives of the victims, who travelled …,"). */
const RELATIVE_TAIL = /(?:\s*,\s*|\s+)(?:who|which|whose)\s[\s\S]*$|[\s,]+$/;
/**
 * A lower-case noun phrase ending at a comma at the end of the text: a determiner and up to five words
 * with no verb-like function word among them ("the manager, who", "a weapons depot, which").
 */
const ANTECEDENT_PHRASE =
  /\b(?:the|a|an|its|his|her|their|one|another|some|several|many|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+((?:(?!(?:the|a|an|it|them|him|her|us|me|that|this|to|and|but|or|is|was|were|are|be|been|has|had|have|not|said|says)\s)[\p{L}'’-]+\s+){0,4}[\p{L}'’-]+)\s*,\s*$/iu;
/**
 * A description set after a name by a comma, with or without an article, ending at punctuation or a
 * preposition (", the parish priest,", ", spokesperson for the …"): group 1 the phrase, group 2 its head.
 */
const APPOSITIVE_DESCRIPTION = /^,\s+(?:(?:the|a|an)\s+)?((?:[a-z][a-z-]+\s+){0,2}([a-z][a-z-]+))(?=\s*[,.;]|\s+(?:of|for|at|with|in|from)\s)/;
/** What follows a transcript's speaker label at a line's start: a colon, or a name in parentheses and a colon. */
const TRANSCRIPT_LABEL_AFTER = /^\s*(?:\([^()\n]{1,60}\)\s*)?:/;
/** A transcript's speaker label as a source: capitals, then perhaps the speaker's name in parentheses ("HOST (Kiran Vell)"). */
const TRANSCRIPT_LABEL = /^(\p{Lu}{2,}(?:[ -]\p{Lu}{2,})*)(?:\s*\(([^()]+)\))?$/u;
/**
 * A description's speaker named after it ("the man, who gave his name only as Rustam"): group 1 the name.
 */
const NAME_GIVEN_AS =
  /^\s*,\s*(?:who\s+(?:gave|gives|would\s+only\s+give|asked\s+to\s+be\s+identified\s+only\s+by)\s+(?:his|her|their)\s+(?:first\s+)?name(?:\s*,\s*|\s+(?:only\s+)?(?:as\s+)?)|(?:identified|named)\s+only\s+as\s+|who\s+(?:was\s+)?identified\s+only\s+as\s+)(\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)/u;
/** A lower-case description with its article ending at a comma before a name: "A Telegram channel close to the militia, ". */
const DESCRIPTION_BEFORE_NAME = /^(?:a|an|the)\s+([^,]{1,80}?)\s*,\s*$/i;
/** A one-thing speaker that "it" can name right after: a body, a document or a medium ("the email", "the press service"). */
const THING_SPEAKER =
  /\b(?:statement|report|letter|release|post|communiqu[eé]|message|note|document|filing|complaint|indictment|video|study|survey|assessment|update|email|e-mail|ad|advert|advertisement|paper|lawsuit|suit|article|editorial|memo|book|poll|website|site|page|account|service|office|agency|company|firm|campaign|channel|newspaper|outlet|broadcaster|group|organi[sz]ation|council|committee|commission|ministry|department|court|tribunal|army|militia|government)$/i;
/**
 * A sentence's opening up to its verb that is one unnamed person, perhaps with a parenthetical ("A fourth
 * soldier, still serving, "): group 1 the description, group 2 its head noun.
 */
const INDEFINITE_SUBJECT = /^\s*((?:A|An|One|Another)\s+(?:[\p{Ll}-]+\s+){0,3}?(\p{Ll}+))(?:\s*,[^,.;]{1,60},)?\s*$/u;
/** Plural people of an organisation before its name: "monitors from the", "researchers at". */
const MEMBERS_OF = /\b[A-Za-z]+s\s+(?:from|at|of|with)\s+(?:the\s+)?$/;
/** Words before a title that belong to it ("Deputy Minister", "Acting Mayor", "Vice Chancellor"). */
const ROLE_PREFIXES: ReadonlySet<string> = new Set(['Deputy', 'Vice', 'Acting', 'Interim', 'Assistant']);
/** Prepositions that end a description's head phrase ("a woman in the queue" → "woman"). */
const HEAD_END: ReadonlySet<string> = new Set([
  'of', 'in', 'from', 'at', 'for', 'with', 'on', 'near', 'close', 'to', 'who', 'which', 'whose', 'that', 'reached', 'based',
  'familiar', 'briefed', 'involved', 'knowledgeable',
]);
/** A cue that asks rather than states (read from a source's channel and cue text). */
const QUESTION_CUE = /\b(?:ask|asks|asked|asking|question|questioned|questioning|wondered|inquired)\b/i;
/** A preposition (and article) right before a name: the name sits inside a description ("the leader of the …"). */
const PREPOSITION_BEFORE = /\b(?:of|for|at|on|in|with|from)\s+(?:the\s+)?$/i;
/** An indefinite determiner opening a description of one person: "a", "an", "one", "another". */
const INDEFINITE = /^(?:a|an|one|another)\s/i;
/** Words that say nothing about which actor a description means ("the same group"). */
const NEUTRAL_MODIFIERS: ReadonlySet<string> = new Set(['same', 'said', 'aforementioned', 'former']);
/**
 * Singular nouns naming one unnamed person ("a protected witness", "one woman"): such a speaker is a
 * person, so "he" and "she" can reach it.
 */
const PERSON_NOUNS: ReadonlySet<string> = new Set(
  'witness eyewitness woman man resident official lawyer attorney spokesperson spokesman spokeswoman doctor nurse surgeon paramedic medic commander soldier officer guard farmer teacher student worker volunteer driver survivor victim villager neighbour neighbor mother father son daughter wife husband brother sister boy girl child priest imam journalist reporter activist researcher analyst investigator prosecutor judge diplomat aide adviser advisor source manager director detainee prisoner refugee shopkeeper employee engineer pilot fighter militant captive suspect governor mayor minister president leader chief member owner pensioner user blogger person'.split(' '),
);
/** Plural nouns of people whose possessive stands inside an organisation's name ("Women's Network", "Children's Fund"). */
const POSSESSIVE_NOUNS: ReadonlySet<string> = new Set(['Women', 'Children', 'People', 'Men', 'Mothers', 'Workers', 'Veterans', 'Citizens', 'Farmers', 'Families', 'Victims', 'Prisoners', 'Refugees', 'Journalists', 'Lawyers', 'Soldiers']);

/** A country's military by its demonym or name: "Tarvessan army", "Ostland armed forces", "Russian navy". */
const ARMED_FORCES_NAME = /^\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*)?\s(?:army|military|navy|air force|armed forces)$/u;

/** Whether the words after a body named inside a description are a person's noun alone ("official", "army officer"). */
function personAfter(rest: string): boolean {
  const words = rest.trim().split(/\s+/);
  return words.length <= 2 && words.every((w) => /^\p{Ll}+$/u.test(w)) && PERSON_NOUNS.has(words[words.length - 1] ?? '');
}

/** Head nouns of unnamed bodies and the type a new actor of that kind gets ("the regional health office"). */
const DESCRIPTION_TYPES: ReadonlyMap<string, ActorType> = new Map<string, ActorType>([
  ['ministry', 'state_body'], ['office', 'state_body'], ['directorate', 'state_body'], ['department', 'state_body'], ['agency', 'state_body'], ['police', 'state_body'],
  ['court', 'state_body'], ['tribunal', 'state_body'], ['council', 'state_body'], ['committee', 'state_body'], ['commission', 'state_body'],
  ['army', 'armed_forces'], ['military', 'armed_forces'], ['militia', 'armed_forces'], ['battalion', 'armed_forces'], ['brigade', 'armed_forces'],
  ['government', 'government'],
  ['group', 'organization'], ['organization', 'organization'], ['organisation', 'organization'], ['institution', 'organization'], ['hospital', 'organization'],
  ['charity', 'ngo'], ['ngo', 'ngo'], ['watchdog', 'ngo'],
  ['channel', 'media'], ['newspaper', 'media'], ['broadcaster', 'media'], ['outlet', 'media'],
]);
/** Heads of civil descriptions ("the organization", "the court") that refer back to the latest such body. */
const CIVIL_HEADS = /^(?:organi[sz]ation|group|agency|body|ngo|charity|court|tribunal|institution|watchdog|monitor|mission|council|committee|commission)$/;
/** A capitalised name (with "of", "the", "for", "and" inside) ending at a comma at the end of the text. */
const ANTECEDENT_NAME = /((?:The\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:of|the|for|and|\p{Lu}[\p{L}'’.-]*))*)\s*,\s*$/u;
const DOCUMENT_NOUNS = /^(?:statement|report|letter|release|press release|post|communique|communiqué|message|note|document|filing|complaint|indictment|post|video|findings|study|survey|assessment|update)$/i;
const GROUP_RE = new RegExp(
  String.raw`(?:\b(?:the\s+)?((?:${Object.keys(DEMONYMS).map((d) => d.replace(/\./g, '\\.')).join('|')}|UN|U\.N\.|EU|NATO|local|regional|city|military|government|senior|western|foreign|international|humanitarian|Ukraine's|Russia's|pro-\p{Lu}\w+|separatist|rebel|state|federal)\s+)((?:defen[cs]e|military|intelligence|health|security|government|police|border|emergency|army|regional|local|city|law enforcement|human rights|prosecution|judicial|occupation|occupying|senior|top|other|former)\s+){0,2})(soldiers|troops|forces|officials|authorities|investigators|prosecutors|officers|aid workers|rescuers|volunteers|doctors|medics|sources|activists|analysts|monitors|observers|experts|lawmakers|diplomats|journalists|militants|fighters|separatists|rebels|paramilitaries|militia|army|military|police|servicemen|commanders|leaders|representatives|spokespeople|authorities)\b`,
  'gu',
);
const GROUP_NOUNS: ReadonlySet<string> = new Set(
  'soldiers troops forces officials authorities investigators prosecutors officers workers rescuers volunteers doctors medics sources activists analysts monitors observers experts lawmakers diplomats journalists militants fighters separatists rebels paramilitaries militia army military police servicemen commanders leaders representatives spokespeople'.split(' '),
);
/**
 * First letter and length of each group noun, packed as {@link wordShape}: step 4 tests every token,
 * and a number probe rejects almost all of them without hashing the token's text.
 */
const GROUP_NOUN_SHAPES = new SmallIntSet([...GROUP_NOUNS].map((w) => wordShape(w.charCodeAt(0), w.length)));
/** Modifiers that say whose group it is. */
const GROUP_QUALIFIERS: ReadonlySet<string> = new Set(
  'local regional city military government senior western foreign international humanitarian separatist rebel state federal occupying occupation aid'.split(' '),
);
/** Modifiers that may stand between the qualifier and the noun ("U.S. defense officials"). */
const GROUP_MODIFIERS: ReadonlySet<string> = new Set(
  'defense defence military intelligence health security government police border emergency army regional local city law enforcement human rights prosecution judicial senior top other former'.split(' '),
);
const BARE_GROUP = /^(?:the\s+)?(?:(?:many|some|several|other|local|two|three|four|five|numerous)\s+)?(witnesses|eyewitnesses|residents|survivors|villagers|locals|refugees|officials|authorities|investigators|activists|doctors|medics|volunteers|rescuers|sources|experts|analysts|observers|monitors|families|relatives|neighbours|neighbors|soldiers|troops|prosecutors|journalists|reporters|people|victims|parents|detainees|prisoners|evacuees|fighters|gunmen|militants|rebels|attackers|raiders|forces|police|militiamen|paramedics|lawyers|researchers|teachers|students|farmers|workers|elders|leaders|mothers|fathers|women|men|children)$/i;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Case-insensitive aliases by their first word, longest first: one Map probe per candidate token. */
const ALIASES_BY_FIRST = new Map<string, string[]>();
for (const alias of KNOWN_ACTORS.flatMap((k) => k.aliases).sort((a, b) => b.length - a.length)) {
  const first = alias.split(' ')[0] ?? alias;
  const list = ALIASES_BY_FIRST.get(first);
  if (list === undefined) ALIASES_BY_FIRST.set(first, [alias]);
  else list.push(alias);
}
/** Cheap pre-checks before lower-casing a token: first letters (ASCII-folded) and longest first word. */
const ALIAS_FIRST_MAX = Math.max(...[...ALIASES_BY_FIRST.keys()].map((w) => w.length));
/** First letter (ASCII-folded) and length of each alias first word, packed: rejects almost every token without lower-casing it. */
const ALIAS_FIRST_SHAPES = new SmallIntSet([...ALIASES_BY_FIRST.keys()].map((w) => wordShape(w.charCodeAt(0), w.length)));

function wordShape(firstChar: number, length: number): number {
  return (firstChar | 32) * 64 + length;
}
const EXACT_RE = new RegExp(
  `(?<![\\p{L}\\p{N}.\\-])(?:${KNOWN_ACTORS.flatMap((k) => k.exact)
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')})(?![\\p{L}\\p{N}\\-]|\\.\\p{L})`,
  'gu',
);
const KNOWN_BY_ALIAS = new Map<string, (typeof KNOWN_ACTORS)[number]>();
for (const k of KNOWN_ACTORS) {
  for (const a of k.aliases) KNOWN_BY_ALIAS.set(a.toLowerCase(), k);
  for (const e of k.exact) KNOWN_BY_ALIAS.set(e, k);
}

/** Head words of {@link ORG_HEADS} as a set: capitalised runs are probed once per token. */
const ORG_HEAD_WORDS: ReadonlySet<string> = new Set([...Object.keys(ORG_HEADS), 'Units']);

const TITLE_WORDS: readonly (readonly string[])[] = TITLES.map((t) => t.split(' ')).sort((a, b) => b.length - a.length);
const TITLE_FIRST: ReadonlySet<string> = new Set(TITLE_WORDS.map((t) => t[0] ?? ''));

function orgType(tokens: readonly string[]): ActorType {
  const words = tokens.join(' ');
  if (/\b(?:International|United Nations|U\.N\.|UN)\b/.test(words) && /\b(?:Court|Tribunal|Assembly|Council|Commission|Mission|Office)\b/.test(words)) return 'international_body';
  if (/\b(?:City|Regional|Municipal|Village|Town|District|Oblast|Provincial)\s+(?:Council|Administration|Assembly)\b/.test(words)) return 'state_body';
  if (/\bCourt\b/.test(words)) return /\bInternational\b/.test(words) ? 'international_body' : 'state_body';
  if (/\b(?:Army|Forces|Navy|Brigade|Battalion|Regiment|Militia|Guard|Corps|Units)\b/.test(words)) return 'armed_forces';
  if (/\bAssembly\b/.test(words)) return /\bGeneral\b/.test(words) ? 'international_body' : 'state_body';
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = orgHeadOf(tokens[i] ?? '');
    if (t !== undefined) return t;
  }
  return 'organization';
}

function initialsOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => w !== '' && !/^(?:of|the|for|and|on|in|de)$/i.test(w))
    .map((w) => (w[0] ?? '').toUpperCase())
    .join('');
}

/** True when a token of the run is an organisation's head word ("Ministry", "Council"). */
function hasOrgHead(run: readonly Token[]): boolean {
  for (const t of run) if (ORG_HEAD_WORDS.has(t.text)) return true;
  return false;
}

/**
 * Attributions in the order of their sources (of their cues when they have none), stably. Each
 * position is read once rather than in every comparison: attributions come in several object shapes,
 * and those reads were megamorphic loads repeated n log n times.
 */
function inSourceOrder(attributions: readonly Attribution[]): Attribution[] {
  const keyed: { readonly attribution: Attribution; readonly at: number }[] = [];
  for (const a of attributions) keyed.push({ attribution: a, at: a.source?.start ?? a.cue.start });
  keyed.sort((x, y) => x.at - y.at);
  const sorted: Attribution[] = [];
  for (const k of keyed) sorted.push(k.attribution);
  return sorted;
}

/**
 * The words naming a titled person's affiliation as one name ("Ukrainian" → "Ukraine"), or null when
 * there are none. Called for every titled run, so the rare non-empty case does not first run inside
 * (and deoptimise) the larger parseTitled.
 */
function affiliationName(words: readonly string[]): string | null {
  if (words.length === 0) return null;
  // Joined as it goes: a names array pushed here met two array maps and deoptimised parseTitled.
  let name = '';
  for (let k = 0; k < words.length; k++) {
    const w = words[k] ?? '';
    name += `${k === 0 ? '' : ' '}${demonymOf(w) ?? KNOWN_BY_ALIAS.get(w)?.name ?? w}`;
  }
  return name;
}

/** True for an actor that is an organisation of some kind (neither a person nor a group). */
function isOrgDraft(d: Draft): boolean {
  return d.type !== 'person' && d.type !== 'group';
}

/** True for a civil organisation an "the organisation"/"the court"-style reference can name. */
function isCivilDraft(d: Draft): boolean {
  return d.type === 'ngo' || d.type === 'organization' || d.type === 'international_body' || d.type === 'state_body' || d.type === 'media';
}

/**
 * True when an actor may be what a description with this head noun refers back to: a ministry, an
 * office or the police only a government body, an army only armed forces or a government, the
 * government only a government.
 */
function fitsHead(head: string, d: Draft): boolean {
  switch (head) {
    case 'ministry':
    case 'department':
    case 'police':
      return d.type === 'government' || d.type === 'state_body';
    case 'office':
      return d.type === 'government' || d.type === 'state_body' || d.type === 'international_body';
    case 'army':
    case 'military':
      return d.type === 'armed_forces' || d.type === 'government';
    // not "government forces" or a "government critic"
    case 'government':
      return d.type === 'government' || d.type === 'state_body';
    default:
      return true;
  }
}

/**
 * True when every modifier of a description is found in the actor's name, role, affiliation or
 * aliases: "the defence ministry" may be the "Ministry of Defence", never the "Ministry of Justice".
 */
function modifiersFit(modifiers: readonly string[], d: Draft): boolean {
  if (modifiers.length === 0) return true;
  const words = nameWordsOf(d);
  for (const m of modifiers) {
    if (words.includes(m)) continue;
    if (d.role !== null && d.role.toLowerCase().split(/\s+/).includes(m)) continue;
    if (d.described?.has(m) === true) continue;
    if (d.affiliation !== null && d.affiliation.toLowerCase() === (demonymOfLower(m) ?? m)) continue;
    let inAlias = false;
    for (const alias of d.aliases) if (alias.toLowerCase().split(/\s+/).includes(m)) inAlias = true;
    if (!inAlias) return false;
  }
  return true;
}

/** A description's words up to its head noun: "telegram channel close to the militia" → "telegram channel". */
function headPhrase(description: string): string {
  const words = description.trim().split(/\s+/);
  let headAt = 0;
  while (headAt + 1 < words.length && !HEAD_END.has((words[headAt + 1] ?? '').toLowerCase())) headAt++;
  return words.slice(0, headAt + 1).join(' ');
}

/** Records a description's own words (not its articles) on an actor: see {@link Draft.described}. */
function describe(d: Draft, phrase: string): void {
  for (const w of phrase.toLowerCase().split(/\s+/)) {
    // an owner is someone else ("the campaign's spokesman" is no campaign)
    if (w === '' || /['’]s?$/.test(w) || ARTICLES.has(w) || NEUTRAL_MODIFIERS.has(w) || HEAD_END.has(w)) continue;
    d.described ??= new Set();
    d.described.add(w);
  }
}

/** The country or body a lower-cased demonym names, lower-cased ("russian" → "russia"), or null. */
function demonymOfLower(word: string): string | null {
  const capital = word.charAt(0).toUpperCase() + word.slice(1);
  return demonymOf(capital)?.toLowerCase() ?? null;
}

/**
 * Finds the actors of `text` and resolves each attribution's speaker. Never throws; unknown
 * speakers get an actor built from their span, so `speakerOf` is null only for attributions without
 * a source and for a bare pronoun ("it", "they", "she", "which") with nothing earlier to refer to.
 *
 * @example
 * const { actors } = extractActors('Mariupol Mayor Vadym Boychenko said…', [], gazetteer);
 * // actors[0] → { name: 'Vadym Boychenko', type: 'person', role: 'Mayor', affiliation: 'Mariupol', … }
 */
/** The actor records {@link extractActors} made of unnamed persons' drafts: an internal mark, no field of the contract's `Actor`. */
const UNNAMED_ACTORS = new WeakSet<Actor>();

/**
 * Whether an actor record of {@link extractActors} is a person known only by an indefinite description
 * ("A protected witness", "one survivor"): no name for `eval facts` and no surname. The one place that
 * says so is the draft's {@link Draft.unnamed}, set where the description is read as a person.
 */
export function unnamedPerson(actor: Actor): boolean {
  return UNNAMED_ACTORS.has(actor);
}

export function extractActors(text: string, attributions: readonly Attribution[], gazetteer: Gazetteer, tokenized?: readonly Token[]): ActorResult {
  const drafts: Draft[] = [];
  const byKey = new Map<string, Draft>();
  const covered: [number, number][] = [];
  const mentionLog: { start: number; end: number; actor: Draft }[] = [];
  // Once speakers are resolved the log is kept sorted by start, for binary search.
  let logSorted = false;
  const firstMentionAtOrAfter = (pos: number): number => {
    let lo = 0;
    let hi = mentionLog.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((mentionLog[mid]?.start ?? Infinity) < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // One byte per code unit: covering and testing a span costs its length, keeping the pass linear.
  const mask = new Uint8Array(text.length + 1);
  const oneSpace = (a: number, b: number): boolean => b - a === 1 && text.charCodeAt(a) === 32;
  const isCovered = (s: number, e: number): boolean => {
    for (let k = Math.max(0, s); k < e && k < text.length; k++) if (mask[k] === 1) return true;
    return false;
  };
  const create = (key: string, init: Omit<Draft, 'id' | 'aliases' | 'mentions' | 'initials' | 'gender' | 'nameWords' | 'described' | 'unnamed'>): Draft => {
    const existing = byKey.get(key);
    if (existing !== undefined) return existing;
    // Built field by field (not spread) so every draft shares one object shape.
    const d: Draft = {
      id: `act${drafts.length + 1}`,
      name: init.name,
      type: init.type,
      role: init.role,
      affiliation: init.affiliation,
      aliases: new Set(),
      mentions: [],
      initials: null,
      gender: null,
      nameWords: null,
      described: null,
      unnamed: false,
    };
    if (d.type === 'person') d.gender = titleGender(d.role);
    if (d.type !== 'person' && d.type !== 'group') d.initials = initialsOf(d.name);
    drafts.push(d);
    byKey.set(key, d);
    return d;
  };
  const mention = (d: Draft, start: number, end: number, surface: string, cover = true): void => {
    d.mentions.push([start, end]);
    if (surface !== d.name) d.aliases.add(surface);
    if (logSorted) mentionLog.splice(firstMentionAtOrAfter(start), 0, { start, end, actor: d });
    else mentionLog.push({ start, end, actor: d });
    if (cover) {
      covered.push([start, end]);
      mask.fill(1, Math.max(0, start), Math.min(text.length, end));
    }
  };
  const knownDraft = (k: (typeof KNOWN_ACTORS)[number]): Draft =>
    create(k.name.toLowerCase(), { name: k.name, type: k.type, role: null, affiliation: k.affiliation ?? null });

  // 1. Well-known actors by name and acronym.
  const tokens = tokenized ?? tokenize(text);
  for (const t of tokens) {
    if (t.text.length > ALIAS_FIRST_MAX || !ALIAS_FIRST_SHAPES.has(wordShape(t.text.charCodeAt(0), t.text.length))) continue;
    const candidates = ALIASES_BY_FIRST.get(t.text.toLowerCase());
    if (candidates === undefined) continue;
    for (const alias of candidates) {
      const surface = text.slice(t.start, t.start + alias.length);
      if (surface.toLowerCase() !== alias || /[\p{L}\p{N}]/u.test(text[t.start + alias.length] ?? '')) continue;
      const k = KNOWN_BY_ALIAS.get(alias);
      if (k === undefined || isCovered(t.start, t.start + alias.length)) break;
      // A lower-case match is a name only as a definite noun phrase of its own ("the international
      // criminal court in The Hague"), not a modifier ("human rights watch groups").
      if (surface === alias && (!/\bthe\s+$/i.test(text.slice(Math.max(0, t.start - 5), t.start)) || /^\s+[a-z]+s\b/.test(text.slice(t.start + alias.length, t.start + alias.length + 30)))) break;
      mention(knownDraft(k), t.start, t.start + alias.length, surface);
      break;
    }
  }
  for (const m of text.matchAll(EXACT_RE)) {
    const k = KNOWN_BY_ALIAS.get(m[0]);
    if (k === undefined || isCovered(m.index, m.index + m[0].length)) continue;
    mention(knownDraft(k), m.index, m.index + m[0].length, m[0]);
  }

  // 2. Capitalised runs: organisations by head word, people by title or name shape.
  const persons: Draft[] = [];
  /** Known persons by lower-cased last name and first name, for surname links. */
  const personsByPart = new Map<string, Draft[]>();
  const indexPerson = (p: Draft): void => {
    if (persons.includes(p)) return;
    persons.push(p);
    const parts = p.name.toLowerCase().split(/\s+/);
    const keys = parts.length > 1 ? [parts[parts.length - 1] ?? '', parts[0] ?? ''] : [parts[0] ?? ''];
    for (const key of keys) {
      const list = personsByPart.get(key);
      if (list === undefined) personsByPart.set(key, [p]);
      else list.push(p);
    }
  };
  const genderMemo = new Map<string, Gender | null>();
  /** {@link lookupNameGender}, memoised for this document: the same names recur. */
  const nameGender = (word: string): Gender | null => {
    let g = genderMemo.get(word);
    if (g === undefined) {
      g = lookupNameGender(word);
      genderMemo.set(word, g);
    }
    return g;
  };
  const lowerMemo = new Map<string, boolean>();
  /**
   * Whether `word` is written in lower case somewhere in the text: a common word, not a name. Asked
   * about two or three words per document, so each is looked for in the tokens (memoised) rather
   * than every lower-case token being put in a set first.
   */
  const writtenLower = (word: string): boolean => {
    let seen = lowerMemo.get(word);
    if (seen === undefined) {
      seen = false;
      const c = word.charCodeAt(0);
      if (c >= 97 && c <= 122) {
        for (const t of tokens) {
          if (t.text === word) {
            seen = true;
            break;
          }
        }
      }
      lowerMemo.set(word, seen);
    }
    return seen;
  };
  // A function of extractActors rather than a closure made per run: tsx's keepNames wraps every named
  // closure in __name (a defineProperty) each time it is created. Called only after cheaper tests, so
  // the name table is consulted only for runs that could need it.
  /** True when `w0`, opening a run, is a common word: no connector, no initial, no first name. */
  function isCommonLead(w0: string): boolean {
    return !CONNECTORS.has(w0.toLowerCase()) && !INITIAL.test(w0) && nameGender(w0) === null;
  }
  const isPlace = (s: string): boolean => gazetteer.lookup(s).length > 0;
  const isBroadPlace = (s: string): boolean => gazetteer.lookup(s).some((e) => e.kind !== 'city' || e.population >= 100_000);
  for (let i = 0; i < tokens.length; i++) {
    const t0 = tokens[i];
    if (t0 === undefined || !isCapitalized(t0.text) || isCovered(t0.start, t0.end)) continue;
    let j = i;
    while (j + 1 < tokens.length) {
      const cur = tokens[j];
      const nxt = tokens[j + 1];
      if (cur === undefined || nxt === undefined) break;
      // "Women's Network", "Children's Fund", "Farmers' Union": a plural people's noun with its possessive inside a name
      if (POSSESSIVE_NOUNS.has(cur.text) && cur.end === nxt.start && (nxt.text === "'s" || nxt.text === '’s')) {
        const owned = tokens[j + 2];
        if (owned !== undefined && oneSpace(nxt.end, owned.start) && isCapitalized(owned.text) && !isCovered(owned.start, owned.end)) {
          j += 2;
          continue;
        }
      }
      if (POSSESSIVE_NOUNS.has(cur.text) && cur.text.endsWith('s') && nxt.start === cur.end + 2 && /^['’] $/.test(text.slice(cur.end, nxt.start)) && isCapitalized(nxt.text) && !isCovered(nxt.start, nxt.end)) {
        j++;
        continue;
      }
      if (!oneSpace(cur.end, nxt.start) || isCovered(nxt.start, nxt.end)) break;
      if (isCapitalized(nxt.text)) {
        j++;
        continue;
      }
      // Up to two connectors inside a name ("Democratic Republic of the Congo").
      let k = j + 1;
      while (k < j + 3 && CONNECTORS.has(tokens[k]?.text ?? '') && oneSpace(tokens[k]?.end ?? 0, tokens[k + 1]?.start ?? 0)) k++;
      const after = tokens[k];
      if (k > j + 1 && after !== undefined && isCapitalized(after.text) && !isCovered(after.start, after.end)) {
        j = k;
        continue;
      }
      break;
    }
    const run = tokens.slice(i, j + 1);
    i = j;
    analyseRun(run);
  }

  function analyseRun(all: readonly Token[]): void {
    // Trimmed by index, and copied only when something is left: most runs are one function word ("The", "But").
    const leading = hasOrgHead(all) ? ARTICLES : FUNCTION_WORDS;
    let lo = 0;
    let hi = all.length;
    // Before an organisation's head only true function words go ("The", "In"); "Northern" stays in "Northern Schools Forum".
    while (lo < hi && leading.has((all[lo]?.text ?? '').toLowerCase())) lo++;
    while (lo < hi && CONNECTORS.has(all[hi - 1]?.text ?? '')) hi--;
    // Names are short: a capitalised run longer than this is a headline or a list, not one actor.
    if (lo === hi || hi - lo > MAX_NAME_TOKENS) return;
    const run = all.slice(lo, hi);
    // An all-caps run of several words is a headline or a dateline, not a name.
    if (run.length >= 2 && run.every((t) => t.text.length > 1 && t.text === t.text.toUpperCase())) return;
    const first = run[0];
    const last = run[run.length - 1];
    if (first === undefined || last === undefined) return;
    // a push loop, not map(): see facts.ts on array maps and recompilation
    const words: string[] = [];
    for (const t of run) words.push(t.text);
    const surface = text.slice(first.start, last.end);
    // "Mayor Idris Salako of Dabe", "Chief Prosecutor Karim Khan of the ICC": a titled person with a full
    // name before "of" is that person, of the place or body after it (not a body named "… of …")
    const ofAt = words.indexOf('of');
    if (ofAt >= 3 && ofAt < run.length - 1) {
      const before = run.slice(0, ofAt);
      const titled = parseTitled(before);
      if (titled !== null && titled.role !== null && titled.name.length >= 2) {
        const logged = mentionLog.length;
        analyseRun(before);
        const named = mentionLog.length > logged ? mentionLog[mentionLog.length - 1]?.actor : undefined;
        if (named?.type === 'person') {
          named.affiliation ??= text.slice(run[ofAt + 1]!.start, last.end).replace(/^the\s+/i, '');
          return;
        }
      }
    }
    const headAt = words.findIndex((w) => ORG_HEAD_WORDS.has(w));
    if (headAt >= 0 && !(run.length === 1 && (orgHeadOf(words[0] ?? '') !== undefined || words[0] === 'Units') && words[0] !== 'Kremlin')) {
      // An organisation, unless the head word is only a title ("Chief Prosecutor Karim Khan").
      const titled = parseTitled(run);
      if (titled === null || titled.role === null || headAt >= run.length - titled.name.length) {
        const name = surface.replace(/^The\s+/, '');
        const lead = words[0] === 'The' ? words[1] : words[0];
        const afterLead = words[words[0] === 'The' ? 2 : 1];
        const affiliation =
          lead === undefined ? null : (demonymOf(lead) ?? (isBroadPlace(lead) && afterLead !== undefined && !CONNECTORS.has(afterLead) ? lead : null));
        const key = `org:${name.toLowerCase()}`;
        // "The Memory Society" after "Sarnak Memory Society": the tail of a name seen before is that body.
        const whole = byKey.has(key) || !name.includes(' ') ? undefined : drafts.findLast((d) => isOrgDraft(d) && d.mentions.length > 0 && d.name.length > name.length && d.name.endsWith(` ${name}`) && namePrefix(d.name.slice(0, -name.length - 1)));
        if (whole !== undefined) {
          mention(whole, first.start, last.end, surface);
          return;
        }
        const d = create(key, { name, type: orgType(words), role: null, affiliation });
        mention(d, first.start, last.end, surface);
        const acr = /^\s*\(([A-Z][A-Za-z.]{1,7})\)/.exec(text.slice(last.end, last.end + 12));
        if (acr?.[1] !== undefined) d.initials = acr[1].replace(/\./g, '');
        return;
      }
    }
    // "the charity Kivu Hope", "the broadcaster Slobozhanka TV": an organisation named after its kind.
    if (/\b(?:charity|group|organi[sz]ation|NGO|agency|network|outlet|newspaper|broadcaster|channel|coalition|foundation|company|firm|party|militia|movement|website|magazine)\s+$/.test(text.slice(Math.max(0, first.start - 16), first.start)) && !isPlace(surface)) {
      const d = create(`org:${surface.toLowerCase()}`, { name: surface, type: 'organization', role: null, affiliation: null });
      mention(d, first.start, last.end, surface);
      return;
    }
    if (run.length > 1 && isPlace(surface)) return;
    if (STREET_WORDS.test(words[words.length - 1] ?? '') || THING_HEADS.has(words[words.length - 1] ?? '')) return;
    analyseNameRun(run, words, surface, parseTitled(run));
  }

  /**
   * The rest of {@link analyseRun} once the run names no organisation by its head or kind: a person by
   * title or name shape, a known person's surname, or an organisation named after a place. A function
   * of its own so that neither is one large function V8 optimises late and in one long compile.
   */
  function analyseNameRun(run: readonly Token[], words: readonly string[], surface: string, titled: ReturnType<typeof parseTitled>): void {
    const first = run[0];
    const last = run[run.length - 1];
    if (first === undefined || last === undefined) return;
    if (titled !== null && titled.role === null && titled.affiliation === null && run.length >= 2) {
      const w0 = words[0] ?? '';
      const w1 = words[1] ?? '';
      // "Should Mr. Clarke", "Democrat Hillary Clinton", "Rival Hillary Clinton": a word that is no first
      // name before a title or a first name is not part of the name.
      if ((TITLE_FIRST.has(w1) || PARTY_WORDS.has(w0) || (run.length >= 3 && nameGender(w1) !== null)) && isCommonLead(w0)) {
        const logged = mentionLog.length;
        analyseRun(run.slice(1));
        const named = mentionLog.length > logged ? mentionLog[mentionLog.length - 1]?.actor : undefined;
        if (named?.type === 'person' && PARTY_WORDS.has(w0)) named.affiliation ??= w0;
        return;
      }
      // "Candidate Trump", "Derelict Obama": a common word (written lower-case elsewhere in the text)
      // before the surname of a person named earlier.
      const known = run.length === 2 ? findPerson(w1, first.start) : null;
      if (known !== null && writtenLower(w0.toLowerCase()) && isCommonLead(w0)) {
        mention(known, run[1]?.start ?? first.start, last.end, w1);
        return;
      }
      // A run of places, events or things with no first name in it ("N. Korea", "RT America") is no person.
      if (titled.name.length >= 2 && titled.name.some((t) => isBroadPlace(t.text)) && !titled.name.some((t) => nameGender(t.text) !== null)) return;
    }
    // A run that opens with a place or nationality and has no title names an organisation
    // ("Donbas Evacuation Line", "Kyiv Independent"), not a person.
    if (titled !== null && titled.role === null && run.length >= 3 && words.every((w) => isCapitalized(w)) && (demonymOf(words[0] ?? '') !== undefined || isBroadPlace(words[0] ?? '')) && !isPlace(surface)) {
      const d = create(`org:${surface.toLowerCase()}`, { name: surface, type: 'organization', role: null, affiliation: demonymOf(words[0] ?? '') ?? words[0] ?? null });
      mention(d, first.start, last.end, surface);
      return;
    }
    if (titled !== null && titled.name.length > 0 && (titled.role !== null || titled.name.length >= 2)) {
      const nameTokens = titled.name;
      const n0 = nameTokens[0];
      const n1 = nameTokens[nameTokens.length - 1];
      if (n0 === undefined || n1 === undefined) return;
      if (nameTokens.some((t) => FUNCTION_WORDS.has(t.text.toLowerCase()) || demonymOf(t.text) !== undefined)) return;
      if (titled.role === null && nameTokens.every((t) => isBroadPlace(t.text))) return;
      const name = text.slice(n0.start, n1.end);
      // "the Lantern Desk": a definite article before an untitled name that opens with no first name
      // makes it a body, not a person ("the Hillary Clinton campaign" keeps its person; a run holding a
      // country or large city is left to the places).
      if (titled.role === null && nameTokens.length >= 2 && /\bthe\s+$/i.test(text.slice(Math.max(0, first.start - 5), first.start)) && nameGender(n0.text) === null && !INITIAL.test(n0.text) && !nameTokens.some((t) => isBroadPlace(t.text))) {
        const d = create(`org:${surface.toLowerCase()}`, { name: surface, type: 'organization', role: null, affiliation: titled.affiliation });
        mention(d, first.start, last.end, surface);
        return;
      }
      if (nameTokens.length === 1) {
        const known = findPerson(name, n0.start);
        if (known !== null) {
          if (titled.role !== null) known.role ??= titled.role;
          known.gender ??= titleGender(titled.role);
          mention(known, n0.start, n1.end, name);
          return;
        }
      }
      const d = create(`person:${name.toLowerCase()}`, { name, type: 'person', role: titled.role, affiliation: titled.affiliation });
      d.role ??= titled.role;
      d.affiliation ??= titled.affiliation;
      d.gender ??= titleGender(titled.role);
      indexPerson(d);
      mention(d, n0.start, n1.end, name);
      appositive(d, n1.end);
      return;
    }
    if (run.length === 1) {
      const w = first.text;
      if (FUNCTION_WORDS.has(w.toLowerCase()) || demonymOf(w) !== undefined) return;
      // "the Institute", "the Council": a capitalised head word alone refers back to its organisation.
      if (orgHeadOf(w) !== undefined) {
        const org = drafts.findLast((d) => d.type !== 'person' && d.type !== 'group' && d.mentions.length > 0 && d.name.split(/\s+/).includes(w));
        if (org !== undefined) mention(org, first.start, first.end, w);
        return;
      }
      const known = findPerson(w, first.start);
      if (known !== null) {
        mention(known, first.start, first.end, w);
        return;
      }
      const follows = text.slice(first.end, first.end + 40);
      const precedes = text.slice(Math.max(0, first.start - 12), first.start);
      // "Obama said": a lone word before a reporting verb is a surname, unless it is a country, region or large city ("Kyiv said").
      if (SPEECH_VERBS.test(follows) && !isBroadPlace(w) && SURNAME_SHAPE.test(w) && !/\b(?:of|in|from|near|at|to|into|outside|inside|within|around|across|throughout|towards?|beyond|behind)\s+$/i.test(precedes)) {
        const d = create(`person:${w.toLowerCase()}`, { name: w, type: 'person', role: null, affiliation: null });
        indexPerson(d);
        mention(d, first.start, first.end, w);
      }
    }
  }

  /**
   * True when the words a longer name has before a shorter one are name words ("Sarnak", "New York"), not
   * a phrase the capitalised run swept in ("Statement of the", "Addressing", "Internal"), a person's
   * name ("Hillary Clinton Foundation") or a place below a country ("Florida Democratic Party" is no
   * "Democratic Party").
   */
  function namePrefix(prefix: string): boolean {
    for (const w of prefix.split(/\s+/)) {
      if (CONNECTORS.has(w.toLowerCase()) || FUNCTION_WORDS.has(w.toLowerCase()) || /ing$/.test(w) || writtenLower(w.toLowerCase()) || nameGender(w) !== null) return false;
    }
    return !gazetteer.lookup(prefix).some((e) => e.kind !== 'country');
  }

  function findPerson(word: string, before: number): Draft | null {
    const list = personsByPart.get(word.toLowerCase());
    if (list === undefined) return null;
    for (let k = list.length - 1; k >= 0; k--) {
      const p = list[k];
      if (p !== undefined && (p.mentions[0]?.[0] ?? Infinity) <= before && p.name.includes(' ')) return p;
    }
    return null;
  }

  function parseTitled(run: readonly Token[]): { role: string | null; affiliation: string | null; name: Token[] } | null {
    let k = 0;
    const affiliation: string[] = [];
    while (k < run.length) {
      const w = run[k]?.text ?? '';
      const isTitle = TITLE_FIRST.has(w);
      if (isTitle) break;
      if (demonymOf(w) !== undefined || (k + 1 < run.length && isBroadPlace(w)) || KNOWN_BY_ALIAS.has(w)) {
        affiliation.push(w);
        k++;
        continue;
      }
      break;
    }
    let role = titleAt(run, k);
    // "Deputy Minister", "Acting Mayor": a prefix word before a title belongs to the role (a listed
    // title that starts with it, "Deputy Prime Minister", is taken whole above).
    const lead = run[k]?.text ?? '';
    if ((role === null || role === lead) && ROLE_PREFIXES.has(lead)) {
      const next = titleAt(run, k + 1);
      if (next !== null) role = `${lead} ${next}`;
    }
    // "Justice Minister": a title word naming the portfolio of a minister or secretary after it
    if (role !== null && !role.includes(' ')) {
      const next = titleAt(run, k + 1);
      if (next === 'Minister' || next === 'Secretary') role = `${role} ${next}`;
    }
    if (role !== null) k += role.split(' ').length;
    if (role === null && affiliation.length > 0) return { role: null, affiliation: null, name: [...run] };
    return { role, affiliation: affiliationName(affiliation), name: run.slice(k) };
  }

  /** The longest title at token `k` that leaves a name after it, or null. */
  function titleAt(run: readonly Token[], k: number): string | null {
    if (!TITLE_FIRST.has(run[k]?.text ?? '')) return null;
    for (const tw of TITLE_WORDS) {
      if (tw.every((w, o) => run[k + o]?.text === w) && k + tw.length < run.length) return tw.join(' ');
    }
    return null;
  }

  function appositive(d: Draft, end: number): void {
    const after = text.slice(end, end + 160);
    const party = /^,\s+([RDI])-([A-Z][\p{L}.]+(?:\s[A-Z][\p{L}]+)?)/u.exec(after);
    if (party !== null) {
      d.affiliation ??= `${party[1] ?? ''}-${party[2] ?? ''}`;
      return;
    }
    const app = /^,\s+(?:the|a|an)\s+((?:former\s+|deputy\s+|acting\s+|chief\s+|senior\s+|regional\s+|local\s+)?[a-z][a-z-]+(?:\s[a-z][a-z-]+)?)\s+(?:of|for|at|with|in)\s+(?:the\s+)?([\p{Lu}][\p{L}.’'-]*(?:\s+(?:of\s+|the\s+|for\s+)?[\p{Lu}][\p{L}.’'-]*)*)/u.exec(after);
    if (app !== null) {
      d.role ??= app[1] ?? null;
      d.affiliation ??= app[2] ?? null;
      d.gender ??= titleGender(app[1] ?? null);
    }
    // "Father Mikael Sorn, the parish priest,", "Lucienne Abara, spokesperson for the Mission": the
    // description's words, for a later "the priest" or "the spokesperson".
    const described = APPOSITIVE_DESCRIPTION.exec(after);
    if (described?.[1] !== undefined && PERSON_NOUNS.has(described[2] ?? '')) describe(d, described[1]);
  }

  // 3. Acronyms of organisations found above ("HRMMU" after its full name).
  // A function of its own (as are step 4 and analyseRun): a path first taken in a later document
  // deoptimises and recompiles only this step, not the whole of extractActors.
  function findAcronyms(): void {
    const byInitials = new Map<string, Draft>();
    for (const d of drafts) if (d.initials !== null && d.initials.length >= 2) byInitials.set(d.initials, d);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === undefined) continue;
      // length first: charCodeAt past the end of a one-letter token would deoptimise this function
      if (t.text.length < 2 || t.text.length > 12) continue;
      const c1 = t.text.charCodeAt(1);
      if (!((c1 >= 65 && c1 <= 90) || c1 === 46)) continue;
      const bare = t.text.replace(/\./g, '');
      if (!/^[A-Z]{2,7}$/.test(bare) || isCovered(t.start, t.end)) continue;
      // One mention call for both kinds of acronym: a call site first reached in a later document
      // (few documents have a known acronym) would deoptimise this whole function.
      let org = byInitials.get(bare);
      if (org === undefined) {
        // An unknown acronym inside ordinary mixed-case text (SBU, FSB, IAEA) names an organisation,
        // unless it is a place (US, UK), a common abbreviation, or part of an all-caps headline.
        const shouting =
          /[A-Z]{2,}(?:['’][A-Z]+)?[\s,'’-]*$/.test(text.slice(Math.max(0, t.start - 12), t.start)) || /^(?:['’][A-Z]+)?[\s,'’-]*[A-Z]{2,}/.test(text.slice(t.end, t.end + 12));
        const lineStart = text.lastIndexOf('\n', t.start - 1) + 1;
        const lineOpen = /^[\s(]*$/.test(text.slice(lineStart, t.start));
        const dateline = lineOpen && /^\s*(?:,|—|–|-|\))/.test(text.slice(t.end, t.end + 3));
        // A transcript's speaker label ("HOST:", "HOST (Kiran Vell):") names a person's part, not a body.
        const label = lineOpen && TRANSCRIPT_LABEL_AFTER.test(text.slice(t.end, t.end + 64));
        if (shouting || dateline || label || bare.length < 3 || NOT_ORG_ACRONYMS.has(bare) || isPlace(t.text) || isPlace(bare)) continue;
        if (/^[IVXLC]+$/.test(bare)) continue;
        org = create(`org:${bare.toLowerCase()}`, { name: bare, type: 'organization', role: null, affiliation: null });
      }
      mention(org, t.start, t.end, t.text);
    }
  }
  findAcronyms();

  // 4. Collective groups with a qualifier ("Russian soldiers", "U.S. defense officials").
  // Token-based: find a collective noun, walk back over its modifiers, keep it when one of them
  // says whose group it is (a nationality, a body, "local", "government"…). A byte-table read per
  // token, and a Set probe only for the few whose shape fits.
  // A function of its own: see step 3.
  function findGroups(): void {
    for (let i = 0; i < tokens.length; i++) {
      const nounTok = tokens[i];
      if (nounTok === undefined || !GROUP_NOUN_SHAPES.has(wordShape(nounTok.text.charCodeAt(0), nounTok.text.length)) || !GROUP_NOUNS.has(nounTok.text)) continue;
      let k = i;
      let qualifier: string | null = null;
      while (k > 0 && i - k < 3) {
        const prev = tokens[k - 1];
        const cur = tokens[k];
        if (prev === undefined || cur === undefined || !oneSpace(prev.end, cur.start)) break;
        const w = prev.text;
        if (demonymOf(w) !== undefined || KNOWN_BY_ALIAS.has(w) || GROUP_QUALIFIERS.has(w.toLowerCase())) qualifier ??= w;
        else if (!GROUP_MODIFIERS.has(w.toLowerCase())) break;
        k--;
      }
      if (qualifier === null || k === i) continue;
      const startTok = tokens[k];
      if (startTok === undefined) continue;
      const start = startTok.start;
      const end = nounTok.end;
      if (isCovered(start, end)) continue;
      const surface = text.slice(start, end);
      const type: ActorType = /^(?:forces|army|military)$/.test(nounTok.text) ? 'armed_forces' : 'group';
      const affiliation = demonymOf(qualifier) ?? KNOWN_BY_ALIAS.get(qualifier)?.name ?? null;
      const d = create(`group:${surface.toLowerCase()}`, { name: surface, type, role: null, affiliation });
      mention(d, start, end, surface, false);
    }
  }
  findGroups();

  mentionLog.sort((a, b) => a.start - b.start);
  logSorted = true;

  // 5. Speakers.
  const speakerOf: Record<string, string | null> = {};
  // Collected in a Map: storing a rare joint source's ids into an object, or pushing the first pair
  // into an empty array, deoptimised this function when a later document first had one.
  const jointSources = new Map<string, string[]>();
  const nameGenders = new Map<Draft, Gender | null>();
  const sorted = inSourceOrder(attributions);
  /**
   * Resolved sources so far: where each starts and ends (trailing commas and spaces left off), its
   * actor, whether it lies inside another attribution's content, and whether it is a transcript's turn label.
   */
  const previousSpeakers: { pos: number; end: number; actor: Draft; channelText: string; asks: boolean; inContent: boolean; turn: boolean }[] = [];
  /** Starts of sources read as a transcript's turn labels ("HOST:", "ORUN:"). */
  const turnLabels = new Set<number>();
  /** Transcript speaker labels ("HOST") and the person a label with a name in parentheses gave them. */
  const labels = new Map<string, Draft>();
  /** Every attribution's content spans, with the attribution's id. */
  const contents: { start: number; end: number; id: string }[] = [];
  resolveSpeakers();

  /** True when every mention of `d` lies inside some attribution's content: someone only talked about. */
  function onlyInContent(d: Draft): boolean {
    for (const [s, e] of d.mentions) {
      let inside = false;
      for (const c of contents) {
        if (c.start <= s && e <= c.end) {
          inside = true;
          break;
        }
      }
      if (!inside) return false;
    }
    return true;
  }

  // A function of its own, like analyseRun: the first joint source in a run of documents reaches code
  // that had never run, which deoptimised the whole of extractActors (a 200 ms recompile) when it was here.
  function resolveSpeakers(): void {
    for (const a of sorted) for (const c of a.content) contents.push({ start: c.start, end: c.end, id: a.id });
    for (const a of sorted) {
      const src = a.source;
      if (src === null) {
        speakerOf[a.id] = null;
        continue;
      }
      const d = resolveSpeaker(src.start, src.end, src.text, a);
      // A pronoun with nothing to refer to stays unresolved: "It", "they" or "which" is no actor.
      if (d === null) {
        speakerOf[a.id] = null;
        continue;
      }
      speakerOf[a.id] = d.id;
      const joint = coordinated(src.start, src.end, d);
      if (joint.length > 1) jointSources.set(a.id, joint.map((j) => j.id));
      let end = src.end;
      while (end > src.start && (text.charCodeAt(end - 1) === 44 || text.charCodeAt(end - 1) === 32)) end--;
      // A source inside another attribution's content ("confirmed that a patrol leader had been told")
      // is someone the speaker talks about: "she" prefers the speakers of the story itself.
      let inContent = false;
      for (const c of contents) if (c.id !== a.id && c.start <= src.start && src.end <= c.end) inContent = true;
      const channelText = `${a.channel ?? ''} ${a.cue.text}`;
      // a question asked, not a request ("who asked not to be named", "asked to be identified only by …")
      const asks = QUESTION_CUE.test(channelText) && !/^\s+(?:not\s+)?to\b/.test(text.slice(a.cue.end, a.cue.end + 8));
      previousSpeakers.push({ pos: src.start, end, actor: d, channelText, asks, inContent, turn: turnLabels.has(src.start) });
    }
  }

  /**
   * The actors named in a source span joined by "and", commas or "as well as", `primary` first:
   * "Amnesty International and Human Rights Watch" → both; "a spokesman for the ICC" → just the ICC.
   */
  function coordinated(start: number, end: number, primary: Draft): Draft[] {
    const inside: (typeof mentionLog)[number][] = [];
    for (let k = firstMentionAtOrAfter(start); k < mentionLog.length; k++) {
      const m = mentionLog[k];
      if (m === undefined || m.start >= end) break;
      if (m.end <= end) inside.push(m);
    }
    if (inside.length < 2) return [primary];
    const out: Draft[] = [];
    let chain: Draft[] = [];
    const flush = (): void => {
      if (chain.includes(primary) && chain.length > out.length) out.splice(0, out.length, ...chain);
    };
    for (let k = 0; k < inside.length; k++) {
      const m = inside[k];
      const prev = inside[k - 1];
      if (m === undefined) continue;
      const joined = prev !== undefined && COORDINATION.test(text.slice(prev.end, m.start));
      if (!joined) {
        flush();
        chain = [];
      }
      if (!chain.includes(m.actor)) chain.push(m.actor);
    }
    flush();
    if (out.length < 2) return [primary];
    return [primary, ...out.filter((d) => d !== primary)];
  }

  /** Gender of a person's first name (two or more name words), looked up once per actor. */
  function firstNameGender(d: Draft): Gender | null {
    if (nameGenders.has(d)) return nameGenders.get(d) ?? null;
    const words = d.name.split(/\s+/);
    const g = words.length >= 2 ? nameGender(words[0] ?? '') : null;
    nameGenders.set(d, g);
    return g;
  }

  /** True when `d` is a person a pronoun of `gender` can name (same or unknown gender). */
  function fitsPronoun(d: Draft, gender: Gender): boolean {
    if (d.type !== 'person') return false;
    const g = d.gender ?? firstNameGender(d);
    return g === null || g === gender;
  }

  function latestMention(before: number, pred: (d: Draft) => boolean): Draft | null {
    for (let k = firstMentionAtOrAfter(before) - 1; k >= 0; k--) {
      const m = mentionLog[k];
      // a transcript's turn label is who speaks, never whom "he" or "who" in the text refers to
      if (m === undefined || m.start >= before || turnLabels.has(m.start)) continue;
      if (pred(m.actor)) return m.actor;
    }
    return null;
  }

  /**
   * The latest speaker before `before` that `pred` accepts. With `outside`, a speaker met only inside
   * another's content is passed over; with `noTurns`, a transcript's turn labels are ("FALLIN: I think
   * he …" speaks of someone else, never of the host she answers).
   */
  function latestSpeaker(before: number, pred: (d: Draft) => boolean, outside = false, noTurns = false): Draft | null {
    for (let k = previousSpeakers.length - 1; k >= 0; k--) {
      const s = previousSpeakers[k];
      if (s !== undefined && s.pos < before && !(outside && s.inContent && onlyInContent(s.actor)) && !(noTurns && s.turn) && pred(s.actor)) return s.actor;
    }
    return null;
  }

  /**
   * What a relative pronoun source refers to ("the Ministry, which …", "monitors from the Kolmer
   * Institute, who …"): the noun phrase right before its comma — a source resolved there, an actor
   * named there, or the phrase itself — and only when there is none the latest mention before it
   * (a person or group for "who"). Null when nothing fits.
   */
  function antecedentOf(start: number, person: boolean, a: Attribution): Draft | null {
    let comma = start;
    while (comma > 0 && text.charCodeAt(comma - 1) === 32) comma--;
    if (comma > 0 && text.charCodeAt(comma - 1) === 44) {
      comma--;
      let phraseEnd = comma;
      while (phraseEnd > 0 && text.charCodeAt(phraseEnd - 1) === 32) phraseEnd--;
      // an earlier source ending at the comma or running on over the pronoun
      let bySource: Draft | null = null;
      for (let k = previousSpeakers.length - 1; k >= 0 && bySource === null; k--) {
        const s = previousSpeakers[k];
        if (s !== undefined && s.pos < phraseEnd && (s.end === phraseEnd || s.end > start)) bySource = s.actor;
      }
      // "who" is that source's speaker ("monitors from the Kolmer Institute, who"); "which" the body
      // named right before it, not the person of the source ("Ann Lee, the head of the Union, which").
      if (person && bySource !== null) return bySource;
      for (let k = firstMentionAtOrAfter(phraseEnd) - 1; k >= 0; k--) {
        const m = mentionLog[k];
        if (m === undefined || m.end < phraseEnd - 200) break;
        if (m.end !== phraseEnd) continue;
        // "who" after an organisation means its people ("monitors from the Kolmer Institute, who"),
        // not a person described by their post there ("Ann Lee, director at the Institute, who").
        if (person ? m.actor.type === 'person' || m.actor.type === 'group' || MEMBERS_OF.test(text.slice(Math.max(0, m.start - 40), m.start)) : m.actor.type !== 'person') return m.actor;
        break;
      }
      if (bySource !== null && bySource.type !== 'person') return bySource;
      // a lower-case phrase whose head names people or a body ("the manager, who", "a local charity, which")
      const before = text.slice(Math.max(0, start - 120), start);
      const phrase = ANTECEDENT_PHRASE.exec(before);
      const last = (phrase?.[1] ?? '').split(/\s+/).pop()?.toLowerCase() ?? '';
      if (phrase !== null && (person ? PERSON_NOUNS.has(last) || BARE_GROUP.test(last) || GROUP_NOUNS.has(last) : DESCRIPTION_TYPES.has(last))) {
        const phraseStart = start - before.length + phrase.index;
        const d = resolveSpeaker(phraseStart, phraseEnd, text.slice(phraseStart, phraseEnd), a);
        if (d !== null) return d;
      }
    }
    const latest = latestMention(start, (d) => (person ? d.type === 'person' || d.type === 'group' : d.type !== 'person'));
    if (latest !== null) return latest;
    // no mention found: the capitalised name right before the comma ("The Ostland Water Board, which")
    const before = text.slice(Math.max(0, start - 120), start);
    const name = ANTECEDENT_NAME.exec(before);
    if (name === null || name[1] === undefined) return null;
    const nameStart = start - before.length + name.index;
    return resolveSpeaker(nameStart, nameStart + name[1].length, name[1], a);
  }

  function resolveSpeaker(start: number, end: number, rawSurface: string, a: Attribution): Draft | null {
    // A source cut to its determiner ("The" + cue "collective said"): take the words up to the verb.
    let surface = rawSurface;
    if (/^\s*(?:the|its|his|her|their|this|that|a|an)\s*$/i.test(rawSurface) && a.cue.start >= end) {
      const lastSpace = a.cue.text.lastIndexOf(' ');
      const upTo = lastSpace > 0 ? a.cue.start + lastSpace : a.cue.start;
      if (upTo > end && upTo - start < 60) surface = text.slice(start, upTo);
    }
    // A relative clause or trailing comma is no part of the speaker ("Relatives of the victims, who …,").
    const tail = RELATIVE_TAIL.exec(surface);
    if (tail !== null && tail.index > 0) {
      surface = surface.slice(0, tail.index);
      end = Math.min(end, start + tail.index);
    }
    const inside: (typeof mentionLog)[number][] = [];
    for (let k = firstMentionAtOrAfter(start - 200); k < mentionLog.length; k++) {
      const m = mentionLog[k];
      if (m === undefined || m.start >= end) break;
      if (start < m.end) inside.push(m);
    }
    // a transcript's turn: capitals opening a line before a colon ("HOST (Kiran Vell): …", "ORUN: …")
    const label = TRANSCRIPT_LABEL.exec(surface.trim());
    if (label !== null && /^[\s(]*$/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start)) && TRANSCRIPT_LABEL_AFTER.test(text.slice(end, end + 64))) {
      const byLabel = labelSpeaker(label[1] ?? '', label[2] !== undefined, inside, start, end);
      turnLabels.add(start);
      if (byLabel !== null) return byLabel;
    }
    let named = inside.find((m) => m.actor.type !== 'group') ?? inside[0];
    // "A senior military official", "a regional police officer": a group described in lower case before a
    // person's noun only says whose the person is; the speaker is that one unnamed person. A named body
    // ("a State Department spokesman") stays the speaker.
    if (named !== undefined && named.actor.type !== 'person' && named.start > start && INDEFINITE.test(surface.trim()) && !/\p{Lu}/u.test(text.slice(named.start, named.end)) && personAfter(text.slice(named.end, end))) named = undefined;
    if (named !== undefined && (named.actor.type !== 'person' || /^['’]s\b/.test(text.slice(named.end, named.end + 3)) || PREPOSITION_BEFORE.test(text.slice(Math.max(start, named.start - 12), named.start)))) {
      // "The commander of the Black Pine militia, Yaroslav Demko,", "Mr. Lee's spokesman, Ann Ross,":
      // the person the appositive names, not a body or an owner inside the description before it.
      const appositive = inside.find((m) => m.actor.type === 'person' && m.start > start && /,\s*$/.test(text.slice(start, m.start)));
      if (appositive !== undefined) named = appositive;
    }
    if (named !== undefined) {
      // "A Telegram channel close to the militia, Pine Front,": the description before the name is its
      // own, for a later "the channel".
      if (named.start > start) {
        const lead = DESCRIPTION_BEFORE_NAME.exec(text.slice(start, named.start));
        if (lead?.[1] !== undefined) describe(named.actor, headPhrase(lead[1]));
      }
      return named.actor;
    }
    const clean = surface.trim().replace(/^(?:the|its|his|her|their)\s+/i, '');
    // "the man, who gave his name only as Rustam": the person that name names.
    if (/^(?:the|a|an)\s/i.test(surface.trim())) {
      const given = NAME_GIVEN_AS.exec(text.slice(end, end + 120));
      if (given?.[1] !== undefined) return givenName(given[1], end + given.index + given[0].length - given[1].length, /\bher\b/.test(given[0]) ? 'female' : /\bhis\b/.test(given[0]) ? 'male' : null, start, end, surface, clean);
    }
    const lower = clean.toLowerCase();
    if (RELATIVE_PRONOUN.test(clean)) return antecedentOf(start, /^who$/i.test(clean), a);
    if (PRONOUNS_PERSON.test(clean)) {
      // "she said" prefers the latest woman or person of unknown gender over a nearer man, and vice versa.
      const gender: Gender = /^(?:she|her)$/i.test(clean) ? 'female' : 'male';
      // An unnamed person ("A protected witness … He said") as the speaker right before, unless they
      // only asked a question ("a reporter asked her … She said"); further back, "he" and "she" name
      // the named people of the story first, and an unnamed one only when no named one fits.
      // An unnamed person met only inside another's content ("confirmed that a patrol leader had been
      // told") is someone talked about: the pronoun looks past them to the speakers of the story.
      const previous = previousSpeakers.findLast((s) => s.pos < start && !(s.inContent && s.actor.unnamed && onlyInContent(s.actor)));
      if (previous !== undefined && previous.actor.unnamed && fitsPronoun(previous.actor, gender) && !previous.asks) return previous.actor;
      const subject = sourcelessSubject(start, previous?.pos ?? -1);
      if (subject !== null && fitsPronoun(subject, gender)) return subject;
      const named = (d: Draft): boolean => fitsPronoun(d, gender) && !d.unnamed;
      const unnamed = (d: Draft): boolean => fitsPronoun(d, gender) && d.unnamed;
      // When every earlier person is of the other gender the pronoun stays unresolved.
      const found = latestSpeaker(start, named, false, true) ?? latestMention(start, named) ?? latestSpeaker(start, unnamed, true) ?? latestSpeaker(start, unnamed);
      // the pronoun tells the person's gender to later ones ("Salako … He said … she said" is not Salako)
      if (found !== null && found.type === 'person') found.gender ??= gender;
      return found;
    }
    if (PRONOUNS_PLURAL.test(clean)) return latestSpeaker(start, (d) => d.type !== 'person') ?? latestMention(start, (d) => d.type !== 'person');
    if (/^it$/i.test(clean)) {
      // the speaker right before when it is one body ("The army's press service said … It posted"), else
      // the latest organisation named
      const previous = previousSpeakers.findLast((s) => s.pos < start);
      if (previous !== undefined && (isOrgDraft(previous.actor) || (previous.actor.type === 'group' && THING_SPEAKER.test(previous.actor.name)))) return previous.actor;
      return latestMention(start, isOrgDraft);
    }
    const words = clean.split(/\s+/);
    // The head noun ends the words before the first preposition ("a woman in the queue" → "woman");
    // the words before it are the description's own modifiers.
    let headAt = 0;
    while (headAt + 1 < words.length && !HEAD_END.has((words[headAt + 1] ?? '').toLowerCase()) && !(words[headAt] ?? '').endsWith(',')) headAt++;
    // A capitalised head with words after it is a name ("the Commission on Presidential Debates"),
    // not a description: its last word is read as before.
    if (headAt < words.length - 1 && STARTS_CAPITAL.test(words[headAt] ?? '')) headAt = words.length - 1;
    const head = (words[headAt] ?? lower).toLowerCase();
    const modifiers: string[] = [];
    for (let k = 0; k < headAt; k++) {
      const w = (words[k] ?? '').toLowerCase().replace(/['’]s$/, '');
      if (w !== '' && !ARTICLES.has(w) && !NEUTRAL_MODIFIERS.has(w)) modifiers.push(w);
    }
    if (DOCUMENT_NOUNS.test(head) && /^(?:the|its|this|that)\s/i.test(surface.trim())) {
      const byChannel = [...previousSpeakers].reverse().find((s) => s.pos < start && s.channelText.toLowerCase().includes(head));
      if (byChannel !== undefined) return byChannel.actor;
      return latestSpeaker(start, () => true) ?? fallback(surface, 'organization', start, end);
    }
    // "Tarvessan army admits", "the Ostland armed forces": a country's military named by its demonym or
    // name is one body, with or without "the".
    if (ARMED_FORCES_NAME.test(clean)) {
      const d = create(`org:${lower}`, { name: clean, type: 'armed_forces', role: null, affiliation: demonymOf(words[0] ?? '') ?? null });
      mention(d, start, end, surface, false);
      return d;
    }
    const described = /^the\s/i.test(surface.trim()) || /^(?:its|his|her|their)\s/i.test(surface.trim()) || orgHeadOf(clean) !== undefined;
    if (described) {
      const byRole = latestMention(start, (d) => d.role !== null && d.role.toLowerCase() === lower);
      if (byRole !== null) return byRole;
      // "the former president": a person whose role has that head and whose description has its modifiers
      // or whom an appositive described so ("Father Mikael Sorn, the parish priest" → "the priest")
      const personHead = PERSON_NOUNS.has(head);
      if (personHead) {
        const byRoleHead = latestMention(
          start,
          (d) => d.type === 'person' && ((d.role !== null && d.role.toLowerCase().split(/\s+/).includes(head)) || d.described?.has(head) === true) && modifiersFit(modifiers, d),
        );
        if (byRoleHead !== null) return byRoleHead;
      }
      // Linked back only when the description's own modifiers are in that actor's name or description;
      // a person's noun ("the spokesperson") never to a body named with it ("Office of the Spokesperson").
      const byName = latestMention(start, (d) => d.type !== 'group' && (!personHead || d.type === 'person') && nameWordsOf(d).includes(head) && fitsHead(head, d) && modifiersFit(modifiers, d));
      if (byName !== null) return byName;
      const byDescription = latestMention(start, (d) => d.type !== 'person' && d.described?.has(head) === true && modifiersFit(modifiers, d));
      if (byDescription !== null) return byDescription;
      if (CIVIL_HEADS.test(head) || head === 'ministry' || head === 'office') {
        const fits = (d: Draft): boolean => (head === 'ministry' || head === 'office' ? fitsHead(head, d) : isCivilDraft(d)) && modifiersFit(modifiers, d);
        const speaker = latestSpeaker(start, fits);
        const mentioned = latestMention(start, fits);
        // the body that spoke, over one only talked about since ("… to open the camp to the Harlow Relief
        // Society. … The organisation plans …" is the group that has been speaking)
        const org = speaker !== null && (mentioned === speaker || (mentioned !== null && onlyInContent(mentioned))) ? speaker : mentioned;
        if (org !== null) return org;
      }
      if (/^(?:government|kremlin|administration)$/.test(head)) {
        const gov = latestMention(start, (d) => d.type === 'government' && modifiersFit(modifiers, d));
        if (gov !== null) return gov;
      }
      // A bare "the council" after a fuller description of one in the text ("a video shared by the
      // Dunmere city council"): the body that description names.
      const bodyType = DESCRIPTION_TYPES.get(head);
      if (bodyType !== undefined && modifiers.length === 0 && words.length <= 2) {
        const earlier = earlierDescription(head, start);
        if (earlier !== null) {
          const d = create(`org:${earlier.name.toLowerCase()}`, { name: earlier.name, type: bodyType, role: null, affiliation: demonymOf(earlier.name.split(' ')[0] ?? '') ?? null });
          if (!d.mentions.some(([s0]) => s0 === earlier.start)) mention(d, earlier.start, earlier.start + earlier.name.length, earlier.name, false);
          mention(d, start, end, surface, false);
          return d;
        }
      }
      // Otherwise a body of its own, typed by its head ("the regional health office" → a state body).
      if (bodyType !== undefined && headAt === words.length - 1) {
        const d = create(`org:${lower}`, { name: clean, type: bodyType, role: null, affiliation: demonymOf(words[0] ?? '') ?? null });
        mention(d, start, end, surface, false);
        return d;
      }
    }
    const entries = gazetteer.lookup(clean);
    const country = entries.find((e) => e.kind === 'country');
    if (country !== undefined) {
      const dem = COUNTRY_DEMONYM[country.name];
      const name = dem !== undefined ? `${dem} government` : `Government of ${country.name}`;
      const d = create(name.toLowerCase(), { name, type: 'government', role: null, affiliation: country.name });
      mention(d, start, end, surface, false);
      return d;
    }
    // One unnamed person introduced by an indefinite article ("A protected witness", "one woman in the
    // queue"): a person, of the gender its noun says, whom "he" or "she" can then name. A definite or
    // bare description ("the former president", "Ohio governor") mostly re-describes someone already
    // named, and stays a description rather than taking their pronouns.
    if (PERSON_NOUNS.has(head) && INDEFINITE.test(clean) && headAt <= 4 && !/^\p{Lu}/u.test(words[headAt] ?? '') && !words.slice(0, headAt).some((w) => /^(?:and|or|by)$|,$/i.test(w))) {
      const d = fallback(clean, 'person', start, end);
      d.gender ??= head === 'man' ? 'male' : titleGender(head);
      d.unnamed = true;
      return d;
    }
    if (BARE_GROUP.test(clean) || GROUP_RE.test(clean)) {
      GROUP_RE.lastIndex = 0;
      return fallback(clean, 'group', start, end);
    }
    GROUP_RE.lastIndex = 0;
    const lastWord = words[words.length - 1] ?? '';
    // A proper name: capitalised, short, its head capitalised and not a plural common noun ("Fighters").
    const proper =
      STARTS_CAPITAL.test(clean) &&
      STARTS_CAPITAL.test(lastWord) &&
      words.length <= 6 &&
      !(words.length === 1 && /[^s]s$/.test(lastWord)) &&
      words.every((w) => STARTS_CAPITAL.test(w) || CONNECTORS.has(w)) &&
      // A lone capitalised word is a surname only when a reporting verb follows it ("Moulton said").
      (words.length > 1 || SPEECH_VERBS.test(text.slice(end, end + 40)));
    // a title before the name makes it a person's ("Sen. Ann Lee of Ostland")
    const titledName = TITLE_FIRST.has(words[0] ?? '') && words.every((w) => STARTS_CAPITAL.test(w));
    return fallback(clean, proper ? (words.length > 1 && !titledName ? 'organization' : 'person') : 'group', start, end);
  }

  /**
   * The latest description before `before` of a body with head noun `head` and words of its own before it
   * ("the Dunmere city council", "the provincial health directorate"): its words without the article
   * and where they start. Null when there is none within the 2,000 characters before.
   */
  function earlierDescription(head: string, before: number): { name: string; start: number } | null {
    const from = Math.max(0, before - 2000);
    const re = new RegExp(String.raw`\bthe\s+((?:\p{Lu}[\p{L}'’-]*\s+)?(?:\p{Ll}[\p{L}-]*\s+){0,2}?(?:\p{Ll}[\p{L}-]*|\p{Lu}[\p{L}'’-]*)\s+${head})\b`, 'gu');
    let found: { name: string; start: number } | null = null;
    for (const m of text.slice(from, before).matchAll(re)) {
      const name = m[1] ?? '';
      if (name.split(/\s+/).some((w) => ARTICLES.has(w.toLowerCase()) || FUNCTION_WORDS.has(w.toLowerCase()))) continue;
      found = { name, start: from + (m.index ?? 0) + m[0].length - name.length };
    }
    return found;
  }

  /**
   * The unnamed person opening the sentence of an attribution left without a source, between the
   * latest speaker (at `after`) and a pronoun at `before` ("A fourth soldier, still serving, disputed
   * this account. He said …"): a person of their own that the pronoun names. Null when there is none.
   */
  function sourcelessSubject(before: number, after: number): Draft | null {
    let cueStart = -1;
    for (const a of sorted) {
      if (a.source === null && a.cue.start > after && a.cue.start < before) cueStart = a.cue.start;
    }
    if (cueStart < 0) return null;
    const sentenceStart = Math.max(text.lastIndexOf('. ', cueStart) + 2, text.lastIndexOf('\n', cueStart) + 1);
    const lead = INDEFINITE_SUBJECT.exec(text.slice(sentenceStart, cueStart));
    if (lead?.[1] === undefined || !PERSON_NOUNS.has(lead[2] ?? '')) return null;
    const phraseStart = sentenceStart + lead.index + (lead[0].length - lead[0].trimStart().length);
    const d = fallback(lead[1], 'person', phraseStart, phraseStart + lead[1].length);
    d.gender ??= lead[2] === 'man' ? 'male' : titleGender(lead[2] ?? null);
    d.unnamed = true;
    return d;
  }

  /**
   * The speaker of a transcript label: for "HOST (Kiran Vell)" the person in parentheses, who takes the
   * label as role and keeps it for the bare "HOST" of later turns. Null when neither applies (an
   * all-caps surname, "ORUN", is a mention of its person found in the label itself).
   */
  function labelSpeaker(tag: string, withName: boolean, inside: readonly (typeof mentionLog)[number][], start: number, end: number): Draft | null {
    if (withName) {
      const person = inside.find((m) => m.actor.type === 'person' && m.start >= start + tag.length);
      if (person === undefined) return null;
      person.actor.role ??= tag.charAt(0) + tag.slice(1).toLowerCase();
      labels.set(tag, person.actor);
      return person.actor;
    }
    if (inside.length > 0) return null;
    const known = labels.get(tag) ?? findPerson(tag, start);
    // a label no name was given for is still a person's part ("TAPPER:", "MODERATOR:")
    if (known === null) {
      const d = fallback(tag, 'person', start, end);
      if (!persons.includes(d)) indexPerson(d);
      return d;
    }
    mention(known, start, end, tag, false);
    return known;
  }

  /** A person named after a description ("the man, who gave his name only as Rustam"), mentioned at both. */
  function givenName(name: string, nameStart: number, gender: Gender | null, start: number, end: number, surface: string, description: string): Draft {
    const d = create(`person:${name.toLowerCase()}`, { name, type: 'person', role: null, affiliation: null });
    d.gender ??= gender;
    if (!persons.includes(d)) indexPerson(d);
    describe(d, headPhrase(description));
    mention(d, nameStart, nameStart + name.length, name);
    mention(d, start, end, surface, false);
    return d;
  }

  function fallback(surface: string, type: ActorType, start: number, end: number): Draft {
    const name = surface.trim() === '' ? 'unknown speaker' : surface.trim();
    // a capitalised name that would be a group, met before as a body's name ("the fact-checking group
    // Clearline" … "according to Clearline"), is that body
    // and one that would be a group or an organisation, met before as a person's name ("President
    // Obama" … "according to Obama"; a headline's "Hillary Clinton Slams …"), is that person
    // "according to Ostwater" after "the Ostwater Institute": the first word of a body's name is that body
    // (not a person's name or first name, a place, a party word or a plural: "Trump", "Hillary", "Cleveland",
    // "Republican", "Democrats")
    if (type === 'group' && /^\p{Lu}[\p{L}-]{2,}[^s]$/u.test(name) && !FUNCTION_WORDS.has(name.toLowerCase()) && !PARTY_WORDS.has(name) && !personsByPart.has(name.toLowerCase()) && nameGender(name) === null && !isPlace(name)) {
      const whole = drafts.findLast((k) => isOrgDraft(k) && k.mentions.length > 0 && k.name.startsWith(`${name} `));
      if (whole !== undefined) {
        mention(whole, start, end, surface, false);
        return whole;
      }
    }
    if ((type === 'group' || type === 'organization') && STARTS_CAPITAL.test(name) && name.length >= 3 && !FUNCTION_WORDS.has(name.toLowerCase()) && !BARE_GROUP.test(name) && !/(?:inos|inas|ians)$/.test(name)) {
      const known = drafts.find((k) => k.name === name && (k.type === 'person' || (type === 'group' && isOrgDraft(k))));
      if (known !== undefined) {
        mention(known, start, end, surface, false);
        return known;
      }
    }
    const d = create(`${type === 'group' ? 'group' : type === 'person' ? 'person' : 'org'}:${name.toLowerCase()}`, { name, type, role: null, affiliation: null });
    mention(d, start, end, surface, false);
    return d;
  }

  const actors: Actor[] = [];
  for (const d of drafts) {
    if (d.mentions.length === 0) continue;
    const actor: Actor = {
      id: d.id,
      name: d.name,
      type: d.type,
      role: d.role,
      affiliation: d.affiliation,
      aliases: [...d.aliases],
      mentions: [...d.mentions].sort((x, y) => x[0] - y[0]),
    };
    if (d.unnamed) UNNAMED_ACTORS.add(actor);
    actors.push(actor);
  }
  const nameSpans = [...covered].sort((x, y) => x[0] - y[0]);
  const coSpeakersOf: Record<string, string[]> = Object.fromEntries(jointSources);
  return { actors, speakerOf, coSpeakersOf, nameSpans };
}
