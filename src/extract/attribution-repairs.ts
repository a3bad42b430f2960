/**
 * Repairs applied to the taggers' attributions before the contract is filled in: shapes of news copy
 * the learned taggers get wrong and a reader would not (wire datelines, time phrases and relative
 * pronouns in sources, a cue begun inside a name or a noun phrase, the clause before "…, X said",
 * coordinated and participle cues sharing their subject, contents that hold each other's cues).
 * Each rule is general; docs/EVALUATION.md ("fifth pass") gives what it changes on PolNeAR.
 */
import type { DocContext, TokenRange } from './attribution-features.ts';
import type { RawAttribution } from './attributions.ts';
import { pennTag } from '../text/pos.ts';
import { LexClass } from '../text/lexicon.ts';
import { passiveVerification, SUBJECT_TAGS } from './verification.ts';
import { hashWord, hashWords as words, Shape } from '../text/tokens.ts';

const COMMA = hashWord(',');
const COLON = hashWord(':');
const SEMICOLON = hashWord(';');
/** Most words of a label before a colon opening a source ("Fact check: …"). */
const LABEL_REACH = 4;
/** Words opening a subordinate clause after a cue ("…, he said, as fighting continued"). */
const SUBORDINATORS = words(['as', 'while', 'when', 'after', 'before', 'because', 'although', 'though', 'since', 'amid']);
const tags = (names: readonly string[]): ReadonlySet<number> => new Set(names.map(pennTag));
/** Tags of the words of a short noun phrase ("its website", "the council's page"). */
const NOUN_PHRASE_TAGS = tags(['DT', 'PRP$', 'JJ', 'NN', 'NNS', 'NNP', 'NNPS', 'CD', 'POS']);
const PREPOSITION = pennTag('IN');
const ADVERB = pennTag('RB');
const VBG = pennTag('VBG');
const THAT = hashWord('that');
/** Heads of a subject noun phrase right before a cue; its words' tags are {@link SUBJECT_TAGS}. */
const SUBJECT_HEADS = tags(['NN', 'NNS', 'NNP', 'NNPS', 'PRP']);
const OF = hashWord('of');
/** Most words of such a subject. */
const SUBJECT_WORDS = 8;

/** Tags of the words a noun phrase's head follows ("the", "town's", "its", "local"). */
const MODIFIER_TAGS = tags(['DT', 'POS', 'PRP$', 'JJ']);
const NOMINAL_TAGS = tags(['NN', 'NNS', 'JJ']);
const NOUN_TAGS = tags(['NN', 'NNS']);
const VERB_TAGS = tags(['VBD', 'VBZ', 'VBP', 'VB', 'MD']);
const FINITE_TAGS = tags(['VBD', 'VBZ', 'VBP', 'MD']);
const S = hashWord('s');
const APOSTROPHE = hashWord("'");
const RIGHT_QUOTE = hashWord('’');
/** Whether a token is an apostrophe, straight or curly (tokens are runs of letters: "town" "’" "s"). */
const apostrophe = (w: number): boolean => w === APOSTROPHE || w === RIGHT_QUOTE;

/**
 * A raw attribution, always built here with its fields in one order: V8 then sees one object shape
 * wherever attributions flow (a spread copy of a literal can get another, and every function reading
 * attributions is deoptimised and recompiled when it meets it).
 */
export function rawAttribution(
  cue: TokenRange,
  sources: readonly TokenRange[],
  contents: readonly TokenRange[],
  confidence: number,
): RawAttribution {
  return { cue, sources, contents, confidence };
}

/** Repairs an attribution's content fragments given its cue and source; returns `contents` itself when nothing changes. */
export type ContentRepair = (
  ctx: DocContext,
  cue: TokenRange,
  source: TokenRange | undefined,
  contents: readonly TokenRange[],
) => readonly TokenRange[];

/** The content fragment of another attribution that holds attribution `k`'s cue (looked for nearby only), or null. */
function holder(found: readonly RawAttribution[], k: number): TokenRange | null {
  const cue = found[k]!.cue;
  for (let j = Math.max(0, k - 8); j < Math.min(found.length, k + 9); j++) {
    if (j === k) continue;
    for (const c of found[j]!.contents) if (inside(cue, c)) return c;
  }
  return null;
}

/** Whether token `i` is the "s" of a noun's possessive ("the prosecutor's office"; not "she's"). */
function possessiveAt(ctx: DocContext, i: number): boolean {
  const t = ctx.tokens;
  return i > 1 && t.lower[i] === S && apostrophe(t.lower[i - 1]!) && PHRASE_HEAD_TAGS.has(ctx.pos[i - 2]!);
}

/** Whether a cue is passive: a form of "be", then a participle ("were also asked", "was directed at"). */
function passiveCue(ctx: DocContext, cue: TokenRange): boolean {
  let be = false;
  for (let i = cue[0]; i < cue[1]; i++) {
    if (BE_FORMS.has(ctx.tokens.lower[i]!)) be = true;
    else if (be && PARTICIPLE_TAGS.has(ctx.pos[i]!)) return true;
  }
  return false;
}

const DOT = hashWord('.');
const NO_SUBJECT_TAGS = tags(['TO', 'IN']);
/** Conjunctions that open a clause and nothing else (not "as", "after", "since": prepositions too). */
const CLAUSE_OPENERS = words(['while', 'when', 'because', 'although', 'though', 'whereas', 'whether', 'if']);

/** Whether tokens i-2, i-1 are an abbreviation and its dot ("Mr." "Sanders", "U.S." "Chamber"). */
function abbreviationBefore(ctx: DocContext, i: number, floor: number): boolean {
  const t = ctx.tokens;
  return i - 2 >= floor && t.lower[i - 1] === DOT && capital(t.shape[i - 2]!) && t.end[i - 2]! - t.start[i - 2]! <= 3;
}

/** The end of the run of subject-phrase words from `from` (before `to`, at most `most` words). */
function subjectRun(ctx: DocContext, from: number, to: number, most: number): number {
  let i = from;
  while (i < to && i - from < most && SUBJECT_TAGS.has(ctx.pos[i]!)) i++;
  return i;
}

/** Most words of a relative clause between a subject and its cue. */
const RELATIVE_WORDS = 12;

/**
 * The end of a subject opening a sentence (from `floor`) with a relative clause running up to a cue
 * at `cue` ("[A farmer who lives at the edge of the village] told …"): `cue` when it is one (a short
 * noun phrase, then "who", or "that" and a verb; no comma or quotation), else -1.
 */
function relativeSubject(ctx: DocContext, floor: number, cue: number): number {
  const t = ctx.tokens;
  const i = subjectRun(ctx, floor, cue, SUBJECT_WORDS);
  if (i === floor || i >= cue || cue - i > RELATIVE_WORDS || (t.lower[i] !== WHO && t.lower[i] !== THAT)) return -1;
  for (let j = i + 1; j < cue; j++) if (t.shape[j] === Shape.punct) return -1;
  // ("who" opens a clause whatever the lexicon says of its verb: "who lives", "lives" a noun to it)
  return t.lower[i] === WHO || hasVerb(ctx, i + 1, cue, true) ? cue : -1;
}

/**
 * The end of the subject opening a sentence (from `floor`) whose verb a cue at `cue` is coordinated
 * with ("[Welt] later deleted the post but told …"), or -1: a short noun phrase, then a verb, and
 * "and" or "but" (with adverbs) right before the cue, with no comma or other verb's subject between.
 */
function coordinatedSubject(ctx: DocContext, floor: number, cue: number): number {
  const t = ctx.tokens;
  let c = cue - 1;
  while (c > floor && ctx.pos[c] === ADVERB) c--;
  if (c <= floor || !COORDINATORS.has(t.lower[c]!)) return -1;
  const i = subjectRun(ctx, floor, c, SUBJECT_WORDS);
  if (i === floor || i >= c) return -1;
  let v = i;
  while (v < c && ctx.pos[v] === ADVERB) v++;
  if (!CLAUSE_VERB_TAGS.has(ctx.pos[v]!)) return -1;
  for (let j = v; j < c; j++) if (t.lower[j] === COMMA) return -1;
  return i;
}

/**
 * A reported attribution ("… said that [residents of the southern district] have seen …") takes the
 * noun phrase opening its clause as its source when it has none, or when the role tagger gave it
 * the reporter's ("She said residents could not verify …" gave "She" to "verify"): the tagger,
 * trained on PolNeAR where reported attributions are not annotated, rarely marks the inner subject.
 * Auxiliaries between that phrase and the cue join the cue ("could not independently verify").
 */
function withSubject(ctx: DocContext, a: RawAttribution, reporter: TokenRange | null): RawAttribution {
  // a source of its own is kept; one wholly outside the reporter's content is the reporter's
  const source = a.sources[0];
  if (source !== undefined && (reporter === null || (source[1] > reporter[0] && source[0] < reporter[1]))) return a;
  // a passive's subject is not who speaks ("a patrol leader had been told …")
  if (passiveCue(ctx, a.cue)) return a;
  const t = ctx.tokens;
  const floor = ctx.sentStart[a.cue[0]]!;
  const start = auxiliaryStart(ctx, a.cue, Math.max(reporter === null ? 0 : reporter[0], floor), a.cue[0]);
  // a bare participle's subject is not the phrase before it ("recalled her days as secretary of state
  // advising …"), nor an infinitive's or a preposition's ("called on Dean to apologize", "by saying")
  if (source !== undefined && start === a.cue[0] && endsWithIng(ctx, start)) return a;
  if (NO_SUBJECT_TAGS.has(ctx.pos[start]!)) return a;
  // with the auxiliaries before the cue ("were also [asked]")
  const passive = passiveCue(ctx, [start, a.cue[1]]);
  if (reporter === null && source === undefined) {
    // "Welt later deleted the post but told this outlet …": a cue coordinated with its sentence's verb
    // shares that verb's subject; "A farmer who lives at the edge of the village told …": a subject
    // with its relative clause
    const subject = passive ? -1 : Math.max(coordinatedSubject(ctx, floor, start), relativeSubject(ctx, floor, start));
    let free = subject > floor;
    for (const c of a.contents) if (c[0] < subject && c[1] > floor) free = false;
    if (free) return rawAttribution(a.cue, [[floor, subject]], a.contents, a.confidence);
  }
  const head = start - 1;
  // (a possessive is no head: "AP's requests" is a noun phrase, not a subject and its verb)
  if (head < 0 || !SUBJECT_HEADS.has(ctx.pos[head]!) || possessiveAt(ctx, head)) return a;
  let i = head;
  while (i > head - SUBJECT_WORDS && i > floor) {
    if (SUBJECT_TAGS.has(ctx.pos[i - 1]!) || t.lower[i - 1] === OF) i--;
    else if (abbreviationBefore(ctx, i, floor)) i -= 2;
    else if (possessiveAt(ctx, i)) i--;
    else break;
  }
  // the phrase must open a clause: the sentence's start, and for a reported attribution also the
  // reporter's content or after "that", a comma, a colon or a subordinator ("though") — not after the
  // apostrophe of "Russia's" or the dot of "Outsports.com"; and it is no time phrase ("Friday morning")
  const before = i > 0 ? t.lower[i - 1]! : THAT;
  const opener =
    i === floor ||
    before === SEMICOLON ||
    (reporter !== null &&
      (i === reporter[0] || before === THAT || before === COMMA || before === COLON || CLAUSE_OPENERS.has(before)));
  if (!opener || t.lower[i] === OF || timePhrase(ctx, i, start)) return a;
  if (reporter === null) {
    // a story's own sentence: a verb's subject ("a fear of" is no verb), not one of a passive ("Respondents
    // were asked"), not a phrase already in the content ("The mayor is said to …"), nor the empty "It" of
    // "It seems …"
    if (!VERBAL_TAGS.has(ctx.pos[a.cue[0]]!) || passive) return a;
    if (start - i === 1 && t.lower[i] === IT) return a;
    for (const c of a.contents) if (c[0] < start && c[1] > i) return a;
  }
  const contents = a.contents.filter((c) => c[1] <= i || c[0] >= a.cue[0]);
  return contents.length === 0 ? a : rawAttribution([start, a.cue[1]], [[i, start]], contents, a.confidence);
}

const inside = (cue: TokenRange, c: TokenRange): boolean => c[0] <= cue[0] && cue[1] <= c[1];

/** Whether one of `contents` holds the range `r` (a loop, not a closure: this runs per attribution pair). */
function holds(contents: readonly TokenRange[], r: TokenRange): boolean {
  for (const c of contents) if (inside(r, c)) return true;
  return false;
}

/**
 * A participle set off by a comma, or right after its noun, inside another attribution's source belongs
 * to that noun phrase ("A former detainee, [identified] only as K., told …", "according to a statement
 * [published] on its website"): it is no cue of its own. (Other cues inside
 * sources are often real — "Mr. Obama, who understood that …" — and stay.)
 */
export function withoutParticiplesInSources(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  let out: RawAttribution[] | null = null;
  for (let k = 0; k < found.length; k++) {
    const cue = found[k]!.cue;
    // after a comma, or right after its noun and ending in a preposition ("according to a statement
    // [published on] its website"; PolNeAR keeps "An article [written] by …" and "[captured] by")
    const participle =
      cue[0] > 0 &&
      ((ctx.tokens.lower[cue[0] - 1] === COMMA && endsWith(ctx, cue[0], 'ed')) ||
        (ctx.pos[cue[0]] === PAST_PARTICIPLE &&
          PHRASE_HEAD_TAGS.has(ctx.pos[cue[0] - 1]!) &&
          ctx.pos[cue[1] - 1] === PREPOSITION));
    let inSource = false;
    if (participle) {
      for (let j = Math.max(0, k - 3); j < Math.min(found.length, k + 4) && !inSource; j++) {
        const s = found[j]!.sources[0];
        inSource = j !== k && s !== undefined && s[0] < cue[0] && cue[1] < s[1];
      }
    }
    if (inSource) out ??= found.slice(0, k);
    else out?.push(found[k]!);
  }
  return out ?? found;
}

/**
 * A source that holds a relative clause with a cue of its own ("said [Mira Hask, a vendor who said she
 * survived …]", "[Weld, who added that …,] said") ends before the relative pronoun, which is the other
 * attribution's source: the clause tells what the speaker said elsewhere, not who speaks. Only a
 * clause after a comma in the source: "Voters who said the economy mattered most" is who speaks.
 */
export function withoutRelativeClausesInSources(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  let out: RawAttribution[] | null = null;
  for (let k = 0; k < found.length; k++) {
    const a = found[k]!;
    const s = a.sources[0];
    let end = -1;
    for (let j = Math.max(0, k - 3); s !== undefined && j < Math.min(found.length, k + 4); j++) {
      const r = found[j]!.sources[0];
      if (j === k || r === undefined || r[0] <= s[0] || !inside(found[j]!.cue, s)) continue;
      // a clause set off by commas, or after an appositive ("Mira Hask, a vendor who said"), not one
      // that says who is meant ("Voters who said the economy …")
      const open = ctx.commas[r[0]]! > ctx.commas[s[0]]!;
      if (SPEAKER_RELATIVES.has(ctx.tokens.lower[r[0]]!) && open && (end < 0 || r[0] < end)) end = r[0];
    }
    if (end < 0) {
      out?.push(a);
      continue;
    }
    while (end > s![0] + 1 && ctx.tokens.lower[end - 1] === COMMA) end--;
    out ??= found.slice(0, k);
    out.push(rawAttribution(a.cue, [[s![0], end], ...a.sources.slice(1)], a.contents, a.confidence));
  }
  return out ?? found;
}

const WHOSE = hashWord('whose');

/** Whether a relative pronoun lies in a range ("The hacker whose mischief"). */
function relativeWithin(ctx: DocContext, r: TokenRange): boolean {
  for (let i = r[0]; i < r[1]; i++) if (SPEAKER_RELATIVES.has(ctx.tokens.lower[i]!) || ctx.tokens.lower[i] === WHOSE) return true;
  return false;
}

/**
 * A source holding the cue of another attribution is cut to what that one leaves it: the part after
 * the cue when the other reports this one ("[Prosecutors allege that the unit commander, Colonel Ivo
 * Brandt,] ordered the attack" → "the unit commander, Colonel Ivo Brandt,"), or the other's own source
 * when the cue is a participle set off inside the subject ("[Western officials, citing intelligence
 * assessments,] said" → "Western officials").
 */
