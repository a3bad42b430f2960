import type { ActorType, Basis, EventType, Extraction, QuoteKind, Stance } from '../extract/types.ts';

/**
 * Domain types of the allegations stage: what it reads (a {@link CaseSource} with its extraction), the
 * per-attribution {@link Unit} it clusters, and the {@link Allegation} it produces with origin groups,
 * status, reasons and figures. All plain readonly data, serialisable as JSON.
 */

/** One captured source with its current extraction, as the allegations stage reads it. */
export interface CaseSource {
  readonly id: string;
  /** ISO date the source was published, or null. */
  readonly published: string | null;
  /** ISO timestamp of its first capture (tie-break after `published`). */
  readonly captured: string;
  readonly outlet: string | null;
  readonly title: string | null;
  readonly kind: string;
  readonly extraction: Extraction;
}

/** A place in a source's text that reasons and members link to. */
export interface SpanRef {
  readonly sourceId: string;
  readonly start: number;
  readonly end: number;
}

/** How a unit takes part in clustering: claims form allegations; responses and context attach to them. */
export type UnitKind = 'claim' | 'response' | 'context';

/** Who speaks in an attribution, as far as the extraction says. */
export interface Speaker {
  /** The actor's canonical name, else the source span's text, else null (source-less). */
  readonly name: string | null;
  /** The source span's own text ("A ministry spokeswoman, Dana Kovrin,"). */
  readonly mention: string | null;
  readonly type: ActorType | null;
  readonly role: string | null;
  readonly affiliation: string | null;
  /**
   * The institution the speaker speaks for, when the text shows one (see `features.ts`): the stated
   * affiliation, "mayor of X", a unique organisation of the document named by the speaker's role noun,
   * or the publishing organisation of its own statement or report.
   */
  readonly institution: string | null;
  /** Case-level actor id when the store linked one (merges one actor across sources). */
  readonly caseActor: string | null;
}

/** A figure attached to a unit, with where it is. */
export interface UnitFigure {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly min: number | null;
  readonly max: number | null;
  readonly approx: boolean;
  readonly counts: string | null;
  readonly place: string | null;
  readonly qualifier: string | null;
  readonly date: string | null;
}

/** One attribution prepared for clustering: everything later stages need, nothing else. */
export interface Unit {
  /** `${sourceId}#${attributionId}`: unique within a case. */
  readonly id: string;
  readonly sourceId: string;
  readonly attributionId: string;
  /** Sort key: published date, capture time, source id, position. Earlier sorts first. */
  readonly order: string;
  readonly kind: UnitKind;
  readonly stance: Stance;
  readonly quote: QuoteKind;
  readonly confidence: number;
  readonly types: readonly EventType[];
  /** Folded place names the content is about (the source's main place when it names none). */
  readonly places: readonly string[];
  /** Dates stated in the content, as an inclusive ISO window, or null. */
  readonly window: { readonly start: string; readonly end: string } | null;
  /** The source's publication date. */
  readonly reported: string | null;
  readonly tokens: readonly string[];
  readonly names: readonly string[];
  /** Blocking keys: units are compared only when they share one (see `cluster.ts`). */
  readonly keys: readonly string[];
  readonly speaker: Speaker;
  /** Speakers of the enclosing attributions, outermost first (citation chain). */
  readonly chain: readonly Speaker[];
  /**
   * A unit that does not stand on its own (see `features.ts`): `headline` — it sits in the document's
   * headline, which summarises the report; `fragment` — a claim whose event type comes only from the
   * fallback lexicon and whose content states no place or date of its own ("its own count of the dead
   * registered at the town morgue"). Both join the best-matching claim of their own source; a headline,
   * and a fragment nobody is said to have stated, are context there. Null for everything else.
   */
  readonly partial: 'headline' | 'fragment' | null;
  /** Unit id of the enclosing attribution, or null. */
  readonly parent: string | null;
  readonly basis: readonly Basis[];
  /** The speaker is the reporting outlet itself ("CPA could not independently verify"). */
  readonly reporter: boolean;
  /** The speaker reports their own observation ("I saw", "we counted"). */
  readonly firstHand: boolean;
  readonly text: string;
  readonly spans: {
    readonly source: SpanRef | null;
    readonly cue: SpanRef;
    readonly content: readonly SpanRef[];
  };
  readonly figures: readonly UnitFigure[];
}

