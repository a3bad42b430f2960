import { z } from '@hono/zod-openapi';

/**
 * Response schemas of extraction results and what the store keeps of them (attributions, actors, figures,
 * places), so the OpenAPI document describes real shapes and tests validate every response against them.
 * Objects are not strict: the contract may grow (a client must ignore fields it does not know), and the
 * redaction engine adds `redacted: true` to protected objects (their strings masked, lengths kept).
 */

const Offset = z.number().int().min(0);
const Redacted = { redacted: z.literal(true).optional() };

/** A stretch of the source's normalised text (UTF-16 offsets, end exclusive). */
export const SpanSchema = z.object({ start: Offset, end: Offset, text: z.string(), ...Redacted }).openapi('Span');

export const StanceSchema = z.enum(['assert', 'allege', 'confirm', 'not_confirmed', 'deny', 'hedge']).openapi('Stance');
export const QuoteSchema = z.enum(['direct', 'indirect', 'mixed']).openapi('QuoteKind');
export const ReviewStatusSchema = z.enum(['pending', 'accepted', 'edited', 'rejected']).openapi('ReviewStatus');
const ActorTypeSchema = z.string().openapi({ description: 'person, organization, government, armed_forces, media, ngo, …' });
/** Character ranges `[start, end)` of a name's mentions in the text. */
const Mentions = z.array(z.tuple([Offset, Offset]));

/** One attribution as the extractor produced it (output contract). */
export const ExtractedAttributionSchema = z
  .object({
    id: z.string(),
    source: SpanSchema.extend({ actor: z.string().nullable(), actors: z.array(z.string()).optional() }).nullable(),
    cue: SpanSchema,
    content: z.array(SpanSchema),
    stance: StanceSchema,
    quote: QuoteSchema,
    channel: z.string().nullable(),
    basis: z.array(z.string()),
    parent: z.string().nullable(),
    confidence: z.number().min(0).max(1),
    caseActor: z.string().nullable().optional(),
    review: ReviewStatusSchema.optional(),
    ...Redacted,
  })
  .openapi('ExtractedAttribution');

/** An actor record of one extraction. */
export const ExtractedActorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: ActorTypeSchema,
    role: z.string().nullable(),
    affiliation: z.string().nullable(),
    aliases: z.array(z.string()).optional(),
    mentions: Mentions,
    caseActor: z.string().optional(),
    ...Redacted,
  })
  .openapi('ExtractedActor');

/** A place named in a text, with coordinates when resolved. */
export const PlaceSchema = z
  .object({
    name: z.string(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    country: z.string().nullable(),
    admin1: z.string().nullable().optional(),
    granularity: z.enum(['point', 'city', 'region', 'country']).optional(),
    geonameId: z.number().int().nullable().optional(),
    confidence: z.number().optional(),
    mentions: Mentions,
    ...Redacted,
  })
  .openapi('Place');

/** A figure (count, percentage, distance, area) in a text. */
export const FigureSchema = SpanSchema.extend({
  min: z.number().nullable(),
  max: z.number().nullable(),
  approx: z.boolean(),
  counts: z.string().nullable(),
  place: z.string().nullable(),
  attribution: z.string().nullable(),
  qualifier: z.string().nullable().optional(),
  date: z.string().nullable().optional(),
  confidence: z.number().optional(),
  kind: z.enum(['count', 'percent', 'distance', 'area']).optional(),
  unit: z.string().nullable().optional(),
}).openapi('Figure');

/** A date or period named in a text. */
export const DateMentionSchema = z
  .object({
    text: z.string(),
    start: z.string().nullable(),
    end: z.string().nullable(),
    granularity: z.string().optional(),
    ...Redacted,
  })
  .openapi('DateMention');

/** The extraction output contract (`corroborate extract FILE --json`). */
export const ExtractionSchema = z
  .object({
    document: z.object({
      sha256: z.string(),
      text: z.string(),
      published: z.string().nullable(),
      language: z.string(),
      id: z.string().optional(),
      ...Redacted,
    }),
    extractor: z.string().optional(),
    attributions: z.array(ExtractedAttributionSchema),
    actors: z.array(ExtractedActorSchema),
    places: z.array(PlaceSchema),
    dates: z.array(DateMentionSchema),
    figures: z.array(FigureSchema),
    events: z.array(z.object({ type: z.string(), attributions: z.array(z.string()) })),
  })
  .openapi('Extraction');

/** A source's stored extraction: the contract plus, per attribution, the allegation it belongs to. */
export const SourceExtractionSchema = ExtractionSchema.extend({
  sourceId: z.string(),
  attributions: z.array(ExtractedAttributionSchema.extend({ allegation: z.string().nullable() })),
}).openapi('SourceExtraction');

/** A stored attribution: effective values after review, and the extractor's original in `extracted`. */
export const StoredAttributionSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    sourceId: z.string(),
    runId: z.string(),
    localId: z.string(),
    current: z.boolean(),
    source: SpanSchema.extend({ actor: z.string().nullable() }).nullable(),
    caseActorId: z.string().nullable(),
    cue: SpanSchema,
    content: z.array(SpanSchema),
    stance: StanceSchema,
    quote: QuoteSchema,
    channel: z.string().nullable(),
    basis: z.array(z.string()),
    parent: z.string().nullable(),
    confidence: z.number(),
    reviewStatus: ReviewStatusSchema,
    extracted: ExtractedAttributionSchema,
    extractedCaseActorId: z.string().nullable(),
    carriedFrom: z.string().nullable(),
    createdAt: z.string(),
    ...Redacted,
  })
  .openapi('Attribution');

