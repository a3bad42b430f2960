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
  ['killing_of_civilians', /\b(kill(?:ed|ing|s)?|slain|massacre\w*|murder\w*|dead|deaths?|died|tu[ée]s?|morts?)\b/iu],
  [
    'concealment_of_evidence',
    /\b(cover(?:ing|ed)?[- ]up|conceal\w*|hid(?:e|ing|den)|crematori\w*|incinerat\w*|bur(?:y|ied|ying|ial)\b|mass graves?|trenches|cleaning up|charnier|enterr\w*|exhum\w*)/iu,
  ],
  ['attack_on_civilians', /\b(shell(?:s|ed|ing)?|struck|strikes?|bomb\w*|artillery|missiles?|air ?strikes?|obus|frapp\w*)\b/iu],
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

function within(mention: readonly [number, number], spans: readonly { start: number; end: number }[]): boolean {
  return spans.some((s) => mention[0] >= s.start && mention[1] <= s.end);
}

function speakerOf(a: Attribution, extraction: Extraction): Speaker {
  const actorId = a.source?.actor ?? null;
  const actor = actorId === null ? undefined : extraction.actors.find((x) => x.id === actorId);
  const caseActor = actor !== undefined && 'caseActor' in actor ? (actor as { caseActor?: unknown }).caseActor : null;
  return {
    name: actor?.name ?? a.source?.text ?? null,
    type: actor?.type ?? null,
    role: actor?.role ?? null,
    affiliation: actor?.affiliation ?? null,
    caseActor: typeof caseActor === 'string' ? caseActor : null,
  };
}

function mainPlace(extraction: Extraction): string | null {
  let best: { name: string; count: number; first: number } | null = null;
  for (const p of extraction.places) {
    const count = p.mentions.length;
    const first = Math.min(...p.mentions.map((m) => m[0]), Number.MAX_SAFE_INTEGER);
    if (best === null || count > best.count || (count === best.count && first < best.first)) {
      best = { name: p.name, count, first };
    }
  }
  return best === null ? null : fold(best.name);
}

function toUnitFigure(f: Figure): UnitFigure {
  return {
    start: f.start,
    end: f.end,
    text: f.text,
    min: f.min,
    max: f.max,
    approx: f.approx,
    counts: f.counts,
    place: f.place,
    qualifier: f.qualifier ?? null,
    date: f.date ?? null,
  };
}

/** Blocking keys of a unit: `T:type|place` for typed units, `N:name|place` for every unit. */
export function blockingKeys(types: readonly string[], places: readonly string[], names: readonly string[]): string[] {
  const ps = places.length > 0 ? places : ['?'];
  const keys = new Set<string>();
  for (const p of ps) {
    for (const t of types) keys.add(`T:${t}|${p}`);
    for (const n of names) if (n !== p) keys.add(`N:${n}|${p}`);
  }
  return [...keys].sort();
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
  const units: Unit[] = [];
  extraction.attributions.forEach((a, index) => {
    if (a.content.length === 0) return;
    const text = a.content.map((c) => c.text).join(' … ');
    if (text.trim().length === 0) return;
    const stated = typesOf.get(a.id);
    const types = [...(stated !== undefined && stated.size > 0 ? stated : inferEventTypes(text))].sort();

    const places = new Set<string>();
    for (const p of extraction.places) if (p.mentions.some((m) => within(m, a.content))) places.add(fold(p.name));
    const figures = extraction.figures.filter(
      (f) => f.attribution === a.id || (f.attribution === null && within([f.start, f.end], a.content)),
    );
    for (const f of figures) if (f.place !== null) places.add(fold(f.place));
    if (places.size === 0 && fallbackPlace !== null) places.add(fallbackPlace);

    let windowStart: string | null = null;
    let windowEnd: string | null = null;
    for (const d of extraction.dates) {
      if (!d.mentions.some((m) => within(m, a.content))) continue;
      if (d.start !== null && (windowStart === null || d.start < windowStart)) windowStart = d.start;
      const end = d.end ?? d.start;
      if (end !== null && (windowEnd === null || end > windowEnd)) windowEnd = end;
    }

    const chain: Speaker[] = [];
    const seen = new Set<string>([a.id]);
    for (let p = a.parent === null ? undefined : byId.get(a.parent); p !== undefined; ) {
      if (seen.has(p.id)) break;
      seen.add(p.id);
      chain.unshift(speakerOf(p, extraction));
      p = p.parent === null ? undefined : byId.get(p.parent);
    }

    const kind: UnitKind = CLAIM_STANCES.has(a.stance) ? (types.length > 0 ? 'claim' : 'context') : 'response';
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
      stance: a.stance,
      quote: a.quote,
      confidence: a.confidence,
      types,
      places: placeList,
      window: windowStart !== null && windowEnd !== null ? { start: windowStart, end: windowEnd } : null,
      reported: source.published,
      tokens,
      names,
      keys: blockingKeys(kind === 'claim' ? types : [], placeList, names),
      speaker: speakerOf(a, extraction),
      chain,
      parent: a.parent === null || !byId.has(a.parent) ? null : `${source.id}#${a.parent}`,
      basis,
      firstHand: FIRST_HAND.test(text),
      text,
      spans: {
        source: a.source === null ? null : ref(a.source),
        cue: ref(a.cue),
        content: a.content.map(ref),
      },
      figures: figures.map(toUnitFigure),
    });
  });
  return units;
}