/** What a member does for its allegation. */
export type MemberRole = 'support' | 'confirm' | 'not_confirmed' | 'deny' | 'context';

/** One attribution in an allegation. */
export interface AllegationMember {
  readonly unitId: string;
  readonly sourceId: string;
  readonly attributionId: string;
  readonly role: MemberRole;
  readonly stance: Stance;
  readonly speaker: string | null;
  readonly text: string;
  /** Origin group id for supporting and confirming members, else null. */
  readonly originGroup: string | null;
  /** The member's source is a near-duplicate copy of another source. */
  readonly copy: boolean;
  /** A denial that names no specific event, attached from the same source ("X has denied all atrocities"). */
  readonly general: boolean;
  readonly span: SpanRef;
}

/** The supporting attributions that trace back to one origin. */
export interface OriginGroup {
  readonly id: string;
  /** Who the origin is, in words: "Kestrava Town Council (relaying residents)". */
  readonly label: string;
  /** An independent investigative body (NGO, international body, forensic institute, court). */
  readonly investigative: boolean;
  /** Documentary, forensic, imagery or investigative basis stated by a member. */
  readonly evidence: readonly Basis[];
  readonly members: readonly string[];
  readonly sources: readonly string[];
  /** Further mentions of this origin beyond its first source (copies, relays, repeats). */
  readonly echoes: number;
}

/** The computed ladder, lowest first. */
export type StatusLevel = 'single_origin' | 'multiple_origins' | 'independently_corroborated';

/** Plain-language labels of {@link StatusLevel}. */
export const STATUS_LABELS: Readonly<Record<StatusLevel, string>> = {
  single_origin: 'single-origin claim',
  multiple_origins: 'multiple independent origins',
  independently_corroborated: 'independently corroborated',
};

/** Why a status or flag was given. */
export type ReasonCode =
  | 'origins'
  | 'echoes'
  | 'independent_body'
  | 'denied'
  | 'general_denial'
  | 'not_confirmed'
  | 'figures_conflict'
  | 'copies';

/** One plain-language reason with the spans behind it. */
export interface Reason {
  readonly code: ReasonCode;
  readonly text: string;
  readonly spans: readonly SpanRef[];
}

/** The computed status of an allegation: never set by hand (analyst decisions are kept apart). */
export interface AllegationStatus {
  readonly level: StatusLevel;
  readonly label: string;
  readonly disputed: boolean;
  readonly notConfirmed: boolean;
  readonly reasons: readonly Reason[];
}

/** One figure in a comparison, with who gave it and when. */
export interface ComparedFigure {
  readonly sourceId: string;
  readonly span: SpanRef;
  readonly text: string;
  readonly min: number | null;
  readonly max: number | null;
  readonly approx: boolean;
  readonly qualifier: string | null;
  readonly speaker: string | null;
  /** The figure's own date, else the source's publication date. */
  readonly date: string | null;
  readonly copy: boolean;
}

/** All figures for one (what is counted, place, period), compared. */
export interface FigureComparison {
  readonly counts: string;
  readonly place: string | null;
  readonly period: string | null;
  readonly figures: readonly ComparedFigure[];
  /** Smallest lower bound and largest upper bound (null when open). */
  readonly range: { readonly min: number | null; readonly max: number | null };
  /** Index into `figures` of the most recent one. */
  readonly latest: number;
  /** Index pairs of figures whose intervals cannot both be true. */
  readonly contradictions: readonly (readonly [number, number])[];
}

/** An allegation: a cluster of attributions about one proposition or event, weighed. */
export interface Allegation {
  readonly id: string;
  readonly statement: string;
  readonly statementSpan: SpanRef;
  readonly eventType: EventType | null;
  readonly places: readonly string[];
  readonly window: { readonly start: string | null; readonly end: string | null };
  readonly members: readonly AllegationMember[];
  readonly groups: readonly OriginGroup[];
  readonly status: AllegationStatus;
  readonly figures: readonly FigureComparison[];
  /** "2 independent origins, 5 echoes". */
  readonly summary: string;
  readonly sources: readonly string[];
}
