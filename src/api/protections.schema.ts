import { z } from '@hono/zod-openapi';
import { CaseParams } from './common.schema.ts';

/** A protection as listed; `terms` and the reason are redacted for callers without clearance. */
export const ProtectionSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    kind: z.enum(['source', 'actor', 'span']),
    objectId: z.string(),
    span: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
    terms: z.array(z.string()),
    reason: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('Protection');

/** Protect-request: a source, an actor, or a span of a source's normalised text, with a reason. */
export const CreateProtectionBody = z
  .object({
    kind: z.enum(['source', 'actor', 'span']),
    objectId: z.string().min(1).max(200).openapi({ description: 'Source id (source, span) or actor id (actor)' }),
    span: z.object({ start: z.number().int().min(0), end: z.number().int().min(1) }).optional(),
    reason: z.string().min(1).max(2000),
    terms: z
      .array(z.string().min(3).max(200))
      .max(50)
      .default([])
      .openapi({ description: 'Extra texts to scrub (e.g. spellings of a name) besides those derived from the object' }),
  })
  .openapi('CreateProtection');

/** `caseId` and `protectionId` path parameters. */
export const ProtectionParams = CaseParams.extend({
  protectionId: z.string().min(1).max(200).openapi({ param: { name: 'protectionId', in: 'path' } }),
});

/** The protections of a case. */
export const ProtectionList = z.object({ items: z.array(ProtectionSchema) }).openapi('ProtectionList');
