/**
 * Basis an attribution rests on, when the text states it: eyewitness accounts, interviews,
 * documents, imagery, forensic findings, "credible sources", hearsay, official data, an
 * investigation. Read from the cue's sentence and the content, plus the next sentence when it says
 * what the claim rests on ("It is based on …") or opens with a description of a named source ("The
 * organization said its investigators interviewed …").
 */
import type { Basis } from './types.ts';
import type { DocContext, TokenRange } from './attribution-features.ts';

/** Pictures as evidence, not as a topic ("the video was recorded …") nor a link ("by video link"). */
const PICTURE = String.raw`(?:images?|imagery|photographs?|photos?|videos?(?! (?:link|call|conference|platform|game)s?\b)|footage|clips?)`;

/**
 * A pattern that counts only where the text just before its match does not end in `unless` (what a
 * lookbehind would say; a leading lookbehind of variable length is tried at every position of the
 * text, this only where the pattern matches).
 */
class Unless {
  constructor(
    private readonly pattern: RegExp,
    private readonly unless: RegExp,
  ) {}

  test(text: string): boolean {
    this.pattern.lastIndex = 0;
    for (let m = this.pattern.exec(text); m !== null; m = this.pattern.exec(text))
      if (!this.unless.test(text.slice(Math.max(0, m.index - LOOK_BACK), m.index))) return true;
    return false;
  }
}
/** Characters {@link Unless} reads before a match (its `unless` phrases are shorter). */
const LOOK_BACK = 80;

/**
 * Imagery is a basis when it is what the claim rests on: after a preposition or verb of analysis
 * ("based on satellite imagery", "analysis of the footage", "using drone photos"), or as the subject
 * of a verb of showing ("footage shows", "satellite images and autopsy results show"), unless that
 * clause is itself the claim in question ("no evidence that the video shows …", "the video does not
 * show …").
 */
