import { lookupKeys, typesRelated } from './features.ts';
import { countClass } from './figures.ts';
import { dice, fnv1a, fold, intersectionSize, topicTokens } from './text.ts';
import type { Unit } from './types.ts';

/**
 * Incremental, order-independent clustering of units into allegations.
 *
 * - Claims (a claim stance with an event type) are linked when they share a `T:` blocking key (event
 *   type and place) and their {@link similarity} reaches {@link LINK_THRESHOLD}; an allegation is a
 *   connected component of that link graph. Components are a property of the set of claims, so adding
 *   sources one by one, in any order, gives the same allegations as one full rebuild.
 * - Responses (denials, "not confirmed") and context attach to their single most similar claim (ties
 *   to the earliest) when the similarity reaches {@link ANCHOR_THRESHOLD}; they never link claims, so
 *   a denial that mentions two events cannot merge them. When new claims arrive, responses sharing a key
 *   with them are re-anchored if a new claim fits better — again the same result as a rebuild.
 * - An allegation's id is derived from its earliest claim, so rebuilds reproduce ids; when a merge
 *   brings in an earlier claim the id changes and the caller records the rename.
 */

/** Similarity from which two claims are about the same allegation. */
export const LINK_THRESHOLD = 0.36;
/** Similarity from which a response or context attaches to a claim. */
export const ANCHOR_THRESHOLD = 0.3;
/** Largest gap, in days, between two stated date windows of one allegation. */
export const MAX_GAP_DAYS = 45;

const DAY = 86_400_000;

function days(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / DAY;
}

function windowsConflict(a: Unit, b: Unit): boolean {
  if (a.window === null && b.window === null) return false;
  const wa =
    a.window ?? (a.reported === null ? null : { start: shift(a.reported, -MAX_GAP_DAYS), end: a.reported });
  const wb =
    b.window ?? (b.reported === null ? null : { start: shift(b.reported, -MAX_GAP_DAYS), end: b.reported });
  if (wa === null || wb === null) return false;
  const gap = Math.max(days(wa.end, wb.start), days(wb.end, wa.start));
  return gap > MAX_GAP_DAYS;
}

function shift(date: string, deltaDays: number): string {
  const t = Date.parse(date);
  return Number.isNaN(t) ? date : new Date(t + deltaDays * DAY).toISOString().slice(0, 10);
}

/**
 * How likely two units are to be about the same proposition, 0..~1.3. Hard constraints first: both name
 * places but none in common, or stated dates too far apart, or both typed with no type in common give 0.
 * Otherwise: Dice overlap of topic tokens, plus a little for shared names (up to three) and a shared type.
 */
export function similarity(a: Unit, b: Unit): number {
  if (a.places.length > 0 && b.places.length > 0 && intersectionSize(a.places, b.places) === 0) return 0;
  const typed = a.types.length > 0 && b.types.length > 0;
  const sharedTypes = typed ? intersectionSize(a.types, b.types) : 0;
  if (typed && sharedTypes === 0 && !typesRelated(a.types, b.types)) return 0;
  if (windowsConflict(a, b)) return 0;
  const names = intersectionSize(a.names, b.names);
  // Short statements share a concept, a name or a common word of the trade ("killed", "civilians") by
  // chance: ask for two shared specific words, or one and a shared name.
  const words = sharedWords(
    a.tokens,
    b.tokens,
    a.names.filter((n) => b.names.includes(n)),
  );
  if (words + Math.min(names, 1) < 2) return 0;
  return dice(a.tokens, b.tokens) + 0.06 * Math.min(names, 3) + (sharedTypes > 0 ? 0.08 : 0);
}

/** Stems so common in atrocity reporting that sharing them says nothing about sharing an event. */
const GENERIC = new Set([
  'kill',
  'killed',
  'civili',
  'resident',
  'soldi',
  'troop',
  'forc',
  'peopl',
  'report',
  'accus',
  'alleg',
  'offici',
  'occupation',
  'occupi',
  'war',
  'crim',
  'attack',
  'dead',
  'death',
  'least',
  'mor',
  'tu',
  'tues',
  'habitant',
  'town',
  'city',
  'village',
]);

/** Concepts of every atrocity report: sharing one says nothing about sharing an event. */
const GENERIC_CONCEPTS = new Set(['~kill', '~civilian', '~soldier', '~witness']);

