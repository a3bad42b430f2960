import type { Basis } from '../extract/types.ts';
import { fold } from './text.ts';
import type { OriginGroup, Speaker, Unit } from './types.ts';

/**
 * Origin groups: supporting attributions that trace back to one origin count once. Rules, in order
 * (docs/ALLEGATIONS.md, "Origin groups"):
 * 1. An attribution's origin is the innermost *named* speaker of its citation chain (outlet → council →
 *    witnesses: the witnesses are anonymous, so the origin is the council relaying them).
 * 2. A person speaking for an institution (a mayor, a spokesman, a director) counts as that institution,
 *    and local-government words are dropped ("Kestrava Town Council" and "Mayor … of Kestrava" are both
 *    `kestrava`) — unless the person reports their own observation ("I saw"), which is separate.
 * 3. A nested attribution and the one that relays it are one origin.
 * 4. Copies of a source carry the same speakers, so they land in the same groups.
 * Units with no named speaker at all are the reporting outlet's own origin (one per original source).
 */

const ANONYMOUS =
  /^(?:(?:the|a|an|some|several|many|two|three|local|other|its|their|his|her|our|unnamed|anonymous)\s+)*(?:(?:eye)?witness(?:es)?|residents?|locals?|survivors?|sources?|people|officials|families|neighbou?rs|villagers|refugees|civilians|reports?|staff|accounts?|habitants?|témoins?|it|they|he|she|who|which|that|undefined|(?:\w+\s+)?(?:investigators|experts|analysts|examination|imagery|images|footage|photographs|documents|records|findings|data|evidence|analysis|team))\b/iu;
