/**
 * Statements that something could not be verified ("The Courier could not independently verify the
 * footage", "The claim could not be confirmed by the mission"). They are what tells an investigator a
 * claim stands alone, and the learned cue tagger misses many of them (PolNeAR has few), so their
 * cues are found by rule too: a verification verb after a negation or an inability within a few words.
 * The taggers then find their sources and contents like any other cue's.
 */
import type { DocContext, TokenRange } from './attribution-features.ts';
import { hashWord, hashWords as words, Shape } from '../text/tokens.ts';
import { pennTag } from '../text/pos.ts';

/** Verbs of checking a claim, in every form a negated or passive clause gives them. */
const VERIFY = words([
  'verify',
  'verified',
  'confirm',
  'confirmed',
  'authenticate',
  'authenticated',
  'corroborate',
  'corroborated',
  'substantiate',
  'substantiated',
]);
/** Words that deny the check ("could not", "was unable to", "cannot", "have yet to"). */
const NEGATIONS = words(['not', 'never', 'unable', 'cannot', 'yet']);
/** Contracted negations: the "t" of "couldn't" follows an apostrophe. */
const T = hashWord('t');
const APOSTROPHES = words(["'", '’']);
/** Words that may stand between the negation and the verb ("not independently", "unable to immediately", "not be", "not been able to"). */
const BETWEEN = words([
  'independently',
  'immediately',
  'yet',
  'so',
  'far',
  'to',
  'be',
  'been',
  'able',
  'fully',
  'officially',
  'publicly',
  'separately',
]);
/** Most words between the negation and the verb. */
const REACH = 5;

/** Auxiliaries between a subject and its negation ("The claim [could] not be verified"). */
const AUXILIARIES = words([
  'could',
  'would',
  'can',
  'will',
  'may',
  'might',
  'must',
  'should',
  'has',
  'have',
  'had',
  'is',
  'was',
  'are',
  'were',
  'did',
  'do',
  'does',
]);
/**
 * Verification verbs denied by a negation before them, each as a cue from the negation to the verb
 * ("unable to independently verify", "not be confirmed"; the auxiliaries before join later).
 */
export function verificationCues(ctx: DocContext): TokenRange[] {
  const out: TokenRange[] = [];
  for (let i = 1; i < ctx.tokens.count; i++) {
    const cue = verificationCueAt(ctx, i);
    if (cue !== null) out.push(cue);
  }
  return out;
}

/** The verification cue ending at the verb token `i` ({@link verificationCues}), or null. */
function verificationCueAt(ctx: DocContext, i: number): TokenRange | null {
  const t = ctx.tokens;
  if (!VERIFY.has(t.lower[i]!)) return null;
  let j = i - 1;
  while (j > 0 && i - j <= REACH && BETWEEN.has(t.lower[j]!)) j--;
  const contracted = t.lower[j] === T && j > 1 && APOSTROPHES.has(t.lower[j - 1]!);
  if (!NEGATIONS.has(t.lower[j]!) && !contracted) return null;
  // "couldn't": the negation starts at the auxiliary it is glued to; the auxiliaries before join
  let start = contracted ? j - 2 : j;
  while (start > 0 && j - start < 2 && AUXILIARIES.has(t.lower[start - 1]!)) start--;
  return ctx.layout.sentence[start] === ctx.layout.sentence[i] ? [start, i + 1] : null;
}

const DETERMINERS = words(['the', 'these', 'those', 'this', 'that', 'such', 'their', 'his', 'her', 'its']);
/** Nouns of claims the tagger takes for a cue when they are the subject of an unverified claim. */
const CLAIM_NOUNS = words([
  'claim',
  'claims',
  'report',
  'reports',
  'allegation',
  'allegations',
  'account',
  'accounts',
  'statement',
  'statements',
  'assertion',
  'assertions',
]);

/**
 * The tagger's cue spans with the verification cues it missed added (in order, none overlapping a
 * tagged cue), and the first tokens of the added ones, which have no tagger margin of their own.
 */
