import { CorroborateError } from '../errors.ts';
import type { CaseAccess, Principal } from './context.ts';

/** The object if it exists and belongs to the case in the path; `not_found` otherwise (no cross-case reads). */
export function inCase<T extends { readonly caseId: string }>(
  value: T | null | undefined,
  caseId: string,
  what: string,
): T {
  if (value === null || value === undefined || value.caseId !== caseId) {
    throw new CorroborateError('not_found', `${what} not found in case ${caseId}`);
  }
  return value;
}

/** The signed-in caller and their standing on the path's case (set by the access guard). */
export function caller(principal: Principal | undefined, access: CaseAccess | undefined): { principal: Principal; access: CaseAccess; actor: string } {
  if (principal === undefined || access === undefined) throw new CorroborateError('unauthorized', 'sign in first');
  return { principal, access, actor: `api:${principal.user.name}` };
}