const LOCAL_GOVERNMENT =
  /\b(town|city|municipal|village|district|regional)?\s*(council|municipality|city hall|town hall|mayor'?s office|administration|authorities)\b/giu;
const INVESTIGATIVE =
  /\b(institute|commission|mission|monitor\w*|investigat\w*|forensic|watch|amnesty|court|tribunal|prosecutor|inquiry|ombuds\w*|united nations|u\.n\.|ohchr|red cross|icrc|laboratory)\b/iu;
const PARTY_TYPES = new Set(['government', 'state_body', 'armed_forces']);
const EVIDENCE: ReadonlySet<Basis> = new Set<Basis>(['forensic', 'documents', 'imagery', 'investigation']);

/**
 * Results of the string work on speakers (folding, regexes) for one grouping: an allegation names the
 * same few speakers in many units, and grouping is redone every time the allegation changes.
 */
interface SpeakerMemo {
  readonly surnames: Map<string, string>;
  readonly keys: Map<string, string | null>;
  /** Whether a speaker name (with no institution) is anonymous. */
  readonly anonymous: Map<string, boolean>;
}

function newMemo(): SpeakerMemo {
  return { surnames: new Map(), keys: new Map(), anonymous: new Map() };
}

function memoAnonymous(s: Speaker, memo: SpeakerMemo): boolean {
  if (s.name === null || s.institution !== null) return isAnonymous(s);
  let out = memo.anonymous.get(s.name);
  if (out === undefined) {
    out = isAnonymous(s);
    memo.anonymous.set(s.name, out);
  }
  return out;
}

function memoSurname(name: string, memo: SpeakerMemo): string {
  let out = memo.surnames.get(name);
  if (out === undefined) {
    out = surname(name);
    memo.surnames.set(name, out);
  }
  return out;
}

/** A normalised organisation name: folded, no leading article, local-government words dropped. */
export function organisationKey(name: string): string {
  const cleaned = fold(name)
    .replace(/^the\s+/u, '')
    .replace(LOCAL_GOVERNMENT, ' ')
    .replace(/[’']s\b/gu, '')
    .replace(/\b(of|the)\b/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return cleaned.length > 0 ? cleaned : fold(name).trim();
}

function isAnonymous(s: Speaker): boolean {
  return s.name === null || (ANONYMOUS.test(s.name.trim()) && s.institution === null);
}

function surname(name: string): string {
  const parts = fold(name)
    .split(/\s+/u)
    .filter((p) => p.length > 1);
  return parts[parts.length - 1] ?? fold(name);
}

/** The origin key of one speaker, or null when anonymous. `personOrg` maps surnames to institutions. */
export function speakerKey(
  s: Speaker,
  personOrg: ReadonlyMap<string, string>,
  memo: SpeakerMemo = newMemo(),
): string | null {
  // Everything below depends on these fields and `personOrg` only, which is fixed for one memo.
  const id = [s.name, s.institution, s.type, s.caseActor]
    .map((v) => (v === null ? '\u0001' : v))
    .join('\u0000');
  const known = memo.keys.get(id);
  if (known !== undefined) return known;
  const key = computeSpeakerKey(s, personOrg);
  memo.keys.set(id, key);
  return key;
}

function computeSpeakerKey(s: Speaker, personOrg: ReadonlyMap<string, string>): string | null {
  if (isAnonymous(s) || s.name === null) return null;
  if (s.institution !== null) return `org:${organisationKey(s.institution)}`;
  const isPerson =
    s.type === 'person' ||
    (s.type === null && /^\p{Lu}\p{Ll}+\s+\p{Lu}/u.test(s.name) && !INVESTIGATIVE.test(s.name));
  if (isPerson) {
    const mapped = personOrg.get(surname(s.name));
    if (mapped !== undefined) return mapped;
    return `person:${s.caseActor ?? surname(s.name)}`;
  }
  return `org:${organisationKey(s.name)}`;
}

/** Whether a speaker is an independent investigative body rather than a party. */
export function isInvestigative(s: Speaker): boolean {
  if (s.name === null || isAnonymous(s)) return false;
  if (s.institution !== null) return INVESTIGATIVE.test(s.institution);
  if (s.type !== null && (PARTY_TYPES.has(s.type) || s.type === 'group' || s.type === 'person')) return false;
  return s.type === 'international_body' || INVESTIGATIVE.test(s.name);
}

/** Evidence bases (documentary, forensic, imagery, investigation) among a unit's stated bases. */
export function evidenceOf(unit: Unit): Basis[] {
  return unit.basis.filter((b) => EVIDENCE.has(b));
}

/** Surname → institution key for every person in `units` who speaks for an institution. */
export function personInstitutions(units: readonly Unit[]): Map<string, string> {
  const map = new Map<string, string>();
  const sorted = [...units].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  for (const u of sorted) {
    for (const s of [...u.chain, u.speaker]) {
      if (s.name === null || s.institution === null || s.type !== 'person') continue;
      const key = surname(s.name);
      if (!map.has(key)) map.set(key, `org:${organisationKey(s.institution)}`);
    }
  }
  return map;
}

/** The origin key of a supporting unit (rules 1, 2 and 4); `copyRoot` maps copies to their original. */
export function originKey(
  unit: Unit,
  personOrg: ReadonlyMap<string, string>,
  copyRoot: (sourceId: string) => string,
  observers: ReadonlySet<string> = new Set(),
  memo: SpeakerMemo = newMemo(),
): string {
  const name = unit.speaker.name;
  if (
    observers.size > 0 &&
    name !== null &&
    observers.has(memoSurname(name, memo)) &&
    !isAnonymous(unit.speaker)
  ) {
    return `witness:${memoSurname(name, memo)}`;
  }
  // The reporting outlet quoted as a speaker ("KESTRAVA (CPA) — investigators said") only relays.
  if (!unit.reporter) {
    const key = speakerKey(unit.speaker, personOrg, memo);
    if (key !== null) return key;
  }
  for (let i = unit.chain.length - 1; i >= 0; i--) {
    const key = speakerKey(unit.chain[i] as Speaker, personOrg, memo);
    if (key !== null) return key;
  }
  return `outlet:${copyRoot(unit.sourceId)}`;
}

/**
 * Groups supporting units by origin. Returns the groups (ordered by their earliest member) and the
 * group id of every unit. Group ids are `g1`, `g2`, … in that order.
 */
export function groupOrigins(
  units: readonly Unit[],
  copyRoot: (sourceId: string) => string,
  outletOf: (sourceId: string) => string | null,
  related: readonly Unit[] = units,
): { groups: OriginGroup[]; groupOf: Map<string, string> } {
  const sorted = [...units].sort((a, b) =>
    a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1,
  );
  // Who speaks for which institution is learnt from every attribution of the allegation, not only supporters.
  const personOrg = personInstitutions(related);
  const memo = newMemo();
  // People who report their own observation anywhere in the allegation are their own origin (rule 2).
  const observers = new Set(
    sorted
      .filter((u) => u.firstHand && u.speaker.name !== null && !isAnonymous(u.speaker))
      .map((u) => surname(u.speaker.name ?? '')),
  );
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while ((parent.get(r) ?? r) !== r) r = parent.get(r) as string;
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const keyOf = new Map<string, string>();
  for (const u of sorted) {
    const key = originKey(u, personOrg, copyRoot, observers, memo);
    keyOf.set(u.id, key);
    if (!parent.has(key)) parent.set(key, key);
  }
  const ids = new Set(sorted.map((u) => u.id));
  for (const u of sorted) {
    if (u.parent !== null && ids.has(u.parent))
      union(keyOf.get(u.parent) as string, keyOf.get(u.id) as string);
  }
  // An unnamed speaker ("investigators said", "satellite imagery showed") in a source that names a
  // supporter of the same allegation is most likely that supporter's finding, reported: one origin.
  // When no supporter of that source is named, a named speaker of the same source elsewhere in the
  // allegation (context, a response) whose origin already supports it from another source is the one
  // cited: a wire story on an institute's findings joins the institute's origin.
  const namedBySource = new Map<string, Unit>();
  for (const u of sorted) {
    if (!namedBySource.has(u.sourceId) && !(keyOf.get(u.id) as string).startsWith('outlet:'))
      namedBySource.set(u.sourceId, u);
  }
  const citedBySource = new Map<string, string[]>();
  for (const v of related) {
    if (ids.has(v.id) || v.reporter) continue;
    const key = originKey(v, personOrg, copyRoot, new Set(), memo);
    if (key.startsWith('outlet:') || !parent.has(key)) continue;
    const list = citedBySource.get(v.sourceId) ?? [];
    if (!list.includes(key)) list.push(key);
    citedBySource.set(v.sourceId, list);
  }
  for (const u of sorted) {
    const key = keyOf.get(u.id) as string;
    if (!key.startsWith('outlet:')) continue;
    const named = namedBySource.get(u.sourceId);
    if (named !== undefined) {
      union(keyOf.get(named.id) as string, key);
      continue;
    }
    const cited = citedBySource.get(u.sourceId) ?? [];
    if (cited.length === 1) union(cited[0] as string, key);
  }

  const byRoot = new Map<string, Unit[]>();
  for (const u of sorted) {
    const root = find(keyOf.get(u.id) as string);
    const list = byRoot.get(root);
    if (list === undefined) byRoot.set(root, [u]);
    else list.push(u);
  }
  const groups: OriginGroup[] = [];
  const groupOf = new Map<string, string>();
  for (const members of byRoot.values()) {
    const id = `g${groups.length + 1}`;
    for (const m of members) groupOf.set(m.id, id);
    const named: string[] = [];
    const relayed: string[] = [];
    for (const m of members) {
      for (const s of m.reporter ? m.chain : [...m.chain, m.speaker]) {
        if (s.name === null) continue;
        const target = memoAnonymous(s, memo) ? relayed : named;
        if (!target.includes(s.name)) target.push(s.name);
      }
    }
    const first = members[0] as Unit;
    let label = named.slice(0, 3).join(' + ');
    if (label === '')
      label = `${outletOf(copyRoot(first.sourceId)) ?? 'the reporting outlet'} (own reporting)`;
    if (relayed.length > 0) label += ` (relaying ${relayed.slice(0, 2).join(', ')})`;
    const sources = [...new Set(members.map((m) => m.sourceId))];
    const evidence = [...new Set(members.flatMap(evidenceOf))].sort();
    groups.push({
      id,
      label,
      investigative: members.some((m) => isInvestigative(m.speaker)),
      evidence,
      members: members.map((m) => m.id),
      sources,
      echoes: sources.length - 1,
    });
  }
  return { groups, groupOf };
}
