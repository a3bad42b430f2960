import type { EventType } from '../extract/types.ts';
import { compareFigures } from './figures.ts';
import { groupOrigins, isInvestigative } from './origins.ts';
import {
  STATUS_LABELS,
  type Allegation,
  type AllegationMember,
  type AllegationStatus,
  type MemberRole,
  type OriginGroup,
  type Reason,
  type SpanRef,
  type StatusLevel,
  type Unit,
} from './types.ts';

/**
 * Assessment of one allegation from its member units: roles, origin groups, the status on the ladder
 * with plain-language reasons linked to spans, the canonical statement and the figure comparison.
 * Pure and cheap (well under a millisecond for a typical allegation): it is re-run whenever a member,
 * a copy relation or a neighbouring source changes.
 */

/** What the assessment needs to know about the case beyond the members themselves. */
export interface AssessContext {
  /** The original a source is a near-duplicate copy of, or null for an original. */
  copyOf(sourceId: string): string | null;
  /** The outlet of a source, for labels. */
  outletOf(sourceId: string): string | null;
}

function roleOf(u: Unit): MemberRole {
  if (u.kind === 'context') return 'context';
  // A news organisation quoted as a speaker relays; it is not an origin ("Reporting by the … agency").
  if (u.speaker.type === 'media' && u.stance !== 'deny' && u.stance !== 'not_confirmed') return 'context';
  if (u.stance === 'deny') return 'deny';
  if (u.stance === 'not_confirmed') return u.reporter ? 'context' : 'not_confirmed';
  if (u.stance === 'confirm') return 'confirm';
  if (
    isInvestigative(u.speaker) &&
    u.basis.some((b) => b === 'forensic' || b === 'documents' || b === 'imagery')
  ) {
    return 'confirm';
  }
  return 'support';
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function spanOf(u: Unit): SpanRef {
  return u.spans.content[0] ?? u.spans.cue;
}

function speakerLabel(u: Unit): string {
  return u.speaker.name ?? 'an unnamed source';
}

function mostFrequent<T extends string>(values: readonly T[]): T | null {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | null = null;
  for (const [v, n] of counts) {
    if (best === null || n > (counts.get(best) ?? 0) || (n === counts.get(best) && v < best)) best = v;
  }
  return best;
}

/**
 * Assesses one allegation. `units` are its members (claims, anchored responses and context);
 * `generalDenials` are unanchored denials from the sources of its claims, shown as disputing context.
 *
 * @example
 * const allegation = assessAllegation('al-…', units, [], { copyOf: () => null, outletOf: () => null });
 * allegation.status.label; // 'single-origin claim'
 */
export function assessAllegation(
  id: string,
  units: readonly Unit[],
  generalDenials: readonly Unit[],
  context: AssessContext,
): Allegation {
  const sorted = [...units].sort((a, b) =>
    a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1,
  );
  const copyRoot = (sourceId: string): string => context.copyOf(sourceId) ?? sourceId;
  const isCopy = (sourceId: string): boolean => context.copyOf(sourceId) !== null;
  const roles = new Map(sorted.map((u) => [u.id, roleOf(u)]));
  const isSupporter = (u: Unit): boolean => {
    const r = roles.get(u.id);
    return r === 'support' || r === 'confirm';
  };
  // An origin none of whose statements rests on anything (no stated basis, no first-hand observation,
  // no relayed witnesses, no figure of its own) adds an opinion, not an origin, when another origin does state what it rests
  // on: its members are shown as context (docs/ALLEGATIONS.md, "Origin groups").
  const outlet = (sourceId: string): string | null => context.outletOf(sourceId);
  const first = groupOrigins(sorted.filter(isSupporter), copyRoot, outlet, sorted);
  const byId = new Map(sorted.map((u) => [u.id, u]));
  const grounded = (g: OriginGroup): boolean =>
    g.members.some((id) => {
      const u = byId.get(id);
      return (
        u !== undefined &&
        (u.basis.length > 0 || u.firstHand || isInvestigative(u.speaker) || u.figures.length > 0)
      );
    });
  if (first.groups.some(grounded)) {
    for (const g of first.groups) if (!grounded(g)) for (const id of g.members) roles.set(id, 'context');
  }
  const supporters = sorted.filter(isSupporter);
  const { groups, groupOf } = groupOrigins(supporters, copyRoot, outlet, sorted);

  const memberIds = new Set(sorted.map((u) => u.id));
  const general = generalDenials.filter((u) => !memberIds.has(u.id));
  const members: AllegationMember[] = [...sorted, ...general].map((u) => {
    const isGeneral = !memberIds.has(u.id);
    return {
      unitId: u.id,
      sourceId: u.sourceId,
      attributionId: u.attributionId,
      role: isGeneral ? 'context' : (roles.get(u.id) as MemberRole),
      stance: u.stance,
      speaker: u.speaker.name,
      text: u.text,
      originGroup: groupOf.get(u.id) ?? null,
      copy: isCopy(u.sourceId),
      general: isGeneral,
      span: spanOf(u),
    };
  });

  const claims = sorted.filter((u) => u.kind === 'claim');
  const eventType: EventType | null = mostFrequent(claims.flatMap((u) => u.types));
  const placeCounts = new Map<string, number>();
  for (const u of claims) for (const p of u.places) placeCounts.set(p, (placeCounts.get(p) ?? 0) + 1);
  const places = [...placeCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([p]) => p);
  let start: string | null = null;
  let end: string | null = null;
  for (const u of claims) {
    const s = u.window?.start ?? u.reported;
    const e = u.window?.end ?? u.reported;
    if (s !== null && (start === null || s < start)) start = s;
    if (e !== null && (end === null || e > end)) end = e;
  }

  const best =
    [...supporters].sort(
      (a, b) => statementScore(b, isCopy) - statementScore(a, isCopy) || (a.order < b.order ? -1 : 1),
    )[0] ?? sorted[0];
  const figures = compareFigures(sorted, places[0] ?? null, isCopy);
  const status = statusOf(sorted, roles, groups, general, figures);
  const echoes = groups.reduce((n, g) => n + g.echoes, 0);
  return {
    id,
    statement: best?.text ?? '',
    statementSpan: best === undefined ? { sourceId: '', start: 0, end: 0 } : spanOf(best),
    eventType,
    places,
    window: { start, end },
    members,
    groups,
    status,
    figures,
    summary: `${plural(groups.length, 'independent origin')}, ${plural(echoes, 'echo', 'echoes')}`,
    sources: [...new Set(members.map((m) => m.sourceId))].sort(),
  };
}

function statementScore(u: Unit, isCopy: (sourceId: string) => boolean): number {
  const length = u.text.length;
  return (
    u.confidence +
    (u.quote === 'indirect' ? 0.05 : 0) +
    (length >= 40 && length <= 400 ? 0.1 : 0) +
    (isCopy(u.sourceId) ? -0.5 : 0) +
    (u.partial !== null ? -0.3 : 0) +
    (u.parent === null ? 0.02 : 0)
  );
}

function statusOf(
  units: readonly Unit[],
  roles: ReadonlyMap<string, MemberRole>,
  groups: readonly OriginGroup[],
  general: readonly Unit[],
  figures: ReturnType<typeof compareFigures>,
): AllegationStatus {
  const byId = new Map(units.map((u) => [u.id, u]));
  const firstSpan = (g: OriginGroup): SpanRef[] => {
    const u = byId.get(g.members[0] as string);
    return u === undefined ? [] : [spanOf(u)];
  };
  const reasons: Reason[] = [];
  const independent = groups.filter((g) => g.investigative && g.evidence.length > 0);
  let level: StatusLevel = groups.length >= 2 ? 'multiple_origins' : 'single_origin';
  if (groups.length >= 2 && independent.length > 0) level = 'independently_corroborated';

  if (groups.length === 0) {
    reasons.push({
      code: 'origins',
      text: 'No attribution supports it: it is known only from responses to it.',
      spans: [],
    });
  } else if (groups.length === 1) {
    const g = groups[0] as OriginGroup;
    reasons.push({
      code: 'origins',
      text: `Every supporting statement traces back to one origin: ${g.label}.`,
      spans: firstSpan(g),
    });
  } else {
    reasons.push({
      code: 'origins',
      text: `${groups.length} independent origins support it: ${groups.map((g) => g.label).join('; ')}.`,
      spans: groups.flatMap(firstSpan),
    });
  }
  for (const g of groups) {
    if (g.echoes === 0) continue;
    reasons.push({
      code: 'echoes',
      text: `${g.label} is repeated in ${plural(g.sources.length, 'source')}; the repeats are echoes of one origin and count once.`,
      spans: g.members
        .map((m) => byId.get(m))
        .filter((u): u is Unit => u !== undefined)
        .map(spanOf),
    });
  }
  for (const g of independent) {
    reasons.push({
      code: 'independent_body',
      text: `${g.label}, an independent investigative body, supports it on a ${g.evidence.join(', ')} basis${groups.length >= 2 ? '' : ' (no other origin yet)'}.`,
      spans: firstSpan(g),
    });
  }
  const deniers = units.filter((u) => roles.get(u.id) === 'deny');
  for (const u of deniers) {
    reasons.push({
      code: 'denied',
      text: `Denied by ${speakerLabel(u)}: “${clip(u.text)}”.`,
      spans: [spanOf(u)],
    });
  }
  for (const u of general) {
    reasons.push({
      code: 'general_denial',
      text: `${speakerLabel(u)} denies in general terms (“${clip(u.text)}”), without addressing this allegation specifically.`,
      spans: [spanOf(u)],
    });
  }
  const notConfirming = units.filter((u) => roles.get(u.id) === 'not_confirmed');
  for (const u of notConfirming) {
    reasons.push({
      code: 'not_confirmed',
      text: `${speakerLabel(u)} has not confirmed it: “${clip(u.text)}”.`,
      spans: [spanOf(u)],
    });
  }
  for (const c of figures) {
    for (const [i, j] of c.contradictions) {
      const a = c.figures[i];
      const b = c.figures[j];
      if (a === undefined || b === undefined) continue;
      reasons.push({
        code: 'figures_conflict',
        text: `Figures for ${c.counts}${c.place === null ? '' : ` in ${c.place}`} conflict: “${a.text}” (${a.speaker ?? 'unattributed'}) against “${b.text}” (${b.speaker ?? 'unattributed'}).`,
        spans: [a.span, b.span],
      });
    }
  }
  return {
    level,
    label: STATUS_LABELS[level],
    disputed: deniers.length > 0 || general.length > 0,
    notConfirmed: notConfirming.length > 0,
    reasons,
  };
}

function clip(text: string, max = 160): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
