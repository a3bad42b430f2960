/**
 * What the workspace reads from the HTTP API (`src/api/`), as the views use it. The shapes follow the
 * server's presenters; the extraction part is the shared contract of `src/extract/types.ts`, copied as
 * types only so the browser bundle never imports server code.
 */

/** Per-case role, weakest first. */
export type Role = 'viewer' | 'analyst' | 'lead' | 'admin';

export type Stance = 'assert' | 'allege' | 'confirm' | 'not_confirmed' | 'deny' | 'hedge';

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

/** The signed-in user. */
export interface SessionUser {
  readonly id: string;
  readonly name: string;
  readonly admin: boolean;
}

export interface Session {
  readonly user: SessionUser;
  /** Sent back as the CSRF header on every write. */
  readonly csrfToken: string | null;
  /** The user's role per case id (administrators reach every case as `admin`). */
  readonly roles: Readonly<Record<string, Role>>;
}

export interface CaseSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly region: string | null;
  readonly createdAt: string | null;
  /** The signed-in user's role on this case (admins see 'admin'). */
  readonly role: Role | null;
  readonly sources: number | null;
  readonly allegations: number | null;
}

/** Where extraction of a source stands. */
export type ExtractionState = 'pending' | 'running' | 'done' | 'failed' | 'unknown';

export interface SourceSummary {
  readonly id: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly language: string | null;
  readonly kind: string | null;
  readonly mediaType: string | null;
  readonly capturedAt: string | null;
  readonly published: string | null;
  readonly url: string | null;
  readonly extraction: ExtractionState;
  readonly attributions: number | null;
  readonly protected: boolean;
}

export interface TextSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Analyst review state of one attribution. */
export type ReviewState = 'proposed' | 'accepted' | 'edited' | 'rejected';

export interface Attribution {
  /** The id inside its extraction ("a3"), which `parent` and allegation members refer to. */
  readonly id: string;
  /** The stored attribution's id, which reviews and search hits name. */
  readonly storeId: string;
  readonly source: (TextSpan & { readonly actor: string | null }) | null;
  readonly cue: TextSpan;
  readonly content: readonly TextSpan[];
  readonly stance: Stance;
  readonly quote: string;
  readonly channel: string | null;
  readonly basis: readonly Basis[];
  readonly parent: string | null;
  readonly confidence: number;
  readonly review: ReviewState;
  readonly allegation: string | null;
}

export interface Actor {
  readonly id: string;
  /** Case-level actor (registry) id, the one reattribution names; null before the store linked one. */
  readonly caseActor: string | null;
  readonly name: string;
  readonly type: string;
  readonly role: string | null;
  readonly affiliation: string | null;
  readonly mentions: readonly (readonly [number, number])[];
}

export interface PlaceFact {
  readonly name: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly country: string | null;
  readonly mentions: readonly (readonly [number, number])[];
}

export interface DateFact {
  readonly text: string;
  readonly start: string | null;
  readonly end: string | null;
  readonly mentions: readonly (readonly [number, number])[];
}

export interface FigureFact extends TextSpan {
  readonly min: number | null;
  readonly max: number | null;
  readonly approx: boolean;
  readonly counts: string | null;
  readonly place: string | null;
  readonly attribution: string | null;
}

/** A source with its normalised text and extraction, as the reader shows it. */
export interface SourceDetail extends SourceSummary {
  readonly text: string;
  readonly sha256: string | null;
  readonly pages: readonly { readonly page: number; readonly start: number; readonly end: number }[] | null;
  readonly attributions: number;
  readonly extractionResult: {
    readonly attributions: readonly Attribution[];
    readonly actors: readonly Actor[];
    readonly places: readonly PlaceFact[];
    readonly dates: readonly DateFact[];
    readonly figures: readonly FigureFact[];
  };
}

/**
 * Computed corroboration status of an allegation, as the assessment stage names it (e.g. `corroborated`,
 * `single_origin`, `contested`, `denied`). Kept open: the board shows whatever the server computes.
 */
