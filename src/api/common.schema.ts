import { z } from '@hono/zod-openapi';
import { CorroborateError } from '../errors.ts';

/** The error body of every failed request. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'forbidden' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).nullable(),
    }),
  })
  .openapi('Error');

const errorContent = { 'application/json': { schema: ErrorSchema } };

/** The error responses every authenticated route can give, for the OpenAPI document. */
export const errorResponses = {
  400: { description: 'Invalid input', content: errorContent },
  401: { description: 'Not signed in', content: errorContent },
  403: { description: 'Forbidden (role, token scope or CSRF)', content: errorContent },
  404: { description: 'Not found', content: errorContent },
} as const;

/**
 * A required JSON request body for `createRoute`.
 *
 * @example
 * request: { params: CaseParams, body: jsonBody(ReviewBody) }
 */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true as const };
}

/**
 * A JSON response for `createRoute`.
 *
 * @example
 * responses: { 201: jsonResponse('Created', CaseSchema), ...errorResponses }
 */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}

/**
 * The usual responses of a route: `200` with a JSON body, and the error responses.
 *
 * @example
 * responses: okJson('Source', SourceSchema)
 */
export function okJson<T extends z.ZodType>(description: string, schema: T) {
  return { 200: jsonResponse(description, schema), ...errorResponses };
}

/** `caseId` path parameter. */
export const CaseParams = z.object({
  caseId: z.string().min(1).max(200).openapi({ param: { name: 'caseId', in: 'path' }, example: 'mariupol-2022' }),
});

/** Cursor pagination query: an opaque `cursor` from the previous page and a `limit` (1–500, default 50). */
export const PageQuery = z.object({
  cursor: z.string().max(500).optional().openapi({ param: { name: 'cursor', in: 'query' } }),
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ param: { name: 'limit', in: 'query' } }),
});

/** A page of items with the cursor of the next page (null at the end). */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}

/** Encodes a pagination position as an opaque cursor. */
export function encodeCursor(position: Readonly<Record<string, string | number>>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; throws `invalid_input` on anything else. */
export function decodeCursor(cursor: string | undefined): Record<string, string | number> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, string | number>;
    }
  } catch {
    // fall through to the error below
  }
  throw new CorroborateError('invalid_input', 'cursor: not a cursor returned by this API');
}

/** A rationale for a review or decision: optional text up to 4,000 characters. */
export const Rationale = z.string().max(4000).optional();

/** `{ ok: true }`. */
export const OkSchema = z.object({ ok: z.literal(true) }).openapi('Ok');
