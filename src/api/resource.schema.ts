import { z } from '@hono/zod-openapi';
import { CaseParams } from './common.schema.ts';

/**
 * Schemas shared by the case resources. Domain objects from the store are passed through their presenters;
 * the schemas name the fields clients rely on and allow added fields (the contract grows, never shrinks).
 */

/** A case. */
export const CaseSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    region: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Case');

/** Create-case request (administrators). */
export const CreateCaseBody = z
  .object({
    name: z.string().min(1).max(100),
    /** Make the caller lead of the new case (default true). */
    lead: z.boolean().default(true),
  })
  .openapi('CreateCase');

/** A source without its text. */
export const SourceSummarySchema = z
  .looseObject({
    id: z.string(),
    caseId: z.string(),
    sha256: z.string(),
    kind: z.string(),
    mediaType: z.string(),
    title: z.string().nullable(),
    outlet: z.string().nullable(),
    url: z.string().nullable(),
    published: z.string().nullable(),
    language: z.string(),
    createdAt: z.string(),
    extractionState: z.enum(['pending', 'extracted']).optional(),
  })
  .openapi('SourceSummary');

/** A source with its normalised text and captures. */
export const SourceSchema = SourceSummarySchema.extend({
  text: z.string(),
  textSha256: z.string(),
  captures: z.array(z.looseObject({ id: z.string(), capturedAt: z.string(), method: z.string() })),
}).openapi('Source');

/** `caseId` + `sourceId`. */
export const SourceParams = CaseParams.extend({
  sourceId: z.string().min(1).max(200).openapi({ param: { name: 'sourceId', in: 'path' } }),
});

/** `caseId` + `attributionId`. */
export const AttributionParams = CaseParams.extend({
  attributionId: z.string().min(1).max(200).openapi({ param: { name: 'attributionId', in: 'path' } }),
});

/** `caseId` + `actorId`. */
export const ActorParams = CaseParams.extend({
  actorId: z.string().min(1).max(200).openapi({ param: { name: 'actorId', in: 'path' } }),
});

/** `caseId` + `allegationId`. */
export const AllegationParams = CaseParams.extend({
  allegationId: z.string().min(1).max(200).openapi({ param: { name: 'allegationId', in: 'path' } }),
});

/** A loose JSON object (a domain object passed through). */
export const Loose = (name: string) => z.looseObject({}).openapi(name);

/** A page of loose items. */
export const LoosePage = (name: string) =>
  z.object({ items: z.array(z.looseObject({})), nextCursor: z.string().nullable() }).openapi(name);
