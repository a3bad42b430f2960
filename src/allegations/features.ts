import type { Attribution, Basis, EventType, Extraction, Figure, Stance } from '../extract/types.ts';
import { fold, nameTokens, topicTokens } from './text.ts';
import type { CaseSource, Speaker, Unit, UnitFigure, UnitKind } from './types.ts';

/**
 * Turns one source's extraction into clustering {@link Unit}s, one per attribution: event types, places,
 * stated dates, topic tokens, names, speaker and citation chain, basis and figures. Pure: the same
 * source always gives the same units, whatever else the case holds.
 */

/** Stances that put a proposition forward; the others respond to one. */
const CLAIM_STANCES: ReadonlySet<Stance> = new Set<Stance>(['assert', 'allege', 'confirm', 'hedge']);

/**
 * A fallback event lexicon, used only for attributions the extractor gave no event type: clustering
 * needs a type to block on, and a missing type must not silently drop an allegation.
 */
const EVENT_PATTERNS: readonly (readonly [EventType, RegExp])[] = [
  ['execution', /\b(execut\w*|shot in the head|hands (?:were )?tied|exécut\w*|mains liées)/iu],
  [
    'killing_of_civilians',
    /\b(kill(?:ed|ing|s)?|slain|shot|gunfire|shooting|massacre\w*|murder\w*|dead|deaths?|died|tu[ée]s?|morts?)\b/iu,
  ],
  [
    'concealment_of_evidence',
    /\b(cover(?:ing|ed)?[- ]up|conceal\w*|hid(?:e|ing|den)|crematori\w*|incinerat\w*|bur(?:y|ied|ying|ial)\b|mass graves?|trenches|cleaning up|charnier|enterr\w*|exhum\w*)/iu,
  ],
  [
    'attack_on_civilians',
    /\b(shell(?:s|ed|ing)?|struck|strikes?|bomb\w*|artillery|missiles?|air ?strikes?|obus|frapp\w*)\b/iu,
  ],
  [
    'obstruction_of_humanitarian_access',
    /\b(convoys?|humanitarian (?:aid|access|corridor)|aid workers|turned back|refused (?:entry|access)|barr(?:ed|ing)|medical supplies)\b/iu,
  ],
  ['destruction_of_property', /\b(destroyed|decimated|razed|demolished)\b/iu],
  ['torture_ill_treatment', /\b(tortur\w*|beaten|ill-treat\w*)/iu],
  ['enforced_disappearance_detention', /\b(detain\w*|abduct\w*|disappear\w*|kidnapp\w*)/iu],
  ['deportation_forced_transfer', /\b(deport\w*|forcibly transferred|filtration)/iu],
  ['sexual_violence', /\b(rap(?:e|ed)|sexual violence)\b/iu],
];

/** Basis words, used when the extractor stated none: "forensic examination", "satellite imagery". */
const BASIS_PATTERNS: readonly (readonly [Basis, RegExp])[] = [
  ['forensic', /\b(forensic|autops\w*|exhum\w*|post-mortem|médico-légal)/iu],
  ['imagery', /\b(satellite imagery|imagery|photographs?|video footage|images? satellit\w*)/iu],
  ['documents', /\b(documents?|records|registered cases)\b/iu],
  ['eyewitness', /\b(eyewitness\w*|witness(?:es|ed)?|saw|seen|témoins?)\b/iu],
  ['interviews', /\binterview(?:s|ed)?\b/iu],
  ['investigation', /\b(investigat\w*|examin\w*|enquête\w*)/iu],
];

const FIRST_HAND = /\b(I|we) (saw|heard|counted|carried|found|watched|witnessed|buried|treated)\b/;

