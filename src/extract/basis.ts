/**
 * Basis an attribution rests on, when the text states it: eyewitness accounts, interviews,
 * documents, imagery, forensic findings, "credible sources", hearsay, official data, an
 * investigation. Read from the cue's sentence and the content, plus the next sentence when it
 * continues with the same speaker ("The organization said its investigators interviewed …").
 */
import type { Basis } from './types.ts';
import type { DocContext, TokenRange } from './attribution-features.ts';

const PATTERNS: readonly (readonly [Basis, RegExp])[] = [
  ['eyewitness', /\beye-?witness(?:es)?\b|\bwitness(?:es)? (?:have |had )?(?:seen|saw|said|say|reported|described)\b|\bwitnessed\b|\bwitness accounts?\b|\bsaw with (?:their|his|her) own eyes\b/i],
  ['interviews', /\binterview(?:ed|s)? (?:with )?(?:more than |at least |over |nearly |about |some |dozens of |hundreds of )?(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|several|many)\b|\binterviews with\b|\bspoke (?:to|with) (?:more than |at least )?\d/i],
  ['documents', /\b(?:documents?|records|memos?|emails|files|paperwork|leaked|intercepted (?:calls|communications))\b/i],
  ['imagery', /\b(?:satellite (?:images?|imagery|photos?)|imagery|photographs?|photos?|videos?|footage|drone)\b/i],
  ['forensic', /\b(?:forensic|autops(?:y|ies)|exhum(?:ed|ation)|post-mortem|ballistic)\b/i],
  ['credible_sources', /\bcredible sources?\b|\breliable sources?\b|\bsources (?:familiar|close|with knowledge)\b/i],
  ['hearsay', /\b(?:rumou?rs?|hearsay|second-?hand|heard (?:reports|that|from))\b/i],
  ['official_data', /\b(?:official (?:figures|data|statistics|count|toll)|statistics|census|data from)\b/i],
  ['investigation', /\b(?:investigation|investigators|inquiry|probe) (?:found|concluded|showed|established|determined)\b/i],
];

/** Cheap first pass: no basis pattern can match text without one of these stems. */
const TRIGGER =
  /witness|interview|spoke|document|record|memo|email|files|paperwork|leak|intercept|satellite|imag|photo|video|footage|drone|forensic|autops|exhum|mortem|ballistic|source|rumo|hearsay|hand|heard|statistic|census|data|official|investigat|inquiry|probe/i;

const ANAPHORIC = /^\s*(?:The (?:organi[sz]ation|group|report|agency|council|statement|ministry|mayor|official|company|office|department)|It|He|She|They|Its|His|Her|Their)\b/u;

/**
 * Sentence `s` clipped to 80 tokens before and 160 after the cue, so run-on text stays linear. A module
 * function rather than a closure per attribution: tsx's keepNames wraps every named closure in __name.
 */
function sentenceText(ctx: DocContext, cue: TokenRange, s: number): string {
  const t = ctx.tokens;
  const lay = ctx.layout;
  return t.text.slice(t.start[Math.max(lay.sentenceStart[s]!, cue[0] - 80)], t.end[Math.min(lay.sentenceEnd[s]!, cue[1] + 160) - 1]);
}

/** The stated bases of one attribution, in a fixed order, without duplicates. */
export function basisOf(
  ctx: DocContext,
  a: { readonly cue: TokenRange; readonly contents: readonly TokenRange[] },
): Basis[] {
  const t = ctx.tokens;
  const lay = ctx.layout;
  const sent = lay.sentence[a.cue[0]]!;
  const parts: string[] = [];
  parts.push(sentenceText(ctx, a.cue, sent));
  for (const [s, e] of a.contents) parts.push(t.text.slice(t.start[s], t.end[e - 1]).slice(0, 1500));
  if (sent + 1 < lay.sentenceStart.length && lay.sentenceStart[sent + 1]! < a.cue[1] + 80) {
    const next = sentenceText(ctx, a.cue, sent + 1);
    if (ANAPHORIC.test(next)) parts.push(next);
  }
  const text = parts.join('\n');
  const out: Basis[] = [];
  if (!TRIGGER.test(text)) return out;
  for (const [basis, re] of PATTERNS) if (re.test(text)) out.push(basis);
  return out;
}
