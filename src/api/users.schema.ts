import { z } from '@hono/zod-openapi';
import { UserSchema } from './auth.schema.ts';

/** Create-account request (administrators). There is no default password. */
export const CreateUserBody = z
  .object({ name: z.string().min(2).max(64), password: z.string().min(12).max(1024), admin: z.boolean().default(false) })
  .openapi('CreateUser');

/** Change-account request (administrators): disable/enable or set a new password. */
export const UpdateUserBody = z
  .object({ disabled: z.boolean().optional(), password: z.string().min(12).max(1024).optional() })
  .openapi('UpdateUser');

/** `userId` path parameter (id or name). */
export const UserParams = z.object({
  userId: z.string().min(1).max(200).openapi({ param: { name: 'userId', in: 'path' } }),
});

/** The list of accounts. */
export const UserList = z.object({ items: z.array(UserSchema) }).openapi('UserList');
