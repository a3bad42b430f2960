/**
 * Channel of an attribution when the text states it: "in a statement released on its Facebook
 * account", "told ABC News", "in an interview with Turkish media", "on Twitter", "in an Instagram
 * story", "told local radio", "by video link", "posted a video", "in an earlier statement", "in a text
 * message", "in a WhatsApp voice note", "in a livestream", "in a Facebook group", "told a news
 * conference". Read from the cue's sentence,
 * outside the attribution's content.
 */
import type { DocContext, TokenRange } from './attribution-features.ts';
import { hashWord } from '../text/tokens.ts';

const MEDIUM_NOUNS =
  '(?:statement|interview|tweet|post|press release|news conference|press conference|briefing|letter|speech|video|address|op-ed|column|blog post|email|message|report|filing|court filing|televised address|podcast|broadcast|live ?stream|live broadcast|voice note|audio note|appearance|hearing|testimony)';
/** Platforms, as a medium's modifier ("an Instagram story") or a place ("on Mastodon"). */
const PLATFORMS = 'Twitter|Facebook|Instagram|Telegram|YouTube|TikTok|WhatsApp|Mastodon|Bluesky|Threads|Snapchat|VKontakte|Weibo|LinkedIn';
const MEDIUM =
  `(?:(?:joint |written |televised |video |radio |television |TV |brief |short |lengthy |recent |new |separate |official |emailed |prepared |press |news |earlier |later |previous |subsequent |follow-up |second |text |voice |audio |SMS |Signal |(?:${PLATFORMS}) )*` +
  `${MEDIUM_NOUNS}|(?:${PLATFORMS}) (?:story|stories|live ?stream|reel|group|chat))`;
const PREPOSITIONAL = new RegExp(
  // the medium's own words run on until punctuation, the "that" opening the content or a verb of saying
  `\\b(?:in|on|at|during|through|via)\\s+(?:a|an|its|his|her|their|the|one)\\s+${MEDIUM}\\b(?:(?!\\s(?:that|said|says|told)\\b)[^,.;:"“”()]){0,80}`,
  'gi',
);
/**
 * Cheap first pass for {@link PREPOSITIONAL}: every match of it contains a medium noun (same flags,
 * so the same case folding), and four sentences in five name none. The full pattern, which tries its
 * prepositions at every "in", "on" and "at", then runs on the rest only: half the time.
 */
const ANY_MEDIUM = new RegExp(`${MEDIUM_NOUNS}|(?:${PLATFORMS}) (?:story|stories|live ?stream|reel|group|chat)`, 'i');
const PLATFORM = new RegExp(
  `\\b(?:on|via)\\s+(?:${PLATFORMS}|X|social media|(?:its|his|her|their) (?:${PLATFORMS})(?: account| page| channel)?` +
    // "on the group's Telegram channel", "on the ministry's official Facebook page"
    `|the [\\w-]+['’]s (?:official )?(?:${PLATFORMS}) (?:account|page|channel|feed))\\b`,
  'g',
);
/** Added to the distance of {@link TOLD_PRESS}: a medium or an outlet named nearby wins over it. */
const PRESS_PENALTY = 60;
/** "told reporters", "told journalists at the site": the press, without an outlet's name. */
const TOLD_PRESS =
  /\b(?:told|telling|tells|tell)\s+(?:reporters|journalists|the press)\b(?:\s+(?:at the (?:site|scene)|in (?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)\p{Lu}[\p{L}-]+\b))?/gu;
/** A link the speaker spoke over: "testified by video link", "reached by phone". */
const LINK = /\b(?:by|via|over)\s+(?:a\s+|the\s+)?(?:video[- ]?link|video call|video ?conference|tele(?:phone|conference)|phone|satellite link)\b/gi;
/** A medium the cue's verb put out: "posted a video", "issued a statement". */
const PUT_OUT = new RegExp(
  `\\b(?:posted|published|released|issued|shared|uploaded|put out)\\s+(?:a|an|its|his|her|their)\\s+(?:second |new |short |brief |joint |written |video )*(?:video|statement|post|tweet|message|press release|clip|recording|letter)\\b` +
    `(?:\\s+on\\s+(?:(?:its|his|her|their)\\s+)?(?:${PLATFORMS}|X)(?: account| page| channel)?)?`,
  'gi',
);
/** "told local radio", "told state television": an outlet without a name. */
const TOLD_MEDIA =
  /\b(?:told|telling|tells|tell)\s+(?:the\s+)?(?:(?:local|state|state-run|state-owned|national|regional|public|private|independent|foreign|international|pro-government|opposition|Western|German|French|Russian|Ukrainian|Israeli|Arab|Turkish|Iranian|Chinese)\s+)(?:radio|television|TV|media|broadcasters?|newspapers?|news agencies|news outlets|outlets)\b/g;