const NOT_CONFIRMED_CONTENT =
  /^(?:that )?[^,.;]{0,80}?\b(?:ha(?:s|ve|d) not (?:yet )?(?:been able to )?(?:confirm|verif)\w*|(?:can|could)(?:not|n['’]t) (?:yet )?(?:confirm|verify)|(?:was|were|is|are) unable to (?:confirm|verify)|n['’]a(?:vait)? pas pu confirmer)/iu;
const DENY_CONTENT =
  /^(?:that )?[^,.;]{0,60}?\b(?:denie[sd]|deny|rejected|dismissed) (?:the |that |any |all |these )/iu;

/** Statements about the reports rather than about the events ("not surprised by the reports"). */
const COMMENTARY =
  /^(?:that )?[^.;]{0,60}?\b(?:the |these |such |new )?(?:reports?|allegations?|accusations?|claims?) (?:from|of|by|that|were|are|is)\b/iu;

/**
 * Claims about a general pattern rather than an event ("the strike was part of a pattern of attacks on
 * civilian infrastructure"): context for the event they are said about, never an allegation of their own.
 */
const GENERAL_PATTERN =
  /\b(?:pattern|campaign|policy|series|wave) of (?:\w+ )?(?:attacks?|strikes?|abuses?|violations?|crimes?|atrocities|killings?|shelling)\b|\b(?:systematic|widespread) (?:attacks?|abuses?|violations?|crimes?|killings?|shelling)\b/iu;

/**
 * The document's headline: its first line when that line is the source's title, or is followed by a
 * blank line and does not end a sentence. Returns the offset where it ends, or -1.
 */
export function headlineEnd(text: string, title: string | null): number {
  const nl = text.indexOf('\n');
  if (nl <= 0) return -1;
  const first = text.slice(0, nl).trim();
  if (first.length === 0 || first.length > 200) return -1;
  if (title !== null && fold(title).trim() === fold(first)) return nl;
  const blankAfter = /^[ \t\r]*\n/u.test(text.slice(nl + 1));
  return blankAfter && !/[.!?"”»:;,]$/u.test(first) ? nl : -1;
}

/**
 * The stance as far as clustering is concerned: a reported statement whose content is itself a
 * "has not confirmed" or a denial ("Feldhaven said the mission has not confirmed the reports") takes
 * that stance, since the speaker's position is what is weighed.
 */
export function effectiveStance(stance: Stance, content: string): Stance {
  if (stance !== 'assert' && stance !== 'allege' && stance !== 'hedge') return stance;
  if (NOT_CONFIRMED_CONTENT.test(content)) return 'not_confirmed';
  if (DENY_CONTENT.test(content)) return 'deny';
  return stance;
}

/** Event types stated in `text` by the fallback lexicon. */
export function inferEventTypes(text: string): EventType[] {
  return EVENT_PATTERNS.filter(([, re]) => re.test(text)).map(([type]) => type);
}

/** Bases stated in `text` by the fallback lexicon. */
export function inferBasis(text: string): Basis[] {
  return BASIS_PATTERNS.filter(([, re]) => re.test(text)).map(([basis]) => basis);
}

/**
 * The sort key of a source: publication date, capture time and id. Processing and tie-breaks follow
 * it, so the earliest report of something is always the one others are compared to.
 */
export function orderKey(source: Pick<CaseSource, 'id' | 'published' | 'captured'>): string {
  return `${source.published ?? '9999-12-31'}|${source.captured}|${source.id}`;
}

function within(
  mention: readonly [number, number],
  spans: readonly { start: number; end: number }[],
): boolean {
  return spans.some((s) => mention[0] >= s.start && mention[1] <= s.end);
}

const PROPER_RUN = String.raw`((?:\p{Lu}[\p{L}’'-]+\s?)+)`;
const OF_ROLE = new RegExp(
  String.raw`\b(?:mayor|governor|head|director|spokes(?:man|woman|person)|chief|officials?) (?:of|in|for) (?:the )?(?:[\p{L}\s]*?\b(?:town|city|village|region|district) of )?` +
    PROPER_RUN,
  'u',
);
const POSSESSIVE_ROLE = new RegExp(
  PROPER_RUN + String.raw`['’]s (?:mayor|governor|director|spokes\w+|head)\b`,
  'u',
);
const TITLE_ROLE = new RegExp(PROPER_RUN + String.raw` (?:Mayor|Governor)\b`, 'u');
/** Role or body nouns in a speaker's mention, and the organisation names they point to in the same document. */
const ROLE_NOUNS: readonly (readonly [RegExp, RegExp])[] = [
  [/\bmayor\b/iu, /\b(council|municipality|city hall|town hall|mayor['’]?s office)\b/iu],
  [/\bminist(ry|er)\b/iu, /\bministry\b/iu],
  [/\bdepartment\b/iu, /\bdepartment\b/iu],
  [/\binstitute\b/iu, /\binstitute\b/iu],
  [/\bmission\b/iu, /\bmission\b/iu],
  [/\bcommission\b/iu, /\bcommission\b/iu],
  [/\bcouncil\b/iu, /\bcouncil\b/iu],
  [/\bhospital\b/iu, /\bhospital\b/iu],
  [/\barmy|military|defen[cs]e\b/iu, /\b(army|armed forces|defen[cs]e)\b/iu],
];
const OWN_PUBLICATION_KINDS = new Set(['statement', 'report', 'transcript']);
const ORG_TYPES = new Set([
  'organization',
  'government',
  'state_body',
  'armed_forces',
  'media',
  'ngo',
  'international_body',
]);

function mentionTexts(actorId: string | null, a: Attribution, extraction: Extraction): string[] {
  const texts = a.source === null ? [] : [a.source.text];
  const actor = actorId === null ? undefined : extraction.actors.find((x) => x.id === actorId);
  if (actor !== undefined) {
    texts.push(actor.name, ...(actor.aliases ?? []), ...(actor.role === null ? [] : [actor.role]));
    for (const [start, end] of actor.mentions) {
      // The mention and a little context before it ("Kestrava's mayor, Tomas Ardelyan").
      texts.push(extraction.document.text.slice(Math.max(0, start - 40), end));
    }
  }
  return texts;
}

/** Whether a speaker name has a proper name of its own beyond words of `outlet` ("Forensic examination" has none). */
function hasOwnProperName(name: string, outlet: string): boolean {
  const outletWords = new Set(fold(outlet).split(/[^\p{L}\p{N}]+/u));
  const words = name.split(/\s+/u).slice(1);
  return words.some((w) => /^\p{Lu}/u.test(w) && !outletWords.has(fold(w).replace(/[^\p{L}\p{N}]/gu, '')));
}

function institutionOf(
  a: Attribution,
  extraction: Extraction,
  source: Pick<CaseSource, 'kind' | 'outlet'>,
  actor: Extraction['actors'][number] | undefined,
): string | null {
  if (actor?.affiliation !== null && actor?.affiliation !== undefined) return actor.affiliation;
  const texts = mentionTexts(actor?.id ?? null, a, extraction);
  for (const t of texts) {
    const m = OF_ROLE.exec(t) ?? POSSESSIVE_ROLE.exec(t) ?? TITLE_ROLE.exec(t);
    if (m?.[1] !== undefined) return m[1].trim();
  }
  const isOrg = actor !== undefined && ORG_TYPES.has(actor.type);
  if (!isOrg) {
    for (const [role, body] of ROLE_NOUNS) {
      if (!texts.some((t) => role.test(t))) continue;
      const bodies = [
        ...new Set(
          extraction.actors
            .filter((x) => x.id !== actor?.id && ORG_TYPES.has(x.type) && body.test(x.name))
            .map((x) => x.name),
        ),
      ];
      if (bodies.length === 1) return bodies[0] as string;
    }
  }
  if (source.outlet !== null && OWN_PUBLICATION_KINDS.has(source.kind)) {
    const name = actor?.name ?? a.source?.text ?? null;
    if (name === null || !isOrg || !hasOwnProperName(name, source.outlet)) return source.outlet;
  }
  return null;
}

function speakerOf(
  a: Attribution,
  extraction: Extraction,
  source: Pick<CaseSource, 'kind' | 'outlet'>,
): Speaker {
  const actorId = a.source?.actor ?? null;
  const actor = actorId === null ? undefined : extraction.actors.find((x) => x.id === actorId);
  const caseActor =
    actor !== undefined && 'caseActor' in actor ? (actor as { caseActor?: unknown }).caseActor : null;
  return {
    name: actor?.name ?? a.source?.text ?? null,
    mention: a.source?.text ?? null,
    type: actor?.type ?? null,
    role: actor?.role ?? null,
    affiliation: actor?.affiliation ?? null,
    institution: a.source === null ? null : institutionOf(a, extraction, source, actor),
    caseActor: typeof caseActor === 'string' ? caseActor : null,
  };
}

const ROLE_WORD =
  /\b(director|mayor|governor|spokes(?:man|woman|person)|chief|head|commander|minister|president|prosecutor|doctor|surgeon)\b/iu;

/**
 * A speaker named only by a role ("the hospital's director") is the one person of the same document
 * introduced with that role ("Dr. Mirela Oskarsen, the director of the hospital"), when exactly one is:
 * a report names its speaker once and then refers to them by role.
 */
function resolveRoleSpeakers(speakers: ReadonlyMap<string, Speaker>): Map<string, Speaker> {
  const out = new Map(speakers);
  for (const [id, s] of speakers) {
    if (s.name === null || /\p{Lu}/u.test(s.name.replace(/^the\s+/iu, ''))) continue;
    const role = ROLE_WORD.exec(s.mention ?? s.name)?.[1]?.toLowerCase();
    if (role === undefined) continue;
    const people = new Map<string, Speaker>();
    for (const t of speakers.values()) {
      if (t.type !== 'person' || t.name === null || t.mention === null) continue;
      if (ROLE_WORD.exec(t.mention)?.[1]?.toLowerCase() === role) people.set(t.name, t);
    }
    const [only] = people.values();
    if (people.size === 1 && only !== undefined)
      out.set(id, { ...only, mention: s.mention, institution: only.institution ?? s.institution });
  }
  return out;
}

/** Whether the speaker is the reporting outlet itself ("CPA could not independently verify"). */
function isReporter(speaker: Speaker, outlet: string | null): boolean {
  if (outlet === null || speaker.name === null) return false;
  const name = fold(speaker.name)
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .trim();
  const o = fold(outlet).replace(/^the /u, '').trim();
  const initials = o
    .split(/\s+/u)
    .map((w) => w[0] ?? '')
    .join('');
  return name === o || name === initials || (fold(outlet).includes(name) && name.length > 3);
}

/**
 * Whether a place may constrain clustering (two units naming places, none in common, never cluster): a
 * town or region the gazetteer located. Countries say little about where an event happened; point places
 * (a street, a site: "Mill Road") lie inside the town the report is about; names the gazetteer lacks
 * (no coordinates) vary from report to report ("near the village of Orlivka" in one, "Kestrava" in
 * another). These count as words and names of the content instead.
 */
function blockingPlace(p: Extraction['places'][number]): boolean {
  return p.lat !== null && p.granularity !== 'country' && p.granularity !== 'point';
}

function mainPlace(extraction: Extraction): string | null {
  let best: { name: string; count: number; first: number } | null = null;
  for (const p of extraction.places) {
    if (!blockingPlace(p)) continue;
    const count = p.mentions.length;
    const first = Math.min(...p.mentions.map((m) => m[0]), Number.MAX_SAFE_INTEGER);
    if (best === null || count > best.count || (count === best.count && first < best.first)) {
      best = { name: p.name, count, first };
    }
  }
  return best === null ? null : fold(best.name);
}

function toUnitFigure(f: Figure, blockingNames: ReadonlySet<string>): UnitFigure {
  return {
    start: f.start,
    end: f.end,
    text: f.text,
    min: f.min,
    max: f.max,
    approx: f.approx,
    counts: f.counts,
    // Figures are compared per place only where the place is one clustering trusts (`blockingPlace`).
    place: f.place !== null && blockingNames.has(fold(f.place)) ? f.place : null,
    qualifier: f.qualifier ?? null,
    date: f.date ?? null,
  };
}

/**
 * Event types that one allegation may mix: killings reported as an attack or as executions, bodies
 * concealed after killings, detention leading to torture. Unrelated types never cluster together.
 */
const RELATED_TYPES: readonly (readonly [EventType, EventType])[] = [
  ['killing_of_civilians', 'execution'],
  ['killing_of_civilians', 'attack_on_civilians'],
  ['killing_of_civilians', 'concealment_of_evidence'],
  ['execution', 'concealment_of_evidence'],
  ['attack_on_civilians', 'destruction_of_property'],
  ['enforced_disappearance_detention', 'deportation_forced_transfer'],
  ['enforced_disappearance_detention', 'torture_ill_treatment'],
  ['torture_ill_treatment', 'execution'],
];

/** Whether any type of `a` equals or is related to any type of `b`. */
export function typesRelated(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) =>
    b.some((y) => x === y || RELATED_TYPES.some(([p, q]) => (p === x && q === y) || (p === y && q === x))),
  );
}

/** Event types related to `type` (see {@link RELATED_TYPES}), itself excluded. */
function relatedTypes(type: string): string[] {
  const out: string[] = [];
  for (const [p, q] of RELATED_TYPES) {
    if (p === type) out.push(q);
    else if (q === type) out.push(p);
  }
  return out;
}

/**
 * Blocking keys of a unit, as stored: `T:type|place` for typed units, `N:name|place` for every unit, and
 * `P:place` for claims and for untyped responses and context (so these still meet the claims of their
 * place). Related types are not stored: {@link lookupKeys} expands them when looking candidates up, so
 * a unit writes one `T:` key per type and place instead of one per related pair. Claims meet claims only
 * through `T:` keys; responses and context meet claims through any key (see `comparable` in `cluster.ts`).
 */
export function blockingKeys(
  types: readonly string[],
  places: readonly string[],
  names: readonly string[],
  withPlace = true,
): string[] {
  const ps = places.length > 0 ? places : ['?'];
  const keys = new Set<string>();
  for (const p of ps) {
    if (withPlace) keys.add(`P:${p}`);
    for (const t of types) keys.add(`T:${t}|${p}`);
    for (const n of names) if (n !== p) keys.add(`N:${n}|${p}`);
  }
  return [...keys].sort();
}

/**
 * The keys under which a unit finds its candidates: its own {@link blockingKeys} plus `T:related|place`
 * for every event type related to one of its types ("killing" meets "execution" at the same place).
 */
export function lookupKeys(keys: readonly string[]): string[] {
  const out = new Set(keys);
  for (const k of keys) {
    if (!k.startsWith('T:')) continue;
    const bar = k.indexOf('|');
    const place = k.slice(bar);
    for (const r of relatedTypes(k.slice(2, bar))) out.add(`T:${r}${place}`);
  }
  return [...out].sort();
}

/**
 * The units of one source. Attributions with no content are skipped; everything else becomes a unit
 * of kind `claim` (a claim stance with an event type), `response` (deny, not confirmed) or `context`.
 *
 * @example
 * const units = buildUnits({ id: 's1', published: '2025-03-11', captured: '…', outlet: null, title: null,
 *   kind: 'article', extraction });
 */
export function buildUnits(source: CaseSource): Unit[] {
  const { extraction } = source;
  const base = orderKey(source);
  const byId = new Map(extraction.attributions.map((a) => [a.id, a]));
  const typesOf = new Map<string, Set<EventType>>();
  for (const e of extraction.events) {
    for (const id of e.attributions) {
      const set = typesOf.get(id) ?? new Set<EventType>();
      if (e.type !== 'other') set.add(e.type);
      typesOf.set(id, set);
    }
  }
  const fallbackPlace = mainPlace(extraction);
  const headline = headlineEnd(extraction.document.text, source.title);
  // Place names folded once per source: the first place of each name, and the names of blocking places.
  const placeByName = new Map<string, Extraction['places'][number]>();
  for (const p of extraction.places) if (!placeByName.has(fold(p.name))) placeByName.set(fold(p.name), p);
  const blockingNames = new Set(extraction.places.filter(blockingPlace).map((p) => fold(p.name)));
  const placesOf = (a: Attribution, figures: readonly Figure[]): Set<string> => {
    const found = extraction.places.filter((p) => p.mentions.some((m) => within(m, a.content)));
    // Only located towns and regions (see `blockingPlace`); without one, the enclosing or main place applies.
    const out = new Set(found.filter(blockingPlace).map((p) => fold(p.name)));
    for (const f of figures) {
      if (f.place === null) continue;
      const known = placeByName.get(fold(f.place));
      if (known !== undefined && blockingPlace(known)) out.add(fold(f.place));
    }
    return out;
  };
  const windowOf = (a: Attribution): { start: string; end: string } | null => {
    let start: string | null = null;
    let end: string | null = null;
    for (const d of extraction.dates) {
      if (!d.mentions.some((m) => within(m, a.content))) continue;
      if (d.start !== null && (start === null || d.start < start)) start = d.start;
      const e = d.end ?? d.start;
      if (e !== null && (end === null || e > end)) end = e;
    }
    return start !== null && end !== null ? { start, end } : null;
  };
  const speakers = resolveRoleSpeakers(
    new Map(extraction.attributions.map((a) => [a.id, speakerOf(a, extraction, source)])),
  );
  const speakerFor = (a: Attribution): Speaker => speakers.get(a.id) ?? speakerOf(a, extraction, source);
  const units: Unit[] = [];
  extraction.attributions.forEach((a, index) => {
    if (a.content.length === 0) return;
    const text = a.content.map((c) => c.text).join(' … ');
    if (text.trim().length === 0) return;
    const stated = typesOf.get(a.id);
    const typeStated = stated !== undefined && stated.size > 0;
    const types = [...(typeStated ? stated : inferEventTypes(text))].sort();

    const figures = extraction.figures.filter(
      // Measures (percentages, distances: a `unit`) are not counts and are never compared with them.
      (f) =>
        (f.unit ?? null) === null &&
        (f.attribution === a.id || (f.attribution === null && within([f.start, f.end], a.content))),
    );
    // Places and dates: the content's own, else those of the enclosing attributions (a relayed
    // statement happens where and when its relay says), else the document's main place.
    let places = placesOf(a, figures);
    let window = windowOf(a);
    const ownPlaceOrDate = places.size > 0 || window !== null;
    const seenUp = new Set<string>([a.id]);
    for (
      let p = a.parent === null ? undefined : byId.get(a.parent);
      p !== undefined && (places.size === 0 || window === null);
    ) {
      if (seenUp.has(p.id)) break;
      seenUp.add(p.id);
      if (places.size === 0) places = placesOf(p, []);
      if (window === null) window = windowOf(p);
      p = p.parent === null ? undefined : byId.get(p.parent);
    }
    if (places.size === 0 && fallbackPlace !== null) places.add(fallbackPlace);

    const chain: Speaker[] = [];
    const seen = new Set<string>([a.id]);
    for (let p = a.parent === null ? undefined : byId.get(a.parent); p !== undefined;) {
      if (seen.has(p.id)) break;
      seen.add(p.id);
      chain.unshift(speakerFor(p));
      p = p.parent === null ? undefined : byId.get(p.parent);
    }

    const speaker = speakerFor(a);
    const stance = effectiveStance(a.stance, text);
    const claimStance = CLAIM_STANCES.has(stance);
    const firstContent = a.content[0]?.start ?? a.cue.start;
    const partial: Unit['partial'] = !claimStance
      ? null
      : firstContent < headline
        ? 'headline'
        : !typeStated && types.length > 0 && !ownPlaceOrDate
          ? 'fragment'
          : null;
    const kind: UnitKind = claimStance
      ? types.length > 0 &&
        !COMMENTARY.test(text) &&
        !GENERAL_PATTERN.test(text) &&
        partial !== 'headline' &&
        !(partial === 'fragment' && a.source === null)
        ? 'claim'
        : 'context'
      : 'response';
    const tokens = topicTokens(text);
    const placeList = [...places].sort();
    const names = nameTokens(text).filter((n) => !placeList.includes(n));
    const basis = a.basis.length > 0 ? [...a.basis] : inferBasis(text);
    const ref = (s: { start: number; end: number }) => ({ sourceId: source.id, start: s.start, end: s.end });
    units.push({
      id: `${source.id}#${a.id}`,
      sourceId: source.id,
      attributionId: a.id,
      order: `${base}|${String(index).padStart(5, '0')}`,
      kind,
      stance,
      quote: a.quote,
      confidence: a.confidence,
      types,
      places: placeList,
      window,
      reported: source.published,
      tokens,
      names,
      keys: blockingKeys(types, placeList, names, kind === 'claim' || types.length === 0),
      speaker,
      reporter: !OWN_PUBLICATION_KINDS.has(source.kind) && isReporter(speaker, source.outlet),
      chain,
      partial,
      parent: a.parent === null || !byId.has(a.parent) ? null : `${source.id}#${a.parent}`,
      basis,
      firstHand: FIRST_HAND.test(text),
      text,
      spans: {
        source: a.source === null ? null : ref(a.source),
        cue: ref(a.cue),
        content: a.content.map(ref),
      },
      figures: figures.map((f) => toUnitFigure(f, blockingNames)),
    });
  });
  return units;
}
