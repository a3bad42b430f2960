import { z } from '@hono/zod-openapi';

/** An API token as listed (never its secret). */
export const TokenSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    cases: z.array(z.string()).nullable(),
    permission: z.enum(['read', 'write']),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

/** Create-token request: which cases (null = all the user can reach), read or write, optional expiry. */
export const CreateTokenBody = z
  .object({
    name: z.string().min(1).max(100),
    cases: z.array(z.string().min(1)).min(1).nullable().default(null),
    permission: z.enum(['read', 'write']).default('read'),
    expiresAt: z.iso.datetime().nullable().default(null),
  })
  .openapi('CreateToken');

/** The new token: `token` is shown once and cannot be retrieved again. */
export const NewTokenSchema = z.object({ token: z.string(), record: TokenSchema }).openapi('NewApiToken');

/** `tokenId` path parameter. */
export const TokenParams = z.object({
  tokenId: z.string().min(1).max(100).openapi({ param: { name: 'tokenId', in: 'path' } }),
});

/** A user's tokens. */
export const TokenList = z.object({ items: z.array(TokenSchema) }).openapi('ApiTokenList');