export function sourcesWithoutOtherCues(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  const t = ctx.tokens;
  let out: RawAttribution[] | null = null;
  for (let k = 0; k < found.length; k++) {
    const a = found[k]!;
    const s = a.sources[0];
    let cut: TokenRange | null = null;
    for (let j = Math.max(0, k - 3); s !== undefined && cut === null && j < Math.min(found.length, k + 4); j++) {
      const b = found[j]!;
      if (j === k || !inside(b.cue, s) || b.cue[1] >= s[1]) continue;
      // only the sentence's own reporter, whose source opens this one ("Prosecutors in Halvern"), not
      // a clause inside the subject ("Those [who said] the economy mattered split evenly")
      const own = b.sources[0];
      // ("Vargas and others [seeking] a status …" is a subject, not a report)
      if (own === undefined || own[0] !== s[0] || own[1] > b.cue[0] || !reportingCue(ctx, b.cue)) continue;
      if (holds(b.contents, a.cue)) {
        // (not a participle or relative clause inside the subject: "judges handling lawsuits [seeking]
        // information …", "The hacker whose mischief first [revealed] that …")
        if (endsWithIng(ctx, b.cue[0]) || relativeWithin(ctx, own)) continue;
        let start = b.cue[1];
        while (start < s[1] && (t.lower[start] === THAT || t.lower[start] === COMMA)) start++;
        if (start < s[1]) cut = [start, s[1]];
      } else if (t.lower[b.cue[0] - 1] === COMMA) {
        cut = own;
      }
    }
    if (cut === null) {
      out?.push(a);
      continue;
    }
    out ??= found.slice(0, k);
    out.push(rawAttribution(a.cue, [cut, ...a.sources.slice(1)], a.contents, a.confidence));
  }
  return out ?? found;
}

/** Single quotation marks that open or close a quotation inside a quotation. */
const INNER_OPEN = new Set([0x27, 0x2018]);
const INNER_CLOSE = new Set([0x27, 0x2019]);
/** Objects a speech verb may take before a quotation inside a quotation ("He told me, '…'"). */
const ADDRESSEE_PRONOUNS = words(['me', 'us', 'him', 'her', 'them', 'you']);
/** Most words of the speaker before a reporting verb inside a quotation ("My neighbour", "He"), and of its clause. */
const INNER_SOURCE_WORDS = 4;
const INNER_CLAUSE_WORDS = 8;
const INNER_BETWEEN_TAGS = tags(['RB', 'MD', 'VB', 'VBD', 'VBZ', 'VBP', 'VBN', 'CC', 'RP', 'IN']);

/** Whether token `i` is an apostrophe inside a word ("they're", "Hillary's"). */
function innerApostrophe(ctx: DocContext, i: number): boolean {
  const t = ctx.tokens;
  return apostrophe(t.lower[i]!) && i > 0 && t.end[i - 1] === t.start[i] && i + 1 < t.count && t.start[i + 1] === t.end[i];
}

/** The token closing a single quotation opened at `open`, before `end`, or -1 ("'They are taking the men,'"). */
function innerQuoteEnd(ctx: DocContext, open: number, end: number): number {
  const t = ctx.tokens;
  for (let j = open + 2; j < end; j++) {
    if (!INNER_CLOSE.has(t.text.charCodeAt(t.start[j]!)) || t.end[j]! - t.start[j]! !== 1) continue;
    // an apostrophe inside a word ("they're", "don't") is glued on both sides
    const gluedBefore = t.end[j - 1] === t.start[j];
    const gluedAfter = j + 1 < t.count && t.start[j + 1] === t.end[j] && t.shape[j + 1] !== Shape.punct;
    if (gluedBefore && !gluedAfter) return j;
  }
  return -1;
}

/**
 * A speaker's words relayed inside a direct quotation ("“My neighbour ran in and said, ‘They are taking
 * the men,’” she recalled"): the inner speech verb with its single-quoted words is an attribution of
 * its own, nested in the quotation, so the origin of a relayed claim is kept. The taggers leave such
 * cues out (PolNeAR annotates almost none inside quotations).
 */
export function quotedReports(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  const t = ctx.tokens;
  const added: RawAttribution[] = [];
  const cues = new Set(found.map((a) => a.cue[0]));
  for (const a of found) {
    for (const [c0, c1] of a.contents) {
      if (ctx.layout.quoteMark[c0] !== 1) continue;
      for (let i = c0 + 2; i < c1 - 3; i++) {
        // a verb, not a noun ("the term 'neutrality'", "Clinton's question 'Why …'")
        if (ctx.lex[i] !== LexClass.reportingVerb || cues.has(i) || !VERB_FORM_TAGS.has(ctx.pos[i]!)) continue;
        if (MODIFIER_TAGS.has(ctx.pos[i - 1]!) || apostrophe(t.lower[i - 1]!) || t.lower[i - 1] === S) continue;
        let o = i + 1;
        if (ADDRESSEE_PRONOUNS.has(t.lower[o]!)) o++;
        if (t.lower[o] === COMMA || t.lower[o] === COLON) o++;
        const opens = INNER_OPEN.has(t.text.charCodeAt(t.start[o]!)) && t.start[o + 1] === t.end[o];
        if (!opens) continue;
        const close = innerQuoteEnd(ctx, o, c1);
        if (close < 0) continue;
        // the speaker: the noun phrase opening the clause ("He said", "My neighbour ran in and said")
        let s = i;
        while (s > c0 + 1 && i - s < INNER_CLAUSE_WORDS && (t.shape[s - 1] !== Shape.punct || innerApostrophe(ctx, s - 1))) s--;
        let e = s;
        while (e < i && (SUBJECT_TAGS.has(ctx.pos[e]!) || ctx.lex[e] === LexClass.pronoun)) e++;
        if (e === s || e - s > INNER_SOURCE_WORDS || RELATIVE_PRONOUNS.has(t.lower[e - 1]!)) continue;
        // between the speaker and the verb only what a clause's verb phrase holds ("ran in and said")
        let between = e;
        while (between < i && INNER_BETWEEN_TAGS.has(ctx.pos[between]!)) between++;
        if (between < i) continue;
        added.push(rawAttribution([i, i + 1], [[s, e]], [[o, close + 1]], a.confidence));
        cues.add(i);
      }
    }
  }
  return added.length === 0 ? found : [...found, ...added].sort((x, y) => x.cue[0] - y.cue[0]);
}

/**
 * The content of a source-less cue opening its sentence ends before the source of the sentence's main
 * attribution when it runs into that source but not its cue ("Asked about reports that the unit did not respond, [a military spokesman, Major
 * Tunde Okafor,] said …": the question ends at the comma before the spokesman).
 */
export function contentsBeforeOtherSources(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  return withContents(found, (a, k) => {
    let contents = a.contents;
    // a source-less cue opening its sentence, the main clause's speaker after it ("Asked about …, X said")
    const opening = a.sources.length === 0 && a.cue[0] === ctx.sentStart[a.cue[0]];
    for (let j = k + 1; opening && j < Math.min(found.length, k + 4); j++) {
      const s = found[j]!.sources[0];
      if (s === undefined || s[1] > found[j]!.cue[0] || ctx.sentStart[s[0]] !== ctx.sentStart[a.cue[0]]) continue;
      contents = contents.flatMap((c) => {
        if (c[0] < a.cue[1] || !(c[0] < s[0] && s[0] < c[1] && c[1] <= found[j]!.cue[0])) return [c];
        let end = s[0];
        while (end > c[0] && ctx.tokens.lower[end - 1] === COMMA) end--;
        return end > c[0] ? [[c[0], end] as const] : [];
      });
    }
    return contents;
  });
}

/**
 * `found` with each attribution's contents replaced by what `repair` returns for it (the attribution
 * dropped when none are left); the same array when nothing changes.
 */
function withContents(found: RawAttribution[], repair: (a: RawAttribution, k: number) => readonly TokenRange[]): RawAttribution[] {
  let out: RawAttribution[] | null = null;
  for (let k = 0; k < found.length; k++) {
    const a = found[k]!;
    const contents = repair(a, k);
    if (contents === a.contents) out?.push(a);
    else {
      out ??= found.slice(0, k);
      if (contents.length > 0) out.push(rawAttribution(a.cue, a.sources, contents, a.confidence));
    }
  }
  return out ?? found;
}

/**
 * A relative clause's attribution ends where its main clause resumes: in "Two women who said they had
 * been detained at the school described beatings", "who said" reports "they had been detained at the
 * school", not "… described beatings" — a content holding the cue of the attribution whose subject
 * the relative pronoun continues ends before that cue.
 */
export function relativeClauseContents(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  return withContents(found, (a, k) => {
    const r = a.sources[0];
    let contents = a.contents;
    if (r === undefined || r[1] - r[0] !== 1 || !SPEAKER_RELATIVES.has(ctx.tokens.lower[r[0]]!)) return contents;
    for (let j = k + 1; j < Math.min(found.length, k + 4); j++) {
      const m = found[j]!;
      const subject = m.sources[0];
      if (subject === undefined || subject[1] !== r[0] || m.cue[0] <= a.cue[1]) continue;
      contents = contents.flatMap((c) => {
        if (!inside(m.cue, c)) return [c];
        let end = m.cue[0];
        while (end > c[0] && ctx.tokens.lower[end - 1] === COMMA) end--;
        return end > c[0] ? [[c[0], end] as const] : [];
      });
    }
    return contents;
  });
}

/** Fewest tokens a content keeps before a concession it gives up. */
const MIN_CONCEDED = 4;

/** Whether a cue holds a reporting verb ("acknowledged", "said"; not "favored", "sought"). */
function reportingCue(ctx: DocContext, cue: TokenRange): boolean {
  for (let i = cue[0]; i < cue[1]; i++) if (ctx.lex[i] === LexClass.reportingVerb) return true;
  return false;
}

/** Conjunctions opening the writer's concession after a report ("…, though the ministry acknowledged …"). */
const CONCESSIVES = words(['though', 'although', 'while', 'whereas', 'but']);

/**
 * A content ends before a concessive clause in which someone else is reported ("According to figures
 * published by the ministry, 1,900 children remain unaccounted for, though the ministry acknowledged
 * that …"): the writer weighs the report there; the figures do not say what the ministry acknowledged.
 * Only after a comma, with the other attribution's source right after the conjunction.
 */
export function concessionsOutOfContents(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  const t = ctx.tokens;
  return withContents(found, (a, k) => {
    let contents = a.contents;
    for (let j = k + 1; j < Math.min(found.length, k + 4); j++) {
      const b = found[j]!;
      const s = b.sources[0];
      if (s === undefined || s[0] < 2 || s[1] > b.cue[0] || !reportingCue(ctx, b.cue)) continue;
      const c = s[0] - 1;
      if (!CONCESSIVES.has(t.lower[c]!) || t.lower[c - 1] !== COMMA) continue;
      // a pronoun may be someone inside the report ("…, but he did remember …"): only the speaker's own
      // ("He claimed …, although he refused …")
      const own = a.sources[0];
      const pronoun = s[1] - s[0] === 1 && ctx.lex[s[0]] === LexClass.pronoun;
      if (pronoun && (own === undefined || own[1] - own[0] !== 1 || t.lower[own[0]] !== t.lower[s[0]])) continue;
      // (not a concession opening the content: "finds that, while 37 percent say …, 39 percent …")
      contents = contents.flatMap((r) => (r[0] < c - MIN_CONCEDED && r[1] > s[0] ? [[r[0], c - 1] as const] : [r]));
    }
    return contents;
  });
}

/**
 * What is left of fragment `c` of attribution `a` (after its cue) once it gives way to `b`, whose cue
 * it holds: the part before `b`'s source and cue, without the comma ("… told investigators [she was
 * advised by Powell], the New York Times reported" — the Times reports the whole, "told" its part).
 */
function endedBeforeReporter(ctx: DocContext, a: RawAttribution, b: RawAttribution, c: TokenRange): TokenRange[] {
  const source = b.sources[0];
  let edge = b.cue[0];
  if (source !== undefined && source[0] > c[0] && source[0] < edge) edge = source[0];
  if (a.cue[1] > c[0] || ctx.tokens.lower[edge - 1] !== COMMA) return [];
  return edge - 1 > c[0] ? [[c[0], edge - 1]] : [];
}

/**
 * Two attributions cannot each report the other. When a later cue's content reaches back over an
 * earlier cue whose content holds the later cue ("the Council said that residents have seen …", with
 * "have seen" given the clause before it), the later one's fragment is dropped (and the attribution,
 * when nothing is left) or ends before the other ({@link endedBeforeReporter}): the earlier cue
 * reports the later one, not the reverse.
 */
export function withoutMutualContents(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  const out: RawAttribution[] = [];
  for (const [k, a] of found.entries()) {
    let contents = a.contents;
    for (let j = Math.max(0, k - 8); j < Math.min(found.length, k + 9); j++) {
      const b = found[j]!;
      if (j === k || !holds(b.contents, a.cue) || !holds(a.contents, b.cue)) continue;
      // the less confident one gives way (the earlier one on a tie)
      if (a.confidence < b.confidence || (a.confidence === b.confidence && j < k))
        contents = contents.flatMap((c) => (inside(b.cue, c) ? endedBeforeReporter(ctx, a, b, c) : [c]));
    }
    if (contents === a.contents) out.push(a);
    else if (contents.length > 0) out.push(rawAttribution(a.cue, a.sources, contents, a.confidence));
  }
  return out;
}

/** Words that may stand between a coordinator and a cue sharing its subject ("and later told"). */
const BETWEEN_COORDINATED = words(['also', 'then', 'later', 'further', 'has', 'have', 'had', 'is', 'was', 'not']);
const COORDINATORS = words(['and', 'but']);

/** Whether token `i` ends in a (lowercase) suffix: "-ing", "-ly". */
function endsWith(ctx: DocContext, i: number, suffix: string): boolean {
  const t = ctx.tokens;
  const end = t.end[i]!;
  if (end - t.start[i]! <= suffix.length) return false;
  for (let k = 0; k < suffix.length; k++) if (t.text.charCodeAt(end - suffix.length + k) !== suffix.charCodeAt(k)) return false;
  return true;
}

const endsWithIng = (ctx: DocContext, i: number): boolean => endsWith(ctx, i, 'ing');
const ACCORDING = hashWord('according');

/**
 * A cue coordinated with an earlier one of its sentence shares its subject: "Boychenko said the city
 * was decimated and estimated that …" — "estimated" has Boychenko as its source although the role
 * tagger, looking for a noun phrase next to the cue, finds none. PolNeAR annotates the shared subject
 * (on train, 85% of such cues with a gold source have exactly the earlier cue's source). So does a
 * participle after a comma ("…, citing …", "…, saying …": 416 of 487 such train cues after an earlier
 * cue of their sentence have exactly its source). The two are siblings, not one reporting the other:
 * the earlier cue's content ends before the coordinator or comma (as PolNeAR marks it).
 */
export function sharedSubjects(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  const t = ctx.tokens;
  const out = [...found];
  for (let k = 1; k < out.length; k++) {
    const a = out[k]!;
    let i = a.cue[0] - 1;
    // after a comma, or a quotation closed by one ("…munitions,” adding …": then linked at the cue);
    // "…, according to X" names its own source after the cue: not a participle of the clause's verb
    const quoted = i >= 1 && ctx.layout.quoteMark[i] === 2 && t.lower[i - 1] === COMMA;
    const participle = (t.lower[i] === COMMA || quoted) && endsWithIng(ctx, a.cue[0]) && t.lower[a.cue[0]] !== ACCORDING;
    if (participle && quoted) i = a.cue[0];
    if (!participle) {
      while (i > a.cue[0] - 3 && i >= 0 && BETWEEN_COORDINATED.has(t.lower[i]!)) i--;
      if (i < 0 || !COORDINATORS.has(t.lower[i]!)) continue;
    }
    const j = earlierOfSentence(ctx, out, k, i, !participle);
    if (j < 0) continue;
    const b = out[j]!;
    const source = b.sources[0];
    const own = a.sources[0];
    // "He said the mission had received … and had asked …": coordinated with the reported clause,
    // whose subject it shares, not with the earlier cue
    const inner = participle ? -1 : innerSubject(ctx, b.cue, i, a.cue);
    if (inner !== -1) {
      const borrowed = own !== undefined && source !== undefined && own[0] === source[0] && own[1] === source[1];
      if (inner !== null) out[k] = rawAttribution(a.cue, [inner], a.contents, a.confidence);
      else if (borrowed) out[k] = rawAttribution(a.cue, [], a.contents, a.confidence);
      continue;
    }
    if (source === undefined || source[0] >= i) continue;
    // a source of its own is kept unless it is a piece of the earlier cue's ("…, Jan Mott, said … but
    // declined": "Jan Mott,") or, for a participle, the tagger took it from the clause before (",
    // citing its own count": "nine people" from "…said nine people had been killed")
    const piece = own !== undefined && own[0] >= source[0] && own[1] <= source[1];
    // ("Local media reported that the office had opened a case, citing a source": the tagger's source
    // ran from the clause's start over its cue)
    const across = own !== undefined && own[0] <= b.cue[0] && own[1] >= b.cue[1];
    if (own !== undefined && !piece && !across && !(participle && holds(b.contents, own))) continue;
    out[k] = rawAttribution(a.cue, [source], a.contents, a.confidence);
    out[j] = endedBefore(ctx, b, i);
  }
  return out;
}