const IMAGERY_SOURCE = new Unless(
  new RegExp(
    String.raw`\b(?:based on|on the basis of|according to|from|through|using|analy[sz](?:is|ed|ing) of|analy[sz]ed|analy[sz]ing|reviewed|reviewing|examined|examining|studied|citing|cited|drawing on|relying on|geolocated|verified)\s+` +
      String.raw`(?:(?!(?:that|which|who|where)\b)[\w'’-]+\s+){0,3}?${PICTURE}\b`,
    'gi',
  ),
  // a review still going on rests nothing on the pictures yet ("was still reviewing footage")
  /\b(?:(?:is|are|was|were|be|been)\s+(?:still|currently)|yet to)\s+$/i,
);
const IMAGERY_SHOWS = new Unless(
  new RegExp(
    String.raw`\b${PICTURE}\b(?:\s+(?!(?:not|never|that|which|who|does|did|do)\b)[\w'’,-]+){0,4}?\s+(?:shows?|showed|showing|reveals?|revealed|revealing|depicts?|depicted|depicting|captured|appears? to show|appeared to show|indicates?|indicated|confirms?|confirmed|suggests?|suggested|proves?|proved|supports?|supported|corroborates?|corroborated|tells?|told)\b`,
    'gi',
  ),
  /\b(?:evidence|claims?|proof|allegations?|suggestions?|rumou?rs?|whether|if|denied|denies|deny|false(?:ly)?)\s+(?:that\s+)?(?:[\w'’-]+\s+){0,2}$/i,
);
/** Pictures someone analysed or published, as the subject of a verb of showing: "Satellite images analysed by the Orbis Group show". */
const IMAGERY_BY_SHOWS = new Unless(
  new RegExp(
    String.raw`\b${PICTURE}\s+(?:analy[sz]ed|obtained|reviewed|verified|geolocated|taken|released|published|provided|shared|collected)\s+by\s+(?:[\w'’-]+\s+){1,5}?(?:shows?|showed|reveals?|revealed|depicts?|depicted|indicates?|indicated|confirms?|confirmed|suggests?|suggested)\b`,
    'gi',
  ),
  /\b(?:evidence|claims?|proof|allegations?|whether|if|denied|denies|deny|false(?:ly)?)\s+(?:that\s+)?(?:[\w'’-]+\s+){0,2}$/i,
);
const IMAGERY = { test: (text: string): boolean => IMAGERY_SOURCE.test(text) || IMAGERY_SHOWS.test(text) || IMAGERY_BY_SHOWS.test(text) };
/** Forensic work whose findings a claim can rest on ("autopsies", "forensic evidence", "ballistic analysis"). */
const FORENSIC_WORK = String.raw`(?:forensic (?:evidence|examinations?|analys[ie]s|findings|tests?|testing|reports?|experts?|pathologists?|teams?|investigators?|work)|autops(?:y|ies)|post-mortems?(?: examinations?)?|ballistic (?:analys[ie]s|tests?|evidence|reports?|experts?)|ballistics (?:analys[ie]s|tests?|evidence|reports?|experts?)|exhumations?|exhumed (?:bodies|remains))`;
/**
 * Forensic findings are a basis when they are what the claim rests on, as imagery is: after a preposition
 * or verb of reliance ("based on autopsies", "according to forensic evidence", "citing post-mortem
 * examinations") or as the subject of a verb of finding ("autopsies showed", "the forensic team found");
 * not the topic of the story ("the grave contained fighters", "staging the exhumation") nor a result
 * still to come ("will hear forensic evidence next week", "pathologists would need weeks to establish").
 */
const FORENSIC_SOURCE = new Unless(
  new RegExp(
    String.raw`\b(?:based on|on the basis of|according to|from|through|citing|cited|drawing on|relying on|following|after)\s+(?:[\w'’-]+\s+){0,3}?${FORENSIC_WORK}\b`,
    'gi',
  ),
  /\b(?:will|would|shall|to be|expected to|plans? to|going to|awaiting|await|awaits|pending)\s+(?:\w+\s+){0,2}$/i,
);
const FORENSIC_FOUND = new Unless(
  new RegExp(
    String.raw`\b${FORENSIC_WORK}\b(?:\s+(?!(?:not|never|that|which|who|does|did|do|will|would)\b)[\w'’,-]+){0,4}?\s+(?:shows?|showed|shown|found|finds|revealed|reveals?|indicated|indicates?|confirmed|confirms?|established|establishes|suggested|suggests?|concluded|concludes|determined|determines|pointed|points)\b`,
    'gi',
  ),
  /\b(?:will|would|shall|to be|expected to|plans? to|going to|awaiting|await|awaits|pending|evidence|claims?|whether|if)\s+(?:\w+\s+){0,2}$/i,
);
const FORENSIC = { test: (text: string): boolean => FORENSIC_SOURCE.test(text) || FORENSIC_FOUND.test(text) };
/** Documents the speaker has, not ones demanded of another ("to release the medical records"). */
const DOCUMENTS = new Unless(
  /\b(?:documents?|records|memos?|emails|files|paperwork|leaked|intercepted (?:calls|communications))\b/gi,
  /\b(?:release|publish|disclose|provide|produce|submit|declassify|unseal|hand over|turn over|make public|release of|publication of|disclosure of|access to)\s+(?:[\w'’-]+\s+){0,3}$/i,
);

/** A count of people heard: "more than twenty residents", "63 families", "dozens of witnesses". */
const PEOPLE_COUNT = String.raw`(?:more than |at least |over |nearly |almost |about |around |roughly |some |dozens of |hundreds of |scores of )?(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a dozen|dozens|hundreds|scores|several|many)\b`;
/**
 * Interviews held, counted testimony, people spoken to: "interviewed 40 people", "had interviewed
 * survivors", "testimony from 63 families", "had spoken to more than twenty residents"; not the speaker
 * interviewed by the press ("was interviewed on television").
 */
const INTERVIEWS = new Unless(
  new RegExp(
    String.raw`\binterviewed (?:${PEOPLE_COUNT}|(?:the|them|residents|survivors|witnesses|people|villagers|families|refugees|relatives|detainees|victims|former|local|displaced)\b)|\binterviews? (?:with )?${PEOPLE_COUNT}|\binterviews with\b|\btestimon(?:y|ies) (?:from|of|by) ${PEOPLE_COUNT}|\b(?:spoke|spoken|speaking|talked|talking) (?:to|with) ${PEOPLE_COUNT}`,
    'gi', // no 'u': with it, V8 tries this alternation about fifteen times slower
  ),
  /\b(?:was|were|is|are|been|being|be|when|while)\s+(?:[\w'’-]+\s+)?$/i,
);
/**
 * The speaker's own people seeing: "Monitors counted 14 destroyed houses and saw fresh graves", "our
 * team saw". A seeing verb after an observer's noun, in the same clause.
 */
const OBSERVERS_SAW =
  /\b(?:[Mm]onitors|[Oo]bservers|[Ii]nspectors|[Ii]nvestigators|[Rr]esearchers|[Rr]eporters|[Cc]orrespondents|(?:[Oo]ur|[Ii]ts|[Tt]heir) (?:team|staff|patrol))\b(?:[^.;:!?]{0,80}?\band)?\s+(?:(?:had|have|has|also|personally|themselves|then|later)\s+)*(?:saw|witnessed|watched)\b/;
const SEEING = /saw|witnessed|watched/;
const WITNESS = /\beye-?witness(?:es)?\b|\bwitness(?:es)? (?:have |had )?(?:seen|saw|said|say|reported|described)\b|\bwitnessed\b|\bwitness accounts?\b|\bsaw with (?:their|his|her) own eyes\b/i;
const EYEWITNESS = { test: (text: string): boolean => WITNESS.test(text) || (SEEING.test(text) && OBSERVERS_SAW.test(text)) };

const PATTERNS: readonly (readonly [Basis, { test(text: string): boolean }])[] = [
  ['eyewitness', EYEWITNESS],
  ['interviews', INTERVIEWS],
  ['documents', DOCUMENTS],
  ['imagery', IMAGERY],
  ['forensic', FORENSIC],
  ['credible_sources', /\bcredible sources?\b|\breliable sources?\b|\bsources (?:familiar|close|with knowledge)\b/i],
  ['hearsay', /\b(?:rumou?rs?|hearsay|second-?hand|heard (?:reports|that|from))\b/i],
  ['official_data', /\b(?:official (?:figures|data|statistics|count|toll)|statistics|census|data from)\b/i],
  ['investigation', /\b(?:investigation|investigators|inquiry|probe) (?:found|concluded|showed|established|determined)\b/i],
];

/** Cheap first pass: no basis pattern can match text without one of these stems. */
const TRIGGER =
  /witness|interview|spoke|testimon|talk(?:ed|ing) (?:to|with)|saw|watched|document|record|memo|email|files|paperwork|leak|intercept|imag|photo|video|footage|clip|forensic|autops|exhum|mortem|ballistic|source|rumo|hearsay|hand|heard|statistic|census|data|official|investigat|inquiry|probe/i;

/**
 * A next sentence that says what this attribution rests on: its subject refers back to the source or its
 * document and says what that rests on ("The report, based on …", "It is based on …", "Its figures draw
 * on …"), not any sentence opened by "It" ("It posted a video …").
 */
const RESTS_ON =
  /^\s*(?:(?:The|This|These|Its|His|Her|Their) (?:[\w'’-]+ ){0,2}?[\w'’-]+|It|They|These|This)(?:, (?:which (?:is|was|are|were) )?| (?:(?:is|was|are|were)(?: (?:also|largely|partly|mainly|mostly))? )?)(?:based on|drawn from|draws? on|drew on|rel(?:y|ies|ied) on|rests? on|rested on|compiled from)\b/;
/**
 * A next sentence whose subject is a description of the source ("The organization said its investigators
 * interviewed …" after "A report by Amnesty International claims …"): counted when the source names
 * someone (a capital past its first letter) or holds the description's noun ("the ministry" … "The
 * ministry"), so not after a bare "which" or "it".
 */
const DESCRIBED =
  /^\s*The (organi[sz]ation|group|report|agency|council|statement|ministry|mayor|official|company|office|department|institute|society|commission|mission|committee)\b/;
const NAMED = /^.[^]*?\p{Lu}/u;

/**
 * Sentence `s` clipped to 80 tokens before and 160 after the cue, so run-on text stays linear. A module
 * function rather than a closure per attribution: tsx's keepNames wraps every named closure in __name.
 */
function sentenceText(ctx: DocContext, cue: TokenRange, s: number): string {
  const t = ctx.tokens;
  const lay = ctx.layout;
  return t.text.slice(t.start[Math.max(lay.sentenceStart[s]!, cue[0] - 80)], t.end[Math.min(lay.sentenceEnd[s]!, cue[1] + 160) - 1]);
}

/** Whether sentence text `next` opens with a description of the attribution's source ({@link DESCRIBED}). */
function refersToSource(ctx: DocContext, sources: readonly TokenRange[] | undefined, next: string): boolean {
  const m = DESCRIBED.exec(next);
  if (m === null) return false;
  if (sources === undefined) return true; // source spans not given: the description is read as the source's
  const source = sources[0];
  if (source === undefined) return false;
  const t = ctx.tokens;
  const text = t.text.slice(t.start[source[0]], t.end[source[1] - 1]);
  return NAMED.test(text) || text.toLowerCase().includes(m[1]!);
}

/** The stated bases of one attribution, in a fixed order, without duplicates. */
export function basisOf(
  ctx: DocContext,
  a: { readonly cue: TokenRange; readonly contents: readonly TokenRange[]; readonly sources?: readonly TokenRange[] },
): Basis[] {
  const t = ctx.tokens;
  const lay = ctx.layout;
  const sent = lay.sentence[a.cue[0]]!;
  const parts: string[] = [];
  parts.push(sentenceText(ctx, a.cue, sent));
  for (const [s, e] of a.contents) parts.push(t.text.slice(t.start[s], t.end[e - 1]).slice(0, 1500));
  if (sent + 1 < lay.sentenceStart.length && lay.sentenceStart[sent + 1]! < a.cue[1] + 80) {
    const next = sentenceText(ctx, a.cue, sent + 1);
    if (RESTS_ON.test(next) || refersToSource(ctx, a.sources, next)) parts.push(next);
  }
  const text = parts.join('\n');
  const out: Basis[] = [];
  if (!TRIGGER.test(text)) return out;
  for (const [basis, re] of PATTERNS) if (re.test(text)) out.push(basis);
  // a forensic body or expert speaking reports its findings ("Forensic investigators said that …")
  const source = a.sources?.[0];
  if (!out.includes('forensic') && source !== undefined && FORENSIC_SPEAKER.test(t.text.slice(t.start[source[0]], t.end[source[1] - 1])))
    out.splice(PATTERNS.findIndex(([b]) => b === 'forensic'), 0, 'forensic');
  return out;
}

/** A speaker whose findings are forensic: "Forensic investigators", "the Halden Forensic Institute", "a pathologist". */
const FORENSIC_SPEAKER = /\bforensic\b|\b(?:coroners?|pathologists?|medical examiners?)\b/i;
