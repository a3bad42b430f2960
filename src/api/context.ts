import type { Logger } from 'pino';
import type { ApiToken, CaseRole, User } from '../store/accounts.ts';
import type { ActiveSession } from '../store/accounts.ts';
import type { RedactionPolicy } from './redaction.ts';

/** Who is calling: a signed-in browser session or an API token, and the user behind it. */
export interface Principal {
  readonly user: User;
  readonly via: 'session' | 'token';
  readonly session?: ActiveSession;
  readonly token?: ApiToken;
}

/** The caller's standing on the case named in the path, resolved once by the access middleware. */
export interface CaseAccess {
  readonly caseId: string;
  /** The case role, or `admin` for administrators (every case). */
  readonly role: CaseRole | 'admin';
  /** Whether protected material on this case is shown (and its reads logged) rather than redacted. */
  readonly cleared: boolean;
  /** The protections in force on the case, as a redaction policy (empty when there are none). */
  readonly policy: RedactionPolicy;
}

/** Request-scoped values carried in Hono's typed context: never globals. */
export interface ApiVariables {
  requestId: string;
  log: Logger;
  principal: Principal | undefined;
  caseAccess: CaseAccess | undefined;
  /** Set by a handler that has itself checked non-text bytes against protections (else they are refused). */
  binaryChecked: boolean;
  /** The JSON response as finished (redacted, escaped, tagged) by the finalizer, for the response cache. */
  finishedJson: FinishedJson | undefined;
}

/** A finished JSON response: what the response cache keeps and replays. */
export interface FinishedJson {
  readonly status: number;
  readonly body: Uint8Array<ArrayBuffer>;
  readonly headers: Readonly<Record<string, string | string[]>>;
  /** A cleared caller read protected material: each such read is logged, so it is never replayed. */
  readonly readProtected: boolean;
}

/** The Hono environment of the API app. */
export interface ApiEnv {
  Variables: ApiVariables;
}
