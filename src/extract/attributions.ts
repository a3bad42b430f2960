/**
 * Attribution extraction: who said what, through which cue. A learned cue tagger (Viterbi-decoded)
 * finds cues; for each cue a learned role tagger finds its source and content fragments; rules then
 * add stance, quote kind, channel, basis and nesting (see stance.ts, channel.ts, basis.ts, nesting.ts).
 */
import type { Attribution, Span } from './types.ts';
import {
  cuePrefix,
  cueSpans,
  documentContext,
  decodeCues,
  tagRoles,
  WINDOW_AFTER,
  WINDOW_BEFORE,
  type DocContext,
  type RoleResult,
  type TokenRange,
} from './attribution-features.ts';
import { Shape } from '../text/tokens.ts';
import { defaultAttributionModels, type AttributionModels } from './attribution-weights.ts';
import { stanceOf } from './stance.ts';
import { channelOf } from './channel.ts';
import { basisOf } from './basis.ts';
import { quoteKindOf } from './attribution-quote.ts';
import { nest } from './nesting.ts';
import { activeVerificationRoles, passiveVerification, unverifiedSubject, withVerificationCues } from './verification.ts';
import {
  accordingToContent,
  accordingToSplit,
  appositiveSourceBefore,
  aroundAccordingTo,
  articleBeforeCue,
  asReporter,
  auxiliaryStart,
  clauseAfterAddressee,
  clauseBeforeFinalCue,
  cleanSource,
  colonAfterCue,
  concessionsOutOfContents,
  contentsBeforeOtherSources,
  coordinatedContent,
  genreLabel,
  idiomCue,
  insideName,
  invertedSource,
  lexicalCues,
  nothingAttributed,
  nounClauseEnd,
  objectOfCue,
  passiveAgent,
  quotedBy,
  quotedReports,
  rawAttribution,
  relativeClauseContents,
  relativeClauseEnd,
  reportedSubjectBefore,
  reportedSubjects,
  sharedSubjects,
  sourcesWithoutOtherCues,
  speakerTurns,
  subjectOverRelative,
  subjectTakenForContent,
  verbStart,
  wholeAppositiveSubject,
  wholeContentPhrases,
  wholeLeftClause,
  wholeSourcePhrase,
  withoutChannelTail,
  withoutDateline,
  withoutMutualContents,
  withoutParticiplesInSources,
  withoutRelativeClausesInSources,
  withoutReporterSource,
  withoutTrailingComma,
} from './attribution-repairs.ts';

/** Options of {@link extractAttributions}. */
export interface AttributionOptions {
  /** Models to use instead of the committed ones (tests, experiments). */
  readonly models?: AttributionModels;
  /** A precomputed document context (tokens, layout) to reuse. */
  readonly context?: DocContext;
  /** When given, receives counts of the work done (tests assert linear time with it). */
  readonly stats?: ExtractionStats;
}

/** Work counters of one extraction. */
export interface ExtractionStats {
  tokens: number;
  cues: number;
  /** Token positions the role tagger scored, over all cues. */
  roleTokens: number;
}

/** Role-tagging work allowed per token before windows shrink (news text uses about 2). */
const ROLE_BUDGET_PER_TOKEN = 12;

/** Cue margin from which a cue whose role pass found no content gets a second pass. */
const RETRY_MARGIN = 20;
/** Added to content scores in that second pass. */
const RETRY_CONTENT_BIAS = 20;
/** Cue margin given to a cue read by rule ({@link lexicalCues}, {@link withVerificationCues}): fairly confident. */
const RULE_CUE_MARGIN = 20;