/** The attribution before `k` whose cue ends before token `i` in the same sentence as `k`'s, or -1. */
function earlierOfSentence(ctx: DocContext, found: readonly RawAttribution[], k: number, i: number, coordinated: boolean): number {
  const sentence = ctx.layout.sentence[found[k]!.cue[0]];
  for (let j = k - 1; j >= 0; j--) {
    const b = found[j]!;
    if (ctx.layout.sentence[b.cue[0]] !== sentence) return -1;
    // for a coordinated cue, not one inside an earlier cue's content that ends before the coordinator
    // ("The spokesperson confirmed that a patrol leader had been told …, and said …": the spokesperson's)
    if (b.cue[1] <= i && !(coordinated && nestedBefore(found, j, i))) return j;
  }
  return -1;
}

/** Whether attribution `j`'s cue lies inside an earlier attribution's content that ends before token `i`. */
function nestedBefore(found: readonly RawAttribution[], j: number, i: number): boolean {
  const cue = found[j]!.cue;
  for (let m = j - 1; m >= 0 && m >= j - 4; m--) for (const c of found[m]!.contents) if (inside(cue, c) && c[1] <= i) return true;
  return false;
}

/** `b` with a last content fragment running past token `i` (a coordinator or comma) ended before it. */
function endedBefore(ctx: DocContext, b: RawAttribution, i: number): RawAttribution {
  const n = b.contents.length;
  const last = b.contents[n - 1]!;
  // inside a quotation the speaker's own words run on ("“…, knowing that …”")
  if (last[0] >= i || last[1] <= i || ctx.layout.inQuote[i] === 1) return b;
  let end = i;
  while (end > last[0] + 1 && ctx.tokens.lower[end - 1] === COMMA) end--;
  const contents = b.contents.slice(0, n - 1);
  contents.push([last[0], end]);
  return rawAttribution(b.cue, b.sources, contents, b.confidence);
}

const AUXILIARIES = words(['has', 'have', 'had', 'is', 'was', 'are', 'were', 'would', 'will']);

/** The auxiliary opening the verb group from token `from` to the cue's first word, or -1. */
function auxiliaryOf(ctx: DocContext, from: number, cue: TokenRange): number {
  for (let i = from; i <= cue[0]; i++) if (AUXILIARIES.has(ctx.tokens.lower[i]!)) return ctx.tokens.lower[i]!;
  return -1;
}

/** Where the same auxiliary as the coordinated cue's stands in the earlier cue's clause, or -1. */
function innerEnd(ctx: DocContext, earlier: TokenRange, coordinator: number, cue: TokenRange): number {
  const aux = auxiliaryOf(ctx, coordinator + 1, cue);
  if (aux === -1 || ctx.tokens.lower[earlier[0]] === aux) return -1;
  for (let j = earlier[1] + 1; j < coordinator; j++) if (ctx.tokens.lower[j] === aux) return j;
  return -1;
}

/**
 * A cue after a coordinator whose auxiliary repeats one inside the earlier cue's content ("He said
 * the mission had received … and had asked …") is coordinated with that reported clause, not with
 * the earlier cue: its subject is the reported clause's (the noun phrase before that auxiliary), or
 * null when there is none. -1 when the cue is coordinated with the earlier cue itself.
 */
function innerSubject(ctx: DocContext, earlier: TokenRange, coordinator: number, cue: TokenRange): TokenRange | null | -1 {
  const end = innerEnd(ctx, earlier, coordinator, cue);
  if (end === -1) return -1;
  const t = ctx.tokens;
  if (!SUBJECT_HEADS.has(ctx.pos[end - 1]!)) return null;
  let i = end - 1;
  while (i > end - 1 - SUBJECT_WORDS && i > earlier[1] && (SUBJECT_TAGS.has(ctx.pos[i - 1]!) || t.lower[i - 1] === OF)) i--;
  return t.lower[i] === OF ? null : [i, end];
}

/** Most words of the noun phrase a cue's preposition governs before "that". */
const CUE_OBJECT_WORDS = 6;

/**
 * A long cue ending in a preposition whose object the content took ("said in a report published on" +
 * "its website that 29 …"): the object belongs to the cue (PolNeAR's "said in a statement"), the
 * content starts at "that". Returns the moved cue and contents, or null when the shape does not hold.
 */
export function objectOfCue(
  ctx: DocContext,
  cue: TokenRange,
  contents: readonly TokenRange[],
): [TokenRange, TokenRange[]] | null {
  const t = ctx.tokens;
  const k = contents.findIndex((c) => c[0] === cue[1]);
  if (cue[1] - cue[0] < 3 || ctx.pos[cue[1] - 1] !== PREPOSITION || t.lower[cue[1] - 1] === THAT || k < 0) return null;
  const c = contents[k]!;
  for (let i = c[0]; i < Math.min(c[1] - 1, c[0] + CUE_OBJECT_WORDS + 1); i++) {
    if (t.lower[i] === THAT) {
      if (i === c[0]) return null;
      const out = [...contents];
      out[k] = [i, c[1]];
      return [[cue[0], i], out];
    }
    if (!NOUN_PHRASE_TAGS.has(ctx.pos[i]!)) return null;
  }
  return null;
}

/** The first token of the cue and the source before it ("…, [the Institute said]"). */
function leftEdge(cue: TokenRange, source: TokenRange | undefined): number {
  return source !== undefined && source[1] <= cue[0] ? source[0] : cue[0];
}

/**
 * A content before its source and cue at the end of the sentence ("…, the Institute said.") is the
 * clause from the sentence's start: when the tagger began it mid-phrase, after a word rather than after
 * punctuation ("… between March 1 and [March 6], the Institute said"), it is widened to that start.
 */
export const wholeLeftClause: ContentRepair = (ctx, cue, source, contents) => {
  const t = ctx.tokens;
  const lo = leftEdge(cue, source);
  const start = ctx.sentStart[cue[0]]!;
  for (const [k, c] of contents.entries()) {
    // (a fragment running into the cue is its subject, not a clause: "the vehicle in the video [appeared]")
    if (c[1] >= lo || lo - c[1] > 2 || c[0] <= start || ctx.sentStart[c[0]] !== start) continue;
    if (t.shape[c[0] - 1] === Shape.punct || t.lower[c[0] - 1] === THAT) continue;
    if (ctx.quotes[c[0]]! - ctx.quotes[start]! > 0) continue;
    // the widened fragment takes in any earlier fragment of the sentence (contents stay disjoint)
    const out: TokenRange[] = [];
    for (let j = 0; j < k; j++) if (contents[j]![1] <= start) out.push(contents[j]!);
    out.push([start, c[1]]);
    for (let j = k + 1; j < contents.length; j++) out.push(contents[j]!);
    return out;
  }
  return contents;
};

/** Cues whose object is whom they address, never what they report ("told reporters"; "said enough" reports). */
const ADDRESSEE_CUES = words(['told', 'tells', 'informed', 'assured', 'warned']);
/** Most words of an addressee before a reported clause ("told [us]", "told [the Orvant Courier]"). */
const ADDRESSEE_WORDS = 4;

/**
 * "Relatives of six men told us they had identified the bodies …": when the role tagger gave "told"
 * no content, the clause after its short addressee, to the sentence's end, is the content (a clause:
 * "that", or a short subject and its finite verb). Returns the fragments (empty when not this shape).
 */
export function clauseAfterAddressee(ctx: DocContext, cue: TokenRange): TokenRange[] {
  const t = ctx.tokens;
  if (cue[1] - cue[0] !== 1 || !ADDRESSEE_CUES.has(t.lower[cue[0]]!)) return [];
  let end = ctx.sentEnd[cue[0]]!;
  if (t.shape[end - 1] === Shape.punct && ctx.layout.quoteMark[end - 1] === 0) end--;
  for (let i = cue[1] + 1; i <= cue[1] + ADDRESSEE_WORDS && i < end - 1; i++) {
    if (t.shape[i - 1] === Shape.punct || VERB_FORM_TAGS.has(ctx.pos[i - 1]!)) return [];
    if (t.lower[i] === THAT) return [[i, end]];
    // a short subject and its finite verb right after it ("they had identified …")
    const j = subjectRun(ctx, i, end, ADDRESSEE_WORDS);
    if (j > i && j < end && FINITE_TAGS.has(ctx.pos[j]!)) return [[i, end]];
  }
  return [];
}

/** Most words of a cue's object and circumstances before its sentence's end ("told [the tribunal on Tuesday]."). */
const PLAIN_TAIL_WORDS = 8;

/**
 * Whether tokens [from, to) are nothing but a short object and circumstances of a cue ("the tribunal
 * on Tuesday", "reporters"): no verb, no punctuation, no "that" (empty counts).
 */
function plainTail(ctx: DocContext, from: number, to: number): boolean {
  if (to - from > PLAIN_TAIL_WORDS) return false;
  for (let i = from; i < to; i++) {
    if (ctx.tokens.shape[i] === Shape.punct || ctx.tokens.lower[i] === THAT) return false;
    // a participle after its noun modifies it ("in a report [released] today", "a statement issued on Friday")
    const modifier = i > from && PARTICIPLE_TAGS.has(ctx.pos[i]!) && NOUN_TAGS.has(ctx.pos[i - 1]!);
    if (VERB_FORM_TAGS.has(ctx.pos[i]!) && !modifier) return false;
  }
  return true;
}

/**
 * "A team of monitors was stopped at a checkpoint, he said.": a cue closing its sentence (a headline's
 * too, without its full stop; or followed
 * only by its object and circumstances, "…, a prosecutor told the tribunal on Tuesday.", or by a
 * subordinate clause: "…, he said, as fighting continued") after a comma reports the clause
 * before that comma. When the role tagger found nothing there (and took a quotation of the next
 * sentence or the subordinate clause instead), that clause is the content, without a wire dateline.
 */
export const clauseBeforeFinalCue: ContentRepair = (ctx, cue, source, contents) => {
  const t = ctx.tokens;
  const start = ctx.sentStart[cue[0]]!;
  const end = ctx.sentEnd[cue[0]]!;
  const lo = leftEdge(cue, source);
  const hi = source !== undefined && source[0] >= cue[1] ? source[1] : cue[1];
  // a short object and circumstances may follow when the tagger gave them no content, or when the cue
  // is a reporting verb whose object is the addressee ("…, a prosecutor told [the tribunal on Tuesday].")
  let after = false;
  for (const c of contents) if (c[0] >= hi) after = true;
  const reporting = cue[1] - cue[0] === 1 && ADDRESSEE_CUES.has(t.lower[cue[0]]!);
  // (a headline has no full stop: "Strike on Velna market kills 12, governor says")
  const headline = end === hi && t.lower[end - 1] !== COLON && (end === t.count || t.newlineBefore[end] === 1);
  const closes = headline || (t.shape[end - 1] === Shape.punct && (end - hi === 1 || ((!after || reporting) && plainTail(ctx, hi, end - 1))));
  // "…, the director said, as fighting continued …": a subordinate clause after the cue is not its content
  // (or a participle clause: "…, two people said, speaking on condition of anonymity")
  const subordinate =
    end - hi > 2 && t.lower[hi] === COMMA && (SUBORDINATORS.has(t.lower[hi + 1]!) || endsWithIng(ctx, hi + 1));
  if (lo - 1 <= start || t.lower[lo - 1] !== COMMA || !(closes || subordinate)) return contents;
  // the tagger's content there stands unless it begins after another cue's "that" ("X told investigators
  // that Y, the Courier reported": the Courier reports all of it)
  for (const c of contents) if (c[0] >= start && c[0] < lo && (c[0] === start || t.lower[c[0] - 1] !== THAT)) return contents;
  if (ctx.quotes[lo]! - ctx.quotes[start]! > 0) return contents;
  const from = datelineEnd(ctx, start);
  // the clause must be one: "In the text accompanying the video, he wrote: …" reports no opener
  if (!hasVerb(ctx, from, lo - 1, true)) return contents;
  return from < lo - 1 ? [[from, lo - 1]] : contents;
};

/**
 * "According to the mayor, who cited police figures, 30 bodies were found": when the tagger gives an
 * opening "According to X" no content, the content is the main clause after X and after a relative
 * clause set off by commas after X.
 */
export function accordingToContent(ctx: DocContext, cue: TokenRange, source: TokenRange | undefined): TokenRange[] {
  if (source === undefined || source[0] !== cue[1]) return [];
  return accordingToClause(ctx, cue, source);
}

/** Most words of the source of an opening "According to". */
const ACCORDING_SOURCE_WORDS = 10;

/**
 * An opening "According to" whose content the tagger ran over its source ("According to [the mayor,
 * who cited police figures, 30 bodies were found]"): the source is the phrase up to the first comma,
 * the content the main clause ({@link accordingToContent}). Null when not of that shape.
 */
export function accordingToSplit(
  ctx: DocContext,
  cue: TokenRange,
  contents: readonly TokenRange[],
): { source: TokenRange; contents: TokenRange[] } | null {
  const t = ctx.tokens;
  if (contents.length !== 1 || contents[0]![0] !== cue[1] || t.lower[cue[0]] !== ACCORDING) return null;
  let comma = cue[1] + 1;
  while (comma < contents[0]![1] && comma - cue[1] < ACCORDING_SOURCE_WORDS && t.lower[comma] !== COMMA) comma++;
  if (t.lower[comma] !== COMMA) return null;
  const source: TokenRange = [cue[1], comma];
  const clause = accordingToClause(ctx, cue, source);
  return clause.length === 0 ? null : { source, contents: clause };
}

function accordingToClause(ctx: DocContext, cue: TokenRange, source: TokenRange): TokenRange[] {
  const t = ctx.tokens;
  if (cue[1] - cue[0] !== 2 || t.lower[cue[0]] !== ACCORDING) return [];
  const end = ctx.sentEnd[cue[0]]!;
  let j = source[1];
  if (t.lower[j] !== COMMA) return [];
  j++;
  if (SPEAKER_RELATIVES.has(t.lower[j]!)) {
    while (j < end && t.lower[j] !== COMMA) j++;
    j++;
  }
  const last = t.shape[end - 1] === Shape.punct ? end - 1 : end;
  return j < last && hasVerb(ctx, j, last, true) ? [[j, last]] : [];
}

/** Participles of "X is said to …": the subject is what is reported, not who reports it. */
const PASSIVE_REPORTS = words([
  'said', 'believed', 'reported', 'thought', 'alleged', 'understood', 'rumored', 'rumoured', 'known', 'claimed',
  'suspected', 'estimated', 'expected', 'considered',
]);
/** Adverbs that report without a source ("The governor reportedly plans …"). */
/** Participles of a passive whose subject was addressed ("was told", "had been asked"). */
const ADDRESSED = words(['told', 'asked', 'informed', 'instructed', 'urged', 'advised', 'warned', 'ordered', 'questioned']);
const REPORT_ADVERBS = words(['reportedly', 'allegedly', 'purportedly', 'supposedly', 'apparently']);
const IT = hashWord('it');

/**
 * What the phrase before a cue is when it is not who reports: what is reported ("content": "The mayor
 * is said to have ordered …", "The suspect is believed to be …", "The governor reportedly plans …";
 * PolNeAR leaves 14 of 18 "reportedly" and 4 of 5 "is said to" without a source, the subject in the
 * content) or nothing ("none": the empty "It" of "It was reported that …", the addressee of "X was
 * told …"); null when it is the source.
 */
