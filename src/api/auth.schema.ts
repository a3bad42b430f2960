import { z } from '@hono/zod-openapi';

/** A user as the API shows it. */
export const UserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    admin: z.boolean(),
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('User');

/** A case membership as the API shows it. */
export const MembershipSchema = z
  .object({
    caseId: z.string(),
    userId: z.string(),
    userName: z.string(),
    role: z.enum(['viewer', 'analyst', 'lead']),
    cleared: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Membership');

/** Sign-in request. */
export const LoginBody = z
  .object({ name: z.string().min(1).max(128), password: z.string().min(1).max(1024) })
  .openapi('LoginRequest');

/** Sign-in response: the CSRF token is also set in a readable cookie for the workspace to echo. */
export const LoginResponse = z
  .object({ user: UserSchema, csrfToken: z.string(), expiresAt: z.string() })
  .openapi('LoginResponse');

/** The signed-in caller. */
export const MeResponse = z
  .object({
    user: UserSchema,
    via: z.enum(['session', 'token']),
    memberships: z.array(MembershipSchema),
    token: z
      .object({ id: z.string(), cases: z.array(z.string()).nullable(), permission: z.enum(['read', 'write']) })
      .nullable(),
  })
  .openapi('Me');
