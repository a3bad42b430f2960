/**
 * Word lists for the actor extractor: well-known organisations and their aliases, demonyms, titles
 * and organisation head words. General knowledge of conflict reporting, not tuned to any document.
 */
import type { ActorType } from '../types.ts';

/** A well-known actor: canonical name, type, and the names and acronyms it goes by. */
export interface KnownActor {
  readonly name: string;
  readonly type: ActorType;
  /** Matched case-insensitively (multi-word names only). */
  readonly aliases: readonly string[];
  /** Matched case-sensitively as whole words. */
  readonly exact: readonly string[];
  readonly affiliation?: string;
}

/** International bodies, NGOs, media, governments by metonym, armed groups. */
export const KNOWN_ACTORS: readonly KnownActor[] = [
  { name: 'International Criminal Court', type: 'international_body', aliases: ['international criminal court'], exact: ['ICC'] },
  { name: 'International Court of Justice', type: 'international_body', aliases: ['international court of justice', 'world court'], exact: ['ICJ'] },
  { name: 'International Committee of the Red Cross', type: 'international_body', aliases: ['international committee of the red cross', 'red cross'], exact: ['ICRC'] },
  { name: 'United Nations', type: 'international_body', aliases: ['united nations'], exact: ['UN', 'U.N.'] },
  { name: 'United Nations General Assembly', type: 'international_body', aliases: ['united nations general assembly', 'u.n. general assembly', 'un general assembly', 'general assembly'], exact: ['UNGA'] },
  { name: 'United Nations Security Council', type: 'international_body', aliases: ['united nations security council', 'u.n. security council', 'un security council', 'security council'], exact: ['UNSC'] },
  { name: 'UN Human Rights Council', type: 'international_body', aliases: ['u.n. human rights council', 'un human rights council', 'united nations human rights council', 'human rights council'], exact: ['UNHRC'] },
  { name: 'Office of the UN High Commissioner for Human Rights', type: 'international_body', aliases: ['office of the high commissioner for human rights', 'un human rights office', 'u.n. human rights office', 'un human rights monitoring mission', 'human rights monitoring mission'], exact: ['OHCHR'] },
  { name: 'UN Refugee Agency', type: 'international_body', aliases: ['un refugee agency', 'u.n. refugee agency', 'united nations high commissioner for refugees'], exact: ['UNHCR'] },
  { name: 'UNICEF', type: 'international_body', aliases: ["united nations children's fund", 'un children’s fund'], exact: ['UNICEF'] },
  { name: 'World Health Organization', type: 'international_body', aliases: ['world health organization', 'world health organisation'], exact: ['WHO'] },
  { name: 'World Food Programme', type: 'international_body', aliases: ['world food programme', 'world food program'], exact: ['WFP'] },
  { name: 'NATO', type: 'international_body', aliases: ['north atlantic treaty organization'], exact: ['NATO'] },
  { name: 'European Union', type: 'international_body', aliases: ['european union'], exact: ['EU', 'E.U.'] },
  { name: 'OSCE', type: 'international_body', aliases: ['organization for security and co-operation in europe', 'organization for security and cooperation in europe'], exact: ['OSCE'] },
  { name: 'European Court of Human Rights', type: 'international_body', aliases: ['european court of human rights'], exact: ['ECHR'] },
  { name: 'African Union', type: 'international_body', aliases: ['african union'], exact: ['AU'] },
  { name: 'Interpol', type: 'international_body', aliases: [], exact: ['Interpol', 'INTERPOL'] },
  { name: 'Amnesty International', type: 'ngo', aliases: ['amnesty international'], exact: ['Amnesty'] },
  { name: 'Human Rights Watch', type: 'ngo', aliases: ['human rights watch'], exact: ['HRW'] },
  { name: 'Médecins Sans Frontières', type: 'ngo', aliases: ['doctors without borders', 'medecins sans frontieres', 'médecins sans frontières'], exact: ['MSF'] },
  { name: 'Physicians for Human Rights', type: 'ngo', aliases: ['physicians for human rights'], exact: ['PHR'] },
  { name: 'ACLED', type: 'ngo', aliases: ['armed conflict location and event data project', 'armed conflict location & event data project'], exact: ['ACLED'] },
  { name: 'ABC News', type: 'media', aliases: ['abc news'], exact: ['ABC'] },
  { name: 'BBC', type: 'media', aliases: ['bbc news'], exact: ['BBC'] },
  { name: 'CNN', type: 'media', aliases: [], exact: ['CNN'] },
  { name: 'Reuters', type: 'media', aliases: [], exact: ['Reuters'] },
  { name: 'Associated Press', type: 'media', aliases: ['associated press'], exact: ['AP'] },
  { name: 'Agence France-Presse', type: 'media', aliases: ['agence france-presse', 'agence france presse'], exact: ['AFP'] },
  { name: 'Al Jazeera', type: 'media', aliases: ['al jazeera'], exact: [] },
  { name: 'The New York Times', type: 'media', aliases: ['new york times'], exact: [] },
  { name: 'The Washington Post', type: 'media', aliases: ['washington post'], exact: [] },
  { name: 'The Guardian', type: 'media', aliases: [], exact: ['Guardian'] },
  { name: 'Russian government', type: 'government', aliases: ['russian government', 'government of russia'], exact: ['Kremlin'], affiliation: 'Russia' },
  { name: 'U.S. government', type: 'government', aliases: ['us government', 'u.s. government', 'american government', 'biden administration'], exact: ['White House'], affiliation: 'United States' },
  { name: 'U.S. Department of Defense', type: 'state_body', aliases: ['department of defense', 'defense department'], exact: ['Pentagon'], affiliation: 'United States' },
  { name: 'U.S. Department of State', type: 'state_body', aliases: ['state department', 'department of state'], exact: [], affiliation: 'United States' },
  { name: 'UK government', type: 'government', aliases: ['downing street', 'british government', 'uk government', 'u.k. government'], exact: [], affiliation: 'United Kingdom' },
  { name: 'Ukrainian government', type: 'government', aliases: ['ukrainian government', 'government of ukraine', 'government in kyiv'], exact: [], affiliation: 'Ukraine' },
  { name: 'Wagner Group', type: 'armed_forces', aliases: ['wagner group', 'wagner private military company'], exact: ['Wagner'] },
  { name: 'Rapid Support Forces', type: 'armed_forces', aliases: ['rapid support forces'], exact: ['RSF'] },
  { name: 'Israel Defense Forces', type: 'armed_forces', aliases: ['israel defense forces', 'israeli defense forces'], exact: ['IDF'] },
  { name: 'Hamas', type: 'armed_forces', aliases: [], exact: ['Hamas'] },
  { name: 'Hezbollah', type: 'armed_forces', aliases: [], exact: ['Hezbollah'] },
  { name: 'Taliban', type: 'armed_forces', aliases: [], exact: ['Taliban'] },
  { name: 'Islamic State', type: 'armed_forces', aliases: ['islamic state'], exact: ['ISIS', 'ISIL'] },
  { name: 'Tatmadaw', type: 'armed_forces', aliases: ['myanmar military', 'myanmar army'], exact: ['Tatmadaw'] },
];