function sharedWords(a: readonly string[], b: readonly string[], names: readonly string[]): number {
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x === y) {
      if (!x.startsWith('~') && !GENERIC.has(x) && !names.includes(x)) n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** What a figure counts when it counts the dead or the hurt. */
const CASUALTY_CLASSES: ReadonlySet<string> = new Set(['deaths', 'injuries']);

function countsCasualties(u: Unit): boolean {
  return u.figures.some((f) => CASUALTY_CLASSES.has(countClass(f.counts, f.text)));
}

/** A claim that says nothing beyond its casualty figures ("nine people had been killed and 22 injured"). */
function figureOnly(u: Unit): boolean {
  if (!countsCasualties(u) || u.names.length > 0) return false;
  const inFigures = new Set(u.figures.flatMap((f) => topicTokens(f.text)));
  return !u.tokens.some(
    (t) => !t.startsWith('~') && !GENERIC.has(t) && !inFigures.has(t) && !/^\p{N}+$/u.test(t),
  );
}

/** The hard constraints of {@link similarity}: places, event types and dates may not conflict. */
function compatible(a: Unit, b: Unit): boolean {
  if (a.places.length > 0 && b.places.length > 0 && intersectionSize(a.places, b.places) === 0) return false;
  if (a.types.length > 0 && b.types.length > 0 && !typesRelated(a.types, b.types)) return false;
  return !windowsConflict(a, b);
}

/**
 * Links between consecutive claims of one source that word overlap misses (a reporter's own
 * coreference): (1) a speaker going on about the same event ("two shells hit the maternity wing" … "I
 * saw the second shell"), when the next claim has the same speaker and shares a specific word; (2) a
 * claim that gives only a casualty count ("the department said nine people had been killed") right
 * after a claim that also counts casualties: the same count of the same event. Both look only at the
 * claims of one source, which always arrive together, so they keep attach order irrelevant.
 */
export function sourceLinks(claims: readonly Unit[]): (readonly [string, string])[] {
  const bySource = new Map<string, Unit[]>();
  for (const c of claims) {
    if (c.kind !== 'claim') continue;
    const list = bySource.get(c.sourceId);
    if (list === undefined) bySource.set(c.sourceId, [c]);
    else list.push(c);
  }
  const links: (readonly [string, string])[] = [];
  for (const list of bySource.values()) {
    const before = links.length;
    list.sort(byOrder);
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1] as Unit;
      const cur = list[i] as Unit;
      if (!compatible(prev, cur)) continue;
      const sameType = intersectionSize(prev.types, cur.types) > 0;
      const continues =
        (sameSpeaker(prev, cur) || sameType) && sharedWords(prev.tokens, cur.tokens, prev.places) >= 1;
      const sameCount = figureOnly(cur) && countsCasualties(prev);
      if (continues || sameCount) links.push([prev.id, cur.id]);
    }
    // A fragment no other claim of its source links to joins the claim of its source it fits best.
    if (!list.some((u) => u.partial === 'fragment')) continue;
    const linked = new Set(links.slice(before).flatMap(([a, b]) => [a, b]));
    for (const cur of list) {
      if (cur.partial !== 'fragment' || linked.has(cur.id)) continue;
      if (list.some((v) => v !== cur && similarity(cur, v) >= LINK_THRESHOLD)) continue;
      const target = partialTarget(cur, list);
      if (target !== null) links.push([target.unit, cur.id]);
    }
  }
  return links;
}

/** Score from which a headline or fragment joins a claim of its own source on concepts alone. */
export const PARTIAL_THRESHOLD = 0.15;

/**
 * How well a headline or fragment fits another claim of the same source, 0..~1.1: the hard constraints
 * of {@link similarity} (places, related types, dates), then Dice overlap of topic tokens — concept
 * tokens count here (`~bury` joins "burying its dead" and "digging trenches") — plus 0.08 for a shared
 * event type. 0 without a shared token that is specific (not a word or concept of every atrocity report:
 * "killed", `~kill`, `~civilian`).
 */
