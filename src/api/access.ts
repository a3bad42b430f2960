import type { MiddlewareHandler } from 'hono';
import { CorroborateError } from '../errors.ts';
import { getMembership, roleRank } from '../store/accounts.ts';
import { listProtections } from '../store/protection.ts';
import { isSafeMethod } from './auth.ts';
import type { StoreCache } from './cache.ts';
import type { ApiEnv, Principal } from './context.ts';
import type { ApiDeps } from './deps.ts';
import { buildPolicy } from './redaction.ts';
import type { Access } from './route.ts';

/** The outcome of an access decision, for the guard and for tests generated from the route table. */
export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

/**
 * Pure access rule: may this principal (with this membership role on the case, if any) make this call?
 * `caseRole` is the caller's role on the case in the path (undefined when not a member).
 */
export function decide(
  access: Access,
  method: string,
  principal: Principal | undefined,
  caseId: string | undefined,
  caseRole: 'viewer' | 'analyst' | 'lead' | undefined,
): Decision {
  if (access.kind === 'public') return 'allow';
  if (principal === undefined) return 'unauthenticated';
  const { user, token } = principal;
  if (token !== undefined && token.permission === 'read' && !isSafeMethod(method)) return 'forbidden';
  if (access.kind === 'user') return 'allow';
  if (access.kind === 'admin') return user.admin ? 'allow' : 'forbidden';
  if (caseId === undefined) return 'forbidden';
  if (token !== undefined && token.cases !== null && !token.cases.includes(caseId)) return 'forbidden';
  if (user.admin) return 'allow';
  if (caseRole === undefined) return 'forbidden';
  return roleRank(caseRole) >= roleRank(access.role) ? 'allow' : 'forbidden';
}

/**
 * The one place roles are enforced: every route in the table is registered behind `guard(access)`.
 * For case routes it also resolves the caller's role, clearance and the case's redaction policy into
 * the `caseAccess` context variable that the finalizer uses. Memberships and compiled policies come from
 * the per-process `cache` (dropped on any write to the store).
 */
export function accessGuard(deps: ApiDeps, cache: StoreCache): (access: Access) => MiddlewareHandler<ApiEnv> {
  const db = deps.store.db;
  // `null` stands for "not a member": the cache keeps no undefined values.
  const membershipOf = async (caseId: string, userId: string) =>
    (await cache.get(`member:${JSON.stringify([caseId, userId])}`, async () => (await getMembership(db, caseId, userId)) ?? null)) ?? undefined;
  const policyOf = (caseId: string) => cache.get(`policy:${caseId}`, async () => buildPolicy(await listProtections(db, caseId)));
  return (access) => async (c, next) => {
    const principal = c.get('principal');
    const caseId = access.kind === 'case' ? c.req.param('caseId') : undefined;
    const membership =
      caseId !== undefined && principal !== undefined && !principal.user.admin
        ? await membershipOf(caseId, principal.user.id)
        : undefined;
    const decision = decide(access, c.req.method, principal, caseId, membership?.role);
    if (decision === 'unauthenticated') throw new CorroborateError('unauthorized', 'sign in or present an API token');
    if (decision === 'forbidden') {
      const what = caseId === undefined ? 'this action' : `this action on case ${caseId}`;
      throw new CorroborateError('forbidden', `${principal?.user.name ?? 'caller'} may not perform ${what}`);
    }
    if (caseId !== undefined && principal !== undefined) {
      c.set('caseAccess', {
        caseId,
        role: principal.user.admin ? 'admin' : (membership?.role ?? 'viewer'),
        cleared: principal.user.admin || membership?.cleared === true,
        policy: await policyOf(caseId),
      });
    }
    await next();
  };
}