export type AllegationStatus = string;

/** The lead's decision on an allegation (`none` until one is recorded); open like {@link AllegationStatus}. */
export type AnalystDecision = string;

export interface StatusReason {
  readonly code: string;
  readonly text: string;
  /** Attributions the reason rests on, to link into the reader. */
  readonly attributions: readonly {
    readonly id: string;
    readonly sourceId: string;
    readonly start: number | null;
  }[];
}

export interface AllegationSummary {
  readonly id: string;
  readonly statement: string;
  readonly status: AllegationStatus;
  readonly topReason: string | null;
  readonly decision: AnalystDecision;
  readonly eventType: string | null;
  readonly places: readonly string[];
  /** Names of the actors speaking in (or cited by) its attributions. */
  readonly actors: readonly string[];
  readonly origins: number;
  readonly echoes: number;
  /** Null when the server does not count denials. */
  readonly denials: number | null;
  /** Statements that say they have not confirmed it; null when the server does not count them. */
  readonly notConfirmingCount: number | null;
  /** Someone with standing denies it. */
  readonly disputed: boolean;
  /** Someone with standing said they have not confirmed it. */
  readonly notConfirmed: boolean;
  readonly sources: number | null;
  readonly firstSeen: string | null;
  readonly lastActivity: string | null;
  readonly figureSpread: number | null;
  /** Smallest and largest figure of its widest comparison of figures, with what is counted. */
  readonly figureRange: { readonly counts: string | null; readonly min: number | null; readonly max: number | null } | null;
}

/** One attribution as it appears in an allegation, with where to find it. */
export interface AllegationAttribution {
  readonly id: string;
  readonly sourceId: string;
  readonly sourceTitle: string | null;
  readonly outlet: string | null;
  readonly speaker: string | null;
  readonly stance: Stance;
  readonly text: string;
  readonly published: string | null;
  readonly basis: readonly Basis[];
  /** A denial that names no specific event ("denied committing atrocities"), attached as context. */
  readonly general: boolean;
}

export interface OriginGroup {
  readonly origin: string;
  readonly attributions: readonly AllegationAttribution[];
}

export interface CustodyEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly leafHash: string | null;
}

export interface AllegationDetail extends AllegationSummary {
  readonly reasons: readonly StatusReason[];
  readonly originGroups: readonly OriginGroup[];
  readonly confirming: readonly AllegationAttribution[];
  readonly notConfirming: readonly AllegationAttribution[];
  readonly denying: readonly AllegationAttribution[];
  readonly figures: readonly (FigureFact & { readonly sourceId: string; readonly outlet: string | null })[];
  readonly decisionRationale: string | null;
  readonly custody: readonly CustodyEntry[];
}

/** A page of a cursor-paginated list. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
  readonly total: number | null;
}

export interface PlacePoint {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly country: string | null;
  readonly allegations: number;
}

export interface SearchHit {
  readonly kind: 'source' | 'attribution';
  readonly id: string;
  readonly sourceId: string;
  readonly title: string | null;
  /** Snippet text, already redacted by the server. */
  readonly snippet: string;
  /** Highlighted stretches of `snippet` (offsets into it). */
  readonly highlights: readonly (readonly [number, number])[];
}

export interface Checkpoint {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly at: string;
  readonly keyId: string;
  readonly signature: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly treeSize: number | null;
  readonly message: string;
}

/** Filters of the allegations board, as they travel in the URL and to the API. */
/** An actor of the case registry, for the board's actor filter. */
export interface RegistryActor {
  readonly id: string;
  readonly name: string;
  readonly attributions: number;
}

export interface BoardFilters {
  readonly status?: string;
  readonly decision?: string;
  readonly event?: string;
  readonly place?: string;
  readonly actor?: string;
  readonly from?: string;
  readonly to?: string;
  readonly sort?: 'origins' | 'activity' | 'spread';
}