export function partialScore(a: Unit, b: Unit): number {
  if (a.sourceId !== b.sourceId || a.id === b.id || !compatible(a, b)) return 0;
  if (!a.tokens.some((t) => !GENERIC.has(t) && !GENERIC_CONCEPTS.has(t) && b.tokens.includes(t))) return 0;
  return dice(a.tokens, b.tokens) + (intersectionSize(a.types, b.types) > 0 ? 0.08 : 0);
}

function sameSpeaker(a: Unit, b: Unit): boolean {
  return a.speaker.name !== null && b.speaker.name !== null && fold(a.speaker.name) === fold(b.speaker.name);
}

/** Characters between two attributions that still read as one sentence going on ("…, citing …"). */
const ADJACENT_GAP = 20;

/** Whether `b` starts right where `a`'s content ends (or inside it): one sentence going on. */
function adjacent(a: Unit, b: Unit): boolean {
  const end = Math.max(...a.spans.content.map((c) => c.end));
  const start = Math.min(
    b.spans.cue.start,
    b.spans.source?.start ?? Number.POSITIVE_INFINITY,
    ...b.spans.content.map((c) => c.start),
  );
  return start - end <= ADJACENT_GAP && start >= Math.min(...a.spans.content.map((c) => c.start));
}

/**
 * The claim of the same source a headline or fragment joins, in order of evidence: (1) the best
 * {@link partialScore} among claims sharing a specific word with it; else (2) the nearest claim before it
 * by the same speaker (a quote going on about what the speaker just said) or ending right where it
 * starts ("nine people had been killed, citing its own count of the dead"), if compatible; else (3) the
 * best {@link partialScore} from {@link PARTIAL_THRESHOLD} (shared concepts). Ties go to the earliest
 * claim; null when nothing fits. `sameSource` are the claims of the unit's source.
 */
export function partialTarget(u: Unit, sameSource: readonly Unit[]): { unit: string; score: number } | null {
  const claims = sameSource
    .filter((v) => v.kind === 'claim' && v.id !== u.id && v.sourceId === u.sourceId)
    .sort((a, b) => (earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0));
  const best = (pool: readonly Unit[], min: number): { unit: string; score: number } | null => {
    let out: { unit: string; score: number } | null = null;
    for (const v of pool) {
      const score = partialScore(u, v);
      if (score > min && (out === null || score > out.score)) out = { unit: v.id, score };
    }
    return out;
  };
  const worded = best(
    claims.filter((v) => sharedWords(u.tokens, v.tokens, u.places) > 0),
    0,
  );
  if (worded !== null) return worded;
  const before = claims
    .filter((v) => earlier(v, u) && (sameSpeaker(u, v) || adjacent(v, u)) && compatible(u, v))
    .at(-1);
  if (before !== undefined) return { unit: before.id, score: partialScore(u, before) };
  return best(claims, PARTIAL_THRESHOLD - Number.EPSILON);
}

/**
 * Whether two units may be compared: claims meeting through a `T:` key (same or related type, same place),
 * or a claim and another unit meeting through any key. `aLookup` is `lookupKeys(a.keys)`, when known.
 */
export function comparable(a: Unit, b: Unit, aLookup: readonly string[] = lookupKeys(a.keys)): boolean {
  if (a.kind === 'claim' && b.kind === 'claim') {
    return aLookup.some((k) => k.startsWith('T:') && b.keys.includes(k));
  }
  if (a.kind !== 'claim' && b.kind !== 'claim') return false;
  return aLookup.some((k) => b.keys.includes(k));
}

/** A stable allegation id from its earliest claim's unit id. */
export function allegationId(firstUnitId: string): string {
  return `al-${fnv1a(firstUnitId).toString(16).padStart(8, '0')}${fnv1a(firstUnitId, 0x9747b28c).toString(16).padStart(8, '0')}`;
}

/** A unit already clustered, as the caller loads it for {@link attachUnits}. */
export interface IndexedUnit {
  readonly unit: Unit;
  /** Its allegation (claims always; responses when anchored). */
  readonly allegation: string | null;
  /** For claims: the earliest claim of its allegation. */
  readonly first: { readonly id: string; readonly order: string } | null;
  /** For responses and context: the claim it is attached to and how well it fits. */
  readonly anchor: { readonly unit: string; readonly score: number } | null;
}