/** Nationality adjectives → country names (for affiliations, groups and country-as-government). */
export const DEMONYMS: Readonly<Record<string, string>> = {
  Ukrainian: 'Ukraine', Russian: 'Russia', American: 'United States', 'U.S.': 'United States', US: 'United States',
  British: 'United Kingdom', French: 'France', German: 'Germany', Syrian: 'Syria', Israeli: 'Israel',
  Palestinian: 'Palestine', Sudanese: 'Sudan', 'South Sudanese': 'South Sudan', Ethiopian: 'Ethiopia',
  Eritrean: 'Eritrea', Chinese: 'China', Iranian: 'Iran', Iraqi: 'Iraq', Afghan: 'Afghanistan',
  Turkish: 'Turkey', Polish: 'Poland', Belarusian: 'Belarus', Burmese: 'Myanmar', Yemeni: 'Yemen',
  Saudi: 'Saudi Arabia', Malian: 'Mali', Nigerian: 'Nigeria', Congolese: 'Democratic Republic of the Congo',
  Somali: 'Somalia', Libyan: 'Libya', Lebanese: 'Lebanon', Georgian: 'Georgia', Armenian: 'Armenia',
  Azerbaijani: 'Azerbaijan', Serbian: 'Serbia', Bosnian: 'Bosnia and Herzegovina', Croatian: 'Croatia',
  Rwandan: 'Rwanda', Dutch: 'Netherlands', Italian: 'Italy', Spanish: 'Spain', Canadian: 'Canada',
  Australian: 'Australia', Japanese: 'Japan', Indian: 'India', Pakistani: 'Pakistan', Moldovan: 'Moldova',
  Hungarian: 'Hungary', Romanian: 'Romania', Czech: 'Czech Republic', Lithuanian: 'Lithuania',
  Latvian: 'Latvia', Estonian: 'Estonia', Finnish: 'Finland', Swedish: 'Sweden', Norwegian: 'Norway',
  Egyptian: 'Egypt', Jordanian: 'Jordan', Venezuelan: 'Venezuela', Colombian: 'Colombia', Mexican: 'Mexico',
  Haitian: 'Haiti', Chadian: 'Chad', Cameroonian: 'Cameroon', Mozambican: 'Mozambique', Kenyan: 'Kenya',
  Ugandan: 'Uganda', Tigrayan: 'Ethiopia', Kurdish: 'Iraq', Chechen: 'Russia', Qatari: 'Qatar', Emirati: 'United Arab Emirates',
  Bangladeshi: 'Bangladesh', 'Sri Lankan': 'Sri Lanka', Nepali: 'Nepal', Filipino: 'Philippines', Kazakh: 'Kazakhstan',
};

