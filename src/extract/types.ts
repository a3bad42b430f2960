/**
 * The extraction output contract (see ../shared/DESIGN.md, "Extraction output contract").
 * Offsets are UTF-16 code-unit offsets into `document.text`, end exclusive. Fields may be added;
 * existing ones keep their meaning. Every extractor in this folder produces parts of {@link Extraction}.
 */

/** What a cue does to its content. */
export type Stance = 'assert' | 'allege' | 'confirm' | 'not_confirmed' | 'deny' | 'hedge';

/** How the content is reported. */
export type QuoteKind = 'direct' | 'indirect' | 'mixed';

/** What a speaker says they rest on. */
export type Basis =
  | 'eyewitness'
  | 'interviews'
  | 'documents'
  | 'imagery'
  | 'forensic'
  | 'credible_sources'
  | 'hearsay'
  | 'official_data'
  | 'investigation';

export type ActorType =
  | 'person'
  | 'organization'
  | 'government'
  | 'state_body'
  | 'armed_forces'
  | 'media'
  | 'ngo'
  | 'international_body'
  | 'group';

export type EventType =
  | 'killing_of_civilians'
  | 'execution'
  | 'torture_ill_treatment'
  | 'sexual_violence'
  | 'enforced_disappearance_detention'
  | 'deportation_forced_transfer'
  | 'attack_on_civilians'
  | 'destruction_of_property'
  | 'obstruction_of_humanitarian_access'
  | 'concealment_of_evidence'
  | 'other';

export type Granularity = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'decade' | 'open';

/** A stretch of `document.text`. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface ExtractedDocument {
  readonly sha256: string;
  readonly text: string;
  /** ISO date (YYYY-MM-DD) the text is anchored to, or null when unknown. */
  readonly published: string | null;
  /** ISO 639-1 code, or 'und'. */
  readonly language: string;
}

export interface Attribution {
  readonly id: string;
  /**
   * Null for source-less attributions ("it was reported"). `actor` is the (first) speaker; a joint
   * source ("Amnesty International and Human Rights Watch said") also lists every speaker, `actor`
   * first, in `actors` (absent for a single speaker).
   */
  readonly source: (Span & { readonly actor: string | null; readonly actors?: readonly string[] }) | null;
  readonly cue: Span;
  readonly content: readonly Span[];
  readonly stance: Stance;
  readonly quote: QuoteKind;
  /** The stated channel ("a statement released on its Facebook account"), or null. */
  readonly channel: string | null;
  readonly basis: readonly Basis[];
  /** Id of the attribution whose content contains this one, or null. */
  readonly parent: string | null;
  readonly confidence: number;
  /** Set by the store when loaded: the case-level actor (registry id) the speaker is linked to. */
  readonly caseActor?: string | null;
  /** Set by the store when loaded: the analyst review status of this attribution. */
  readonly review?: 'pending' | 'accepted' | 'edited' | 'rejected';
}

export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly type: ActorType;
  readonly role: string | null;
  readonly affiliation: string | null;
  readonly aliases?: readonly string[];
  readonly mentions: readonly (readonly [number, number])[];
  /** Set by the store when loaded: the case-level actor (registry id) this record is linked to. */
  readonly caseActor?: string;
}

export interface Place {
  readonly name: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly country: string | null;
  readonly admin1?: string | null;
  readonly granularity?: 'point' | 'city' | 'region' | 'country';
  readonly geonameId?: number | null;
  readonly confidence?: number;
  readonly mentions: readonly (readonly [number, number])[];
}

export interface DateMention {
  readonly text: string;
  /** ISO date, inclusive. Null for an open start. */
  readonly start: string | null;
  /** ISO date, inclusive. Null for an open end. */
  readonly end: string | null;
  readonly granularity?: Granularity;
  /** 0–1; low (≤ 0.3) for an expression that could not be anchored, e.g. no publication date. */
  readonly confidence?: number;
  /** 'date' (default): a calendar interval; 'duration' ("three days") and 'time' ("9 a.m.") carry no interval. */
  readonly kind?: 'date' | 'duration' | 'time';
  readonly mentions: readonly (readonly [number, number])[];
}

export interface Figure extends Span {
  readonly min: number | null;
  /** Null for an open upper bound ("at least 410"). */
  readonly max: number | null;
  readonly approx: boolean;
  /** What is counted and of whom: "civilians killed", "people interviewed", "population". */
  readonly counts: string | null;
  readonly place: string | null;
  readonly attribution: string | null;
  readonly qualifier?: string | null;
  readonly date?: string | null;
  /** 0–1; low for implausible or unanchored figures, which are kept flagged rather than dropped. */
  readonly confidence?: number;
  /**
   * What the number measures. Absent or 'count' (the default): a count of people or things, as
   * before. 'percent' ("about 40 percent of the deaths"), 'distance' ("30 kilometres") and 'area'
   * ("20 square kilometres") are measures in `unit`; consumers comparing counts skip them.
   */
  readonly kind?: FigureKind;
  /** Unit of a measure: 'percent', 'km', 'mi', 'm', 'km2', 'mi2', 'ha', 'acre'; null for counts. */
  readonly unit?: string | null;
}

/** What a figure measures; see {@link Figure.kind}. */
export type FigureKind = 'count' | 'percent' | 'distance' | 'area';

export interface ExtractedEvent {
  readonly type: EventType;
  readonly attributions: readonly string[];
}

/** Everything `corroborate extract FILE --json` prints. */
export interface Extraction {
  readonly document: ExtractedDocument;
  readonly extractor?: string;
  readonly attributions: readonly Attribution[];
  readonly actors: readonly Actor[];
  readonly places: readonly Place[];
  readonly dates: readonly DateMention[];
  readonly figures: readonly Figure[];
  readonly events: readonly ExtractedEvent[];
}