export function reportedSubjectBefore(ctx: DocContext, cue: TokenRange, source: TokenRange): 'content' | 'none' | null {
  const t = ctx.tokens;
  if (source[1] > cue[0]) return null;
  const last = t.lower[cue[1] - 1]!;
  if (REPORT_ADVERBS.has(last)) return 'content';
  if (headlinePassive(ctx, cue)) return 'content';
  if (!passiveCue(ctx, cue)) return null;
  // "a patrol leader had been told to turn back", "She was asked about …": the subject is who was
  // addressed (PolNeAR: 32 of 35 such cues have no source, the others a "by" agent after the cue)
  for (let i = cue[0]; i < cue[1]; i++) if (ADDRESSED.has(t.lower[i]!)) return 'none';
  if (!PASSIVE_REPORTS.has(last)) return null;
  if (cue[1] < t.count && t.lower[cue[1]] === TO) return 'content';
  return source[1] - source[0] === 1 && t.lower[source[0]] === IT ? 'none' : null;
}

const BY = hashWord('by');
/** Longest "by" agent taken as a source (tokens). */
const AGENT_WORDS = 8;

/**
 * The "by" agent of an addressed passive ("investigators had been told [by two survivors] that …"),
 * who is the source PolNeAR marks (its other 32 of 35 addressed passives have none): the noun phrase
 * after "by" up to "that", punctuation or the content. Null when the cue is not of that shape.
 */
export function passiveAgent(ctx: DocContext, cue: TokenRange, contents: readonly TokenRange[]): TokenRange | null {
  const t = ctx.tokens;
  const [a, b] = cue;
  if (b + 1 >= t.count || t.lower[b] !== BY || !passiveCue(ctx, cue)) return null;
  let addressed = passiveVerification(ctx, cue);
  for (let i = a; i < b; i++) if (ADDRESSED.has(t.lower[i]!)) addressed = true;
  if (!addressed) return null;
  const limit = Math.min(ctx.sentEnd[a]!, b + 1 + AGENT_WORDS);
  let end = b + 1;
  while (end < limit && t.lower[end] !== THAT && t.shape[end] !== Shape.punct && !contents.some((c) => c[0] === end)) end++;
  if (end === b + 1 || (end === limit && limit < ctx.sentEnd[a]!)) return null;
  return [b + 1, end];
}

/** Participles of a headline's passive ("Dozens reported killed"; "said" never stands so). */
const HEADLINE_PASSIVES = words(['reported', 'believed', 'thought', 'feared', 'alleged', 'known', 'suspected', 'rumored', 'rumoured']);
const ADJECTIVE = pennTag('JJ');
/** Tags that may end a headline's reported state ("killed in …", "missing after …", "dead, …"). */
const STATE_END_TAGS = tags(['IN', 'TO', 'CC']);

/**
 * A headline's passive without its "be" ("Dozens reported killed in market strike", "Three feared
 * dead"): a reporting participle right after its subject, then a participle or adjective that ends its
 * phrase. The subject is what is reported, not who reports ("The mayor reported dead bodies" is not
 * of this shape: a noun follows).
 */
function headlinePassive(ctx: DocContext, cue: TokenRange): boolean {
  const t = ctx.tokens;
  const [a, b] = cue;
  if (b - a !== 1 || !HEADLINE_PASSIVES.has(t.lower[a]!) || b + 1 > ctx.sentEnd[a]!) return false;
  // (not a time or manner: "reported early on Monday that …", "reported daily to …")
  const state = PARTICIPLE_TAGS.has(ctx.pos[b]!) || (ctx.pos[b] === ADJECTIVE && !endsWith(ctx, b, 'ly'));
  if (!state || TIME_WORDS.has(t.lower[b]!)) return false;
  const next = b + 1;
  return next >= ctx.sentEnd[a]! || t.shape[next] === Shape.punct || STATE_END_TAGS.has(ctx.pos[next]!);
}

const QUOTED = hashWord('quoted');
const AS = hashWord('as');
const SAYING_WORDS = words(['saying', 'telling', 'writing', 'stating']);

/**
 * "Stanek was quoted by the Orvant Courier as saying that …": the tagger takes the outlet after "by"
 * for the source and the subject for content. Returns the repaired attribution's cue (through
 * "saying"), source (the subject before the cue) and contents (after "saying"), or null when the
 * attribution is not of this shape.
 */
export function quotedBy(
  ctx: DocContext,
  cue: TokenRange,
  contents: readonly TokenRange[],
): { cue: TokenRange; source: TokenRange; contents: TokenRange[] } | null {
  const t = ctx.tokens;
  const [a, b] = cue;
  if (b - a < 2 || t.lower[b - 1] !== BY || t.lower[b - 2] !== QUOTED) return null;
  const end = ctx.sentEnd[a]!;
  let saying = -1;
  for (let i = b + 1; i < end - 1 && i < b + PLAIN_TAIL_WORDS; i++)
    if (t.lower[i] === AS && SAYING_WORDS.has(t.lower[i + 1]!)) {
      saying = i + 1;
      break;
    }
  if (saying < 0) return null;
  let subject: TokenRange | null = null;
  const after: TokenRange[] = [];
  for (const c of contents) {
    if (c[1] === a) subject = c;
    else if (c[1] > saying + 1) after.push([Math.max(c[0], saying + 1), c[1]]);
  }
  if (subject === null || after.length === 0) return null;
  return { cue: [a, saying + 1], source: subject, contents: after };
}

/** Reporting verbs that invert with their source ("…, said the mayor"; not "seemed", "known as"). */
const INVERTING_CUES = words([
  'said', 'says', 'say', 'told', 'tells', 'reported', 'reports', 'wrote', 'writes', 'added', 'adds', 'noted', 'notes',
  'explained', 'explains', 'testified', 'stated', 'states', 'recalled', 'recalls', 'warned', 'warns', 'argued',
  'argues', 'insisted', 'insists', 'claimed', 'claims', 'alleged', 'alleges', 'asked', 'asks', 'replied', 'replies',
  'continued', 'continues', 'concluded', 'concludes', 'announced', 'announces', 'confirmed', 'confirms', 'denied',
  'denies', 'estimated', 'estimates', 'tweeted', 'posted',
]);
/** Tags an inverted source opens with ("said [three residents]", "said [Major Ivo Stanek]"). */
const INVERTED_SOURCE_OPENERS = tags(['DT', 'CD', 'NNP', 'NNPS', 'NNS', 'NN', 'JJ', 'PRP$']);

/**
 * "The fire was started deliberately, said three residents who escaped the blaze.": when the tagger
 * gave a source-less cue the clause before it and, as a further fragment, the noun phrase after it to
 * the sentence's end, that phrase is the (inverted) source. Returns its index among `contents`, or -1.
 */
export function invertedSource(ctx: DocContext, cue: TokenRange, contents: readonly TokenRange[]): number {
  const t = ctx.tokens;
  if (contents.length < 2 || cue[1] - cue[0] !== 1 || !INVERTING_CUES.has(t.lower[cue[0]]!)) return -1;
  // the fragment right after the cue (a quotation of the next sentence may follow it)
  let k = 1;
  while (k < contents.length && contents[k]![0] !== cue[1]) k++;
  if (k === contents.length) return -1;
  const [a, b] = contents[k]!;
  const before = contents[k - 1]!;
  if (before[1] > cue[0] - 1 || t.lower[cue[0] - 1] !== COMMA) return -1;
  const end = ctx.sentEnd[cue[0]]!;
  if (b < end - 1 || t.lower[a] === THAT || !INVERTED_SOURCE_OPENERS.has(ctx.pos[a]!)) return -1;
  // a noun phrase, perhaps with a relative clause: no verb before "who" or "that"
  for (let i = a; i < b; i++) {
    if (RELATIVE_PRONOUNS.has(t.lower[i]!)) break;
    if (VERB_FORM_TAGS.has(ctx.pos[i]!) || ctx.layout.quoteMark[i]! > 0) return -1;
  }
  return k;
}

/**
 * A cue that the tagger began inside the noun phrase before its verb ("the town's [fire chief said]",
 * "the Meridian Open Source [Collective said]", "[the collective posted]") starts at the verb; the
 * nouns go back to the source (the role tagger is run on the shorter cue).
 */
export function verbStart(ctx: DocContext, cue: TokenRange): TokenRange {
  const [a, b] = cue;
  const t = ctx.tokens;
  if (b - a < 2) return cue;
  // tokens are runs of letters, so "town's" is "town" "'" "s"
  const possessive = a > 1 && t.lower[a - 1] === S && apostrophe(t.lower[a - 2]!);
  const modified = a > 0 && (possessive || MODIFIER_TAGS.has(ctx.pos[a - 1]!));
  if (modified || (a > 0 && capital(t.shape[a - 1]!))) {
    // after a name, nouns only ("Exit [polling showed]", not "Mook [further asserted]"); a participle
    // used as a modifier opens the noun phrase too ("A UN [monitoring team said]")
    const nominal = modified ? NOMINAL_TAGS : NOUN_TAGS;
    let i = ctx.pos[a] === VBG && a + 1 < b - 1 && NOUN_TAGS.has(ctx.pos[a + 1]!) ? a + 1 : a;
    while (i < b - 1 && nominal.has(ctx.pos[i]!)) i++;
    if (i > a && VERB_TAGS.has(ctx.pos[i]!)) return [i, b];
  }
  // "the Meridian Open Source [Collective said]", "[the collective posted]": a name's last words or
  // an article and its noun begun in the cue
  let i = a;
  if (t.lower[i] === THE) i++;
  const article = i > a;
  // (a headline's capitalised adverb is not a name: "Republicans Finally Confirmed")
  while (i < b - 1 && NAME_WORD_TAGS.has(ctx.pos[i]!) && (article || capital(t.shape[i]!))) i++;
  const begun = article ? i > a + 1 : i > a && a > 0 && capital(t.shape[a - 1]!);
  return begun && FINITE_TAGS.has(ctx.pos[i]!) ? [i, b] : cue;
}

/** Auxiliaries and modals a cue can open with ("has said", "could not verify", "was reportedly"). */
const CUE_AUXILIARIES = words([
  'could', 'would', 'will', 'can', 'cannot', 'may', 'might', 'must', 'should', 'shall', 'not', 'never',
  'has', 'have', 'had', 'is', 'was', 'are', 'were', 'be', 'been',
]);
/** Forms of "be", which go before a participle or an adverb, not a base or present verb ("all she could do was shout"). */
const BE_FORMS = words(['is', 'was', 'are', 'were', 'be', 'been']);
const PLAIN_VERB_TAGS = tags(['VB', 'VBP', 'VBZ']);
const PARTICIPLE_TAGS = tags(['VBN', 'VBD']);
const TO = hashWord('to');
/** "do" and its forms, an auxiliary before a negation only ("did not respond", not "all she could do was shout"). */
const DO_FORMS = words(['do', 'does', 'did']);
const NEGATIONS = words(['not', 'never', 't']);
/** First halves of negative contractions (tokens are runs of letters: "couldn" "’" "t"). */
const CONTRACTED = words([
  'couldn', 'wouldn', 'won', 'can', 'mustn', 'shouldn', 'hasn', 'haven', 'hadn', 'isn', 'wasn', 'aren', 'weren',
  'didn', 'doesn', 'don', 'ain',
]);
const T = hashWord('t');
/** Tags a cue opens with when it is a verb or an adverb ("verify", "reportedly"), not a noun ("a dispute"). */
const VERBAL_TAGS = tags(['VB', 'VBD', 'VBN', 'VBG', 'VBZ', 'VBP', 'RB']);

/** Whether token `i` is one of {@link auxiliaryStart}'s auxiliaries, given what follows it. */
function auxiliary(ctx: DocContext, i: number): boolean {
  const t = ctx.tokens;
  const w = t.lower[i]!;
  if (CUE_AUXILIARIES.has(w)) return true;
  if (i + 1 >= t.count) return false;
  const next = t.lower[i + 1]!;
  if (DO_FORMS.has(w)) return NEGATIONS.has(next);
  // "couldn" "’" "t", and the apostrophe and "t" themselves
  if (CONTRACTED.has(w)) return apostrophe(next) && i + 2 < t.count && t.lower[i + 2] === T;
  if (apostrophe(w)) return next === T && i > 0 && CONTRACTED.has(t.lower[i - 1]!);
  return w === T && i > 1 && apostrophe(t.lower[i - 1]!) && CONTRACTED.has(t.lower[i - 2]!);
}

/**
 * Where a verbal cue starts once the auxiliaries, modals and negation right before it are taken in
 * ("CPA [could not independently verify]" where the tagger gave "CPA could not" as source and
 * "verify" as cue): 3,303 PolNeAR train cues open with such a word, 12 sources end with one. Adverbs
 * between them go with them; adverbs before the first are left out. Never reaches below `floor` (the
 * source's first word, or the end of a content fragment before the cue), and takes nothing unless
 * every word from `reach` (the end of the source before the cue) to the cue is taken or an adverb.
 * Returns `cue[0]` when nothing is to take in.
 */
export function auxiliaryStart(ctx: DocContext, cue: TokenRange, floor: number, reach: number): number {
  const t = ctx.tokens;
  if (!VERBAL_TAGS.has(ctx.pos[cue[0]]!)) return cue[0];
  const plain = PLAIN_VERB_TAGS.has(ctx.pos[cue[0]]!);
  let first = cue[0];
  let i = cue[0] - 1;
  for (; i >= floor; i--) {
    if (auxiliary(ctx, i) && !(plain && BE_FORMS.has(t.lower[i]!))) first = i;
    else if (ctx.pos[i] !== ADVERB) break;
  }
  // the words between the source and the cue must all be taken ("who asked not to be named said" is no auxiliary run)
  if (i >= reach || (i >= 0 && t.lower[i] === TO)) return cue[0];
  // a run opens with its auxiliary, not with a negation or an adverb ("had Congress [not passed]")
  while (first < cue[0] && (NEGATIONS.has(t.lower[first]!) || ctx.pos[first] === ADVERB)) first++;
  return first;
}

const capital = (shape: number): boolean => shape === Shape.capitalized || shape === Shape.upper;

const ARTICLES = words(['a', 'an', 'the']);
const THE = hashWord('the');
const WHO = hashWord('who');
/** Tags of a name's or a noun phrase's words. */
const NAME_WORD_TAGS = tags(['NN', 'NNS', 'NNP', 'NNPS', 'JJ']);

/**
 * Whether the source before a cue ends in an article ("These accusations are a [staged provocation
 * intended]", "Cooper 360 was the [show]"): the cue then began inside a noun phrase, so it is no cue.
 */
export function articleBeforeCue(ctx: DocContext, cue: TokenRange, source: TokenRange | undefined): boolean {
  if (source === undefined || source[1] !== cue[0]) return false;
  return source[1] - source[0] > 1 && ARTICLES.has(ctx.tokens.lower[cue[0] - 1]!);
}

/**
 * Whether a one-word cue is a word of a name ("The Continental Monitoring Mission"): capitalised
 * between capitalised words, not at its sentence's start, and either an -ing form or in a sentence not
 * written in title case.
 */
export function insideName(ctx: DocContext, cue: TokenRange): boolean {
  const t = ctx.tokens;
  const [a, b] = cue;
  if (b - a !== 1 || a === 0 || b >= t.count || a === ctx.sentStart[a]) return false;
  if (!capital(t.shape[a]!) || !capital(t.shape[a - 1]!) || !capital(t.shape[b]!)) return false;
  // a headline's verbs are capitalised too ("Mayor Says Convoy …"), its participles rarely ("Monitoring Mission")
  if (endsWithIng(ctx, a)) return true;
  let lower = 0;
  let upper = 0;
  for (let i = ctx.sentStart[a]!; i < ctx.sentEnd[a]!; i++) {
    if (t.shape[i] === Shape.lower) lower++;
    else if (capital(t.shape[i]!)) upper++;
  }
  return lower > upper;
}

/** Names of weekdays and months, lower-cased. */
const CALENDAR_WORDS: readonly string[] = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];
/** Words of a time phrase that the role tagger sometimes takes for a source ("which last week called …"). */
const TIME_WORDS = words([
  'last', 'this', 'next', 'past', 'earlier', 'later', 'on', 'in', 'early', 'late', 'ago', 'week', 'weeks',
  'weekend', 'month', 'months', 'year', 'years', 'day', 'days', 'today', 'tonight', 'yesterday', 'morning',
  'afternoon', 'evening', 'night', 'recently', 'previously', 'the', 'a', ...CALENDAR_WORDS,
]);
const RELATIVE_PRONOUNS = words(['who', 'which', 'that']);
/** Relative pronouns of a clause about a speaker already named ("that" clauses say who is meant). */
const SPEAKER_RELATIVES = words(['who', 'which']);
const DASHES = new Set([0x2014, 0x2013, 0x2015]);
/** Most tokens of a dateline ("KESTRAVA, Lorvania (CPA) —") before its dash. */
const DATELINE_TOKENS = 12;