/** A stored review decision; `changes` holds the before and after of what it changed. */
export const ReviewSchema = z
  .object({
    id: z.string(),
    attributionId: z.string(),
    caseId: z.string(),
    action: z.enum(['accept', 'reject', 'edit', 'reattribute']),
    changes: z.record(z.string(), z.unknown()),
    rationale: z.string().nullable(),
    actor: z.string(),
    createdAt: z.string(),
    custodySeq: z.number().int().nullable(),
    ...Redacted,
  })
  .openapi('Review');

/** One attribution with its review history, oldest first. */
export const AttributionDetailSchema = StoredAttributionSchema.extend({ reviews: z.array(ReviewSchema) }).openapi(
  'AttributionDetail',
);

/** What a review did: the decision, the attribution after it, and whether allegations were updated. */
export const ReviewResultSchema = z
  .object({
    review: ReviewSchema,
    attribution: StoredAttributionSchema,
    allegations: z.string().openapi({ description: 'updated, failed or skipped' }),
    allegationsError: z.string().optional(),
  })
  .openapi('ReviewResult');

/** Who an actor is, as the case registry and each linked mention both record it. */
const ActorIdentity = {
  name: z.string(),
  type: ActorTypeSchema,
  role: z.string().nullable(),
  affiliation: z.string().nullable(),
  aliases: z.array(z.string()),
};

/** A case-level actor (the registry that links speakers across sources). */
export const CaseActorSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    ...ActorIdentity,
    mergedInto: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    ...Redacted,
  })
  .openapi('CaseActor');

/** A case actor with how often it speaks and is mentioned. */
export const CaseActorSummarySchema = CaseActorSchema.extend({
  attributionCount: z.number().int(),
  mentionCount: z.number().int(),
}).openapi('CaseActorSummary');

/** One extraction's actor record linked to a case actor (what `split` moves). */
export const ActorMentionSchema = z
  .object({
    id: z.string(),
    runId: z.string(),
    sourceId: z.string(),
    localId: z.string(),
    ...ActorIdentity,
    mentions: Mentions,
    caseActorId: z.string(),
    actorId: z.string(),
    ...Redacted,
  })
  .openapi('ActorMention');

/** A case actor with its mentions. */
export const ActorDetailSchema = CaseActorSchema.extend({ mentions: z.array(ActorMentionSchema) }).openapi('ActorDetail');

const Stored = { id: z.string(), sourceId: z.string(), caseId: z.string(), runId: z.string() };

/** A stored figure and where it came from. */
export const StoredFigureSchema = FigureSchema.extend(Stored).openapi('StoredFigure');

/** A stored place and where it came from. */
export const StoredPlaceSchema = PlaceSchema.extend(Stored).openapi('StoredPlace');

/** One source's outcome of a re-extraction (`id` is the source id). */
export const ProcessResultSchema = z
  .object({
    id: z.string(),
    status: z.enum(['ok', 'error', 'skipped']),
    error: z.string().optional(),
    value: z
      .object({
        runId: z.string(),
        extractorVersion: z.string(),
        attributions: z.number().int(),
        carriedReviews: z.number().int(),
        allegations: z.enum(['attached', 'failed']),
      })
      .optional(),
  })
  .openapi('ProcessResult');

/** The outcomes of a re-extraction, one per source. */
export const ReextractResultSchema = z.object({ items: z.array(ProcessResultSchema) }).openapi('ReextractResult');