export function withVerificationCues(
  ctx: DocContext,
  cues: readonly TokenRange[],
): { cues: TokenRange[]; added: number[] } {
  const extra = verificationCues(ctx).filter(([s, e]) => !cues.some(([a, b]) => a < e && s < b));
  if (extra.length === 0) return { cues: [...cues], added: [] };
  const t = ctx.tokens;
  // a claim noun the tagger took for a cue is the unverified subject: right before the auxiliary ("The
  // [claim] could not be independently verified"), or opening the sentence ("[Claims] that the convoy
  // was shelled could not …")
  const subjects = new Set<number>();
  for (const [s] of extra) {
    if (s > 0 && CLAIM_NOUNS.has(t.lower[s - 1]!)) subjects.add(s - 1);
    let k = ctx.sentStart[s]!;
    if (DETERMINERS.has(t.lower[k]!)) k++;
    if (k < s && CLAIM_NOUNS.has(t.lower[k]!)) subjects.add(k);
  }
  const kept = cues.filter(([a, b]) => !(b - a === 1 && subjects.has(a)));
  return { cues: [...kept, ...extra].sort((x, y) => x[0] - y[0]), added: extra.map(([s]) => s) };
}

const BE = words(['be', 'been', 'being', 'is', 'was', 'are', 'were']);

/** Whether a cue is a passive verification ("could not be verified", "be independently verified"). */
export function passiveVerification(ctx: DocContext, cue: TokenRange): boolean {
  const L = ctx.tokens.lower;
  const last = cue[1] - 1;
  if (!PARTICIPLES.has(L[last]!)) return false;
  const be = BE.has(L[last - 1]!) || (last > 1 && BETWEEN.has(L[last - 1]!) && BE.has(L[last - 2]!));
  return be && verificationCueAt(ctx, last) !== null;
}

/**
 * What a passive verification leaves unverified: its subject, from its clause's start up to the cue,
 * without a trailing comma ("[The footage, which circulated widely on Telegram], could not be
 * independently authenticated", "Two people were killed, but [the figure] could not be confirmed").
 */
export function unverifiedSubject(ctx: DocContext, cue: TokenRange): TokenRange | null {
  const t = ctx.tokens;
  let start = ctx.sentStart[cue[0]]!;
  // not past the clause's start ("Two people were killed, but [the figure] could not be confirmed")
  for (let k = cue[0] - 1; k > start; k--) {
    if (t.lower[k] === SEMICOLON || (CLAUSE_JOINERS.has(t.lower[k]!) && t.lower[k - 1] === COMMA)) {
      start = k + 1;
      break;
    }
  }
  let end = cue[0];
  while (end > start && ctx.tokens.lower[end - 1] === COMMA) end--;
  return end > start ? [start, end] : null;
}

const COMMA = hashWord(',');
const SEMICOLON = hashWord(';');
const CLAUSE_JOINERS = words(['but', 'and', 'although', 'though', 'while', 'whereas', 'yet']);
const PARTICIPLES = words(['verified', 'confirmed', 'authenticated', 'corroborated', 'substantiated']);

/**
 * Tags of the words of a subject noun phrase right before its verb ("residents of the southern
 * district", "[at this stage we] cannot confirm", "[My neighbour] ran in and said"); the repairs of
 * attribution-repairs.ts read the same set.
 */
export const SUBJECT_TAGS: ReadonlySet<number> = new Set(
  ['DT', 'PRP', 'PRP$', 'JJ', 'NN', 'NNS', 'NNP', 'NNPS', 'CD', 'POS'].map(pennTag),
);
const PERSONAL_PRONOUN = pennTag('PRP');
/** Most words of that subject. */
const SUBJECT_WORDS = 6;

/**
 * The subject and object of an active verification the taggers gave no source ("…, but at this stage
 * [we] cannot confirm [them],” Feldhaven said": inside a quotation the role tagger sees the quotation,
 * not the clause): the noun phrase right before the cue and the words after it up to punctuation.
 * Null when either is missing.
 */
export function activeVerificationRoles(
  ctx: DocContext,
  cue: TokenRange,
): { source: TokenRange; content: TokenRange } | null {
  const t = ctx.tokens;
  if (!VERIFY.has(t.lower[cue[1] - 1]!) || PARTICIPLES.has(t.lower[cue[1] - 1]!)) return null;
  const sentence = ctx.sentStart[cue[0]]!;
  let s = cue[0];
  // a personal pronoun is the whole subject ("at this stage [we]")
  if (s > sentence && ctx.pos[s - 1] === PERSONAL_PRONOUN) s--;
  else while (s > sentence && cue[0] - s < SUBJECT_WORDS && SUBJECT_TAGS.has(ctx.pos[s - 1]!)) s--;
  if (s === cue[0]) return null;
  const end = ctx.sentEnd[cue[0]]!;
  let e = cue[1];
  while (e < end && t.shape[e] !== Shape.punct && ctx.layout.quoteMark[e] === 0) e++;
  return e > cue[1] ? { source: [s, cue[0]], content: [cue[1], e] } : null;
}