/**
 * The first token after a wire dateline ("KESTRAVA, Lorvania (CPA) — ") opening the paragraph at
 * token `start`, or `start` when there is none.
 */
function datelineEnd(ctx: DocContext, start: number): number {
  const t = ctx.tokens;
  const lay = ctx.layout;
  if (t.shape[start] !== Shape.upper || (start > 0 && lay.paragraph[start - 1] === lay.paragraph[start])) return start;
  for (let i = start + 1; i < Math.min(t.count - 1, start + DATELINE_TOKENS); i++) {
    if (t.end[i]! - t.start[i]! !== 1) continue;
    const c = t.text.charCodeAt(t.start[i]!);
    if (DASHES.has(c) || (t.lower[i] === HYPHEN && spaced(t.text, t.start[i]!, t.end[i]!))) return i + 1;
  }
  return start;
}

/** Whether a token has spaces on both sides (a hyphen standing for a dash: "SARVAN (CPA) - At least …"). */
const spaced = (text: string, start: number, end: number): boolean =>
  /\s/.test(text.charAt(start - 1)) && /\s/.test(text.charAt(end));

/**
 * A content fragment that begins inside a wire dateline ("VELMARA, Ostland (NWA) — Police detained …,
 * according to a rights group") starts after its dash: the dateline says where the report was filed,
 * not what was said.
 */
export const withoutDateline: ContentRepair = (ctx, _cue, _source, contents) => {
  const first = contents[0];
  if (first === undefined) return contents;
  const start = ctx.sentStart[first[0]]!;
  const after = datelineEnd(ctx, start);
  if (after === start || first[0] >= after || first[1] <= after) return contents;
  const out = [...contents];
  out[0] = [after, first[1]];
  return out;
};

/** A content fragment's trailing comma outside a quotation is punctuation of the sentence, not the content. */
export const withoutTrailingComma: ContentRepair = (ctx, _cue, _source, contents) => {
  let out: TokenRange[] | null = null;
  for (let k = 0; k < contents.length; k++) {
    const [a, b] = contents[k]!;
    if (b - a < 2 || ctx.tokens.lower[b - 1] !== COMMA || ctx.layout.inQuote[b - 1] === 1) continue;
    out ??= [...contents];
    out[k] = [a, b - 1];
  }
  return out ?? contents;
};

/**
 * A lone colon after an earlier cue of its sentence ("told a briefing in Geneva: “…”") belongs to that
 * cue's attribution; read as a cue of its own it makes the words before it a source ("Geneva").
 */
export function colonAfterCue(ctx: DocContext, cue: TokenRange, cuePrefix: Int32Array): boolean {
  return cue[1] - cue[0] === 1 && ctx.tokens.lower[cue[0]] === COLON && cuePrefix[cue[0]]! - cuePrefix[ctx.sentStart[cue[0]]!]! > 0;
}

const CHANNEL_PREPOSITIONS = words(['in', 'via']);
const CHANNEL_DETERMINERS = words(['a', 'an', 'its', 'his', 'her', 'their']);
const HYPHEN = hashWord('-');
/**
 * Media a cue's own words go out through: channel.ts's media by their last word ("press release" →
 * "release", "Instagram story" → "story"), without "report", "hearing", "column" and "op-ed", which
 * often name what a content is about ("said the report was false").
 */
const MEDIUM_NOUNS = words([
  'statement', 'interview', 'tweet', 'post', 'release', 'conference', 'briefing', 'letter', 'speech', 'video',
  'address', 'email', 'message', 'filing', 'podcast', 'broadcast', 'appearance', 'testimony', 'story', 'livestream',
  'reel',
]);

const VERB_FORM_TAGS = tags(['VB', 'VBD', 'VBZ', 'VBP', 'VBN', 'VBG', 'MD']);

/** Verb tags but the -ing form: a clause's verb ("offered", which the lexicon calls VBN), not "accompanying". */
const CLAUSE_VERB_TAGS = tags(['VB', 'VBD', 'VBZ', 'VBP', 'VBN', 'MD']);

/** Whether a verb (or participle; no -ing form with `clause`) stands among tokens [from, to). */
function hasVerb(ctx: DocContext, from: number, to: number, clause = false): boolean {
  const set = clause ? CLAUSE_VERB_TAGS : VERB_FORM_TAGS;
  for (let i = from; i < to; i++) if (set.has(ctx.pos[i]!)) return true;
  return false;
}

/** Last words of a genre label before a colon ("Fact check:", "Transcript excerpt:", "UPDATE:"), no speaker. */
const GENRE_LABELS = words([
  'check', 'factcheck', 'transcript', 'excerpt', 'summary', 'findings', 'verdict', 'claim', 'correction',
  'update', 'updated', 'note', 'analysis', 'opinion', 'explainer', 'background', 'context', 'rating', 'related',
  'breaking', 'exclusive', 'look', 'review', 'byline', 'dateline', 'source', 'sources', 'photo', 'caption',
  'video', 'audio', 'listen', 'clarification', 'email', 'web', 'website', 'twitter', 'phone', 'fax', 'contact',
]);

/** Whether a colon cue's source is a genre label ("Fact check: Video does not show …"), not a speaker. */
export function genreLabel(ctx: DocContext, cue: TokenRange, source: TokenRange | undefined): boolean {
  const colon = cue[1] - cue[0] === 1 && ctx.tokens.lower[cue[0]] === COLON;
  return colon && source !== undefined && source[1] === cue[0] && GENRE_LABELS.has(ctx.tokens.lower[source[1] - 1]!);
}

/** Speech verbs (not "talk" or "talks", nouns as often: "talk turned to Compaq"). */
const SPEECH_VERBS = words(['spoke', 'speak', 'speaks', 'speaking', 'spoken', 'talked', 'talking']);
const ADDRESSEE_PREPOSITIONS = words(['to', 'with']);
/** Prepositions that open what was spoken of ("spoke about", "talked of"). */
const TOPIC_PREPOSITIONS = words(['about', 'of']);

/** Tags an addressee opens with ("the Daily Courier", "Northgate Daily", "reporters"; not "to hail", a verb the lexicon calls a noun). */
const ADDRESSEE_OPENER_TAGS = tags(['DT', 'PRP$', 'PRP', 'NNP', 'NNPS', 'NNS', 'CD']);

/**
 * Whether nothing is attributed: a lone complementizer "that", a speech verb with only an addressee and circumstances after it
 * ("The mayor spoke to the Daily Courier by satellite phone from a basement"; PolNeAR's "spoke about"
 * has a topic), or a noun label before a colon over the verbless first line of a document
 * ("Preliminary findings: Kestrava brickworks site", a title; PolNeAR's colon cues are verbs:
 * "said:", "added:", "concludes:").
 */
export function nothingAttributed(ctx: DocContext, cue: TokenRange, contents: readonly TokenRange[]): boolean {
  const t = ctx.tokens;
  // a lone "that" before the cue, another verb's complementizer, is no content ("noting [that] their
  // accounts were corroborated": not for "were corroborated"); a demonstrative is ("That worries …")
  const lone = contents.length === 1 && contents[0]![1] - contents[0]![0] === 1 ? contents[0]![0] : -1;
  if (lone > 0 && lone < cue[0] && t.lower[lone] === THAT && VERB_FORM_TAGS.has(ctx.pos[lone - 1]!)) return true;
  // "the footage [added] to mounting evidence": "added" with only "to …" after it adds a thing, not words
  // (a speaker's "added to People" has its quotation for content)
  if (contents.length === 1 && ADDS.has(t.lower[cue[1] - 1]!) && contents[0]![0] === cue[1] && t.lower[cue[1]] === TO) return true;
  for (const c of contents) if (c[0] < cue[1] || hasVerb(ctx, c[0], c[1])) return false;
  if (t.lower[cue[1] - 1] === COLON)
    return cue[1] - cue[0] === 2 && ctx.sentStart[cue[0]] === 0 && NOUN_TAGS.has(ctx.pos[cue[0]]!);
  if (!SPEECH_VERBS.has(t.lower[cue[0]]!)) return false;
  // the addressee: "to" or "with" and a noun phrase, ending the cue or opening the content
  const to = ADDRESSEE_PREPOSITIONS.has(t.lower[cue[1] - 1]!) ? cue[1] - 1 : contents[0]![0];
  if (!ADDRESSEE_PREPOSITIONS.has(t.lower[to]!) || to + 1 >= t.count || !ADDRESSEE_OPENER_TAGS.has(ctx.pos[to + 1]!)) return false;
  for (let i = cue[0]; i < cue[1]; i++) if (TOPIC_PREPOSITIONS.has(t.lower[i]!)) return false;
  for (const c of contents) for (let i = c[0]; i < c[1]; i++) if (TOPIC_PREPOSITIONS.has(t.lower[i]!)) return false;
  return true;
}

/**
 * "The militia denied the accusations in a post on social media": the medium a cue's words came
 * through is its channel, not part of what was said; a content running on into "in a post", "in a
 * statement on Thursday" ends before it (PolNeAR marks "called for [more school investment] in a
 * statement on Thursday"). Only "in"/"via" + a possessive or indefinite article + the medium, at most
 * one word between, not inside a quotation and not a compound ("in his post-presidential life").
 */
export const withoutChannelTail: ContentRepair = (ctx, cue, _source, contents) => {
  const n = contents.length;
  const last = contents[n - 1];
  if (last === undefined || last[0] < cue[1]) return contents;
  const t = ctx.tokens;
  for (let i = last[0] + 1; i < last[1] - 2; i++) {
    if (!CHANNEL_PREPOSITIONS.has(t.lower[i]!) || !CHANNEL_DETERMINERS.has(t.lower[i + 1]!) || ctx.layout.inQuote[i] === 1) continue;
    const j = MEDIUM_NOUNS.has(t.lower[i + 2]!) ? i + 2 : MEDIUM_NOUNS.has(t.lower[i + 3]!) ? i + 3 : -1;
    if (j < 0 || j >= last[1] || t.lower[j + 1] === HYPHEN) continue;
    // after a verb of the content, the medium is that clause's ("… was mentioned by her in an interview")
    if (hasVerb(ctx, last[0], i)) return contents;
    const out = contents.slice(0, n - 1);
    out.push([last[0], i]);
    return out;
  }
  return contents;
};

/** Adjectives that judge or count a noun cue rather than name its source ("Unconfirmed reports", "Conflicting accounts"). */
const JUDGING_ADJECTIVES = words([
  'unconfirmed', 'unverified', 'unsubstantiated', 'uncorroborated', 'conflicting', 'contradictory', 'initial',
  'preliminary', 'early', 'earlier', 'later', 'recent', 'new', 'fresh', 'further', 'separate', 'repeated',
  'persistent', 'widespread', 'numerous', 'multiple', 'several', 'credible', 'false', 'anonymous', 'unnamed', 'other',
]);

/**
 * Repairs a source span the role tagger got wrong in common shapes of news copy: a wire dateline glued
 * to it ("KESTRAVA, Lorvania (CPA) — Forensic investigators" → "Forensic investigators"), a label
 * before a colon ("Fact check: Video" → "Video"), a headline's "How", the clause before a participle ("The tribunal
 * acquitted Volsky, finding …" → "The tribunal"), an adverb
 * of the cue ("The Ministry categorically"), a relative pronoun trailing it ("The Mission, which" →
 * "The Mission"), a time phrase taken for it ("…, which last week called …" → "which"; a time phrase
 * alone is no source).
 */
export function cleanSource(ctx: DocContext, source: TokenRange, cue: TokenRange): TokenRange | undefined {
  const t = ctx.tokens;
  const [a, b] = source;
  const after = datelineEnd(ctx, ctx.sentStart[a]!);
  if (after > a && after < b) return [after, b];
  // "How a video from Teller Road shows …": a headline's question word is not the speaker's (PolNeAR
  // has no source opening with one)
  if (a === ctx.sentStart[a] && b - a > 1 && HEADLINE_QUESTION_WORDS.has(t.lower[a]!)) return cleanSource(ctx, [a + 1, b], cue);
  // "The tribunal acquitted Volsky on one count, finding that …": a participle's subject is the
  // clause's subject, not the clause (a source with a verb of its own ends before that verb)
  if (b === cue[0] - 1 && t.lower[b] === COMMA && endsWithIng(ctx, cue[0]) && ctx.quotes[b]! === ctx.quotes[a]!) {
    const v = subjectRun(ctx, a, b, SUBJECT_WORDS);
    // (a past tense the lexicon calls a participle has an object: "acquitted Volsky", not "briefed on")
    const past = ctx.pos[v] === PAST_PARTICIPLE && v + 1 < b && OBJECT_OPENER_TAGS.has(ctx.pos[v + 1]!);
    if (v > a && v < b && (FINITE_TAGS.has(ctx.pos[v]!) || past)) return [a, v];
  }
  // "Fact check: Video does not show …", "Bill Clinton: Hillary thinks …": a source starts after a
  // label's colon (a short run of words; not the colon of a title: "a co-author of ''Chick Lit: The New …")
  for (let i = a + 1; i < b - 1 && i <= a + LABEL_REACH && t.shape[a] !== Shape.punct; i++) {
    if (t.shape[i] !== Shape.punct) continue;
    // (not a verse or a time: "Isaiah 45:1")
    if (t.lower[i] === COLON && t.shape[i + 1] !== Shape.digits) return cleanSource(ctx, [i + 1, b], cue);
    break;
  }
  // "The Ministry categorically denies": an adverb before the cue modifies the cue
  if (b - a > 1 && ctx.pos[b - 1] === ADVERB && endsWith(ctx, b - 1, 'ly'))
    return cleanSource(ctx, [a, b - 1], cue);
  for (let r = b - 1; r > a + 1; r--) {
    if (!RELATIVE_PRONOUNS.has(t.lower[r]!) || t.shape[r - 1] !== Shape.punct) continue;
    // "The Board, which last week called …": the cue is the relative clause's verb, "which" its subject
    if (b === cue[0] && timePhrase(ctx, r + 1, b)) return [r, r + 1];
    // "The Mission in Lorvania, which said last week …, said": the clause ends before the cue
    if (r === b - 1) return [a, r - 1];
  }
  // "Unconfirmed reports that …": an adjective judging a noun cue is no one's name
  if (b - a === 1 && b === cue[0] && cue[1] - cue[0] === 1 && JUDGING_ADJECTIVES.has(t.lower[a]!) && NOUN_TAGS.has(ctx.pos[cue[0]]!))
    return undefined;
  if (!timePhrase(ctx, a, b)) return source;
  return a > 0 && RELATIVE_PRONOUNS.has(t.lower[a - 1]!) ? [a - 1, a] : undefined;
}

/** Whether tokens [from, to) are all words of a time phrase or numbers (true when empty). */
function timePhrase(ctx: DocContext, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (ctx.tokens.shape[i] !== Shape.digits && !TIME_WORDS.has(ctx.tokens.lower[i]!)) return false;
  return true;
}

/**
 * Gives a reported attribution without a source of its own (none, or its reporter's) the subject
 * before its cue, and a story's own source-less attribution the subject opening its sentence
 * ({@link withSubject}).
 */
export function reportedSubjects(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  return found.map((a, k) => {
    const reporter = holder(found, k);
    return reporter === null && a.sources.length > 0 ? a : withSubject(ctx, a, reporter);
  });
}

/** Tags of the words between a determiner and a noun phrase's head ("the [Mexican] government"). */
const PHRASE_INNER_TAGS = tags(['JJ', 'NN', 'NNP', 'NNPS', 'CD', 'POS']);
const DETERMINER_TAGS = tags(['DT', 'PRP$']);
const PHRASE_HEAD_TAGS = tags(['NN', 'NNS', 'NNP', 'NNPS']);
const NAME_TAGS = tags(['NNP', 'NNPS']);
/** Most words a noun phrase's start is looked for before a fragment. */
const PHRASE_REACH = 4;

