/**
 * Stance of a cue towards its content, from lexicons and negation: "denied" → deny, "have not
 * confirmed" → not_confirmed, "confirmed" → confirm, "alleged" / "accused" / "claims" / "made the
 * charge" → allege, "may have" / "believes" / "suggested" → hedge, otherwise assert. The cue, the few
 * words before it, and a pronoun-led start of the content ("they have not confirmed …") are read.
 */
import type { Stance } from './types.ts';
import { hashWords } from '../text/tokens.ts';
import type { DocContext, TokenRange } from './attribution-features.ts';

const NEGATION = hashWords(['not', 'never', 'no', 't', 'cannot', 'unable', 'neither', 'nor', 'without']);
const CONFIRM = hashWords([
  'confirm', 'confirms', 'confirmed', 'confirming', 'confirmation', 'verify', 'verifies', 'verified', 'verifying',
  'corroborate', 'corroborated', 'corroborates', 'substantiate', 'substantiated',
]);
const DENY = hashWords([
  'deny', 'denies', 'denied', 'denying', 'denial', 'reject', 'rejects', 'rejected', 'rejecting', 'refute',
  'refuted', 'refutes', 'dismiss', 'dismissed', 'dismisses', 'dispute', 'disputed', 'disputes', 'rebut',
  'rebutted', 'contradict', 'contradicted',
]);
const ALLEGE = hashWords([
  'allege', 'alleges', 'alleged', 'alleging', 'allegation', 'allegations', 'accuse', 'accuses', 'accused',
  'accusing', 'accusation', 'claim', 'claims', 'claimed', 'claiming', 'charge', 'charged', 'charges',
  'contend', 'contends', 'contended', 'insist', 'insists', 'insisted', 'blame', 'blamed', 'blames',
]);
const HEDGE = hashWords([
  'may', 'might', 'could', 'possibly', 'perhaps', 'suggest', 'suggests', 'suggested', 'suggesting', 'believe',
  'believes', 'believed', 'think', 'thinks', 'thought', 'suspect', 'suspects', 'suspected', 'speculate',
  'speculated', 'appear', 'appears', 'appeared', 'seem', 'seems', 'seemed', 'estimate', 'estimates',
  'estimated', 'likely', 'probably', 'reportedly', 'apparently', 'unconfirmed', 'guess', 'guessed',
]);
const PRONOUN = hashWords(['he', 'she', 'they', 'we', 'i', 'it']);
const AUX = hashWords(['have', 'has', 'had', 'been', 'be', 'is', 'are', 'was', 'were', 'do', 'does', 'did', 'yet', 'independently', 'could', 'can', 'would', 'not', 'n', '’', "'", 't', 'never', 'still', 'so', 'far', 'able', 'unable', 'to']);
const THAT = hashWords(['that']);

const ING = /ing$/iu;

function classify(ctx: DocContext, from: number, to: number): Stance | null {
  const L = ctx.tokens.lower;
  let negated = false;
  let result: Stance | null = null;
  for (let i = from; i < to; i++) {
    const w = L[i]!;
    if (NEGATION.has(w)) negated = true;
    else if (CONFIRM.has(w)) result = negated ? 'not_confirmed' : 'confirm';
    else if (DENY.has(w)) result = negated ? 'assert' : 'deny';
    else if (result === null && ALLEGE.has(w)) result = 'allege';
    else if (result === null && HEDGE.has(w)) result = 'hedge';
  }
  return result;
}

/** The stance of one attribution (cue and its token neighbourhood). */
export function stanceOf(
  ctx: DocContext,
  a: { readonly cue: TokenRange; readonly contents: readonly TokenRange[] },
): Stance {
  const sentStart = ctx.sentStart[a.cue[0]]!;
  const from = Math.max(sentStart, a.cue[0] - 3);
  // only negation and modals may come from before the cue ("has not confirmed", "may have said")
  const cueStance = classify(ctx, a.cue[0], a.cue[1]);
  const pre = classify(ctx, from, a.cue[1]);
  let stance: Stance | null = cueStance ?? (pre === 'hedge' ? 'hedge' : null);
  if (stance === null && ING.test(ctx.tokens.text.slice(ctx.tokens.start[a.cue[0]], ctx.tokens.end[a.cue[0]]))) {
    // a participle cue ("…made the charge this week, saying …") takes the stance of its main clause
    const main = classify(ctx, Math.max(sentStart, a.cue[0] - 30), a.cue[0]);
    if (main !== null && main !== 'assert') stance = main;
  }
  if (cueStance === 'confirm' && pre === 'not_confirmed') stance = 'not_confirmed';
  if (cueStance === 'deny' && pre === 'assert') stance = 'assert';
  const first = a.contents[0];
  // the content's subject, after a leading "that" ("said that it had not been able to confirm …")
  const subject = first !== undefined && THAT.has(ctx.tokens.lower[first[0]]!) && first[1] - first[0] > 1 ? first[0] + 1 : first?.[0];
  if (first !== undefined && subject !== undefined && (stance === null || stance === 'assert') && PRONOUN.has(ctx.tokens.lower[subject]!)) {
    // "… told ABC News they have not confirmed …": the speaker's own verb carries the stance
    let j = subject + 1;
    const end = Math.min(first[1], subject + 10);
    while (j < end && AUX.has(ctx.tokens.lower[j]!)) j++;
    if (j < end) {
      const inner = classify(ctx, subject + 1, j + 1);
      if (inner === 'not_confirmed' || inner === 'deny' || inner === 'confirm') stance = inner;
    }
  }
  return stance ?? 'assert';
}
