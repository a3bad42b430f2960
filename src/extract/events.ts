/**
 * Event types for attribution contents, from the taxonomy in docs/EVENTS.md (which also maps each
 * type to ACLED event types and sub-event types). Weighted cue patterns per type; a content can carry
 * several types ("burning the bodies of dead civilians and covering up evidence" is both killing of
 * civilians and concealment of evidence). Contents with no cue are typed `other`.
 */
import type { Attribution, EventType, ExtractedEvent } from './types.ts';

/** Cue patterns per event type with a weight; a type is kept when its summed weight reaches 1. */
export const EVENT_CUES: Readonly<Record<Exclude<EventType, 'other'>, readonly (readonly [RegExp, number])[]>> = {
  killing_of_civilians: [
    [/\b(?:civilians?|residents?|people|children|women|villagers|non-combatants)\b[^.;]{0,60}\b(?:killed|dead|died|slain|massacred|murdered|shot dead|lost their lives)\b/i, 1],
    [/\b(?:killed|killing|killings|murder(?:ed|s)?|massacre[ds]?|slaughter(?:ed)?)\b[^.;]{0,40}\b(?:civilians?|residents|people|children|women|villagers)\b/i, 1],
    [/\b(?:dead civilians|civilian deaths|civilian casualties|death toll|mass killings?|massacre|bodies of (?:dead )?civilians|death camp)\b/i, 1],
    [/\b(?:killed|dead|deaths|bodies)\b/i, 0.5],
  ],
  execution: [
    [/\b(?:execut(?:ed|ion|ions|ing)|summarily killed|shot in the (?:head|back of the head)|hands tied behind their backs|extrajudicial)\b/i, 1],
  ],
  torture_ill_treatment: [
    [/\b(?:tortur(?:e|ed|ing)|ill-treat(?:ment|ed)|beat(?:en|ings?)|electric shocks?|mock executions?|mistreat(?:ed|ment)|abuse[ds]? (?:of )?(?:detainees|prisoners))\b/i, 1],
  ],
  sexual_violence: [
    [/\b(?:rap(?:e|ed|es|ing)|sexual(?:ly)? (?:violence|assault(?:ed)?|abuse[ds]?)|sexual slavery|gang-raped)\b/i, 1],
  ],
  enforced_disappearance_detention: [
    [/\b(?:abduct(?:ed|ion|ions)|disappeared|enforced disappearances?|detain(?:ed|ing)|detention|arbitrar(?:y|ily) (?:arrest|detention)|held incommunicado|kidnapp(?:ed|ing)|taken hostage|hostages?|filtration (?:camps?|centres?|centers?)|unlawful(?:ly)? (?:confinement|detained))\b/i, 1],
    [/\b(?:arrested|imprisoned|missing|unaccounted for)\b/i, 0.6],
  ],
  deportation_forced_transfer: [
    [/\b(?:deport(?:ed|ation|ations|ing)|forcibly (?:transferred|moved|relocated|displaced)|forced (?:transfer|relocation|displacement)|taken to Russia|filtration|expelled|expulsions?)\b/i, 1],
    [/\b(?:displaced|forced to flee|fled)\b/i, 0.5],
  ],
  attack_on_civilians: [
    [/\b(?:shell(?:ed|ing)|bomb(?:ed|ing|ings)|air ?strikes?|missile (?:strikes?|attacks?)|rockets?|artillery|cluster munitions?|drone (?:strikes?|attacks?)|airstrikes?|indiscriminate|targeting civilians|targeted civilians|fired on|opened fire|sniper)\b/i, 1],
    [/\b(?:attack(?:ed|s)?|strike|struck|hit)\b[^.;]{0,50}\b(?:hospital|school|shelter|theat(?:er|re)|market|residential|civilian|maternity|train station|humanitarian corridor|convoy)\b/i, 1],
  ],
  destruction_of_property: [
    [/\b(?:destroy(?:ed|ing)|destruction|razed|demolish(?:ed|ing)|decimated|burn(?:ed|t) (?:down )?(?:homes|houses|villages|buildings)|loot(?:ed|ing)|pillag(?:e|ed|ing)|flattened|reduced to rubble|devastat(?:ed|ion))\b/i, 1],
  ],
  obstruction_of_humanitarian_access: [
    [/\b(?:barr(?:ed|ing)|block(?:ed|ing)|den(?:ied|ying)|prevent(?:ed|ing)|obstruct(?:ed|ing|ion)|refus(?:ed|ing) (?:to let|access))\b[^.;]{0,80}\b(?:aid|humanitarian|Red Cross|ICRC|convoys?|relief|evacuation|access)\b/i, 1],
    [/\b(?:humanitarian (?:access|corridor|aid)|aid convoys?|aid workers)\b[^.;]{0,60}\b(?:blocked|denied|refused|barred|not allowed|halted|stopped)\b/i, 1],
    [/\bnot in a hurry\b[^.;]{0,40}\bto let\b/i, 1],
    [/\b(?:siege|besieged|starv(?:ation|ing|ed))\b/i, 0.6],
  ],
  concealment_of_evidence: [
    [/\b(?:crematori(?:a|um|ums)|incinerat(?:e|ed|ors?|ing)|cover(?:ing)?[- ]up|cover(?:ed|ing)? (?:up )?(?:evidence|their tracks|the number)|hid(?:e|ing)? (?:evidence|bodies|the bodies)|destroy(?:ed|ing)? evidence|burn(?:ing|ed|t)? (?:the )?bodies|disposal of bodies|dispos(?:e|ed|ing) of (?:the )?bodies|mass graves?|clean(?:ing)? up|removed bodies|collecting bodies)\b/i, 1],
  ],
};