/**
 * Where the noun phrase that `r` starts inside begins, or `r[0]` when it does not start inside one:
 * at a determiner or possessive before it with only adjectives, nouns and numbers between ("[the
 * Mexican] government"), or at the first of the capitalised names before a name ("[Ted] Cruz"). An
 * adjective alone before a name ("moderate Kasich") or a noun ("likely negative ones") is left out.
 */
/** Tags the lexicon gives words of names too ("United Nations", "Armed Forces", "Attorney General"). */
const NAME_MODIFIER_TAGS = tags(['VBN', 'VBD', 'VBG', 'JJ', 'NN', 'NNS']);

/** Whether token `i` may stand before a name's word read as a verb: its article or a capitalised word of it ("the United"). */
function nameContinues(ctx: DocContext, i: number): boolean {
  const tag = ctx.pos[i]!;
  return DETERMINER_TAGS.has(tag) || (capitalisedWord(ctx, i) && (NAME_TAGS.has(tag) || NAME_MODIFIER_TAGS.has(tag)));
}

function phraseStart(ctx: DocContext, r: TokenRange, floor: number): number {
  const head = r[0];
  if (!PHRASE_HEAD_TAGS.has(ctx.pos[head]!)) return head;
  // a name: capitalised inside its sentence ("Trump" is a common noun in the lexicon)
  const name = capitalisedWord(ctx, head) && (head > ctx.sentStart[head]! || NAME_TAGS.has(ctx.pos[head]!));
  let start = head;
  let names = head;
  for (let i = head - 1; i >= Math.max(floor, head - PHRASE_REACH); i--) {
    const tag = ctx.pos[i]!;
    if (DETERMINER_TAGS.has(tag)) {
      start = i;
      break;
    }
    const capitalised = capitalisedWord(ctx, i);
    // a capitalised noun or adjective before a name's words is the name's ("[New York Attorney General]
    // Eric Schneiderman"), and so is a participle after its article or another of its words ("the
    // [United] Nations"; not a title's verb: "Actor Who Endorsed Ted Cruz")
    const nameWord =
      capitalised &&
      (NAME_TAGS.has(tag) ||
        (NAME_MODIFIER_TAGS.has(tag) &&
          names === i + 1 &&
          ctx.tokens.shape[i] !== Shape.upper &&
          i > ctx.sentStart[i]! &&
          (!VERB_FORM_TAGS.has(tag) || nameContinues(ctx, i - 1))));
    if (name && names === i + 1 && nameWord) names = i;
    if ((!PHRASE_INNER_TAGS.has(tag) && !(name && nameWord)) || (name && !capitalised)) break;
  }
  return start < head ? start : names;
}

/** Whether token `i` is a word beginning with a capital letter ("Rubio", "NATO"; not "38PM"). */
function capitalisedWord(ctx: DocContext, i: number): boolean {
  const t = ctx.tokens;
  const c = t.text.charCodeAt(t.start[i]!);
  return capital(t.shape[i]!) && !(c >= 0x30 && c <= 0x39);
}

/**
 * How far back fragment `r` may grow: not past its sentence's start or the cue, nor into `other` or
 * one of `ranges` ending before it.
 */
function growFloor(ctx: DocContext, cue: TokenRange, r: TokenRange, other: TokenRange | undefined, ranges: readonly TokenRange[]): number {
  let floor = r[0] >= cue[1] ? cue[1] : ctx.sentStart[r[0]]!;
  if (other !== undefined && other[1] <= r[0] && other[1] > floor) floor = other[1];
  for (let k = 0; k < ranges.length; k++) {
    const end = ranges[k]![1];
    if (end <= r[0] && end > floor) floor = end;
  }
  return floor;
}

/**
 * Content fragments the role tagger began inside a noun phrase ("had asked the Dravian [command for
 * access …]") start at the phrase's start instead ({@link phraseStart}), never reaching into the cue,
 * the source or another fragment.
 */
export const wholeContentPhrases: ContentRepair = (ctx, cue, source, contents) => {
  let out: TokenRange[] | null = null;
  for (let k = 0; k < contents.length; k++) {
    const r = contents[k]!;
    const s = phraseStart(ctx, r, growFloor(ctx, cue, r, source, contents));
    if (s === r[0]) continue;
    out ??= [...contents];
    out[k] = [s, r[1]];
  }
  return out ?? contents;
};

/** A source begun inside a noun phrase ("Access to the southern [district] has …"), grown the same way. */
export function wholeSourcePhrase(ctx: DocContext, cue: TokenRange, source: TokenRange, contents: readonly TokenRange[]): TokenRange {
  const floor = growFloor(ctx, cue, source, undefined, contents);
  const s = phraseStart(ctx, source, floor);
  if (s !== source[0]) return [s, source[1]];
  const c = compoundStart(ctx, source[0], floor);
  return c === source[0] ? source : [c, source[1]];
}

/**
 * The start of a phrase begun inside a hyphenated compound ("One 23-year-[old student]"): the whole
 * compound and the determiners, numbers and adjectives before it.
 */
function compoundStart(ctx: DocContext, from: number, floor: number): number {
  const t = ctx.tokens;
  let i = from;
  while (i - 2 >= floor && t.lower[i - 1] === HYPHEN && t.end[i - 1] === t.start[i] && t.end[i - 2] === t.start[i - 1]) i -= 2;
  if (i === from) return from;
  for (let k = 0; k < 2 && i > floor && (COMPOUND_LEAD_TAGS.has(ctx.pos[i - 1]!) || COMPOUND_LEAD_WORDS.has(t.lower[i - 1]!)); k++) i--;
  return i;
}
const COMPOUND_LEAD_TAGS = tags(['DT', 'CD', 'JJ', 'PRP$']);
const COMPOUND_LEAD_WORDS = words(['one', 'another', 'a', 'an', 'the']);

/** Tags of a main clause's verb resuming after a relative clause (", did not respond"). */

/**
 * "The Ministry, which called the accusations “a staged provocation,” did not respond …": an
 * attribution inside a relative clause set off by commas (its source "which" or "who" right after a
 * comma) reports only up to the comma closing that clause, where the main clause's verb resumes.
 * The content ends there (after a closing quotation mark that follows the comma).
 */
export const relativeClauseEnd: ContentRepair = (ctx, cue, source, contents) => {
  const t = ctx.tokens;
  if (source === undefined || source[1] - source[0] !== 1 || source[1] > cue[0] || contents.length !== 1) return contents;
  const [a, b] = contents[0]!;
  if (a < cue[1] || source[0] === 0 || t.lower[source[0] - 1] !== COMMA || !RELATIVE_PRONOUNS.has(t.lower[source[0]]!))
    return contents;
  for (let i = a + 1; i < b - 1; i++) {
    if (t.lower[i] !== COMMA) continue;
    const close = ctx.layout.quoteMark[i + 1] === 2 ? i + 2 : i + 1;
    let v = close;
    if (v < b && ctx.pos[v] === ADVERB) v++;
    if (v < b && FINITE_TAGS.has(ctx.pos[v]!)) return [[a, close === i + 2 ? close : i]];
  }
  return contents;
};

const NOUN_PHRASE_OPENERS = tags(['DT', 'PRP$', 'JJ', 'NN', 'NNS', 'NNP', 'NNPS', 'CD']);
/** Words opening an adverbial before a sentence's subject ("Last week, the director, …"). */
/** Prepositions of place a subject's phrase runs on through ("filmed in and around Vessel Hill"). */
const PLACE_PREPOSITIONS = words(['of', 'in', 'around', 'at', 'near', 'from', 'inside', 'outside', 'across', 'between', 'within', 'on']);
const PAST_PARTICIPLE = pennTag('VBN');
const ADVERBIAL_OPENERS = words([
  'last', 'first', 'earlier', 'later', 'then', 'meanwhile', 'also', 'however', 'yesterday', 'today', 'on', 'in',
  'at', 'after', 'before', 'during', 'since', 'when', 'while', 'as', 'but', 'and', 'so', ...CALENDAR_WORDS,
]);

/**
 * "The report, based on photographs, satellite images and interviews with 14 staff members,
 * concluded …": a source the tagger began after a comma inside an appositive, ending in the comma
 * before its cue — or after a preposition, with no comma before it ("Our analysis of 40 videos filmed
 * in and around Vessel Hill … shows", "Video verified by CPA shows") — is the whole subject from its sentence's start (after a
 * dateline), when no verb of its own, quotation or content lies between.
 */
export function wholeAppositiveSubject(
  ctx: DocContext,
  cue: TokenRange,
  source: TokenRange,
  contents: readonly TokenRange[],
): TokenRange {
  const t = ctx.tokens;
  const [a, b] = source;
  const sentence = ctx.sentStart[a]!;
  if (b !== cue[0] || a <= sentence) return source;
  // begun after an appositive's comma, or after a preposition inside the subject ("Our analysis of 40
  // videos filmed in and around [Vessel Hill between 12 and 15 March] shows"; no comma then)
  const appositive = t.lower[b - 1] === COMMA && t.lower[a - 1] === COMMA;
  // or after the "by" of a participle ("Satellite images reviewed [by the Halden Observatory] show"),
  // whose past form the lexicon may read as finite
  const agent = a - 2 > sentence && t.lower[a - 1] === BY && PARTICIPLE_TAGS.has(ctx.pos[a - 2]!) ? a - 2 : -1;
  const inner = PLACE_PREPOSITIONS.has(t.lower[a - 1]!) || agent >= 0;
  // (a reporting verb the lexicon reads as a noun is a verb here: "… show a crater")
  const verb = VERBAL_TAGS.has(ctx.pos[cue[0]]!) || ctx.lex[cue[0]] === LexClass.reportingVerb;
  const start = datelineEnd(ctx, sentence);
  // "[Survivors who travelled to The Hague] welcomed …": begun after a preposition in a relative clause
  // on the sentence's subject, with no punctuation in it
  const relative = appositive || !VERBAL_TAGS.has(ctx.pos[cue[0]]!) || endsWithIng(ctx, cue[0]) ? -1 : relativeSubject(ctx, start, cue[0]);
  if (relative === cue[0] && (ctx.pos[a - 1] === PREPOSITION || t.lower[a - 1] === TO)) {
    for (const c of contents) if (c[0] < a && c[1] > start) return source;
    return [start, b];
  }
  if (!appositive && (!inner || endsWithIng(ctx, cue[0]) || !verb)) return source;
  if (start >= a || !NOUN_PHRASE_OPENERS.has(ctx.pos[start]!) || ADVERBIAL_OPENERS.has(t.lower[start]!)) return source;
  for (let i = start; i < a; i++) {
    if (i === agent) continue;
    if (FINITE_TAGS.has(ctx.pos[i]!) || ctx.layout.quoteMark[i]! > 0) return source;
    // (no comma, and no verb but a participle: "videos filmed in …", not "… arrive one day after …")
    // (a possessive's apostrophe is no punctuation here: "The children's rights office of …")
    const punct = t.shape[i] === Shape.punct && !(apostrophe(t.lower[i]!) && t.lower[i + 1] === S);
    if (!appositive && (punct || (VERB_FORM_TAGS.has(ctx.pos[i]!) && ctx.pos[i] !== PAST_PARTICIPLE))) return source;
  }
  for (const c of contents) if (c[0] < a && c[1] > start) return source;
  return [start, b];
}

/** Most words of a transcript's speaker label, with its parenthesis ("HOST (Kiran Vell)"). */
const LABEL_WORDS = 8;
const OPEN_PAREN = hashWord('(');
const CLOSE_PAREN = hashWord(')');
/** Punctuation left out at a turn's end (a question keeps its mark). */
const TURN_END_TRIM = words(['.', ',', ';', ':']);

/** The colon after a speaker label opening the paragraph at `p` ("ORUN:", "HOST (Kiran Vell):"), or -1. */
function labelColon(ctx: DocContext, p: number): number {
  const t = ctx.tokens;
  let i = p;
  while (i < t.count && i - p < 3 && t.shape[i] === Shape.upper && t.end[i]! - t.start[i]! > 1) i++;
  if (i === p) return -1;
  if (t.lower[i] === OPEN_PAREN) {
    const close = i + LABEL_WORDS;
    while (i < t.count && i < close && t.lower[i] !== CLOSE_PAREN) i++;
    if (t.lower[i] !== CLOSE_PAREN) return -1;
    i++;
  }
  return i < t.count && t.lower[i] === COLON && ctx.layout.paragraph[i] === ctx.layout.paragraph[p] ? i : -1;
}

/**
 * A transcript's turns ("ORUN: We examined eleven bodies. … these people were executed."): a
 * paragraph opened by an upper-case speaker label and a colon is one attribution, the label its
 * source and the whole paragraph after the colon its content. The taggers find such a turn's first
 * sentence at best; attributions inside the turn stay, nested in it.
 */
export function speakerTurns(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  const t = ctx.tokens;
  const paragraph = ctx.layout.paragraph;
  let out: RawAttribution[] | null = null;
  // a paragraph opens with a sentence: only sentence starts are looked at
  const starts = ctx.layout.sentenceStart;
  for (let n = 0; n < starts.length; n++) {
    const p = starts[n]!;
    if (p >= t.count || (p > 0 && paragraph[p] === paragraph[p - 1])) continue;
    // (a transcript quoted whole opens each turn with a quotation mark: "WALLACE: …)
    const label = ctx.layout.quoteMark[p] === 1 ? p + 1 : p;
    if (t.shape[label] !== Shape.upper) continue;
    const colon = labelColon(ctx, label);
    // not a genre label ("CORRECTION:", "EMAIL:"), nor a headline in capitals ("UN: PEACEKEEPERS PAYING …")
    if (colon < 0 || GENRE_LABELS.has(t.lower[colon - 1]!) || t.shape[colon + 1] === Shape.upper) continue;
    let end = colon + 1;
    while (end < t.count && paragraph[end] === paragraph[p]) end++;
    while (end > colon + 1 && TURN_END_TRIM.has(t.lower[end - 1]!)) end--;
    if (end - colon < 3) continue;
    out ??= [...found];
    const turn = rawAttribution([colon, colon + 1], [[label, colon]], [[colon + 1, end]], 0.9);
    const k = out.findIndex((a) => a.cue[0] === colon);
    if (k >= 0) out[k] = turn;
    else out.push(turn);
  }
  if (out === null) return found;
  return out.sort((x, y) => x.cue[0] - y.cue[0]);
}

/** Verbs that report a figure with "at" ("put the number of victims at 97", "placed the toll at"). */
const FIGURE_VERBS = words(['put', 'puts', 'putting', 'placed', 'places', 'placing']);
/** Nouns of a reported figure ("the death toll", "the number of victims", "the figure"). */
const FIGURE_NOUNS = words(['number', 'toll', 'figure', 'count', 'tally', 'total', 'estimate', 'casualties', 'losses']);
/** Prepositions before a reported figure's value ("at 97", "closer to 54,000", "near 300"). */
const FIGURE_PREPOSITIONS = words(['at', 'near', 'around', 'above', 'below', 'between', 'over', 'under']);
/** Words before "to" of a figure's value ("closer to 54,000", "up to 300"). */
const FIGURE_TO = words(['closer', 'close', 'up', 'nearer']);
const INDEFINITE_ARTICLES = words(['a', 'an']);
const NUMBER_WORDS = words([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty',
  'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'hundreds', 'thousand',
  'thousands', 'dozens', 'dozen', 'least', 'more', 'fewer', 'less', 'about', 'nearly', 'almost', 'roughly', 'some',
]);
/** Most words between a figure noun and the preposition of its value ("the number [of civilians killed in the raid] at"). */
const FIGURE_REACH = 10;
/** Verbs that contest a statement ("disputed this account", "rejected the claims"). */
const CONTESTING_VERBS = words([
  'disputed', 'disputes', 'dispute', 'contested', 'contests', 'contest', 'rejected', 'rejects', 'reject', 'denied',
  'denies', 'deny', 'refuted', 'refutes', 'refute', 'challenged', 'challenges',
]);
/** Nouns of what was said, the object of a contesting verb ("this account", "the army's version"). */
const STATEMENT_NOUNS = words([
  'account', 'accounts', 'claim', 'claims', 'version', 'versions', 'report', 'reports', 'allegation', 'allegations',
  'figure', 'figures', 'toll', 'tolls', 'findings', 'assertion', 'assertions', 'characterization', 'characterisation',
  'statement', 'statements', 'testimony', 'conclusion', 'conclusions', 'estimate', 'estimates', 'accusation',
  'accusations', 'narrative', 'story', 'charge', 'charges', 'description', 'count',
]);
/** Nouns of a finding's footing ("reasonable grounds to believe", "reason to believe"). */
const GROUNDS = words(['grounds', 'reason', 'reasons']);
const BELIEF_VERBS = words(['believe', 'suspect', 'conclude', 'think']);
const GROUNDS_ADJECTIVES = words(['reasonable', 'good', 'strong', 'sufficient', 'substantial', 'serious', 'every', 'no', 'little', 'some']);
const HAVE_FORMS = words(['has', 'have', 'had', 'having']);
/** Most words of a contested statement's noun phrase ("[the army's official] version"). */
const STATEMENT_WORDS = 5;

