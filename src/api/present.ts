import type { ApiToken, Membership, User } from '../store/accounts.ts';
import type { Protection } from '../store/protection.ts';

/** Shapes a user for JSON (never the password hash). */
export function presentUser(user: User): User {
  return { id: user.id, name: user.name, admin: user.admin, disabled: user.disabled, createdAt: user.createdAt };
}

/** Shapes a membership for JSON. */
export function presentMembership(m: Membership): Membership {
  return {
    caseId: m.caseId,
    userId: m.userId,
    userName: m.userName,
    role: m.role,
    cleared: m.cleared,
    createdAt: m.createdAt,
  };
}

/** Shapes an API token for JSON (never its secret or hash). */
export function presentToken(t: ApiToken): ApiToken & { readonly cases: string[] | null } {
  return {
    id: t.id,
    userId: t.userId,
    name: t.name,
    cases: t.cases === null ? null : [...t.cases],
    permission: t.permission,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    lastUsedAt: t.lastUsedAt,
  };
}

/** Shapes a protection for JSON; its terms are the protected texts and are redacted for uncleared callers. */
export function presentProtection(p: Protection): {
  id: string;
  caseId: string;
  kind: Protection['kind'];
  objectId: string;
  span: { start: number; end: number } | null;
  terms: string[];
  reason: string;
  createdBy: string;
  createdAt: string;
} {
  return {
    id: p.id,
    caseId: p.caseId,
    kind: p.kind,
    objectId: p.objectId,
    span: p.span === null ? null : { start: p.span.start, end: p.span.end },
    terms: [...p.terms],
    reason: p.reason,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
  };
}