/**
 * Object.prototype's own property names. A plain object lookup (`DEMONYMS[w]`) reads these through the
 * prototype ("constructor" gives a function), and extraction has always done so; the Map-backed
 * lookups below fall back to that read for exactly these names, so their results stay identical.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * `record[word]` through a Map: the object read, with keys sliced from the text, is a megamorphic
 * keyed load that first looks the string up in V8's string table; Map.get hashes it once (cached).
 * Object.prototype's own names still read the record, so results are those of `record[word]`.
 */
function recordLookup<T>(record: Readonly<Record<string, T>>): (word: string) => T | undefined {
  const map: ReadonlyMap<string, T> = new Map(Object.entries(record));
  return (word) => {
    const found = map.get(word);
    return found !== undefined || !PROTOTYPE_KEYS.has(word) ? found : record[word];
  };
}

/** `DEMONYMS[word]`, through a Map (see {@link recordLookup}). */
export const demonymOf = recordLookup(DEMONYMS);

/** Countries whose government is usually named by the demonym ("Russian government"). */
export const COUNTRY_DEMONYM: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(DEMONYMS)
    .filter(([d]) => !/^U\.?S\.?$/.test(d))
    .reverse()
    .map(([d, c]) => [c, d]),
);

/** Titles and roles that precede a person's name; multi-word ones are listed before their parts. */
export const TITLES: readonly string[] = [
  'Prime Minister', 'Foreign Minister', 'Defense Minister', 'Defence Minister', 'Interior Minister',
  'Deputy Prime Minister', 'Deputy Mayor', 'Secretary of State', 'Secretary-General', 'Secretary General',
  'High Commissioner', 'Chief Prosecutor', 'Prosecutor General', 'Attorney General', 'Human Rights Commissioner',
  'Ombudsman', 'Ombudsperson', 'Vice President', 'Lt. Gen.', 'Maj. Gen.', 'Brig. Gen.', 'Lt. Col.',
  'President', 'Mayor', 'Governor', 'Gov.', 'Rep.', 'Representative', 'Sen.', 'Senator', 'Minister', 'Secretary',
  'Gen.', 'General', 'Col.', 'Colonel', 'Lt.', 'Lieutenant', 'Sgt.', 'Sergeant', 'Capt.', 'Captain', 'Maj.', 'Major',
  'Adm.', 'Admiral', 'Cmdr.', 'Commander', 'Dr.', 'Mr.', 'Mrs.', 'Ms.', 'Prof.', 'Professor', 'Judge', 'Justice',
  'Prosecutor', 'Ambassador', 'Chancellor', 'Spokesman', 'Spokeswoman', 'Spokesperson', 'Chief', 'Director',
  'Commissioner', 'Chairman', 'Chairwoman', 'Chair', 'Speaker', 'Pope', 'King', 'Queen', 'Prince', 'Sheikh',
  'Father', 'Bishop', 'Metropolitan', 'Patriarch', 'Imam', 'Rabbi', 'Deputy', 'Head', 'Leader', 'Envoy', 'Officer',
];