/** Whether the tokens after a figure verb at `v` are a figure and its value ("the number of victims at 97"). */
function figureAfter(ctx: DocContext, v: number, end: number): boolean {
  const t = ctx.tokens;
  let noun = -1;
  // a definite figure ("the number", "its toll"; not "put a number on it")
  if (!DETERMINER_TAGS.has(ctx.pos[v + 1]!) || INDEFINITE_ARTICLES.has(t.lower[v + 1]!)) return false;
  for (let i = v + 1; i < Math.min(end, v + 5) && noun < 0; i++) {
    if (FIGURE_NOUNS.has(t.lower[i]!)) noun = i;
    else if (!MODIFIER_TAGS.has(ctx.pos[i]!) && !NOMINAL_TAGS.has(ctx.pos[i]!)) return false;
  }
  if (noun < 0) return false;
  for (let i = noun + 1; i < Math.min(end - 1, noun + FIGURE_REACH); i++) {
    if (t.shape[i] === Shape.punct) return false;
    if (!FIGURE_PREPOSITIONS.has(t.lower[i]!) && !(t.lower[i] === TO && FIGURE_TO.has(t.lower[i - 1]!))) continue;
    for (let j = i + 1; j < Math.min(end, i + 4); j++) {
      if (t.shape[j] === Shape.digits || NUMBER_WORDS.has(t.lower[j]!)) return true;
      if (t.shape[j] === Shape.punct) break;
    }
  }
  return false;
}

/** Whether the tokens after a contesting verb at `v` are a statement's noun phrase ("this account") or "that". */
function statementAfter(ctx: DocContext, v: number, end: number): boolean {
  const t = ctx.tokens;
  if (t.lower[v + 1] === THAT) return true;
  for (let i = v + 1; i < Math.min(end, v + 1 + STATEMENT_WORDS); i++) {
    if (STATEMENT_NOUNS.has(t.lower[i]!)) return t.lower[i + 1] !== HYPHEN;
    if (!NOUN_PHRASE_TAGS.has(ctx.pos[i]!) && !apostrophe(t.lower[i]!) && !possessiveAt(ctx, i)) return false;
  }
  return false;
}

/**
 * Cues the tagger misses out of PolNeAR's usual contexts, read from their words: a figure reported
 * with "put … at" ("Local officials put the number of victims at 97"; PolNeAR: "Subsequent estimates
 * [put] the figure closer to 54,000 pages") and a verb contesting a statement right after its subject
 * ("A fourth soldier [disputed] this account."; PolNeAR: "A campaign spokeswoman disputed their
 * account") or coordinated with an earlier cue ("said it respected the court but [disputed] its
 * findings"), and a finding's footing ("The Commission [has reasonable grounds to believe] that …", the
 * commissions of inquiry's standard of proof; a cue the tagger began inside it gives way). Returns
 * the cues with these added, in order, and the added ones' starts.
 */
export function lexicalCues(ctx: DocContext, cues: readonly TokenRange[]): { cues: TokenRange[]; added: ReadonlySet<number> } {
  const t = ctx.tokens;
  const added = new Set<number>();
  let out: TokenRange[] | null = null;
  let next = 0;
  for (let v = 1; v < t.count - 2; v++) {
    while (next < cues.length && cues[next]![1] <= v) next++;
    if (next < cues.length && cues[next]![0] <= v) continue;
    const w = t.lower[v]!;
    const figure = FIGURE_VERBS.has(w);
    if (!figure && !CONTESTING_VERBS.has(w)) continue;
    const end = ctx.sentEnd[v]!;
    // a subject right before the verb (a noun or pronoun, not "to" or an auxiliary: "to put", "was denied"),
    // or "and"/"but" after an earlier cue of the sentence, whose subject it shares ("said … but disputed")
    const coordinated = !figure && COORDINATORS.has(t.lower[v - 1]!) && next > 0 && cues[next - 1]![0] >= ctx.sentStart[v]!;
    if (!coordinated && (v === ctx.sentStart[v] || !SUBJECT_HEADS.has(ctx.pos[v - 1]!) || possessiveAt(ctx, v - 1))) continue;
    // (a past tense after its subject, which the lexicon often calls a participle: "soldier disputed")
    if (!(figure ? figureAfter(ctx, v, end) : CLAUSE_VERB_TAGS.has(ctx.pos[v]!) && statementAfter(ctx, v, end))) continue;
    out ??= [...cues];
    out.push([v, v + 1]);
    added.add(v);
  }
  for (let k = 1; k < t.count - 3; k++) {
    if (!GROUNDS.has(t.lower[k]!) || t.lower[k + 1] !== TO || !BELIEF_VERBS.has(t.lower[k + 2]!)) continue;
    // "[has reasonable grounds to believe]", "[had reason to believe]", joining a cue the tagger began in it
    let a = k;
    while (a > ctx.sentStart[k]! && GROUNDS_ADJECTIVES.has(t.lower[a - 1]!)) a--;
    if (a > 0 && HAVE_FORMS.has(t.lower[a - 1]!)) a--;
    const b = k + 3;
    if (a === k || b >= t.count) continue;
    const kept = (out ?? [...cues]).filter((c) => c[1] <= a || c[0] >= b);
    kept.push([a, b]);
    out = kept;
    added.add(a);
  }
  if (out === null) return { cues: [...cues], added };
  return { cues: out.sort((x, y) => x[0] - y[0]), added };
}

/** Most words of one noun phrase of a coordinated list ("the regional police chief"). */
const CONJUNCT_WORDS = 6;
const LIST_COORDINATORS = words(['and', 'or']);
const BASE_VERB = pennTag('VB');
/** Tags of an infinitive's verb after "to" (the lexicon calls some adjectives or nouns: "to open", "to probe"). */
const INFINITIVE_TAGS = tags(['VB', 'VBP', 'JJ', 'NN']);
/** Punctuation ending an infinitive clause after a list (not the dots of "U.S."; dashes too). */
const CLAUSE_ENDS = words([',', ';', ':']);

/** The end of a noun phrase from `i` (at most {@link CONJUNCT_WORDS} words, a noun or number among them), or -1. */
function conjunctEnd(ctx: DocContext, i: number, end: number): number {
  let j = i;
  // (with a possessive: "the prosecutor's office", tokens "prosecutor" "'" "s" "office")
  const word = (k: number): boolean => NOUN_PHRASE_TAGS.has(ctx.pos[k]!) || possessiveAt(ctx, k) || (apostrophe(ctx.tokens.lower[k]!) && possessiveAt(ctx, k + 1));
  while (j < end && j - i < CONJUNCT_WORDS + 2 && word(j)) j++;
  // (with a noun: the lexicon calls some heads adjectives, "the police chief")
  for (let k = i; k < j; k++) if (PHRASE_HEAD_TAGS.has(ctx.pos[k]!) || ctx.tokens.shape[k] === Shape.digits) return j;
  return -1;
}

/**
 * "The group calls on [the army], the police and the courts to investigate": a content after its cue
 * that the tagger ended at the comma opening the rest of a coordinated list of noun phrases runs
 * through the list's last noun phrase ("… and the courts"), and on through an infinitive after it to
 * the clause's end ("to investigate the killings"). Later fragments inside that stretch join it.
 */
export const coordinatedContent: ContentRepair = (ctx, cue, _source, contents) => {
  const t = ctx.tokens;
  for (const [k, c] of contents.entries()) {
    const e = c[1];
    if (c[0] < cue[1] || e >= t.count || t.lower[e] !== COMMA || ctx.layout.inQuote[e] === 1) continue;
    if (!PHRASE_HEAD_TAGS.has(ctx.pos[e - 1]!) && t.shape[e - 1] !== Shape.digits) continue;
    const end = ctx.sentEnd[e]!;
    // (, noun phrase)+ ,? and|or noun phrase: at least one between (", and Ms. Kell said" is a clause)
    let i = e;
    let last = -1;
    let between = 0;
    while (i < end && last < 0) {
      if (t.lower[i] === COMMA) i++;
      if (LIST_COORDINATORS.has(t.lower[i]!)) {
        last = between > 0 ? conjunctEnd(ctx, i + 1, end) : -1;
        if (last < 0) break;
      } else {
        const j = conjunctEnd(ctx, i, end);
        if (j < 0 || (t.lower[j] !== COMMA && !LIST_COORDINATORS.has(t.lower[j]!))) break;
        between++;
        i = j;
      }
    }
    if (last < 0) continue;
    // the list ends the sentence, or an infinitive follows it, taken to the clause's end
    let to = last;
    if (t.lower[last] === TO && last + 1 < end && INFINITIVE_TAGS.has(ctx.pos[last + 1]!) && t.shape[last + 1] === Shape.lower) {
      to = last + 1;
      while (to < end - 1 && !CLAUSE_ENDS.has(t.lower[to]!) && !DASHES.has(t.text.charCodeAt(t.start[to]!)) && ctx.layout.quoteMark[to] === 0) to++;
    } else if (last !== end - 1 || t.shape[last] !== Shape.punct) continue;
    const out: TokenRange[] = contents.slice(0, k);
    out.push([c[0], to]);
    for (const d of contents.slice(k + 1)) if (d[0] >= to) out.push(d);
    return out;
  }
  return contents;
};

/** Verbs that open the main predicate after a subject "Claims that …" ("… remain unverified", "… could not be confirmed"). */
const PREDICATE_VERBS = words([
  'is', 'are', 'was', 'were', 'has', 'have', 'had', 'could', 'can', 'cannot', 'may', 'might', 'would', 'will',
  'should', 'must', 'remain', 'remains', 'remained', 'appear', 'appears', 'appeared', 'seem', 'seems', 'seemed',
  'surfaced', 'emerged', 'circulated', 'prompted', 'sparked', 'drew', 'proved', 'proves',
]);
const ADDS = words(['add', 'adds', 'added', 'adding']);
/** Question words a headline's subject can open with ("How a video from Teller Road shows …"). */
const HEADLINE_QUESTION_WORDS = words(['how', 'why']);
/** Tags a verb's direct object opens with ("acquitted [Volsky]", "shelled [the] town"). */
const OBJECT_OPENER_TAGS = tags(['DT', 'PRP$', 'PRP', 'NNP', 'NNPS', 'CD']);
/** Words a predicate's verb never follows in a clause of its own ("that it was", "and were"). */
const NOT_BEFORE_PREDICATE = tags(['PRP', 'DT', 'IN', 'CC', 'WDT', 'WP', 'TO', 'MD', 'EX']);

/**
 * "Claims that the convoy was shelled remain unverified.": a noun cue opening its sentence (after a
 * determiner or adjectives: "Unconfirmed reports") whose "that" clause is the sentence's subject
 * reports only that clause; the content ends before the main predicate ("remain unverified"): the
 * first verb after the clause's own that opens a predicate and is not that of a clause inside it.
 */
export const nounClauseEnd: ContentRepair = (ctx, cue, source, contents) => {
  const t = ctx.tokens;
  const c = contents[0];
  if (source !== undefined || contents.length !== 1 || c === undefined || c[0] !== cue[1] || t.lower[c[0]] !== THAT) return contents;
  if (cue[1] - cue[0] !== 1 || !NOUN_TAGS.has(ctx.pos[cue[0]]!)) return contents;
  const start = ctx.sentStart[cue[0]]!;
  for (let i = start; i < cue[0]; i++) if (!MODIFIER_TAGS.has(ctx.pos[i]!)) return contents;
  // the clause's own verb first, then the main predicate's
  let verb = c[0] + 1;
  while (verb < c[1] && !CLAUSE_VERB_TAGS.has(ctx.pos[verb]!)) verb++;
  for (let i = verb + 2; i < c[1]; i++) {
    if (t.shape[i] === Shape.punct && ctx.layout.quoteMark[i] === 0) break;
    if (!PREDICATE_VERBS.has(t.lower[i]!) || NOT_BEFORE_PREDICATE.has(ctx.pos[i - 1]!) || BE_FORMS.has(t.lower[i - 1]!)) continue;
    // not the verb of a clause reported inside ("… said [the soldiers] were drunk")
    let j = SUBJECT_HEADS.has(ctx.pos[i - 1]!) ? i : -1;
    while (j > verb && SUBJECT_TAGS.has(ctx.pos[j - 1]!)) j--;
    if (j > 0 && j < i && (t.lower[j - 1] === THAT || FINITE_TAGS.has(ctx.pos[j - 1]!) || ctx.pos[j - 1] === BASE_VERB)) continue;
    return [[c[0], i]];
  }
  return contents;
};

/**
 * "The regional police, according to a statement on its website, «did not conduct any operation»":
 * "according to" set off by commas between a subject and its predicate reports the clause around it —
 * the subject before its comma (from the sentence's start, after a dateline; no verb) and the
 * predicate after the comma closing its source (a verb first), to the sentence's end — as two
 * fragments, where the tagger took one side only. Returns `contents` itself when not this shape.
 */
function aroundOne(ctx: DocContext, cue: TokenRange, source: TokenRange | undefined, contents: readonly TokenRange[]): readonly TokenRange[] {
  const t = ctx.tokens;
  if (source !== undefined && (t.lower[cue[0]] !== ACCORDING || t.lower[cue[0] + 1] !== TO)) return parentheticalTail(ctx, cue, source, contents);
  if (source === undefined || source[0] < cue[1]) return contents;
  const start = datelineEnd(ctx, ctx.sentStart[cue[0]]!);
  let end = ctx.sentEnd[cue[0]]!;
  if (t.shape[end - 1] === Shape.punct && ctx.layout.quoteMark[end - 1] === 0) end--;
  const close = source[1];
  if (cue[0] - 1 <= start || t.lower[cue[0] - 1] !== COMMA || t.lower[close] !== COMMA || end - close < 3) return contents;
  // a subject before (no verb of its own, no quotation closed), its predicate after: a verb first
  if (ctx.quotes[cue[0]]! - ctx.quotes[start]! > 0 && ctx.layout.inQuote[cue[0]] !== 1) return contents;
  for (let i = start; i < cue[0] - 1; i++) if (FINITE_TAGS.has(ctx.pos[i]!)) return contents;
  let v = close + 1;
  if (ctx.layout.quoteMark[v] === 1) v++;
  while (v < end && ctx.pos[v] === ADVERB) v++;
  if (!CLAUSE_VERB_TAGS.has(ctx.pos[v]!)) return contents;
  for (const c of contents) if (c[0] < start || c[1] > end) return contents;
  return [
    [start, cue[0] - 1],
    [close + 1, end],
  ];
}

/**
 * "The men were detained, the mayor says, by soldiers from the garrison.": a speech verb and its source
 * set off by commas inside a clause report the clause's words on both sides; when the tagger took the
 * words before only, the rest of the clause after the closing comma, opened by a preposition, joins
 * as a second fragment.
 */
function parentheticalTail(ctx: DocContext, cue: TokenRange, source: TokenRange, contents: readonly TokenRange[]): readonly TokenRange[] {
  const t = ctx.tokens;
  if (cue[1] - cue[0] !== 1 || !INVERTING_CUES.has(t.lower[cue[0]]!) || ctx.layout.inQuote[cue[0]] === 1) return contents;
  const lo = Math.min(cue[0], source[0]);
  const hi = Math.max(cue[1], source[1]);
  if (source[1] !== cue[0] && source[0] !== cue[1]) return contents;
  const start = datelineEnd(ctx, ctx.sentStart[cue[0]]!);
  let end = ctx.sentEnd[cue[0]]!;
  if (t.shape[end - 1] === Shape.punct && ctx.layout.quoteMark[end - 1] === 0) end--;
  if (lo - 1 <= start || t.lower[lo - 1] !== COMMA || t.lower[hi] !== COMMA || end - hi < 3) return contents;
  let right = false;
  for (const c of contents) {
    if (c[0] < start || c[1] > lo - 1) return contents;
    if (c[1] === lo - 1) right = true;
  }
  const first = t.lower[hi + 1]!;
  if (!right || ctx.pos[hi + 1] !== PREPOSITION || SUBORDINATORS.has(first) || CLAUSE_OPENERS.has(first) || NOT_CONTINUING.has(first)) return contents;
  // not how the words went out or were given ("…, she wrote, on Facebook", "…, he said, on condition of anonymity")
  if (CHANNEL_PREPOSITIONS.has(first) || first === ON) {
    if (end - hi <= 5 && !hasVerb(ctx, hi + 1, end)) return contents;
    if (t.lower[hi + 2] === CONDITION) return contents;
  }
  return [...contents, [hi + 1, end]];
}

