import { z } from '@hono/zod-openapi';
import { MembershipSchema } from './auth.schema.ts';
import { CaseParams } from './common.schema.ts';

/** `caseId` and `userId` path parameters. */
export const MemberParams = CaseParams.extend({
  userId: z.string().min(1).max(200).openapi({ param: { name: 'userId', in: 'path' } }),
});

/** Set-member request: role, and optionally clearance for protected material. */
export const SetMemberBody = z
  .object({ role: z.enum(['viewer', 'analyst', 'lead']), cleared: z.boolean().optional() })
  .openapi('SetMember');

/** Everyone on a case. */
export const MemberList = z.object({ items: z.array(MembershipSchema) }).openapi('MemberList');