const CUE_SOURCES = Object.values(EVENT_CUES).flatMap((cues) => cues.map(([re]) => re.source));

/** True when a pattern source has a `|` outside every group and class (`a|b`, not `(?:a|b)`). */
function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** Whether `\b` can be taken out of every cue: each opens with it and is one alternative as a whole. */
const SHARED_BOUNDARY = CUE_SOURCES.every((s) => s.startsWith('\\b') && !hasTopLevelAlternation(s));

/**
 * Every cue pattern in one alternation: a content that matches none of them is `other` after one
 * scan instead of one per pattern (most reported speech is about something else — about 1% of
 * PolNeAR contents match). Case-insensitive like each cue; the per-type scoring below runs only when
 * this matches. When every cue opens with `\b` (they all do: {@link SHARED_BOUNDARY}), the alternation is
 * `\b(?:cue1|cue2|…)`: the shared word boundary is tested once per position rather than once per
 * cue, the same matches in about half the time.
 */
const ANY_CUE = SHARED_BOUNDARY
  ? new RegExp(`\\b(?:${CUE_SOURCES.map((s) => `(?:${s.slice(2)})`).join('|')})`, 'i')
  : new RegExp(CUE_SOURCES.map((s) => `(?:${s})`).join('|'), 'i');

/** Whether {@link classifyContent}'s first scan uses the shared-`\b` form (exported for tests). */
export const ANY_CUE_SHARES_BOUNDARY = SHARED_BOUNDARY;

/** The event types of one piece of content, strongest first; `['other']` when nothing matches. */
export function classifyContent(content: string): EventType[] {
  if (!ANY_CUE.test(content)) return ['other'];
  const scored: [EventType, number][] = [];
  for (const [type, cues] of Object.entries(EVENT_CUES) as [Exclude<EventType, 'other'>, readonly (readonly [RegExp, number])[]][]) {
    let score = 0;
    for (const [re, w] of cues) if (re.test(content)) score += w;
    if (score >= 1) scored.push([type, score]);
  }
  if (scored.length === 0) return ['other'];
  // a push loop rather than map(): one array map for every result keeps the callers optimised (see facts.ts)
  const types: EventType[] = [];
  for (const [t] of scored.sort((a, b) => b[1] - a[1])) types.push(t);
  return types;
}

/**
 * Types every attribution's content and groups attribution ids by event type (contract `events`).
 *
 * @example
 * extractEvents([{ id: 'a1', content: [{ text: 'burning the bodies of dead civilians', … }], … }])
 * // → [{ type: 'killing_of_civilians', attributions: ['a1'] }, { type: 'concealment_of_evidence', attributions: ['a1'] }]
 */
export function extractEvents(attributions: readonly Attribution[]): ExtractedEvent[] {
  const groups = new Map<EventType, string[]>();
  for (const a of attributions) {
    let content = '';
    for (let k = 0; k < a.content.length; k++) content += k === 0 ? a.content[k]!.text : ` ${a.content[k]!.text}`;
    for (const type of classifyContent(content)) {
      const list = groups.get(type);
      if (list === undefined) groups.set(type, [a.id]);
      else list.push(a.id);
    }
  }
  return [...groups.entries()].map(([type, ids]) => ({ type, attributions: ids }));
}
