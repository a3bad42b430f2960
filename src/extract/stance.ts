/**
 * Stance of a cue towards its content, from lexicons and negation: "denied" → deny, "have not
 * confirmed" → not_confirmed, "confirmed" → confirm, "alleged" / "accused" / "claims" / "made the
 * charge" / "purports to" → allege, "may have" / "believes" / "suggested" → hedge, otherwise assert.
 * The cue, the few words before it, and a pronoun-led start of the content ("they have not confirmed
 * …") are read. A few constructions around the cue come first: a refusal to speak ("did not respond",
 * "declined to say", "would not confirm") or to give information ("declined to give a figure") and "found no evidence that" say nothing, so not_confirmed;
 * "pleaded not guilty" and "called the accusations a fabrication" deny; the impersonal passive "is said
 * to" / "was reported to" hedges, and so does a negated "rule out" or "exclude" in the cue or as the
 * verb of the content's pronoun subject ("said he could not rule out that …", "\"We cannot exclude …\""); a negated verb of showing ("the footage does not show") or support
 * not given ("did not provide evidence") is not_confirmed. A cue inside a question ("asked whether …")
 * or a claim found unsupported ("no evidence that the video shows …") is asserted by nobody: hedge. A
 * capitalised "May" past a sentence's start is the month, no modal.
 */
import type { Stance } from './types.ts';
import { hashWords } from '../text/tokens.ts';
import type { DocContext, TokenRange } from './attribution-features.ts';
import { pennTag } from '../text/pos.ts';