/**
 * "The village was searched — but not, he says, by the police.": a speech verb and its source set off
 * by commas report the words from the dash before them on, not the clause before the dash, which the
 * writer states. Returns `contents` itself when no fragment ending at the opening comma holds a dash.
 */
function afterDash(ctx: DocContext, cue: TokenRange, source: TokenRange | undefined, contents: readonly TokenRange[]): readonly TokenRange[] {
  const t = ctx.tokens;
  if (source === undefined || (source[1] !== cue[0] && source[0] !== cue[1])) return contents;
  const lo = Math.min(cue[0], source[0]);
  const hi = Math.max(cue[1], source[1]);
  if (lo < 1 || t.lower[lo - 1] !== COMMA || t.lower[hi] !== COMMA || ctx.layout.inQuote[cue[0]] === 1) return contents;
  let out: TokenRange[] | null = null;
  for (const [k, c] of contents.entries()) {
    let d = -1;
    if (c[1] === lo - 1) for (let i = c[1] - 1; i > c[0] && d < 0; i--) if (DASHES.has(t.text.charCodeAt(t.start[i]!))) d = i;
    if (d > c[0] && d + 1 < c[1]) {
      out ??= contents.slice(0, k);
      out.push([d + 1, c[1]]);
    } else out?.push(c);
  }
  return out ?? contents;
}

/**
 * {@link aroundOne} (and, for a speech verb set off by commas, {@link parentheticalTail}) on each
 * attribution. Run after the quotation fragments are assigned to their
 * nearest cues: the predicate fragment holds a cue of its own ("rejected"), nested in it.
 */
export function aroundAccordingTo(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  return found.map((a) => {
    const contents = afterDash(ctx, a.cue, a.sources[0], aroundOne(ctx, a.cue, a.sources[0], a.contents));
    return contents === a.contents ? a : rawAttribution(a.cue, a.sources, contents, a.confidence);
  });
}

/**
 * "A farmer who lives at the edge of the village told reporters the soldiers came at night": when the
 * tagger gave a source-less "told" only the subject before it (a noun phrase and its relative clause,
 * from the sentence's start), that subject is the source and the clause after the addressee the
 * content ({@link clauseAfterAddressee}). Returns the source and contents, or null when not this shape.
 */
export function subjectTakenForContent(
  ctx: DocContext,
  cue: TokenRange,
  sources: readonly TokenRange[],
  contents: readonly TokenRange[],
): { source: TokenRange; contents: TokenRange[] } | null {
  const c = contents[0];
  if (sources.length > 0 || contents.length !== 1 || c === undefined || c[1] !== cue[0]) return null;
  const start = datelineEnd(ctx, ctx.sentStart[cue[0]]!);
  if (c[0] !== start || relativeSubject(ctx, start, cue[0]) !== cue[0]) return null;
  const after = clauseAfterAddressee(ctx, cue);
  return after.length === 0 ? null : { source: c, contents: after };
}

/** Tags of the words of a source between "as" and its cue ("as [pro-government accounts] claimed"). */
const AS_SOURCE_TAGS = tags(['DT', 'PRP$', 'JJ', 'NN', 'NNS', 'NNP', 'NNPS', 'CD', 'POS', 'PRP', 'FW']);
/** Verb tags a cue after its "as" source opens with ("claimed", "had claimed", "reported"). */
const AS_CUE_TAGS = tags(['VBD', 'VBZ', 'VBP', 'VBN', 'MD']);
const WELL = hashWord('well');
/** Prepositions after a parenthetical cue that open no continuation of its clause ("until it went bankrupt"). */
const NOT_CONTINUING = words(['according', 'until', 'unless', 'despite', 'like', 'than']);
const ON = hashWord('on');
const CONDITION = hashWord('condition');

/**
 * "The video was filmed in Branovac, not in the region as pro-government accounts claimed.": a cue
 * closing its sentence after "as" and its subject reports the clause before "as"; the subject is its
 * source (the tagger began the cue on the subject's nouns, or left "as" in the content). Returns the
 * repaired cue, source and contents, or null when the attribution is not of this shape.
 */
export function asReporter(
  ctx: DocContext,
  cue: TokenRange,
  source: TokenRange | undefined,
  contents: readonly TokenRange[],
): { cue: TokenRange; source: TokenRange; contents: TokenRange[] } | null {
  const t = ctx.tokens;
  if (source !== undefined && source[1] > cue[0]) return null;
  const start = ctx.sentStart[cue[0]]!;
  // the cue's verb, after any nouns the tagger began it on
  let v = cue[0];
  while (v < cue[1] - 1 && NOMINAL_TAGS.has(ctx.pos[v]!)) v++;
  if (!AS_CUE_TAGS.has(ctx.pos[v]!) && !auxiliary(ctx, v)) return null;
  if (source !== undefined && source[1] !== cue[0]) return null;
  // a passive's subject is not who reports ("aides cheered as she was announced the winner")
  if (passiveCue(ctx, [v, cue[1]])) return null;
  const word = (k: number): boolean => AS_SOURCE_TAGS.has(ctx.pos[k]!) || t.lower[k] === HYPHEN || possessiveAt(ctx, k);
  let i = v;
  while (i > start && word(i - 1) && t.lower[i - 1] !== AS) i--;
  const as = i - 1;
  // (not "as well as others similar to the one reported")
  if (as <= start + 1 || t.lower[as] !== AS || i === v || t.lower[as - 1] === WELL) return null;
  // a reporting verb without an object ("as he congratulated Donald Trump" is a time clause) at the
  // sentence's end, circumstances at most ("as the mayor said on Monday")
  const end = ctx.sentEnd[cue[0]]!;
  if (!INVERTING_CUES.has(t.lower[cue[1] - 1]!) || t.shape[end - 1] !== Shape.punct || !plainTail(ctx, cue[1], end - 1)) return null;
  if (cue[1] < end - 1 && ctx.pos[cue[1]] !== PREPOSITION && ctx.pos[cue[1]] !== ADVERB && !TIME_WORDS.has(t.lower[cue[1]]!)) return null;
  let last = as;
  while (last > start + 1 && t.lower[last - 1] === COMMA) last--;
  const kept: TokenRange[] = [];
  for (const c of contents) {
    if (c[1] <= last) kept.push(c);
    else if (c[0] < last) kept.push([c[0], last]);
  }
  if (kept.length === 0) kept.push([datelineEnd(ctx, start), last]);
  return { cue: [v, cue[1]], source: [i, v], contents: kept };
}

/** Most words of one comma-separated noun phrase of an inverted source ("its chair", "Leontine Abara"). */
const APPOSITIVE_WORDS = 6;

/** The start of a noun phrase ending at `end` and opened right after a comma, or -1. */
function nounPhraseAfterComma(ctx: DocContext, end: number, floor: number): number {
  const t = ctx.tokens;
  let i = end;
  while (i > floor && end - i < APPOSITIVE_WORDS && (SUBJECT_TAGS.has(ctx.pos[i - 1]!) || possessiveAt(ctx, i - 1) || apostrophe(t.lower[i - 1]!))) i--;
  if (i === end || i <= floor || t.lower[i - 1] !== COMMA) return -1;
  for (let k = i; k < end; k++) if (PHRASE_HEAD_TAGS.has(ctx.pos[k]!)) return i;
  return -1;
}

/**
 * "The mission has reasonable grounds to believe that …, its chair, Leontine Abara, told a news
 * conference.": a source-less reporting verb after a comma whose content runs on into it through one
 * or two noun phrases set off by commas (a name and its title) takes them as its (inverted) source, and
 * the clause before them as its content. Returns the source and contents, or null when not this shape.
 */
export function appositiveSourceBefore(
  ctx: DocContext,
  cue: TokenRange,
  contents: readonly TokenRange[],
): { source: TokenRange; contents: TokenRange[] } | null {
  const t = ctx.tokens;
  const n = contents.length;
  const last = contents[n - 1];
  if (last === undefined || cue[1] - cue[0] !== 1 || !INVERTING_CUES.has(t.lower[cue[0]]!) || t.lower[cue[0] - 1] !== COMMA) return null;
  if (last[1] < cue[0] - 1 || last[1] > cue[0] || ctx.layout.inQuote[cue[0] - 1] === 1) return null;
  const start = last[0];
  const first = nounPhraseAfterComma(ctx, cue[0] - 1, start);
  if (first < 0) return null;
  // a title before the name ("its chair, Leontine Abara"), when a clause is left before both
  const second = nounPhraseAfterComma(ctx, first - 1, start);
  const from = second > 0 && hasVerb(ctx, start, second - 1, true) ? second : first;
  if (!hasVerb(ctx, start, from - 1, true)) return null;
  const out = contents.slice(0, n - 1);
  out.push([start, from - 1]);
  return { source: [from, cue[0] - 1], contents: out };
}

/**
 * A reported attribution's content never runs into its reporter's source: "The mission has reasonable
 * grounds to believe [that … died in custody], its chair, Leontine Abara, told …" — the fragment of
 * the cue inside the reporter's content ends before the reporter's source (and the comma before it).
 */
export function withoutReporterSource(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  let out: RawAttribution[] | null = null;
  for (let k = 0; k < found.length; k++) {
    const b = found[k]!;
    let contents: TokenRange[] | null = null;
    for (let j = Math.max(0, k - 4); j < Math.min(found.length, k + 5); j++) {
      const a = found[j]!;
      const s = a.sources[0];
      if (j === k || s === undefined || s[0] < b.cue[1] || !holds(a.contents, b.cue)) continue;
      const list: TokenRange[] = contents ?? [...b.contents];
      for (const [m, c] of list.entries()) {
        if (c[0] >= s[0] || c[1] <= s[0]) continue;
        let end = s[0];
        while (end > c[0] + 1 && ctx.tokens.lower[end - 1] === COMMA) end--;
        list[m] = [c[0], end];
        contents = list;
      }
    }
    if (contents !== null) {
      out ??= found.slice(0, k);
      out.push(rawAttribution(b.cue, b.sources, contents, b.confidence));
    } else out?.push(b);
  }
  return out ?? found;
}

/** Words a trial's pleadings are named by after "closing"/"opening" ("in closing arguments"). */
const PLEADINGS = words(['argument', 'arguments', 'submission', 'submissions']);
const PLEADING_OPENERS = words(['closing', 'opening']);
const DOUBT = hashWord('doubt');
const DOUBT_IDIOM = words(['reasonable', 'beyond', 'without']);
const DENY_FORMS = words(['deny', 'denies', 'denied', 'denying']);
/** Things withheld from someone ("were denied [medical care]", "denied them [access]"): no claim denied. */
const WITHHELD = words([
  'access', 'entry', 'bail', 'care', 'treatment', 'food', 'water', 'medicine', 'medication', 'visa', 'visas',
  'permission', 'passage', 'parole', 'counsel', 'visits', 'visitation', 'asylum', 'right', 'rights', 'justice',
  'burial', 'shelter', 'aid', 'assistance', 'sleep', 'contact', 'representation', 'trial', 'release', 'lawyers',
]);
/** Tags of the words between "denied" and the thing withheld ("denied [the prisoners] access", "denied [a fair] trial"). */
const WITHHELD_BEFORE = tags(['DT', 'JJ', 'PRP', 'PRP$', 'NNS', 'NN', 'CD']);
const WITHHELD_REACH = 4;
const SHOW_FORMS = words(['show', 'shows', 'showed', 'shown', 'showing']);
const LITTLE = words(['no', 'little', 'any']);
/** A demeanour shown ("showed no emotion as …"), not evidence shown. */
const DEMEANOUR = words(['emotion', 'emotions', 'remorse', 'regret', 'reaction', 'expression', 'contrition', 'feeling', 'feelings']);

/**
 * Whether a cue the tagger found is a word of an idiom that reports nothing: a trial's "closing
 * arguments", "beyond reasonable doubt", a demeanour shown ("showed no emotion as …"), and a thing
 * withheld from someone ("were denied medical care", "denied the prisoners access to lawyers") rather
 * than a claim denied.
 */
export function idiomCue(ctx: DocContext, cue: TokenRange): boolean {
  const t = ctx.tokens;
  const a = cue[0];
  const w = t.lower[a]!;
  if (a > 0 && PLEADINGS.has(w) && PLEADING_OPENERS.has(t.lower[a - 1]!)) return true;
  if (a > 0 && w === DOUBT && DOUBT_IDIOM.has(t.lower[a - 1]!)) return true;
  // the cue's own verb may follow its auxiliaries ("were denied")
  let v = a;
  while (v < cue[1] - 1 && !DENY_FORMS.has(t.lower[v]!) && !SHOW_FORMS.has(t.lower[v]!)) v++;
  if (v + 2 < t.count && SHOW_FORMS.has(t.lower[v]!) && LITTLE.has(t.lower[v + 1]!) && DEMEANOUR.has(t.lower[v + 2]!)) return true;
  if (!DENY_FORMS.has(t.lower[v]!)) return false;
  const end = Math.min(ctx.sentEnd[v]!, v + 1 + WITHHELD_REACH);
  for (let i = v + 1; i < end; i++) {
    // (not the subject of a clause denied: "denied the aid was diverted")
    if (WITHHELD.has(t.lower[i]!)) return i + 1 >= t.count || !FINITE_TAGS.has(ctx.pos[i + 1]!);
    if (!WITHHELD_BEFORE.has(ctx.pos[i]!) || t.lower[i] === THAT) return false;
  }
  return false;
}

/** Most words of a relative clause set off by commas between a subject and its cue. */
const SET_OFF_RELATIVE_WORDS = 25;

/**
 * "A resident of the village, who spoke on condition of anonymity because he feared reprisals, told
 * …": the subject opening the sentence, with the relative clause set off by commas that ends right
 * before the cue, is the source — not a pronoun inside the clause (the fragment nearest the cue) nor a
 * span cut off inside it. Returns the subject through the clause's closing comma's word, or null when
 * the source fragments `found` are not this shape.
 */
export function subjectOverRelative(ctx: DocContext, cue: TokenRange, found: readonly TokenRange[]): TokenRange | null {
  const t = ctx.tokens;
  const close = cue[0] - 1;
  if (close < 1 || t.lower[close] !== COMMA || ctx.layout.inQuote[cue[0]] === 1) return null;
  let first: TokenRange | undefined;
  for (const s of found) if (s[1] <= cue[0] && (first === undefined || s[0] < first[0])) first = s;
  if (first === undefined) return null;
  const start = datelineEnd(ctx, ctx.sentStart[cue[0]]!);
  if (first[0] !== start) return null;
  // a noun phrase, its comma, then "who" or "which" (prepositions inside the phrase: "A nurse at the clinic")
  let i = first[0];
  while (i < close && (SUBJECT_TAGS.has(ctx.pos[i]!) || (i > first[0] && ctx.pos[i] === PREPOSITION)) && t.lower[i] !== COMMA) i++;
  if (i === first[0] || t.lower[i] !== COMMA || !SPEAKER_RELATIVES.has(t.lower[i + 1]!)) return null;
  if (close - i > SET_OFF_RELATIVE_WORDS || ctx.quotes[close] !== ctx.quotes[first[0]]) return null;
  // one clause (no comma inside it), and the tagger's fragments reach into it — a pronoun inside it, or
  // the subject cut off inside it; fragments that end before the clause ("Clinton") are PolNeAR's style
  for (let j = i + 1; j < close; j++) if (t.lower[j] === COMMA) return null;
  let into = false;
  for (const s of found) {
    if (s[1] > close) return null;
    if (s[1] > i + 1) into = true;
  }
  if (!into) return null;
  const whole: TokenRange = [first[0], close];
  return found.length === 1 && found[0]![1] === close ? null : whole;
}