/** Organisation head words → actor type. */
export const ORG_HEADS: Readonly<Record<string, ActorType>> = {
  Council: 'state_body', Committee: 'state_body', Commission: 'state_body', Ministry: 'state_body', Office: 'state_body',
  Agency: 'state_body', Department: 'state_body', Service: 'state_body', Services: 'state_body', Prosecutor: 'state_body',
  "Prosecutor's": 'state_body', 'Prosecutor’s': 'state_body', Parliament: 'state_body', Senate: 'state_body', Congress: 'state_body',
  Rada: 'state_body', Duma: 'state_body', Administration: 'state_body', Police: 'state_body', Guard: 'armed_forces',
  Court: 'international_body', Tribunal: 'international_body', Assembly: 'international_body',
  Army: 'armed_forces', Forces: 'armed_forces', Force: 'armed_forces', Navy: 'armed_forces', Brigade: 'armed_forces',
  Battalion: 'armed_forces', Regiment: 'armed_forces', Militia: 'armed_forces', Front: 'armed_forces', Corps: 'armed_forces',
  Government: 'government', Cabinet: 'government', Kremlin: 'government',
  News: 'media', Times: 'media', Post: 'media', Journal: 'media', Tribune: 'media', Herald: 'media', Gazette: 'media',
  Radio: 'media', TV: 'media', Television: 'media', Press: 'media', Telegraph: 'media', Observer: 'media', Daily: 'media',
  Watch: 'ngo', Foundation: 'ngo', Institute: 'organization', Fund: 'ngo', Coalition: 'ngo', Network: 'ngo',
  Project: 'ngo', Initiative: 'ngo', Center: 'organization', Centre: 'organization', Association: 'organization',
  Union: 'organization', Party: 'organization', Movement: 'organization', Group: 'organization', Organization: 'organization',
  Organisation: 'organization', Society: 'organization', University: 'organization', Company: 'organization',
  Corporation: 'organization', Bank: 'organization', Church: 'organization', Hospital: 'organization', Mission: 'international_body',
  International: 'ngo', Federation: 'organization', Observatory: 'ngo', Forum: 'ngo', Monitor: 'ngo', Monitors: 'ngo',
  Collective: 'ngo', Witness: 'ngo', Alliance: 'organization', Trust: 'ngo', Lab: 'organization', Laboratory: 'organization',
  Unit: 'state_body', Clinic: 'organization', Authority: 'state_body', Bureau: 'state_body', Directorate: 'state_body',
};

/** `ORG_HEADS[word]`, through a Map (see {@link recordLookup}). */
export const orgHeadOf = recordLookup(ORG_HEADS);

/** Words that open sentences or clauses and are capitalised only for that reason. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'by', 'for', 'and', 'but', 'or', 'it', 'he', 'she', 'they', 'we', 'i', 'you',
  'this', 'that', 'these', 'those', 'there', 'then', 'when', 'while', 'after', 'before', 'as', 'if', 'so', 'his',
  'her', 'their', 'its', 'our', 'my', 'none', 'many', 'most', 'some', 'more', 'according', 'unfortunately',
  'pressure', 'copyright', 'all', 'rights', 'reserved', 'one', 'two', 'three', 'also', 'yet', 'still', 'since',
  'despite', 'although', 'though', 'with', 'without', 'from', 'to', 'of', 'no', 'not', 'what', 'who', 'why',
  'how', 'where', 'which', 'other', 'another', 'each', 'every', 'several', 'such', 'both', 'either', 'neither',
  'earlier', 'later', 'last', 'next', 'meanwhile', 'however', 'now', 'today', 'yesterday', 'here', 'local',
  'witnesses', 'residents', 'officials', 'survivors', 'soldiers', 'troops', 'forces', 'police', 'people',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan.', 'feb.', 'mar.', 'apr.', 'aug.', 'sept.', 'sep.', 'oct.', 'nov.', 'dec.', 'fictional', 'note', 'update',
  'photo', 'video', 'read', 'more', 'editor', 'editors', 'correction', 'nazis', 'nazi', 'god', 'christmas', 'easter',
  'ramadan', 'eid', 'internet', 'facebook', 'telegram', 'twitter', 'instagram', 'youtube', 'tiktok', 'whatsapp',
  'x', 'north', 'south', 'east', 'west', 'northern', 'southern',
  'eastern', 'western', 'central', 'human', 'world', 'war', 'crimes', 'yes', 'oh', 'please', 'thank', 'thanks',
  // Sentence openers that news copy capitalises before a name ("Unlike Patriot, …", "Should Mr. Clarke …").
  'unlike', 'like', 'whether', 'beyond', 'unless', 'until', 'against', 'among', 'amid', 'besides', 'because',
  'should', 'would', 'could', 'did', 'does', 'do', 'might', 'must', 'let', 'instead', 'perhaps', 'maybe', 'indeed',
  'thus', 'hence', 'therefore', 'tonight', 'tomorrow', 'even', 'only', 'just', 'under', 'during', 'through',
  'about', 'again', 'once', 'whose', 'whom', 'has', 'have', 'had', 'is', 'are', 'was', 'were', 'former',
]);

/** Words that follow a speaker: a capitalised word before one of these is a likely surname. */
export const SPEECH_VERBS =
  /^\s+(?:said|says|told|added|stated|wrote|claimed|alleged|denied|confirmed|reported|noted|insisted|warned|explained|recalled|testified|posted|tweeted|accused|argued|estimated|described|called|acknowledged|asserted|declared|continued|concluded|replied|responded|announced)\b/;