/** What {@link attachUnits} decided. */
export interface AttachResult {
  /** Allegation of every incoming unit and of every existing unit whose allegation changed. */
  readonly allegationOf: ReadonlyMap<string, string | null>;
  /** Anchors of incoming responses/context and of re-anchored existing ones. */
  readonly anchors: ReadonlyMap<string, { readonly unit: string; readonly score: number } | null>;
  /** Existing allegation ids merged into another (old → new). */
  readonly renames: ReadonlyMap<string, string>;
  /** The earliest claim of every allegation created or changed. */
  readonly firsts: ReadonlyMap<string, { readonly id: string; readonly order: string }>;
}

function earlier(a: { id: string; order: string }, b: { id: string; order: string }): boolean {
  return a.order < b.order || (a.order === b.order && a.id < b.id);
}

/**
 * Attaches incoming units to a case. `existing` must hold every stored unit that shares a blocking key
 * with an incoming one (the caller's index lookup); nothing else is needed. With `existing` empty and all
 * of a case's units incoming, this is the full rebuild.
 *
 * @example
 * const result = attachUnits([], units); // rebuild
 */
export function attachUnits(existing: readonly IndexedUnit[], incoming: readonly Unit[]): AttachResult {
  const sorted = [...incoming].sort(byOrder);
  const byKey = new Map<string, Unit[]>();
  function add(u: Unit) {
    for (const k of u.keys) {
      const list = byKey.get(k);
      if (list === undefined) byKey.set(k, [u]);
      else list.push(u);
    }
  }
  const existingById = new Map(existing.map((e) => [e.unit.id, e]));
  for (const e of existing) add(e.unit);
  for (const u of sorted) add(u);

  const incomingById = new Map(sorted.map((u) => [u.id, u]));
  function candidatesOf(u: Unit): Unit[] {
    const seen = new Set<string>([u.id]);
    const out: Unit[] = [];
    const lookup = lookupKeys(u.keys);
    // A claim meets other claims only through `T:` keys (see `comparable`); callers here want claims.
    for (const k of u.kind === 'claim' ? lookup.filter((x) => x.startsWith('T:')) : lookup) {
      for (const v of byKey.get(k) ?? []) {
        if (seen.has(v.id)) continue;
        seen.add(v.id);
        if (comparable(u, v, lookup)) out.push(v);
      }
    }
    return out;
  }

  // Union-find over allegation nodes: existing allegations are nodes `a:<id>`, new claims `u:<id>`.
  const parent = new Map<string, string>();
  function find(x: string): string {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
    let cur = x;
    while (cur !== root) {
      const next = parent.get(cur) as string;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  }
  function union(x: string, y: string) {
    if (!parent.has(x)) parent.set(x, x);
    if (!parent.has(y)) parent.set(y, y);
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent.set(rx < ry ? ry : rx, rx < ry ? rx : ry);
  }
  const nodes = new Map<string, string>();
  function nodeOf(u: Unit): string {
    let node = nodes.get(u.id);
    if (node === undefined) {
      const e = existingById.get(u.id);
      node = e !== undefined && e.allegation !== null ? `a:${e.allegation}` : `u:${u.id}`;
      nodes.set(u.id, node);
    }
    return node;
  }

  const newClaims = sorted.filter((u) => u.kind === 'claim');
  for (const u of newClaims) {
    const node = `u:${u.id}`;
    parent.set(node, node);
    for (const v of candidatesOf(u)) {
      if (v.kind !== 'claim') continue;
      // A link inside one component changes nothing (components are all that links decide), so the
      // similarity of a pair already connected is not computed.
      const other = nodeOf(v);
      if (parent.has(other) && find(node) === find(other)) continue;
      if (similarity(u, v) >= LINK_THRESHOLD) union(node, other);
    }
  }

  for (const [a, b] of sourceLinks(newClaims)) union(`u:${a}`, `u:${b}`);

  // Earliest claim per component.
  const firstOf = new Map<string, { id: string; order: string }>();
  function consider(node: string, cand: { id: string; order: string }) {
    const root = find(node);
    const cur = firstOf.get(root);
    if (cur === undefined || earlier(cand, cur)) firstOf.set(root, cand);
  }
  for (const e of existing)
    if (e.allegation !== null && e.first !== null) consider(`a:${e.allegation}`, e.first);
  for (const u of newClaims) consider(`u:${u.id}`, { id: u.id, order: u.order });

  const allegationOf = new Map<string, string | null>();
  const renames = new Map<string, string>();
  const firsts = new Map<string, { id: string; order: string }>();
  const ids = new Map<string, string>();
  function idOfNode(node: string): string {
    const first = firstOf.get(find(node));
    const key = first === undefined ? node : first.id;
    let id = ids.get(key);
    if (id === undefined) {
      id = allegationId(key);
      ids.set(key, id);
    }
    return id;
  }
  for (const u of newClaims) {
    const id = idOfNode(`u:${u.id}`);
    allegationOf.set(u.id, id);
    firsts.set(id, firstOf.get(find(`u:${u.id}`)) ?? { id: u.id, order: u.order });
  }
  for (const e of existing) {
    if (e.allegation === null || !parent.has(`a:${e.allegation}`)) continue;
    const id = idOfNode(`a:${e.allegation}`);
    if (id !== e.allegation) renames.set(e.allegation, id);
    firsts.set(id, firstOf.get(find(`a:${e.allegation}`)) ?? (e.first as { id: string; order: string }));
  }
  function allegationOfClaim(claimId: string): string | null {
    const assigned = allegationOf.get(claimId);
    if (assigned !== undefined) return assigned;
    const e = existingById.get(claimId);
    if (e === undefined || e.allegation === null) return null;
    return renames.get(e.allegation) ?? e.allegation;
  }

  // Anchors: incoming responses against every comparable claim; existing responses against new claims.
  const anchors = new Map<string, { unit: string; score: number } | null>();
  function better(score: number, claim: Unit, cur: { unit: string; score: number } | null): boolean {
    if (score < ANCHOR_THRESHOLD) return false;
    if (cur === null || score > cur.score) return true;
    if (score < cur.score) return false;
    const curUnit = existingById.get(cur.unit)?.unit ?? incomingById.get(cur.unit);
    return curUnit === undefined || earlier(claim, curUnit);
  }
  const bySource = new Map<string, Unit[]>();
  for (const u of newClaims) {
    const list = bySource.get(u.sourceId);
    if (list === undefined) bySource.set(u.sourceId, [u]);
    else list.push(u);
  }
  for (const u of sorted) {
    if (u.kind === 'claim') continue;
    if (u.partial !== null) {
      // A headline, or a fragment nobody is said to have stated, belongs to its own report only.
      const target = partialTarget(u, bySource.get(u.sourceId) ?? []);
      anchors.set(u.id, target);
      allegationOf.set(u.id, target === null ? null : allegationOfClaim(target.unit));
      continue;
    }
    let best: { unit: string; score: number } | null = null;
    for (const v of candidatesOf(u)) {
      if (v.kind !== 'claim') continue;
      const s = similarity(u, v);
      if (better(s, v, best)) best = { unit: v.id, score: s };
    }
    anchors.set(u.id, best);
    allegationOf.set(u.id, best === null ? null : allegationOfClaim(best.unit));
  }
  // Existing responses meet only the incoming claims here (they were compared with the others before).
  const newClaimsByKey = new Map<string, Unit[]>();
  for (const u of newClaims) {
    for (const k of u.keys) {
      const list = newClaimsByKey.get(k);
      if (list === undefined) newClaimsByKey.set(k, [u]);
      else list.push(u);
    }
  }
  for (const e of existing) {
    if (e.unit.kind === 'claim' || e.unit.partial !== null) continue;
    let best = e.anchor;
    let changed = false;
    const lookup = lookupKeys(e.unit.keys);
    const seen = new Set<string>();
    for (const k of lookup) {
      for (const v of newClaimsByKey.get(k) ?? []) {
        if (seen.has(v.id)) continue;
        seen.add(v.id);
        if (existingById.has(v.id) || !comparable(e.unit, v, lookup)) continue;
        const s = similarity(e.unit, v);
        if (better(s, v, best)) {
          best = { unit: v.id, score: s };
          changed = true;
        }
      }
    }
    if (changed) {
      anchors.set(e.unit.id, best);
      allegationOf.set(e.unit.id, best === null ? null : allegationOfClaim(best.unit));
    }
  }
  return { allegationOf, anchors, renames, firsts };
}

function byOrder(a: { id: string; order: string }, b: { id: string; order: string }): number {
  return earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0;
}