/** "told a news conference", "told a briefing": the occasion spoken at. */
const TOLD_OCCASION = /\b(?:told|telling|tells|tell)\s+(?:a|an|the|this|that)\s+(?:(?:news|press|televised|online|virtual|weekly|daily|regular|separate)\s+)*(?:conference|briefing|hearing|rally)(?:\s+(?:audience|crowd))?\b/gi;
/**
 * Words without which {@link TOLD_MEDIA} (bit 1), {@link LINK} (2), {@link PUT_OUT} (4) and {@link TOLD_OCCASION} (8) cannot
 * match, by token hash: one set lookup per token of the sentence is a cheaper first pass than a
 * case-insensitive scan of its text per pattern.
 */
const GATE_WORDS = new Map<number, number>([
  ...['radio', 'television', 'tv', 'media', 'broadcaster', 'broadcasters', 'newspaper', 'newspapers', 'agencies', 'outlets'].map((w) => [hashWord(w), 1] as const),
  ...['told', 'telling', 'tells', 'tell'].map((w) => [hashWord(w), 8] as const),
  ...['link', 'videolink', 'call', 'conference', 'videoconference', 'teleconference', 'phone', 'telephone'].map((w) => [hashWord(w), 2] as const),
  ...['posted', 'published', 'released', 'issued', 'shared', 'uploaded', 'put'].map((w) => [hashWord(w), 4] as const),
]);
const WHEN = '(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\\b)';
const TOLD = new RegExp(
  `\\b(?:told|telling|tells|tell)\\s+((?:the\\s+)?${WHEN}(?:[A-Z][\\w&.'’-]*)(?:\\s+(?:of\\s+|and\\s+)?${WHEN}[A-Z][\\w&.'’-]*)*)`,
  'g',
);
/** The patterns read, each with the {@link GATE_WORDS} bit its sentence must hold (0: none). */
const PASSES: readonly (readonly [RegExp, number])[] = [
  [PREPOSITIONAL, 0],
  [PLATFORM, 0],
  [TOLD, 0],
  [TOLD_MEDIA, 1],
  [LINK, 2],
  [PUT_OUT, 4],
  [TOLD_OCCASION, 8],
  [TOLD_PRESS, 8],
];

/**
 * True when [start, end) of the text lies inside one of the contents. A module function rather than a
 * closure per attribution: tsx's keepNames wraps every named closure in __name (a defineProperty).
 */
function inContent(contents: readonly TokenRange[], t: DocContext['tokens'], start: number, end: number): boolean {
  return contents.some(([cs, ce]) => start >= t.start[cs]! && end <= t.end[ce - 1]!);
}

/** The stated channel of one attribution, or null. */
export function channelOf(
  ctx: DocContext,
  a: { readonly cue: TokenRange; readonly contents: readonly TokenRange[] },
): string | null {
  const t = ctx.tokens;
  // the cue's sentence, clipped so run-on text stays linear
  const s0 = Math.max(ctx.sentStart[a.cue[0]]!, a.cue[0] - 40);
  const s1 = Math.min(ctx.sentEnd[a.cue[0]]!, a.cue[1] + 40);
  const base = t.start[s0]!;
  const sentence = t.text.slice(base, t.end[s1 - 1]);
  const cueStart = t.start[a.cue[0]]!;
  const cueEnd = t.end[a.cue[1] - 1]!;
  const found: { text: string; start: number; end: number; distance: number }[] = [];
  let gates = 0;
  for (let i = s0; i < s1; i++) gates |= GATE_WORDS.get(t.lower[i]!) ?? 0;
  for (const [re, gate] of PASSES) {
    if ((gate !== 0 && (gates & gate) === 0) || (re === PREPOSITIONAL && !ANY_MEDIUM.test(sentence))) continue;
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
      let text = m[0].trim().replace(/\s+(?:on|of|and|the)$/, '');
      if (re === TOLD) text = text.replace(/\s+(?:on|of|and)$/, '');
      // a sentence-final period is not part of the outlet's name ("told ABC News."), an initial's is ("U.S.")
      if (text.endsWith('.') && !/(?:^|[\s.])[A-Z]\.$/u.test(text)) text = text.slice(0, -1);
      // "In a statement released …" → "a statement released …"; "on Twitter" keeps its preposition
      if (re === PREPOSITIONAL) text = text.replace(/^(?:in|on|at|during|through|via)\s+/i, '');
      const start = base + m.index;
      const end = start + m[0].trimEnd().length;
      if (inContent(a.contents, t, start, end)) continue;
      const distance = end <= cueStart ? cueStart - end : Math.max(0, start - cueEnd);
      // "issued a statement saying …": the cue's own verb or one just before it, not a later clause's
      if (re === PUT_OUT && (start > cueEnd || distance > 80)) continue;
      // "told reporters" only when no medium is named ("told reporters in a WhatsApp voice note")
      found.push({ text, start, end, distance: re === TOLD_PRESS ? distance + PRESS_PENALTY : distance });
    }
  }
  // a match inside a longer one ("on its Facebook account" in "a statement released on its …") yields
  let best: { text: string; distance: number } | null = null;
  for (const f of found) {
    if (found.some((g) => g !== f && g.start <= f.start && f.end <= g.end && g.end - g.start > f.end - f.start)) continue;
    if (best === null || f.distance < best.distance) best = f;
  }
  return best !== null && best.distance < 120 ? best.text : null;
}