const NEGATION = hashWords(['not', 'never', 'no', 't', 'cannot', 'unable', 'neither', 'nor', 'without']);
const CONFIRM = hashWords([
  'confirm', 'confirms', 'confirmed', 'confirming', 'confirmation', 'verify', 'verifies', 'verified', 'verifying',
  'corroborate', 'corroborated', 'corroborates', 'substantiate', 'substantiated', 'authenticate', 'authenticated',
  'authenticates',
]);
const DENY = hashWords([
  'deny', 'denies', 'denied', 'denying', 'denial', 'reject', 'rejects', 'rejected', 'rejecting', 'refute',
  'refuted', 'refutes', 'dismiss', 'dismissed', 'dismisses', 'dispute', 'disputed', 'disputes', 'rebut',
  'rebutted', 'contradict', 'contradicted', 'dismissing', 'disputing', 'refuting', 'rebutting', 'contradicting',
]);
const ALLEGE = hashWords([
  'allege', 'alleges', 'alleged', 'alleging', 'allegation', 'allegations', 'accuse', 'accuses', 'accused',
  'accusing', 'accusation', 'claim', 'claims', 'claimed', 'claiming', 'charge', 'charged', 'charges',
  'contend', 'contends', 'contended', 'insist', 'insists', 'insisted', 'blame', 'blamed', 'blames',
  'purport', 'purports', 'purported', 'purporting', 'charging', 'contending', 'insisting', 'blaming',
]);
const HEDGE = hashWords([
  'may', 'might', 'could', 'possibly', 'perhaps', 'suggest', 'suggests', 'suggested', 'suggesting', 'believe',
  'believes', 'believed', 'think', 'thinks', 'thought', 'suspect', 'suspects', 'suspected', 'speculate',
  'speculated', 'appear', 'appears', 'appeared', 'seem', 'seems', 'seemed', 'estimate', 'estimates',
  'estimated', 'likely', 'probably', 'reportedly', 'apparently', 'unconfirmed', 'guess', 'guessed',
]);
const PRONOUN = hashWords(['he', 'she', 'they', 'we', 'i', 'it']);
const AUX = hashWords(['have', 'has', 'had', 'been', 'be', 'is', 'are', 'was', 'were', 'do', 'does', 'did', 'yet', 'independently', 'could', 'can', 'cannot', 'would', 'not', 'n', '’', "'", 't', 'never', 'still', 'so', 'far', 'able', 'unable', 'to']);
const THAT = hashWords(['that']);
const TO = hashWords(['to']);
const NO = hashWords(['no']);
const AS = hashWords(['as']);
const NOT = hashWords(['not']);
const GUILTY = hashWords(['guilty']);
const INNOCENT = hashWords(['innocent']);
/** Verbs of speaking that, negated or refused, leave the content unaddressed ("did not respond to"). */
const SPEAK = hashWords([
  'respond', 'responded', 'responds', 'comment', 'commented', 'comments', 'say', 'said', 'says', 'answer',
  'answered', 'reply', 'replied', 'elaborate', 'elaborated', 'discuss', 'discussed', 'specify', 'specified',
  'disclose', 'disclosed', 'confirm', 'confirmed', 'confirms', 'verify', 'verified', 'name', 'identify',
]);
/** Auxiliaries and adverbs between a negation and its verb ("did not immediately respond"). */
const NEG_AUX = hashWords([
  'do', 'does', 'did', 'has', 'have', 'had', 'would', 'will', 'could', 'can', 'yet', 'still', 'immediately',
  'publicly', 'directly', 'officially', 'didn', 'doesn', 'don', 'hasn', 'haven', 'hadn', 'wouldn', 'won',
  'couldn', 'isn', 'wasn', "'", '’',
]);
const DECLINE = hashWords([
  'decline', 'declines', 'declined', 'declining', 'refuse', 'refuses', 'refused', 'refusing',
]);
/** "found no evidence that …", "has seen no sign of …". */
const FIND = hashWords(['find', 'finds', 'found', 'finding', 'see', 'sees', 'saw', 'seen']);
const EVIDENCE = hashWords([
  'evidence', 'sign', 'signs', 'trace', 'traces', 'indication', 'indications', 'proof',
]);
const PLEAD = hashWords(['plead', 'pleads', 'pleaded', 'pleading', 'pled']);
/** Verbs that name what their object is: "called the accusations a fabrication". */
const NAME_AS = hashWords([
  'call', 'calls', 'called', 'calling', 'brand', 'brands', 'branded', 'branding', 'label', 'labels',
  'labelled', 'labeled', 'labelling', 'labeling', 'term', 'termed', 'terms', 'dub', 'dubbed',
]);
/** Verbs that take "as": "described the claims as baseless". */
const DESCRIBE_AS = hashWords([
  'describe', 'describes', 'described', 'describing', 'characterise', 'characterised', 'characterize',
  'characterized', 'portray', 'portrays', 'portrayed',
]);
/** Particles after "call" that make it another verb ("called for", "called on"). */
const CALL_PARTICLE = hashWords(['for', 'on', 'upon', 'off', 'in', 'up', 'out', 'back', 'to', 'it']);
const FALSEHOOD = hashWords([
  'fabrication', 'fabrications', 'fabricated', 'lie', 'lies', 'false', 'falsehood', 'falsehoods',
  'baseless', 'groundless', 'unfounded', 'untrue', 'propaganda', 'provocation', 'staged', 'fake',
  'fiction', 'invented', 'invention', 'slander', 'slanderous', 'libel', 'libellous', 'hoax', 'smear',
  'nonsense', 'disinformation', 'misinformation', 'sham', 'absurd', 'ridiculous',
]);
const CLAUSE_BREAK = hashWords([',', ';', 'which', 'who']);
const BE = hashWords(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
/** Participles of the impersonal passive: "is said to", "was believed to". */
const PASSIVE_REPORT = hashWords([
  'said', 'believed', 'reported', 'thought', 'alleged', 'understood', 'rumoured', 'rumored', 'reputed',
]);

/** Adverbs between "is" and "said to" ("is widely believed to"). */
const PASSIVE_ADVERB = hashWords(['widely', 'also', 'now', 'still', 'generally', 'often', 'long', 'commonly', 'further', 'previously']);
/** A bare verb after "said to" ("is said to remain"), not a noun ("was reported to police"). */
const BARE_VERB = new Set([pennTag('VB'), pennTag('VBP')]);
const NOUN = new Set([pennTag('NN'), pennTag('NNS')]);

/**
 * Participles that only report or name, taking their main clause's stance ("made the charge, saying …",
 * "rejected the count, calling it …", "…, according to"); any other participle ("rejected the account,
 * arguing that …", "estimate …, citing hospital records") says something of its own.
 */
const SAY_ING = hashWords([
  'saying', 'adding', 'telling', 'stating', 'writing', 'declaring', 'repeating', 'according', 'calling',
  'describing', 'branding', 'labelling', 'labeling', 'terming', 'dubbing',
]);
/** Verbs of showing: negated ("the footage does not show …"), they leave the content unestablished. */
const SHOW = hashWords([
  'show', 'shows', 'showed', 'shown', 'showing', 'prove', 'proves', 'proved', 'proven', 'demonstrate',
  'demonstrates', 'demonstrated', 'establish', 'establishes', 'established',
]);
/** Verbs of offering support: "did not provide evidence", "failed to produce proof". */
const PROVIDE = hashWords([
  'provide', 'provides', 'provided', 'providing', 'offer', 'offers', 'offered', 'offering', 'present',
  'presented', 'produce', 'produced', 'give', 'gave', 'given', 'cite', 'cited', 'share', 'shared',
]);
/** What a claim's support is: "did not provide evidence", "never cited a source", "did not provide it". */
const SUPPORT = hashWords([
  'evidence', 'proof', 'details', 'detail', 'specifics', 'example', 'examples', 'source', 'sources',
  'documentation', 'documents', 'explanation', 'information', 'data', 'figures', 'names', 'reason', 'reasons',
  'basis', 'it', 'them', '.', ';',
]);
const FAIL = hashWords(['fail', 'fails', 'failed', 'failing']);
/** What a refusal to give withholds as information: "declined to give a figure", "refused to provide details". */
const WITHHELD = hashWords([
  'evidence', 'proof', 'details', 'detail', 'specifics', 'documentation', 'documents', 'explanation', 'information',
  'data', 'figure', 'figures', 'number', 'numbers', 'estimate', 'estimates', 'list', 'tally', 'toll', 'count',
  'breakdown', 'price', 'timeline', 'names', 'name', 'account', 'comment', 'answer', 'answers',
]);
/** "could not rule out", "cannot exclude": the speaker leaves the content possible, a hedge. */
const RULE = hashWords(['rule', 'rules', 'ruled', 'ruling']);
const OUT = hashWords(['out']);
const EXCLUDE = hashWords(['exclude', 'excludes', 'excluded', 'excluding']);
/** Opening quotation marks before a quote's first word. */
const OPEN_QUOTE = hashWords(['"', '“', "'", '‘']);
const MAY = hashWords(['may']);
const IN = hashWords(['in', 'since', 'until', 'of', 'last', 'early', 'mid', 'late', 'next', 'this']);
/** Verbs whose "whether" / "if" clause is a question, asserted by nobody ("asked whether …"). */
const ASK = hashWords([
  'ask', 'asks', 'asked', 'asking', 'wonder', 'wonders', 'wondered', 'wondering', 'question', 'questioned',
  'questioning', 'inquire', 'inquired', 'enquired',
]);
const WHETHER = hashWords(['whether', 'if']);
const ASKED = hashWords(['asked', 'questioned', 'pressed']);
/** Where a clause opened before the cue has ended. */
const CLAUSE_END = hashWords([',', ';', ':', '—', '–', '(', ')']);

/** Whether token `i`, "May", is the month: capitalised and not opening its sentence, or after "in" or before a number. */
function isMonth(ctx: DocContext, i: number, lo: number): boolean {
  const t = ctx.tokens;
  if (t.text.charCodeAt(t.start[i]!) !== 77) return false; // 'M'
  if (i > lo) return true;
  const n = t.start[i + 1];
  const c = n === undefined ? 0 : t.text.charCodeAt(n);
  return (i > 0 && IN.has(t.lower[i - 1]!)) || (c >= 48 && c <= 57);
}

/**
 * Whether the cue stands inside a clause nobody asserts: the question of "asked whether …" or the
 * claim of "found no evidence that …", opened earlier in its sentence with no clause break between.
 */
function unasserted(ctx: DocContext, cue: number, lo: number): boolean {
  const L = ctx.tokens.lower;
  for (let j = cue - 1; j > lo && j >= cue - 30; j--) {
    const w = L[j]!;
    if (CLAUSE_END.has(w)) return false;
    if (WHETHER.has(w) && (ASK.has(L[j - 1]!) || (j - 2 >= lo && ASK.has(L[j - 2]!)))) return true;
    if (THAT.has(w) && EVIDENCE.has(L[j - 1]!) && j - 2 >= lo && (NO.has(L[j - 2]!) || (j - 3 >= lo && NO.has(L[j - 3]!)))) return true;
  }
  return false;
}

/** Whether a negation stands just before token `i`, past auxiliaries and adverbs ("did not immediately"). */
function negatedAt(ctx: DocContext, i: number, lo: number): boolean {
  const L = ctx.tokens.lower;
  let negated = false;
  for (let j = i - 1; j >= lo && j >= i - 6; j--) {
    const w = L[j]!;
    if (NEGATION.has(w)) negated = true;
    else if (!NEG_AUX.has(w)) break;
  }
  return negated;
}

/** Whether token `i` opens a negated "rule out" or "exclude" ("could not rule out", "cannot exclude"). */
function ruledOutAt(ctx: DocContext, i: number, lo: number, hi: number): boolean {
  const L = ctx.tokens.lower;
  const verb = (RULE.has(L[i]!) && i + 1 < hi && OUT.has(L[i + 1]!)) || EXCLUDE.has(L[i]!);
  return verb && negatedAt(ctx, i, lo);
}

/** Whether one of `set` stands among tokens [from, to). */
function anyIn(ctx: DocContext, set: ReadonlySet<number>, from: number, to: number): number {
  const L = ctx.tokens.lower;
  for (let k = from; k < to; k++) if (set.has(L[k]!)) return k;
  return -1;
}

const GROUNDS = hashWords(['grounds']);
const BELIEVE = hashWords(['believe']);
/** Words saying a claim stands unchecked ("remain unverified"). */
const UNVERIFIED = hashWords(['unverified', 'unconfirmed', 'unsubstantiated', 'uncorroborated']);
/** Most words between a claim's content and the predicate that leaves it unchecked. */
const PREDICATE_REACH = 6;

/**
 * A claim whose sentence goes on to say it is unchecked ("Claims that the convoy was shelled [remain
 * unverified]", "… could not be confirmed"): not_confirmed, read after the last content fragment when
 * the cue is a noun opening the claim; null otherwise.
 */
function unverifiedPredicate(ctx: DocContext, a: { readonly cue: TokenRange; readonly contents: readonly TokenRange[] }): Stance | null {
  const last = a.contents[a.contents.length - 1];
  // (a verb's speaker asserts whatever the writer says of it after: "said X, a claim that remains unverified")
  if (last === undefined || last[0] < a.cue[1] || a.cue[1] - a.cue[0] !== 1 || !NOUN.has(ctx.pos[a.cue[0]]!)) return null;
  const L = ctx.tokens.lower;
  const hi = Math.min(ctx.sentEnd[a.cue[0]]!, last[1] + PREDICATE_REACH);
  for (let i = last[1]; i < hi; i++) {
    if (UNVERIFIED.has(L[i]!)) return 'not_confirmed';
    if (CONFIRM.has(L[i]!) && negatedAt(ctx, i, last[1])) return 'not_confirmed';
  }
  return null;
}

/**
 * The stance a construction around a cue word fixes, or null: a refusal to speak ("did not respond to",
 * "declined to say", "would not confirm") or "found no evidence that" → not_confirmed, "pleaded not
 * guilty" and "called the accusations a fabrication" / "described them as baseless" → deny, "is said to"
 * / "was reported to have" → hedge. The construction's verb is in the cue; the rest may follow it.
 */
function construction(ctx: DocContext, cue: TokenRange): Stance | null {
  const L = ctx.tokens.lower;
  const lo = ctx.sentStart[cue[0]]!;
  const hi = ctx.sentEnd[cue[0]]!;
  for (let i = cue[0]; i < cue[1]; i++) {
    const w = L[i]!;
    if (SPEAK.has(w)) {
      if (negatedAt(ctx, i, lo)) return 'not_confirmed';
      if (i - 2 >= lo && TO.has(L[i - 1]!) && DECLINE.has(L[i - 2]!)) return 'not_confirmed';
    }
    if (DECLINE.has(w) && i + 2 < hi && TO.has(L[i + 1]!) && SPEAK.has(L[i + 2]!)) return 'not_confirmed';
    // "declined to give a figure", "refused to provide details": information withheld, not a thing
    // ("refused to give me the credit")
    if (DECLINE.has(w) && i + 3 < hi && TO.has(L[i + 1]!) && PROVIDE.has(L[i + 2]!) && anyIn(ctx, WITHHELD, i + 3, Math.min(hi, i + 8)) >= 0) return 'not_confirmed';
    if (FIND.has(w) && (NO.has(L[i + 1]!) || negatedAt(ctx, i, lo)) && anyIn(ctx, EVIDENCE, i + 1, Math.min(hi, i + 5)) >= 0) {
      return 'not_confirmed';
    }
    const supported = SHOW.has(w) || (PROVIDE.has(w) && (i + 1 >= hi || anyIn(ctx, SUPPORT, i + 1, Math.min(hi, i + 5)) >= 0));
    if (supported && (negatedAt(ctx, i, lo) || (i - 2 >= lo && TO.has(L[i - 1]!) && FAIL.has(L[i - 2]!)))) return 'not_confirmed';
    // "has reasonable grounds to believe": an inquiry's standard of proof, a finding short of proof
    if (GROUNDS.has(w) && i + 2 < hi && TO.has(L[i + 1]!) && BELIEVE.has(L[i + 2]!)) return 'allege';
    if (PLEAD.has(w) && i + 2 < hi && NOT.has(L[i + 1]!) && GUILTY.has(L[i + 2]!)) return 'deny';
    if (PLEAD.has(w) && i + 1 < hi && INNOCENT.has(L[i + 1]!)) return 'deny';
    if (NAME_AS.has(w) && i + 1 < hi && !CALL_PARTICLE.has(L[i + 1]!)) {
      // the object and its complement, up to a comma or relative clause ("a website called X, which posts fake …")
      const stop = anyIn(ctx, CLAUSE_BREAK, i + 1, Math.min(hi, i + 10));
      if (anyIn(ctx, FALSEHOOD, i + 1, stop >= 0 ? stop : Math.min(hi, i + 10)) >= 0) return 'deny';
    }
    if (DESCRIBE_AS.has(w)) {
      const as = anyIn(ctx, AS, i + 1, Math.min(hi, i + 12));
      if (as >= 0 && anyIn(ctx, FALSEHOOD, as + 1, Math.min(hi, as + 4)) >= 0) return 'deny';
    }
    if (ruledOutAt(ctx, i, lo, hi)) return 'hedge';
    if (PASSIVE_REPORT.has(w) && i + 2 < hi && TO.has(L[i + 1]!) && BARE_VERB.has(ctx.pos[i + 2]!)) {
      const be = i - 1 >= lo && BE.has(L[i - 1]!);
      const adverbBe = i - 2 >= lo && PASSIVE_ADVERB.has(L[i - 1]!) && BE.has(L[i - 2]!);
      if (be || adverbBe) return 'hedge';
    }
  }
  return null;
}

function classify(ctx: DocContext, from: number, to: number, lo: number): Stance | null {
  const L = ctx.tokens.lower;
  let negated = false;
  let result: Stance | null = null;
  for (let i = from; i < to; i++) {
    const w = L[i]!;
    if (NEGATION.has(w)) negated = true;
    else if (MAY.has(w) && isMonth(ctx, i, lo)) continue;
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
  const fixed = construction(ctx, a.cue) ?? unverifiedPredicate(ctx, a);
  if (fixed !== null) return fixed;
  // a question put to someone ("Asked about reports that …, the spokesman said"): nobody asserts it
  if (ASKED.has(ctx.tokens.lower[a.cue[0]]!) && a.cue[0] === ctx.sentStart[a.cue[0]]) return 'hedge';
  const sentStart = ctx.sentStart[a.cue[0]]!;
  // a cue inside an unasserted clause: the nearest stance for a claim its source does not make
  if (unasserted(ctx, a.cue[0], sentStart)) return 'hedge';
  const from = Math.max(sentStart, a.cue[0] - 3);
  // only negation and modals may come from before the cue ("has not confirmed", "may have said")
  const cueStance = classify(ctx, a.cue[0], a.cue[1], sentStart);
  const pre = classify(ctx, from, a.cue[1], sentStart);
  let stance: Stance | null = cueStance ?? (pre === 'hedge' ? 'hedge' : null);
  if (stance === null && SAY_ING.has(ctx.tokens.lower[a.cue[0]]!)) {
    // a reporting participle ("…made the charge this week, saying …") takes the stance of its main
    // clause; another ("rejected the account, arguing that …") keeps its own
    const main = classify(ctx, Math.max(sentStart, a.cue[0] - 30), a.cue[0], sentStart);
    if (main !== null && main !== 'assert') stance = main;
  }
  if (cueStance === 'confirm' && pre === 'not_confirmed') stance = 'not_confirmed';
  if (cueStance === 'deny' && pre === 'assert') stance = 'assert';
  const first = a.contents[0];
  // the content's subject, after a leading "that" ("said that it had not been able to confirm …")
  let subject = first !== undefined && THAT.has(ctx.tokens.lower[first[0]]!) && first[1] - first[0] > 1 ? first[0] + 1 : first?.[0];
  // a quotation's first word ("\"We cannot exclude …\", he said")
  while (first !== undefined && subject !== undefined && subject + 1 < first[1] && OPEN_QUOTE.has(ctx.tokens.lower[subject]!)) subject++;
  if (first !== undefined && subject !== undefined && (stance === null || stance === 'assert') && PRONOUN.has(ctx.tokens.lower[subject]!)) {
    // "… told ABC News they have not confirmed …": the speaker's own verb carries the stance
    let j = subject + 1;
    const end = Math.min(first[1], subject + 10);
    while (j < end && AUX.has(ctx.tokens.lower[j]!)) j++;
    // "said he could not rule out that …": the speaker leaves it possible
    if (j < end && ruledOutAt(ctx, j, subject + 1, first[1])) return 'hedge';
    if (j < end) {
      const inner = classify(ctx, subject + 1, j + 1, sentStart);
      if (inner === 'not_confirmed' || inner === 'deny' || inner === 'confirm') stance = inner;
    }
  }
  // "told a briefing that the government could not rule out sabotage": the content's own opening verb,
  // whatever its subject, leaves it possible
  if (first !== undefined && subject !== undefined && (stance === null || stance === 'assert')) {
    const end = Math.min(first[1], subject + 8);
    for (let k = subject + 1; k < end; k++) {
      if (CLAUSE_END.has(ctx.tokens.lower[k]!) || THAT.has(ctx.tokens.lower[k]!)) break;
      if (ruledOutAt(ctx, k, subject, first[1])) return 'hedge';
    }
    const opening = openingStance(ctx, subject, end);
    if (opening !== null) return opening;
  }
  return stance ?? 'assert';
}

/** "These are lies", "This is a fabrication": a content opening by calling the claim false. */
const DEMONSTRATIVE = hashWords(['this', 'that', 'these', 'those', 'it', 'such', 'claims', 'allegations', 'accusations', 'reports']);
const COPULA = hashWords(['is', 'are', 'was', 'were']);
/** Verbs of finding out a content's subject can deny having done ("could not yet determine who …"). */
const DETERMINE = hashWords(['determine', 'determined', 'establish', 'established', 'ascertain', 'ascertained']);
/** What makes a negated finding-out an inability, not a wish ("could not yet determine", not "shouldn't determine"). */
const ABLE = hashWords(['could', 'can', 'cannot', 'unable', 'yet', 'able']);
/** Modal perfects of a possibility ("may have been engaged elsewhere"). */
const POSSIBLE = hashWords(['may', 'might']);
const HAVE_BE = hashWords(['have', 'be']);

/**
 * The stance of a content's own opening clause, or null: calling the claim false ("These are lies
 * designed to …") denies; "we have seen no evidence" and "could not yet determine" say nothing
 * (not_confirmed); "may have been", "might be" leave it possible (hedge). Read over the clause's first
 * words, up to a comma or "that".
 */
function openingStance(ctx: DocContext, subject: number, end: number): Stance | null {
  const L = ctx.tokens.lower;
  if (DEMONSTRATIVE.has(L[subject]!) && subject + 1 < end && COPULA.has(L[subject + 1]!)) {
    let k = subject + 2;
    if (k < end && ARTICLES.has(L[k]!)) k++;
    // (not an evaluation of what follows: "It is absurd that you had …")
    if (k < end && FALSEHOOD.has(L[k]!) && !THAT.has(L[k + 1]!)) return 'deny';
  }
  for (let k = subject; k < end; k++) {
    if (CLAUSE_END.has(L[k]!) || THAT.has(L[k]!)) break;
    if (NO.has(L[k]!) && k + 1 < end && EVIDENCE.has(L[k + 1]!) && k > subject && SEEN.has(L[k - 1]!)) return 'not_confirmed';
    if (DETERMINE.has(L[k]!) && negatedAt(ctx, k, subject) && anyIn(ctx, ABLE, Math.max(subject, k - 4), k) >= 0) return 'not_confirmed';
    if (POSSIBLE.has(L[k]!) && k + 1 < end && HAVE_BE.has(L[k + 1]!) && !NOT.has(L[k + 1]!)) return 'hedge';
  }
  return null;
}
const ARTICLES = hashWords(['a', 'an', 'all']);
const SEEN = hashWords(['seen', 'found', 'see', 'find', 'saw']);