/** Spans of one attribution as token ranges, before the contract fields are filled in. */
export interface RawAttribution {
  readonly cue: TokenRange;
  readonly sources: readonly TokenRange[];
  readonly contents: readonly TokenRange[];
  readonly confidence: number;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Runs both taggers and returns token-level attributions in cue order (contents never empty). */
export function findAttributions(ctx: DocContext, models: AttributionModels, stats?: ExtractionStats): RawAttribution[] {
  const cueTags = decodeCues(models.cue, ctx, models.cueStarts, models.cueBias);
  const lexical = lexicalCues(ctx, cueSpans(cueTags.tags));
  const verification = withVerificationCues(ctx, lexical.cues);
  const cues = verification.cues;
  // cues read by rule have no tagger margin of their own: they count as fairly confident
  const byRule = new Set([...lexical.added, ...verification.added]);
  // the role tagger's features see the other cues the taggers and word rules found; verification cues
  // found by rule stay out of them (their quotation's own cue keeps its content)
  const prefix = cuePrefix(lexical.cues, ctx.tokens.count);
  const perCue = WINDOW_BEFORE + WINDOW_AFTER;
  const need = cues.length * perCue;
  const budget = ROLE_BUDGET_PER_TOKEN * ctx.tokens.count + 1000;
  const scale = need > budget ? budget / need : 1;
  // tokens the role tagger has looked at; a retry may spend only what the remaining first passes
  // cannot need, so the work stays linear in the text
  let spent = 0;
  if (stats !== undefined) {
    stats.tokens += ctx.tokens.count;
    stats.cues += cues.length;
  }
  const out: RawAttribution[] = [];
  for (const [i, span] of cues.entries()) {
    const margin = byRule.has(span[0]) ? RULE_CUE_MARGIN : cueTags.margin[span[0]]!;
    const cue = verbStart(ctx, span);
    if (insideName(ctx, cue) || colonAfterCue(ctx, cue, prefix) || idiomCue(ctx, cue)) continue;
    let roles = tagRoles(models.role, ctx, cue, prefix, undefined, scale);
    spent += roles.window;
    if (
      roles.contents.length === 0 &&
      margin >= RETRY_MARGIN &&
      spent + roles.window + (cues.length - i - 1) * perCue * scale <= budget
    ) {
      // a confident cue whose content lost out to a neighbouring cue's ("…, a source said"): decode again
      // with content favoured rather than drop it (the same window, so the check above holds)
      roles = tagRoles(models.role, ctx, cue, prefix, undefined, scale, RETRY_CONTENT_BIAS);
      spent += roles.window;
    }
    const one = assemble(ctx, cue, roles, prefix, margin);
    if (one !== null) out.push(one);
  }
  if (stats !== undefined) stats.roleTokens += spent;
  const shared = contentsBeforeOtherSources(
    ctx,
    concessionsOutOfContents(
      ctx,
      relativeClauseContents(
        ctx,
        sourcesWithoutOtherCues(ctx, withoutRelativeClausesInSources(ctx, withoutParticiplesInSources(ctx, sharedSubjects(ctx, out)))),
      ),
    ),
  );
  return quotedReports(
    ctx,
    reportedSubjects(ctx, withoutReporterSource(ctx, withoutMutualContents(ctx, speakerTurns(ctx, aroundAccordingTo(ctx, assignFragments(ctx, shared)))))),
  );
}

/** The cue with the auxiliaries before it ({@link auxiliaryStart}), never reaching into the source's first word or a content. */
function withAuxiliaries(ctx: DocContext, cue: TokenRange, source: TokenRange | undefined, contents: readonly TokenRange[]): TokenRange {
  const before = source !== undefined && source[1] <= cue[0];
  let floor = before ? source[0] + 1 : ctx.sentStart[cue[0]]!;
  for (const c of contents) if (c[1] <= cue[0] && c[1] > floor) floor = c[1];
  const start = auxiliaryStart(ctx, cue, floor, before ? source[1] : cue[0]);
  return start === cue[0] ? cue : [start, cue[1]];
}

/**
 * One attribution from a cue and its role tagging: the source fragment nearest the cue, the
 * repairs of attribution-repairs.ts, split quotations; null when no content is left. Kept apart from
 * findAttributions so that loop stays small enough for V8 to inline the taggers into it.
 */
function assemble(
  ctx: DocContext,
  found: TokenRange,
  roles: RoleResult,
  prefix: Int32Array,
  cueMargin: number,
): RawAttribution | null {
  let cue = found;
  let contents: readonly TokenRange[] = roles.contents;
  let sources = roles.sources;
  const left = contents[0]!;
  if (
    sources.length === 0 &&
    contents.length > 1 &&
    left[1] === cue[0] &&
    left[1] - left[0] <= 6 &&
    left[0] === ctx.sentStart[cue[0]] &&
    ctx.layout.inQuote[left[0]] === 0
  ) {
    // "Russia has denied committing …": a short fragment glued before the cue, with the content
    // after it, is the subject — the source — not a piece of the content
    sources = [left];
    contents = contents.slice(1);
  }
  const subject = subjectTakenForContent(ctx, cue, sources, contents);
  if (subject !== null) {
    sources = [subject.source];
    contents = subject.contents;
  }
  // sources are contiguous noun phrases: rejoin fragments split by a short gap on one side
  const joined: TokenRange[] = [];
  for (const s of sources) {
    const prev = joined[joined.length - 1];
    const sameSide = prev !== undefined && (prev[1] <= cue[0]) === (s[1] <= cue[0]);
    const plainGap =
      prev !== undefined &&
      s[0] - prev[1] <= 4 &&
      ctx.commas[s[0]] === ctx.commas[prev[1]] &&
      ctx.quotes[s[0]] === ctx.quotes[prev[1]] &&
      prefix[s[0]] === prefix[prev[1]] &&
      ctx.layout.sentence[prev[0]] === ctx.layout.sentence[s[0]];
    if (prev !== undefined && sameSide && plainGap) {
      joined[joined.length - 1] = [prev[0], s[1]];
    } else joined.push(s);
  }
  // one source: the fragment nearest the cue, or a noun phrase taken for content after an inverted cue
  let source: TokenRange | undefined;
  if (joined.length === 0) {
    const k = invertedSource(ctx, cue, contents);
    if (k >= 0) {
      joined.push(contents[k]!);
      contents = contents.filter((_, i) => i !== k);
    }
  }
  // (a clause and the name after it all taken for the source, with no content, is the same shape)
  const whole = contents.length === 0 && joined.length === 1;
  if (joined.length === 0 || whole) {
    const apposed = appositiveSourceBefore(ctx, cue, whole ? joined : contents);
    if (apposed !== null) {
      joined.length = 0;
      joined.push(apposed.source);
      contents = apposed.contents;
    }
  }
  // "A resident, who spoke … because he feared reprisals, told": the subject, not "he"
  const overRelative = subjectOverRelative(ctx, cue, joined);
  if (overRelative !== null) joined.splice(0, joined.length, overRelative);
  for (const s of joined) {
    const d = s[1] <= cue[0] ? cue[0] - s[1] : s[0] - cue[1];
    const best = source === undefined ? Infinity : source[1] <= cue[0] ? cue[0] - source[1] : source[0] - cue[1];
    if (d < best) source = s;
  }
  if (source !== undefined) {
    const cleaned = cleanSource(ctx, source, cue);
    // a repaired source never lies inside a content fragment ("which" taken for content)
    if (cleaned !== source && cleaned !== undefined)
      contents = contents.filter((c) => c[1] <= cleaned[0] || c[0] >= cleaned[1]);
    source = cleaned;
    // no content yet is no reason to stop ("…, a prosecutor told the tribunal." gets the clause before),
    // unless the source is itself doubtful (a clause with commas rather than a noun phrase)
    if (articleBeforeCue(ctx, cue, source) || genreLabel(ctx, cue, source)) return null;
    if (contents.length === 0 && source !== undefined && ctx.commas[source[1]]! > ctx.commas[source[0]]!) return null;
  }
  const auxiliaries = withAuxiliaries(ctx, cue, source, contents);
  // the source before the cue gives up the auxiliaries it had taken
  if (source !== undefined && source[0] < auxiliaries[0] && source[1] > auxiliaries[0]) source = [source[0], auxiliaries[0]];
  cue = auxiliaries;
  const quoted = quotedBy(ctx, cue, contents) ?? asReporter(ctx, cue, source, contents);
  if (quoted !== null) ({ cue, source, contents } = quoted);
  // (inside a quotation the role tagger sees the quotation rather than the clause)
  const active = source === undefined || ctx.layout.inQuote[cue[0]] === 1 ? activeVerificationRoles(ctx, cue) : null;
  const passive = passiveVerification(ctx, cue);
  if (active !== null) [source, contents] = [active.source, [active.content]];
  else if (passive) {
    // "The claim could not be independently verified (by the mission)": the subject is what is unverified
    const subject = unverifiedSubject(ctx, cue);
    if (subject !== null) [source, contents] = [undefined, [subject, ...contents.filter((c) => c[0] >= cue[1])]];
  } else if (source !== undefined) {
    // "The mayor is said to have ordered …": the subject joins the content; the "It" of "It was
    // reported" and the addressee of "was told" go
    const before = source;
    const subject = reportedSubjectBefore(ctx, cue, before);
    if (subject === 'content') contents = [before, ...contents.filter((c) => c[0] >= before[1])];
    if (subject !== null) source = undefined;
  }
  const according = source === undefined ? accordingToSplit(ctx, cue, contents) : null;
  if (according !== null) ({ source, contents } = according);
  // "had been told by two survivors that …", "could not be confirmed by the mission": the agent reports
  const agent = source === undefined ? passiveAgent(ctx, cue, contents) : null;
  const afterAgent = agent === null ? [] : contents.filter((c) => c[0] >= agent[1] || (passive && c[1] <= cue[0]));
  if (agent !== null && afterAgent.length > 0) [source, contents] = [agent, afterAgent];
  contents = wholeLeftClause(ctx, cue, source, contents);
  contents = withoutDateline(ctx, cue, source, clauseBeforeFinalCue(ctx, cue, source, contents));
  contents = withoutTrailingComma(ctx, cue, source, withoutChannelTail(ctx, cue, source, contents));
  if (contents.length === 0) contents = accordingToContent(ctx, cue, source);
  if (contents.length === 0) contents = clauseAfterAddressee(ctx, cue);
  if (contents.length === 0 || nothingAttributed(ctx, cue, contents)) return null;
  contents = coordinatedContent(ctx, cue, source, wholeContentPhrases(ctx, cue, source, contents));
  if (source !== undefined) source = wholeAppositiveSubject(ctx, cue, wholeSourcePhrase(ctx, cue, source, contents), contents);
  contents = nounClauseEnd(ctx, cue, source, relativeClauseEnd(ctx, cue, source, contents));
  const moved = objectOfCue(ctx, cue, contents);
  if (moved !== null) [cue, contents] = moved;
  if (contents.length === 1) contents = withSplitQuote(ctx, cue, source, contents[0]!, prefix);
  if (contents.length === 1) contents = withNextQuotation(ctx, cue, contents[0]!, prefix);
  // a monotone score from the perceptron margins (not a calibrated probability): margins of
  // about 10 are coin-flips, 40 and more are near-certain on PolNeAR train
  const confidence = Math.sqrt(sigmoid((cueMargin - 10) / 12) * sigmoid((roles.margin - 10) / 12));
  return rawAttribution(cue, source === undefined ? [] : [source], contents, confidence);
}

/** Most tokens (commas, the source) between a quotation and its cue group on either side. */
const QUOTE_REACH = 3;

/** The quotation (token range, marks included) with id `id`, searched from token `at`. */
function quotationAt(ctx: DocContext, at: number): TokenRange {
  const id = ctx.quoteId[at]!;
  let a = at;
  let b = at + 1;
  while (a > 0 && ctx.quoteId[a - 1] === id) a--;
  while (b < ctx.tokens.count && ctx.quoteId[b] === id) b++;
  return [a, b];
}

/**
 * A quotation split by its cue ("“Every time you say that,” Warren said, “you give ammunition …”"):
 * when the content is one of two quotations flanking the cue (and its source), the first ends in a
 * comma inside its marks, and no other cue lies in the second, both are the content. PolNeAR marks
 * them as two fragments; the role tagger often keeps only one.
 */
function withSplitQuote(
  ctx: DocContext,
  cue: TokenRange,
  source: TokenRange | undefined,
  content: TokenRange,
  cuePrefix: Int32Array,
): TokenRange[] {
  const lay = ctx.layout;
  let lo = cue[0];
  let hi = cue[1];
  if (source !== undefined && source[1] <= cue[0] && cue[0] - source[1] <= 1) lo = source[0];
  if (source !== undefined && source[0] >= cue[1] && source[0] - cue[1] <= 1) hi = source[1];
  // the closing mark just before the group and the opening mark just after it
  let close = -1;
  for (let i = lo - 1; i >= Math.max(0, lo - QUOTE_REACH) && close < 0; i--) {
    if (lay.quoteMark[i] === 2) close = i;
    else if (ctx.tokens.shape[i] !== Shape.punct) break;
  }
  let open = -1;
  for (let i = hi; i < Math.min(ctx.tokens.count, hi + QUOTE_REACH) && open < 0; i++) {
    if (lay.quoteMark[i] === 1) open = i;
    else if (ctx.tokens.shape[i] !== Shape.punct) break;
  }
  if (close < 1 || open < 0 || ctx.tokens.text.charCodeAt(ctx.tokens.start[close - 1]!) !== 0x2c) return [content];
  const left = quotationAt(ctx, close);
  const right = quotationAt(ctx, open);
  if (lay.sentence[left[0]] !== lay.sentence[cue[0]] && lay.sentence[left[1] - 1] !== lay.sentence[cue[0]]) return [content];
  const covers = (q: TokenRange): boolean => 2 * (Math.min(q[1], content[1]) - Math.max(q[0], content[0])) > q[1] - q[0];
  const other = covers(left) ? right : covers(right) ? left : null;
  if (other === null || cuePrefix[other[1]]! - cuePrefix[other[0]]! > 0) return [content];
  // the quoted sentence must not go on to another cue right after the right quotation ("…,” she said)
  const tail = Math.min(ctx.tokens.count, right[1] + QUOTE_REACH + 1);
  if (cuePrefix[tail]! - cuePrefix[right[1]]! > 0) return [content];
  return other === left ? [left, content] : [content, right];
}

/**
 * A quotation closed before its cue (“…,” X said …) and followed by a sentence that is a quotation
 * with no cue of its own (“…,” X said on Monday. “…”) continues the same speaker's words, news style:
 * PolNeAR marks the second quotation as a second content fragment.
 */
function withNextQuotation(ctx: DocContext, cue: TokenRange, content: TokenRange, cuePrefix: Int32Array): TokenRange[] {
  const lay = ctx.layout;
  if (content[1] > cue[0] || lay.quoteMark[content[1] - 1] !== 2 || cue[0] - content[1] > QUOTE_REACH) return [content];
  const next = ctx.sentEnd[cue[0]]!;
  if (next >= ctx.tokens.count || lay.quoteMark[next] !== 1) return [content];
  const q = quotationAt(ctx, next);
  if (q[0] !== next || lay.quoteMark[q[1] - 1] !== 2) return [content];
  // the quotation fills its sentences and no cue lies in it or right after it
  if (q[1] < ctx.tokens.count && ctx.sentStart[q[1]] !== q[1] && ctx.tokens.shape[q[1]] !== Shape.punct) return [content];
  const tail = Math.min(ctx.tokens.count, q[1] + QUOTE_REACH + 1);
  if (cuePrefix[tail]! - cuePrefix[q[0]]! > 0) return [content];
  return [content, q];
}

const gap = (cue: TokenRange, r: TokenRange): number => (r[1] <= cue[0] ? cue[0] - r[1] : Math.max(0, r[0] - cue[1]));

/**
 * A quotation belongs to its nearest cue: when a secondary content fragment of one attribution is
 * (mostly) the content of a neighbouring attribution whose cue is nearer, it is dropped from the
 * first ("“I love you,” he said. “He really does,” Melanie said.").
 */
function assignFragments(ctx: DocContext, found: RawAttribution[]): RawAttribution[] {
  const sentence = ctx.layout.sentence;
  return found.map((a, k) => {
    if (a.contents.length < 2) return a;
    // the fragment kept whatever happens: one in the cue's sentence first, then the nearest
    const rank = (c: TokenRange): number =>
      gap(a.cue, c) + (sentence[c[0]] === sentence[a.cue[0]] || sentence[c[1] - 1] === sentence[a.cue[0]] ? 0 : 1e6);
    let nearest = a.contents[0]!;
    for (const c of a.contents) if (rank(c) < rank(nearest)) nearest = c;
    const keep = a.contents.filter((c) => {
      if (c === nearest) return true;
      for (let j = Math.max(0, k - 4); j < Math.min(found.length, k + 5); j++) {
        if (j === k) continue;
        const b = found[j]!;
        // a cue inside the clause before "…, the Institute said" is nested in it, not competing for it
        if (c[1] <= a.cue[0] && b.cue[0] >= c[0] && b.cue[1] <= c[1]) continue;
        const d = gap(b.cue, c);
        if (d >= gap(a.cue, c)) continue;
        for (const o of b.contents) {
          const shared = Math.min(o[1], c[1]) - Math.max(o[0], c[0]);
          if (shared * 2 > c[1] - c[0]) return false;
        }
      }
      return true;
    });
    return keep.length === a.contents.length ? a : rawAttribution(a.cue, a.sources, keep, a.confidence);
  });
}

function span(ctx: DocContext, r: TokenRange): Span {
  const start = ctx.tokens.start[r[0]]!;
  const end = ctx.tokens.end[r[1] - 1]!;
  return { start, end, text: ctx.tokens.text.slice(start, end) };
}

/**
 * A source span with its actor left to the facts extractor. Written out rather than spread from
 * {@link span}: V8 gave nearly every spread copy a map of its own (996 maps for 1,002 sources on
 * PolNeAR dev), so every later read of a source was a megamorphic load.
 */
function sourceSpan(ctx: DocContext, r: TokenRange): Attribution['source'] {
  const start = ctx.tokens.start[r[0]]!;
  const end = ctx.tokens.end[r[1] - 1]!;
  return { start, end, text: ctx.tokens.text.slice(start, end), actor: null };
}

/**
 * Extracts every attribution of `text` with the contract's fields (source.actor left null: the
 * facts extractor resolves speakers). Never throws on odd text; time is linear in its length.
 *
 * @example
 * const [a] = extractAttributions('The mayor said 5,000 people were killed.');
 * a?.cue.text; // "said"
 */
export function extractAttributions(text: string, options: AttributionOptions = {}): Attribution[] {
  const ctx = options.context ?? documentContext(text);
  const models = options.models ?? defaultAttributionModels();
  const raw = findAttributions(ctx, models, options.stats);
  const built = raw.map((r, k): Attribution => {
    const cue = span(ctx, r.cue);
    const content = r.contents.map((c) => span(ctx, c));
    const source = r.sources[0] === undefined ? null : sourceSpan(ctx, r.sources[0]);
    return {
      id: `a${k + 1}`,
      source,
      cue,
      content,
      stance: stanceOf(ctx, r),
      quote: quoteKindOf(ctx, r),
      channel: channelOf(ctx, r),
      basis: basisOf(ctx, r),
      parent: null,
      confidence: Math.round(r.confidence * 1000) / 1000,
    };
  });
  // a reported attribution's stated channel is its reporter's ("In a statement, the council said that
  // residents have seen …": the statement is the council's)
  const nested = nest(built);
  const byId = new Map(nested.map((a) => [a.id, a]));
  return nested.map((a) => {
    const parent = a.parent === null ? undefined : byId.get(a.parent);
    // nor one outside its reporter's content ("told the Gazette by telephone that survivors described …":
    // the telephone is the mayor's)
    const outside = parent !== undefined && a.channel !== null && !parent.content.some((c) => c.text.includes(a.channel!));
    return parent !== undefined && a.channel !== null && (a.channel === parent.channel || outside) ? { ...a, channel: null } : a;
  });
}
